import GenesysCloud

/// Drift as people read it: `path` file value → live value, by whom, when, which version.
public struct DriftTextRenderer: Sendable {
    public var style: ReportStyle

    public init(style: ReportStyle = ReportStyle()) {
        self.style = style
    }

    public func render(_ plan: Plan) -> String {
        var out: [String] = []
        for tenant in plan.tenants {
            out += renderTenant(tenant)
        }
        out.append("")
        out.append(summaryLine(plan))
        return out.joined(separator: "\n") + "\n"
    }

    func renderTenant(_ tenant: TenantPlan) -> [String] {
        let header = style.bold(tenant.tenant) + style.dim(" · \(tenant.region)")
        if let error = tenant.error { return [header + ": " + style.red("error: ") + error] }
        let drifted = tenant.changedObjects
        let ignored = tenant.objects.flatMap { object in (object.ignored ?? []).map { (object, $0) } }
        if drifted.isEmpty && ignored.isEmpty { return [header + ": in sync"] }
        var lines = [header + (drifted.isEmpty ? ": in sync" : ": " + style.yellow("drift"))]
        for object in drifted {
            lines += Self.describe(object, style: style).map { "  " + $0 }
        }
        for (object, change) in ignored {
            lines.append(
                "  " + style.dim(
                    "ignored: \(object.kind.displayName) \"\(object.name)\" \(change.path) \(style.value(change.after)) → \(style.value(change.before))"))
        }
        for warning in tenant.warnings { lines.append("  " + style.yellow("! ") + warning) }
        return lines
    }

    /// One object's drift lines, used by every drift format.
    static func describe(_ object: ObjectPlan, style: ReportStyle) -> [String] {
        var lines: [String] = []
        switch object.action {
        case .create:
            lines.append("\(object.kind.displayName) \"\(object.name)\" is missing from the org")
        case .delete:
            lines.append("\(object.kind.displayName) \"\(object.name)\" is in the org but in no file (prune would delete it)")
        case .update where object.onlyDerivedChanges:
            for change in object.changes {
                lines.append(
                    "\(object.kind.displayName) \"\(object.name)\": `\(change.path)` is \(style.value(change.before)); "
                        + "apply will make it \(style.value(change.after)) (follows the change above)")
            }
        case .update, .none:
            var title = "\(object.kind.displayName) \"\(object.name)\""
            if let who = attribution(object.lastChange) { title += ": changed " + who }
            lines.append(title)
            for change in object.changes {
                lines.append("    `\(change.path)` \(style.value(change.after)) → \(style.value(change.before))")
            }
        }
        return lines
    }

    /// "by Admin UI user, 2026-11-25 09:14 UTC, published as version 7".
    static func attribution(_ change: LastChange?) -> String? {
        guard let change else { return nil }
        var parts: [String] = []
        if let by = change.by { parts.append("by \(by)" + (change.byThisTool == true ? " (messengerctl's own client)" : "")) }
        if let at = change.at { parts.append(humanDate(at)) }
        if let version = change.publishedVersion { parts.append("published as version \(version)") }
        return parts.isEmpty ? nil : parts.joined(separator: ", ")
    }

    /// `2026-11-25T09:14:03.120Z` → `2026-11-25 09:14 UTC`.
    static func humanDate(_ iso: String) -> String {
        guard iso.count >= 16, iso.hasSuffix("Z") else { return iso }
        let chars = Array(iso)
        return String(chars[0..<10]) + " " + String(chars[11..<16]) + " UTC"
    }

    public func summaryLine(_ plan: Plan) -> String {
        let drifted = plan.tenants.filter(\.hasChanges).count
        let errors = plan.summary.tenantsWithErrors
        var line = "Drift: \(drifted) of \(plan.tenants.count) tenant\(plan.tenants.count == 1 ? "" : "s") drifted"
        line += ", \(Plural.count(plan.tenants.flatMap(\.changedObjects).count, "object"))"
        if errors > 0 { line += ", \(Plural.count(errors, "tenant")) could not be checked" }
        return line + "."
    }
}

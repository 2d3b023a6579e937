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
        if let error = tenant.error { return [header + ": " + style.red("error: ") + TerminalText.escape(error, keepingLineBreaks: true)] }
        let drifted = tenant.changedObjects
        let ignored = tenant.objects.flatMap { object in (object.ignored ?? []).map { (object, $0) } }
        // A referred object renamed in the org is not drift of the reference (it still names the same id),
        // but the file's name is now stale: said in sync or not.
        let renamed = (tenant.renamedReferences ?? []).map { "  " + style.yellow("! ") + TerminalText.escape($0) }
        if drifted.isEmpty && ignored.isEmpty { return [header + ": in sync"] + renamed }
        var lines = [header + (drifted.isEmpty ? ": in sync" : ": " + style.yellow("drift"))]
        for object in drifted {
            lines += Self.describe(object, style: style).map { "  " + $0 }
        }
        for (object, change) in ignored {
            lines.append(
                "  " + style.dim(
                    "ignored: \(object.kind.displayName) \"\(object.name)\" \(change.path) \(style.value(change.after)) → \(style.value(change.before))"))
        }
        lines += renamed
        for warning in tenant.warnings { lines.append("  " + style.yellow("! ") + TerminalText.escape(warning, keepingLineBreaks: true)) }
        return lines
    }

    /// One object's drift lines, used by every drift format. Each drifted field names its own
    /// changer (from the audit record that changed that field), or says the changer is unknown.
    static func describe(_ object: ObjectPlan, style: ReportStyle) -> [String] {
        var lines: [String] = []
        switch object.action {
        case .create:
            lines.append("\(object.kind.displayName) \"\(object.name)\" is missing from the org")
        case .delete:
            lines.append("\(object.kind.displayName) \"\(object.name)\" is in the org but in no file (prune would delete it)")
        case .update where object.onlyDerivedChanges:
            for change in object.changes {
                let follows = object.kind == .configuration ? "" : " (follows the change above)"
                lines.append("\(object.kind.displayName) \"\(object.name)\": " + pointer(change, style: style) + follows)
            }
        case .update, .none:
            lines.append("\(object.kind.displayName) \"\(object.name)\"")
            for change in object.changes {
                if FieldChange.derivedPaths.contains(change.path) {
                    lines.append("    " + pointer(change, style: style))
                    continue
                }
                var line = "    `\(change.path)` \(style.value(change.after)) → \(style.value(change.before))"
                if let draft = change.draft { line += " (unpublished draft: \(style.value(draft)))" }
                if let names = change.names { line += names.suffix(reversed: true) }
                if let who = attribution(change.attribution) { line += " — changed " + who }
                lines.append(line)
            }
        }
        return lines
    }

    /// A derived pointer (a deployment's configuration version, a group's schedules) as drift: what
    /// is live, and what apply will make it. A version apply has yet to publish does not exist, so it
    /// is never shown as a number.
    static func pointer(_ change: FieldChange, style: ReportStyle) -> String {
        if change.path == "version" && change.before == nil {
            return "no version is published; apply will publish one"
        }
        let live = "`\(change.path)` is \(style.value(change.before))"
        guard change.pendingPublish != true else {
            return live + "; apply will point it at the version it publishes"
        }
        return live + "; apply will make it \(style.value(change.after))"
    }

    /// "by Admin UI user, 2026-11-25 09:14 UTC, published as version 7 by GitOps CI (messengerctl's own client)".
    static func attribution(_ field: FieldAttribution?) -> String? {
        guard let field else { return nil }
        guard let by = field.by.map(printable) else {
            return "by unknown" + (field.unknownReason.map { " (\(printable($0)))" } ?? "")
        }
        var parts = ["by \(by)" + (field.byThisTool == true ? " (messengerctl's own client)" : "")]
        if let at = field.at { parts.append(humanDate(printable(at))) }
        if field.unpublished == true {
            parts.append("in the draft, not published")
        } else if field.action == "Publish" {
            parts.append(field.publishedVersion.map { "published as version \($0)" } ?? "published")
        } else if field.publishedBy != nil || field.publishedVersion != nil {
            var published = field.publishedVersion.map { "published as version \($0)" } ?? "published"
            if let publisher = field.publishedBy.map(printable), publisher != by || field.publishedByThisTool != field.byThisTool {
                published += " by \(publisher)" + (field.publishedByThisTool == true ? " (messengerctl's own client)" : "")
                if let at = field.publishedAt { published += ", \(humanDate(printable(at)))" }
            }
            parts.append(published)
        }
        return parts.joined(separator: ", ")
    }

    /// A name or text from the server as one safe line: control characters (which could move a
    /// terminal's cursor or forge a report line) are escaped, and the length is bounded.
    static func printable(_ text: String) -> String {
        let head = TerminalText.escape(String(String.UnicodeScalarView(text.unicodeScalars.prefix(200))))
        return text.unicodeScalars.count > 200 ? head + "…" : head
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

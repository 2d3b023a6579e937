import GenesysCloud

/// The Terraform-like text plan: `+ create`, `~ update`, `- delete`, one line per changed field.
public struct PlanTextRenderer: Sendable {
    public var style: ReportStyle
    /// Show which file, line and column set each wanted value (`plan --explain`).
    public var explain: Bool

    public init(style: ReportStyle = ReportStyle(), explain: Bool = false) {
        self.style = style
        self.explain = explain
    }

    public func render(_ plan: Plan) -> String {
        var out: [String] = []
        for tenant in plan.tenants {
            out += renderTenant(tenant)
        }
        let guards = guardLines(plan)
        if !guards.isEmpty {
            out.append("")
            out.append(style.yellow("Guards") + ": apply refuses these changes (exit 4) unless allowed:")
            out += guards.map { "  " + style.yellow("! ") + $0 }
        }
        out.append("")
        out.append(summaryLine(plan))
        return out.joined(separator: "\n") + "\n"
    }

    /// Every guard apply would trip, with the override that lets it through, so a reviewer sees it
    /// before merging. Drift reports are not applied and show none.
    public func guardLines(_ plan: Plan) -> [String] {
        guard plan.kind == nil || plan.kind == .plan else { return [] }
        return SafetyGuards().check(plan).map { violation in
            "guard \(violation.rule): \(violation) (--allow \(violation.rule), or --allow-risky)"
        }
    }

    func renderTenant(_ tenant: TenantPlan) -> [String] {
        let header = style.bold("\(tenant.tenant)") + style.dim(" · \(tenant.region) · \(tenant.file)")
        if let error = tenant.error {
            return [header, "  " + style.red("error: ") + TerminalText.escape(error, keepingLineBreaks: true)]
        }
        var lines = [header]
        let changed = tenant.changedObjects
        if changed.isEmpty {
            lines.append("  no changes (\(tenant.objects.count) objects in sync)")
        }
        for object in changed {
            lines += renderObject(object)
        }
        for object in tenant.objects {
            for ignored in object.ignored ?? [] {
                lines.append(
                    "  " + style.dim(
                        "ignored \(object.kind.displayName) \"\(object.name)\" \(ignored.path): "
                            + "\(style.value(ignored.before)) (file wants \(style.value(ignored.after)))"))
            }
        }
        for warning in (tenant.renamedReferences ?? []) + tenant.warnings {
            lines.append("  " + style.yellow("! ") + TerminalText.escape(warning, keepingLineBreaks: true))
        }
        return lines
    }

    func renderObject(_ object: ObjectPlan) -> [String] {
        let marker = ReportStyle.marker(object.action)
        var title = "\(marker) \(object.kind.displayName) \"\(TerminalText.escape(object.name))\""
        if object.kind == .configuration, object.publish == true, let version = object.expectedVersion {
            title += " (publishes version \(version))"
        }
        if object.action == .delete, let id = object.id { title += " (id \(id))" }
        var lines = ["  " + paint(title, object.action)]
        for change in object.changes {
            let m = ReportStyle.marker(change)
            var line = "      \(m) \(change.path): "
            switch m {
            case "+": line += style.value(change.after)
            case "-": line += style.value(change.before) + " → (absent)"
            default: line += "\(style.value(change.before)) → \(style.value(change.after))"
            }
            if let names = change.names { line += style.dim(names.suffix()) }
            if explain, let origin = change.origin {
                line += style.dim("  (set in \(origin))")
            }
            if let draft = change.draft {
                line += style.dim("  (unpublished draft has \(style.value(draft)))")
            }
            lines.append(line)
        }
        return lines
    }

    private func paint(_ s: String, _ action: PlanAction) -> String {
        switch action {
        case .create: style.green(s)
        case .update: style.yellow(s)
        case .delete: style.red(s)
        case .none: s
        }
    }

    public func summaryLine(_ plan: Plan) -> String {
        let s = plan.summary
        var line =
            "Plan: \(s.create) to create, \(s.update) to update, \(s.delete) to delete; "
            + "\(s.tenantsWithChanges) of \(s.tenants) tenant\(s.tenants == 1 ? "" : "s") to change"
        if s.tenantsWithErrors > 0 { line += ", \(s.tenantsWithErrors) with errors" }
        return line + "."
    }
}

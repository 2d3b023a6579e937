import GenesysCloud

/// The summary a markdown plan starts with, before any detail: the counts, the tenants with changes,
/// the guards apply would trip, and every colour change as `` `#RRGGBB` `` (GitHub draws a swatch
/// beside a colour in inline code, never inside a code block).
enum PlanSummaryMarkdown {
    /// Names listed before the rest are counted only, so the summary stays a summary.
    static let maximumNames = 30
    static let maximumColours = 20

    static func render(_ plan: Plan, guards: [String]) -> String {
        let s = plan.summary
        var out = "### Summary\n\n"
        out += "- **\(s.create)** to create, **\(s.update)** to update, **\(s.delete)** to delete; "
        out += "\(s.tenantsWithChanges) of \(Plural.count(s.tenants, "tenant")) \(Plural.verb(s.tenantsWithChanges, "changes", "change"))"
        out += s.tenantsWithErrors > 0 ? ", **\(s.tenantsWithErrors) with errors**.\n" : ".\n"
        let changed = plan.tenants.filter { $0.error == nil && $0.hasChanges }.map(\.tenant)
        out += "- Tenants with changes: " + (changed.isEmpty ? "none" : names(changed)) + "\n"
        let failed = plan.tenants.filter { $0.error != nil }.map(\.tenant)
        if !failed.isEmpty { out += "- Tenants that could not be planned: " + names(failed) + "\n" }
        out += guards.isEmpty
            ? "- Guards: none; apply would not be blocked.\n"
            : "- Guards: **\(guards.count)** that apply refuses (exit 4) unless allowed; listed below.\n"
        let colours = colourChanges(plan)
        if !colours.isEmpty {
            out += "- Colours:\n"
            for line in colours.prefix(maximumColours) { out += "  - \(line)\n" }
            if colours.count > maximumColours { out += "  - … and \(colours.count - maximumColours) more\n" }
        }
        return out + "\n"
    }

    static func names(_ list: [String]) -> String {
        let shown = list.prefix(maximumNames).map { PlanMarkdownRenderer.cell(PlanMarkdownRenderer.html($0)) }
        return shown.joined(separator: ", ") + (list.count > shown.count ? " and \(list.count - shown.count) more" : "")
    }

    /// `t1` configuration `support` `messenger.styles.primaryColor`: `#0052CC` → `#0B3D91`.
    static func colourChanges(_ plan: Plan) -> [String] {
        var lines: [String] = []
        for tenant in plan.tenants where tenant.error == nil {
            for object in tenant.changedObjects {
                for change in object.changes {
                    let before = colour(change.before)
                    let after = colour(change.after)
                    guard before != nil || after != nil else { continue }
                    let name = object.name.filter { $0 != "`" && $0 != "\n" }
                    lines.append(
                        "\(PlanMarkdownRenderer.html(tenant.tenant)) \(object.kind.displayName) `\(PlanMarkdownRenderer.html(name))` "
                            + "`\(change.path)`: \(before.map { "`\($0)`" } ?? "(absent)") → \(after.map { "`\($0)`" } ?? "(absent)")")
                }
            }
        }
        return lines
    }

    /// A `#rrggbb` value as `#RRGGBB`, the form GitHub draws a swatch for.
    static func colour(_ value: JSONValue?) -> String? {
        guard let text = value?.stringValue, JSONTree.isColour(text) else { return nil }
        return text.uppercased()
    }
}

import GenesysCloud

/// A plan as a pull-request comment: a summary table, then one collapsible section per tenant.
///
/// GitHub refuses comments over 65,536 characters, so sections are added whole while they fit and
/// the rest is named in a closing note: the markdown is never cut mid-structure.
public struct PlanMarkdownRenderer: Sendable {
    public static let githubCommentLimit = 65_536
    public var limit: Int
    /// A marker so a CI job can find and update its own comment instead of adding another.
    public static let commentMarker = "<!-- messengerctl-plan -->"
    /// Guard lines shown before the rest are counted only, so the comment stays readable.
    static let maximumGuardLines = 50

    public init(limit: Int = PlanMarkdownRenderer.githubCommentLimit) {
        self.limit = limit
    }

    public func render(_ plan: Plan, title: String = "messengerctl plan") -> String {
        let text = PlanTextRenderer()
        // The summary first (counts, tenants with changes, guards, colours), then the detail.
        let guards = text.guardLines(plan)
        var head = "\(Self.commentMarker)\n## \(title)\n\n" + PlanSummaryMarkdown.render(plan, guards: guards)
        if !guards.isEmpty {
            let shown = guards.prefix(Self.maximumGuardLines)
            var body = shown.map { "! " + $0 }.joined(separator: "\n")
            if guards.count > shown.count { body += "\n… and \(guards.count - shown.count) more" }
            let fence = Self.fence(for: body)
            head += "### ⚠️ Guards: apply refuses these changes (exit 4) unless allowed\n\n\(fence)text\n\(body)\n\(fence)\n\n"
        }

        let interesting = plan.tenants.filter { $0.hasChanges || $0.error != nil || !$0.warnings.isEmpty }
        var table = "| Tenant | Region | Create | Update | Delete | Status |\n|---|---|---:|---:|---:|---|\n"
        var sections: [String] = []
        for tenant in interesting {
            let objects = tenant.objects
            let status = tenant.error != nil ? "❌ error" : tenant.hasChanges ? "changes" : "⚠️ warnings"
            table +=
                "| \(Self.cell(tenant.tenant)) | \(Self.cell(tenant.region)) | \(objects.filter { $0.action == .create }.count) | "
                + "\(objects.filter { $0.action == .update }.count) | \(objects.filter { $0.action == .delete }.count) | \(status) |\n"
            let body = text.renderTenant(tenant).dropFirst().map(Self.diffLine).joined(separator: "\n")
            let fence = Self.fence(for: body)
            sections.append(
                "<details><summary><b>\(Self.html(tenant.tenant))</b> (\(Self.html(tenant.region))): "
                    + "\(tenant.error != nil ? "error" : "\(Plural.count(tenant.changedObjects.count, "object")) \(Plural.verb(tenant.changedObjects.count, "changes", "change"))")</summary>\n\n"
                    + "\(fence)diff\n\(body)\n\(fence)\n\n</details>\n")
        }
        let unchanged = plan.tenants.count - interesting.count
        if interesting.isEmpty {
            table = ""
        }
        let footer = unchanged > 0 ? "\n\(Plural.count(unchanged, "tenant")) unchanged.\n" : ""
        return Self.assemble(head: head, table: table, sections: sections, footer: footer, limit: limit)
    }

    /// Head, table and as many whole sections as fit under `limit`, then `footer`; what is left out
    /// is named, so a long report is never cut mid-structure. Shared by the plan and drift comments.
    static func assemble(
        head: String, table: String, sections: [String], footer: String, limit: Int,
        fullReport: String = "the full plan is in the JSON plan (`--out`)"
    ) -> String {
        var out = head
        var table = table
        let reserve = 400 + footer.count
        // The table is cut by whole rows if even it is too long.
        if out.count + table.count + reserve > limit {
            var rows = table.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            while !rows.isEmpty && out.count + rows.joined(separator: "\n").count + reserve > limit { rows.removeLast() }
            table = rows.joined(separator: "\n") + "\n"
            out += table + "\n_The table is truncated: \(fullReport)._\n"
            return out + footer
        }
        out += table + "\n"
        var shown = 0
        for section in sections {
            if out.count + section.count + reserve > limit { break }
            out += section + "\n"
            shown += 1
        }
        if shown < sections.count {
            out +=
                "_\(Plural.count(sections.count - shown, "tenant section")) left out to stay under GitHub's "
                + "\(limit)-character comment limit; \(fullReport)._\n"
        }
        return out + footer
    }

    /// A text-plan line with its `+`/`-`/`~` marker moved to the first column, where GitHub's `diff`
    /// highlighting looks for it; the indentation follows the marker.
    static func diffLine(_ line: String) -> String {
        let indent = line.prefix { $0 == " " }.count
        let rest = line.dropFirst(indent)
        guard let marker = rest.first, "+-~".contains(marker), rest.dropFirst().first == " " else { return line }
        return String(marker) + String(repeating: " ", count: indent) + rest.dropFirst()
    }

    /// A code fence longer than any backtick run in the body, so values cannot close it.
    static func fence(for body: String) -> String {
        var longest = 0
        var run = 0
        for ch in body {
            run = ch == "`" ? run + 1 : 0
            longest = max(longest, run)
        }
        return String(repeating: "`", count: max(3, longest + 1))
    }

    static func cell(_ s: String) -> String {
        s.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
    }

    static func html(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
    }
}

import GenesysCloud

/// Drift as an issue or pull-request comment: a table of the tenants that drifted, then one
/// collapsible section per tenant with every drifted field, who changed it and when.
///
/// It starts with its own marker, not the plan's, so a CI job can find and update the drift
/// comment without touching the plan comment of the same pull request (and the other way round).
public struct DriftMarkdownRenderer: Sendable {
    public static let commentMarker = "<!-- messengerctl-drift -->"
    public var limit: Int

    public init(limit: Int = PlanMarkdownRenderer.githubCommentLimit) {
        self.limit = limit
    }

    public func render(_ plan: Plan, title: String = "messengerctl drift") -> String {
        let text = DriftTextRenderer(style: ReportStyle())
        let drifted = plan.tenants.filter { $0.error == nil && $0.hasChanges }.count
        let errors = plan.summary.tenantsWithErrors
        var head = "\(Self.commentMarker)\n## \(title)\n\n"
        head += "**\(drifted)** of \(plan.tenants.count) tenants drifted"
        head += errors > 0 ? ", **\(errors) could not be checked**.\n\n" : ".\n\n"
        head += "_Checked \(DriftTextRenderer.humanDate(plan.generatedAt)). Each field shows the file's value → the live value, "
        head += "and who changed it and when, from the org's audit log._\n\n"

        // A referred object renamed in the org is no drift, but the file's name for it is stale: shown as the text report does.
        let interesting = plan.tenants.filter {
            $0.hasChanges || $0.error != nil || !$0.warnings.isEmpty || $0.hasIgnoredDrift || !($0.renamedReferences ?? []).isEmpty
        }
        var table = "| Tenant | Region | Drifted objects | Status |\n|---|---|---:|---|\n"
        var sections: [String] = []
        for tenant in interesting {
            let status = tenant.error != nil ? "❌ error" : tenant.hasChanges ? "⚠️ drift" : "in sync"
            table +=
                "| \(PlanMarkdownRenderer.cell(tenant.tenant)) | \(PlanMarkdownRenderer.cell(tenant.region)) | "
                + "\(tenant.changedObjects.count) | \(status) |\n"
            let body = text.renderTenant(tenant).dropFirst().joined(separator: "\n")
            let fence = PlanMarkdownRenderer.fence(for: body)
            let summary = tenant.error != nil ? "could not be checked" : "\(Plural.count(tenant.changedObjects.count, "object")) drifted"
            sections.append(
                "<details><summary><b>\(PlanMarkdownRenderer.html(tenant.tenant))</b> "
                    + "(\(PlanMarkdownRenderer.html(tenant.region))): \(summary)</summary>\n\n"
                    + "\(fence)text\n\(tenant.error.map { "error: \($0)" } ?? body)\n\(fence)\n\n</details>\n")
        }
        let inSync = plan.tenants.count - interesting.count
        if interesting.isEmpty { table = "" }
        let footer = inSync > 0 ? "\n\(Plural.count(inSync, "tenant")) in sync.\n" : ""
        return PlanMarkdownRenderer.assemble(
            head: head, table: table, sections: sections, footer: footer, limit: limit,
            fullReport: "the full report is `messengerctl drift --format json`")
    }
}

extension TenantPlan {
    /// Whether a field listed under `ignore:` has drifted (reported, never hidden).
    var hasIgnoredDrift: Bool { objects.contains { !($0.ignored ?? []).isEmpty } }
}

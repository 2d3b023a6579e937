import GenesysCloud

/// A plan as one self-contained HTML page: the summary (counts, tenants with changes, guards), then
/// each tenant's changes with the Messenger before and after, side by side, for every configuration
/// the plan changes. Like the drift page: inline CSS and SVG, no script, nothing fetched.
public struct PlanHTMLRenderer: Sendable {
    /// Each tenant's policy (`contrastWith`, `minContrast`), by tenant name, for the previews.
    public var policies: [String: Policy]

    public init(policies: [String: Policy] = [:]) {
        self.policies = policies
    }

    public func render(_ plan: Plan, title: String = "messengerctl plan") -> String {
        let text = PlanTextRenderer()
        let s = plan.summary
        var body = "<h1>\(HTMLText.escape(title))</h1>\n"
        body += "<p class=\"meta\">Planned \(HTMLText.escape(DriftTextRenderer.humanDate(plan.generatedAt))).</p>\n"
        body += "<p class=\"counts\" id=\"counts\"><span><b>\(s.create)</b> to create</span> <span><b>\(s.update)</b> to update</span> "
        body += "<span><b>\(s.delete)</b> to delete</span> <span><b>\(s.tenantsWithChanges)</b> of \(s.tenants) tenants change</span>"
        if s.tenantsWithErrors > 0 { body += " <span class=\"error\"><b>\(s.tenantsWithErrors)</b> with errors</span>" }
        body += "</p>\n"
        let guards = text.guardLines(plan)
        if guards.isEmpty {
            body += "<p>Guards: none; apply would not be blocked.</p>\n"
        } else {
            body += "<h2>Guards: apply refuses these changes (exit 4) unless allowed</h2>\n<pre>"
            body += HTMLText.escape(guards.map { "! " + $0 }.joined(separator: "\n"), limit: 100_000) + "</pre>\n"
        }
        body += "<h2>Tenants</h2>\n"
        for tenant in plan.tenants {
            let changed = tenant.changedObjects.count
            let state = tenant.error != nil ? "<span class=\"error\">error</span>" : changed > 0 ? "\(Plural.count(changed, "object")) to change" : "no changes"
            body += "<details\(tenant.hasChanges || tenant.error != nil ? " open" : "") id=\"tenant-\(HTMLText.anchor(tenant.tenant))\">"
            body += "<summary>\(HTMLText.escape(tenant.tenant)) · \(HTMLText.escape(tenant.region)) · \(state)</summary>\n"
            let lines = text.renderTenant(tenant).dropFirst().joined(separator: "\n")
            body += "<pre>\(HTMLText.escape(lines, limit: 200_000))</pre>\n"
            body += PreviewPairs.html(
                PreviewPairs.pairs(tenant, policy: policies[tenant.tenant] ?? Policy(), beforeLabel: "before", afterLabel: "after"),
                beforeLabel: "before", afterLabel: "after")
            body += "</details>\n"
        }
        return HTMLText.page(title: title, body: body)
    }
}

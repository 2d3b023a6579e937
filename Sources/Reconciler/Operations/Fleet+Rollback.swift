import GenesysCloud

extension Fleet {
    /// Points a deployment back at an earlier published version of its configuration (Genesys keeps
    /// every published version, reference §3.5 item 1), with the same precondition check as apply.
    ///
    /// - Returns: the one-object plan that was applied, and its report.
    public func rollback(tenant: Tenant, deployment name: String, toVersion version: Int, options: ApplyOptions = ApplyOptions())
        async -> (plan: TenantPlan, report: TenantApplyReport)
    {
        var plan = TenantPlan.empty(for: tenant)
        do {
            let client = try context.client(region: tenant.region, credentials: plan.credentials)
            try await client.verifyOrganization(tenant.organizationId)
            let deployments = try await client.listDeployments().filter { $0.fields["name"]?.stringValue == name }
            guard deployments.count == 1, let live = deployments.first.map({ JSONValue.object($0.fields) }),
                live["id"]?.stringValue != nil
            else {
                throw ReconcilerError(
                    deployments.isEmpty
                        ? "no deployment named `\(name)` in \(tenant.name)'s org"
                        : "deployment name `\(name)` matches \(deployments.count) deployments")
            }
            guard let configurationId = live["configuration"]?["id"]?.stringValue else {
                throw ReconcilerError("deployment `\(name)` names no configuration")
            }
            let versions = try await client.configurationVersions(id: configurationId)
            guard versions.contains(where: { $0.fields["version"]?.stringValue == String(version) }) else {
                let known = versions.compactMap { $0.fields["version"]?.stringValue }.filter { Int($0) != nil }
                throw ReconcilerError(
                    "configuration \(configurationId) has no published version \(version) (it has \(known.joined(separator: ", ")))")
            }
            let configurationName = live["configuration"]?["name"]?.stringValue ?? configurationId
            plan.objects = Planner.rollback(
                deployment: live, configurationName: configurationName, configurationId: configurationId, to: version)
        } catch {
            plan.error = TenantApplier.describe(error)
            plan.failure = ReportedError(error)
            var report = TenantApplyReport(tenant: tenant.name, region: tenant.region, error: plan.error)
            report.failure = plan.failure
            return (plan, report)
        }
        return (plan, await applyTenant(plan, options: options))
    }
}

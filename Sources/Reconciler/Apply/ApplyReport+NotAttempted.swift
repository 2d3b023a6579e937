import Foundation

extension ApplyReport {
    /// The report of an apply that stopped before its first write (Ctrl-C while planning or before the
    /// first step): every change of the plan is listed as not attempted, with `reason`, so a CI job
    /// that reads the report file sees that nothing was written rather than finding no file at all.
    public static func nothingAttempted(_ plan: Plan, reason: String, at date: Date = Date()) -> ApplyReport {
        let tenants = plan.tenants.filter(\.hasChanges).map { tenant in
            TenantApplyReport(
                tenant: tenant.tenant, region: tenant.region,
                objects: tenant.changedObjects.map { object in
                    ObjectApplyResult(kind: object.kind, name: object.name, action: object.action, outcome: .notAttempted, reason: reason)
                })
        }
        let stamp = Fleet.timestamp(date)
        return ApplyReport(startedAt: stamp, finishedAt: stamp, tenants: tenants)
    }
}

import Foundation

/// `messengerctl report merge`: combines the JSON plans (or drift reports) of several shards into one.
public enum ReportMerge {
    /// Merges plans; a tenant that appears in two inputs is an error (shards must not overlap).
    public static func merge(_ plans: [Plan]) throws(ReconcilerError) -> Plan {
        var seen: Set<String> = []
        var tenants: [TenantPlan] = []
        for plan in plans {
            for tenant in plan.tenants {
                guard seen.insert(tenant.tenant).inserted else {
                    throw ReconcilerError("tenant `\(tenant.tenant)` appears in more than one input; shards overlap")
                }
                tenants.append(tenant)
            }
        }
        let generatedAt = plans.map(\.generatedAt).min() ?? ""
        var merged = Plan(generatedAt: generatedAt, tenants: tenants.sorted { $0.tenant < $1.tenant })
        // Files from before `kind` existed are plans. A mix stays readable but can never be applied.
        let kinds = Set(plans.map { $0.kind ?? .plan })
        merged.kind = kinds.count == 1 ? kinds.first : .mixed
        return merged
    }
}

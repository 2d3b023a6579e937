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
        // Drift only when every input is a drift report; a plan among them makes the whole a plan.
        let kind: PlanKind? = !plans.isEmpty && plans.allSatisfy { $0.kind == .drift } ? .drift : nil
        return Plan(generatedAt: generatedAt, tenants: tenants.sorted { $0.tenant < $1.tenant }, kind: kind)
    }
}

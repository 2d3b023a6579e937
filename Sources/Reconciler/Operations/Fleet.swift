import Foundation
import GenesysCloud

/// Runs plan and apply over many tenants at once, each tenant independent of the others: one
/// tenant's failure is reported with it and never stops the rest.
public struct Fleet: Sendable {
    public let context: ReconcilerContext

    public init(context: ReconcilerContext) {
        self.context = context
    }

    /// Progress of a long run, for a terminal progress line.
    public struct Progress: Sendable {
        public var done: Int
        public var total: Int
        public var tenant: String
    }

    /// Plans every tenant (reads only). With `attribute`, each changed object also says who last
    /// changed it, from the audit log (drift reports). With `removeDuplicates`, live objects that share
    /// a managed object's name (the one ``DuplicateRule`` keeps) are planned for deletion.
    public func plan(
        _ tenants: [Tenant], attribute: Bool = false, removeDuplicates: Bool = false,
        progress: (@Sendable (Progress) -> Void)? = nil
    ) async -> Plan {
        let started = Date()
        let plans = await forEach(tenants, name: \.name, progress: progress) { tenant in
            await planTenant(tenant, attribute: attribute, removeDuplicates: removeDuplicates)
        }
        return Plan(generatedAt: Self.timestamp(started), tenants: plans, kind: attribute ? .drift : nil)
    }

    /// Applies a plan; tenants without changes cost no request at all.
    public func apply(
        _ plan: Plan, options: ApplyOptions = ApplyOptions(), progress: (@Sendable (Progress) -> Void)? = nil
    ) async -> ApplyReport {
        let started = Date()
        let reports = await forEach(plan.tenants.filter(\.hasChanges), name: \.tenant, progress: progress) { tenant in
            await applyTenant(tenant, options: options)
        }
        return ApplyReport(startedAt: Self.timestamp(started), finishedAt: Self.timestamp(Date()), tenants: reports)
    }

    func planTenant(_ tenant: Tenant, attribute: Bool = false, removeDuplicates: Bool = false) async -> TenantPlan {
        var result = TenantPlan.empty(for: tenant)
        do {
            let client = try context.client(region: tenant.region, credentials: result.credentials)
            // The org check and the reads go out together (reads change nothing); the check is awaited
            // first, so a wrong org is what is reported and nothing read from it is ever planned against.
            async let verified: Void = client.verifyOrganization(tenant.organizationId)
            async let reading = LiveState.read(client: client, for: tenant)
            try await verified
            // Names in the file are looked up in this org while its objects are read (reference §8); only
            // after the org check, since the catalog is kept by organization id for every tenant of it.
            let catalog = context.referenceCatalogs.catalog(region: tenant.region, organizationId: tenant.organizationId, client: client)
            let resolver = ReferenceResolver(tenant: tenant)
            async let lookup = resolver.lookUp(catalog: catalog)
            let live = try await reading
            let resolution = try resolver.finish(try await lookup, live: live)
            let planned = try Planner(tenant: resolution.tenant, removeDuplicates: removeDuplicates).plan(live: live)
            result.objects = planned.objects
            result.warnings = planned.warnings
            result.renamedReferences = resolution.warnings.isEmpty ? nil : resolution.warnings
            result.references = resolution.resolved.isEmpty ? nil : resolution.resolved
            await ReferenceNaming.annotate(&result.objects, catalog: catalog)
            if attribute {
                let attribution = Attribution(
                    client: client, ownClientId: context.environment(tenant.credentials.clientIdEnv), now: Date())
                for index in result.objects.indices
                where result.objects[index].action == .update && !result.objects[index].onlyDerivedChanges {
                    let object = result.objects[index]
                    await attribution.attribute(&result.objects[index], live: live.object(kind: object.kind, id: object.id))
                }
            }
        } catch {
            result.error = TenantApplier.describe(error)
            result.failure = ReportedError(error)
        }
        return result
    }

    func applyTenant(_ plan: TenantPlan, options: ApplyOptions) async -> TenantApplyReport {
        var report = TenantApplyReport(tenant: plan.tenant, region: plan.region)
        // Stopped (Ctrl-C, SIGTERM) before this tenant began: not a single request more.
        if options.stop.isRaised {
            report.objects = plan.changedObjects.map {
                ObjectApplyResult(
                    kind: $0.kind, name: $0.name, action: $0.action, outcome: .notAttempted,
                    reason: "interrupted before this step")
            }
            return report
        }
        do {
            let client = try context.client(region: plan.region, credentials: plan.credentials)
            // The org check comes before any write (issue: "before anything is written").
            try await client.verifyOrganization(plan.organizationId)
            let applier = TenantApplier(
                plan: plan, client: client, options: options, activationTimeout: context.activationTimeout)
            report.objects = await applier.apply()
        } catch {
            report.error = TenantApplier.describe(error)
            report.failure = ReportedError(error)
            report.objects = plan.changedObjects.map {
                ObjectApplyResult(
                    kind: $0.kind, name: $0.name, action: $0.action, outcome: .notAttempted,
                    reason: "tenant failed before this step")
            }
        }
        return report
    }

    /// Runs `body` for each element with at most `context.concurrency` at once, keeping input order.
    private func forEach<Element: Sendable, Result: Sendable>(
        _ elements: [Element], name: KeyPath<Element, String> & Sendable, progress: (@Sendable (Progress) -> Void)?,
        _ body: @escaping @Sendable (Element) async -> Result
    ) async -> [Result] {
        await withTaskGroup(of: (Int, Result).self) { group in
            var results = [Result?](repeating: nil, count: elements.count)
            var next = 0
            var done = 0
            func launch() {
                let index = next
                let element = elements[index]
                group.addTask { (index, await body(element)) }
                next += 1
            }
            while next < min(context.concurrency, elements.count) { launch() }
            while let (index, result) = await group.next() {
                results[index] = result
                done += 1
                progress?(Progress(done: done, total: elements.count, tenant: elements[index][keyPath: name]))
                if next < elements.count { launch() }
            }
            return results.map { $0! }
        }
    }

    static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: date)
    }
}

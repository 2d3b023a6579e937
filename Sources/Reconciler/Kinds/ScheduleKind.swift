import GenesysCloud

/// Architect schedules, from a file's `availability` (one per open window and per closed date). The
/// API locks them with an integer `version` (reference §3.3, §5.4).
enum ScheduleKind: ManagedKind {
    static let kind = ObjectKind.schedule
    static let order = 2
    static let displayName = "schedule"
    static let fileSection: String? = "availability"
    static let serverOwned = ServerOwnedFields.architect
    // reference §3.2 / §7.1 (UNVERIFIED): Architect schedules are assumed under `Architect` (the servicemapping endpoint is authoritative).
    static let auditService: String? = "Architect"
    static let versionLocked = true

    /// Read only for a file with `availability` (or `prune`), so a tenant without it costs no Architect reads.
    static func isRead(for tenant: Tenant) -> Bool { !tenant.availability.isEmpty || tenant.prune }
    static func list(_ client: GenesysCloudClient) async throws(GenesysError) -> [[String: JSONValue]] {
        try await client.listSchedules().map(\.fields)
    }
    static func read(_ client: GenesysCloudClient, id: String) async throws(GenesysError) -> JSONValue {
        .object(try await client.schedule(id: id).fields)
    }
    static func delete(_ client: GenesysCloudClient, id: String) async throws(GenesysError) {
        try await client.deleteSchedule(id: id)
    }

    /// Built from `availability`'s sugar: no one line of the file writes a schedule.
    static func fileKey(_ name: String) -> FieldPath? { nil }

    static func desiredObjects(in tenant: Tenant) -> [(name: String, fields: JSONValue)] {
        tenant.availability.flatMap { AvailabilityMapping.schedules(for: $0).map { ($0.name, $0.fields) } }
    }

    /// Only schedules whose name says an availability entry of this file owns them: an org's other
    /// schedules (IVRs, sites) are never touched.
    static func prunable(_ name: String, tenant: Tenant) -> Bool {
        let desired = Set(desiredObjects(in: tenant).map(\.name))
        return !desired.contains(name) && tenant.availability.contains { AvailabilityMapping.owns(name, availability: $0) }
    }

    static func plan(_ planner: Planner, _ context: inout PlanningContext) throws(ReconcilerError) -> [ObjectPlan] {
        planner.tenant.availability.flatMap { planner.planSchedules(of: $0, &context) }
    }

    static func apply(_ object: ObjectPlan, _ applier: TenantApplier, _ progress: inout TenantApplier.Progress) async
        -> ObjectApplyResult
    {
        await applier.applySchedule(object, &progress)
    }
}

extension LiveState {
    var schedules: [Schedule] {
        get { self[.schedule, as: Schedule.self] }
        set { self[.schedule, as: Schedule.self] = newValue }
    }
}

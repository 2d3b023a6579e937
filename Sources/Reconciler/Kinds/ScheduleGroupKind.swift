import GenesysCloud
import YAML

/// Architect schedule groups, one per `availability` entry, listing its schedules by id; locked
/// with an integer `version` (reference §3.3, §5.4).
enum ScheduleGroupKind: ManagedKind {
    static let kind = ObjectKind.scheduleGroup
    static let order = 3
    static let displayName = "schedule group"
    static let fileSection: String? = "availability"
    static let serverOwned = ServerOwnedFields.architect
    // reference §3.2 / §7.1 (UNVERIFIED): Architect schedule groups are assumed under `Architect` (the servicemapping endpoint is authoritative).
    static let auditService: String? = "Architect"
    static let versionLocked = true

    static func isRead(for tenant: Tenant) -> Bool { ScheduleKind.isRead(for: tenant) }
    static func list(_ client: GenesysCloudClient) async throws(GenesysError) -> [[String: JSONValue]] {
        try await client.listScheduleGroups().map(\.fields)
    }
    static func read(_ client: GenesysCloudClient, id: String) async throws(GenesysError) -> JSONValue {
        .object(try await client.scheduleGroup(id: id).fields)
    }
    static func delete(_ client: GenesysCloudClient, id: String) async throws(GenesysError) {
        try await client.deleteScheduleGroup(id: id)
    }

    /// Built from `availability`'s sugar: its fields have no one line in the file.
    static func fileKey(_ name: String) -> FieldPath? { nil }

    static func desiredObjects(in tenant: Tenant) -> [(name: String, fields: JSONValue)] {
        tenant.availability.map { let group = AvailabilityMapping.group(for: $0); return (group.name, group.fields) }
    }

    /// Never pruned: a group may serve IVRs and sites (reference §3.3: one in use cannot be deleted anyway).
    static func prunable(_ name: String, tenant: Tenant) -> Bool { false }

    /// Groups with their schedules, folded back into `availability` (the schedules have no section of their own).
    static func export(_ live: LiveState, with exporter: Exporter, references: ReferenceNaming.Table, notes: inout [String])
        -> [YAMLNode]
    {
        exporter.exportAvailability(live, notes: &notes)
    }

    static func plan(_ planner: Planner, _ context: inout PlanningContext) throws(ReconcilerError) -> [ObjectPlan] {
        let schedules = context.planned(.schedule)
        return planner.tenant.availability.map { planner.planGroup(of: $0, schedules: schedules, &context) }
    }

    static func apply(_ object: ObjectPlan, _ applier: TenantApplier, _ progress: inout TenantApplier.Progress) async
        -> ObjectApplyResult
    {
        await applier.applyGroup(object, &progress)
    }
}

extension LiveState {
    var scheduleGroups: [ScheduleGroup] {
        get { self[.scheduleGroup, as: ScheduleGroup.self] }
        set { self[.scheduleGroup, as: ScheduleGroup.self] = newValue }
    }
}

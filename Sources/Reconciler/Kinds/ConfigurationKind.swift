import GenesysCloud
import YAML

/// Web deployment configurations: draft → Active → publish (reference §3.5), no lock on drafts
/// (reference §5.4), so the precondition is `dateModified` with a fingerprint of the managed fields.
enum ConfigurationKind: ManagedKind {
    static let kind = ObjectKind.configuration
    static let order = 0
    static let displayName = "configuration"
    static let fileSection: String? = "configurations"
    static let serverOwned = ServerOwnedFields.configuration
    // reference §3.2 / §7.1 (UNVERIFIED): web deployment changes are audited under `WebDeployments`.
    static let auditService: String? = "WebDeployments"

    /// The drafts, and the latest published version of each.
    static func readLive(_ client: GenesysCloudClient) async throws(GenesysError) -> LiveState {
        let drafts = try await client.listConfigurations()
        let published = try await GenesysError.typed { try await LiveState.latestPublished(client: client, of: drafts) }
        return LiveState(objects: [kind: drafts.map(\.fields)], published: published)
    }
    static func list(_ client: GenesysCloudClient) async throws(GenesysError) -> [[String: JSONValue]] {
        try await client.listConfigurations().map(\.fields)
    }
    static func read(_ client: GenesysCloudClient, id: String) async throws(GenesysError) -> JSONValue {
        .object(try await client.configurationDraft(id: id).fields)
    }
    static func delete(_ client: GenesysCloudClient, id: String) async throws(GenesysError) {
        try await client.deleteConfiguration(id: id)
    }

    /// Someone's unpublished edits: fields where the draft differs from the latest published version,
    /// except those the file manages (the write overwrites them). Publishing would ship them
    /// (DESIGN.md "Versions and concurrency"); plan warns, apply refuses, export notes them.
    static func unpublishedEdits(draft: JSONValue, published: JSONValue, managing managed: JSONValue?) -> [String] {
        let managedLeaves = JSONTree.leaves(of: managed ?? .object([:])).map { FieldPath($0.path) }
        return JSONTree.differingPaths(
            JSONTree.removing(serverOwned, from: draft), JSONTree.removing(serverOwned, from: published)
        ).filter { path in !managedLeaves.contains { $0.encloses(path) } }.map(\.text)
    }

    static func desiredObjects(in tenant: Tenant) -> [(name: String, fields: JSONValue)] {
        tenant.configurations.map { ($0.name, .object($0.fields)) }
    }

    static func export(_ live: LiveState, with exporter: Exporter, references: ReferenceNaming.Table, notes: inout [String])
        -> [YAMLNode]
    {
        exporter.exportConfigurations(live, references: references, notes: &notes)
    }

    static func plan(_ planner: Planner, _ context: inout PlanningContext) throws(ReconcilerError) -> [ObjectPlan] {
        var plans: [ObjectPlan] = []
        for desired in planner.tenant.configurations {
            plans.append(try planner.planConfiguration(desired, &context))
        }
        return plans
    }

    static func apply(_ object: ObjectPlan, _ applier: TenantApplier, _ progress: inout TenantApplier.Progress) async
        -> ObjectApplyResult
    {
        await applier.applyConfiguration(object, &progress)
    }
}

extension LiveState {
    /// Configuration drafts (reference §3.1 #1: the listing is "View configuration drafts").
    var configurations: [ConfigurationVersion] {
        get { self[.configuration, as: ConfigurationVersion.self] }
        set { self[.configuration, as: ConfigurationVersion.self] = newValue }
    }
}

import GenesysCloud
import YAML

/// Web deployments: point at a published configuration version, no lock (reference §5.4).
enum DeploymentKind: ManagedKind {
    static let kind = ObjectKind.deployment
    static let order = 1
    static let displayName = "deployment"
    static let fileSection: String? = "deployments"
    static let serverOwned = ServerOwnedFields.deployment
    // reference §3.2 / §7.1 (UNVERIFIED): web deployment changes are audited under `WebDeployments`.
    static let auditService: String? = "WebDeployments"
    static let duplicateNote: String? =
        "(a site that embeds a duplicate's snippet stops loading the messenger when it is deleted)"

    static func list(_ client: GenesysCloudClient) async throws(GenesysError) -> [[String: JSONValue]] {
        try await client.listDeployments().map(\.fields)
    }
    static func read(_ client: GenesysCloudClient, id: String) async throws(GenesysError) -> JSONValue {
        .object(try await client.deployment(id: id).fields)
    }
    static func delete(_ client: GenesysCloudClient, id: String) async throws(GenesysError) {
        try await client.deleteDeployment(id: id)
    }

    /// Plan reads deployments from the listing (`configuration` a whole configuration version with
    /// `expand=Configuration`) and apply re-reads one (`configuration` a reference), reference §4.2:
    /// the fingerprint takes the pointer as `{id, version}` only, which both spell alike.
    static func fingerprintShape(_ shape: inout JSONValue) {
        shape["configuration"] = .object(["id": .null, "version": .null])
    }

    /// The content without the configuration pointer and the stamps a PUT moves, so apply tells a
    /// pointer another apply moved forward from an edit of the fields.
    static func observeExtra(_ live: JSONValue, into precondition: inout Precondition) {
        precondition.fieldsHash = fieldsHash(live)
    }

    static func fieldsHash(_ deployment: JSONValue) -> String {
        ContentHash.of(JSONTree.removing(["status", "configuration", "dateModified", "lastModifiedUser"], from: deployment))
    }

    static func desiredObjects(in tenant: Tenant) -> [(name: String, fields: JSONValue)] {
        tenant.deployments.map { ($0.name, .object($0.fields)) }
    }

    static func export(_ live: LiveState, with exporter: Exporter, references: ReferenceNaming.Table, notes: inout [String])
        -> [YAMLNode]
    {
        exporter.exportDeployments(live, references: references, notes: &notes)
    }

    static func plan(_ planner: Planner, _ context: inout PlanningContext) throws(ReconcilerError) -> [ObjectPlan] {
        var plans: [ObjectPlan] = []
        let configurations = context.planned(.configuration)
        for desired in planner.tenant.deployments {
            plans.append(try planner.planDeployment(desired, configurations: configurations, &context))
        }
        return plans
    }

    static func apply(_ object: ObjectPlan, _ applier: TenantApplier, _ progress: inout TenantApplier.Progress) async
        -> ObjectApplyResult
    {
        await applier.applyDeployment(object, &progress)
    }
}

extension LiveState {
    var deployments: [Deployment] {
        get { self[.deployment, as: Deployment.self] }
        set { self[.deployment, as: Deployment.self] = newValue }
    }
}

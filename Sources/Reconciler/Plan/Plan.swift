import GenesysCloud

/// A saved, versioned plan (DESIGN.md "Commands": `formatVersion`, every tenant's changes as
/// `{kind, name, action, changes:[{path, before, after}], precondition}`, and a summary).
///
/// A plan carries what apply needs and nothing secret: credentials are environment variable names.
public struct Plan: Sendable, Codable {
    /// Bumped on any incompatible change of this JSON shape; apply refuses other versions.
    /// Version 2: each object's per-kind fields sit in one `payload`, and `reasons` say why it changes.
    public static let currentFormatVersion = 2

    public var formatVersion: Int
    /// What the file is: a plan, a drift report (`drift --format json`), or a merge of both.
    /// Apply takes only plans. Absent in files written before it existed (read as a plan).
    public var kind: PlanKind?
    public var generatedAt: String
    public var tenants: [TenantPlan]
    public var summary: PlanSummary

    public init(generatedAt: String, tenants: [TenantPlan], kind: PlanKind? = nil) {
        self.formatVersion = Plan.currentFormatVersion
        self.kind = kind ?? .plan
        self.generatedAt = generatedAt
        self.tenants = tenants
        self.summary = PlanSummary(tenants: tenants)
    }

    /// Whether any tenant has a change to make.
    public var hasChanges: Bool { tenants.contains { $0.hasChanges } }
    /// Whether any tenant could not be planned.
    public var hasErrors: Bool { tenants.contains { $0.error != nil } }
}

/// What a saved JSON file of this shape holds.
public enum PlanKind: String, Sendable, Codable {
    case plan, drift
    /// `report merge` of plans and drift reports together: fine to read, never to apply.
    case mixed
}

/// One tenant's share of a plan.
public struct TenantPlan: Sendable, Codable {
    public var tenant: String
    public var file: String
    public var region: String
    public var organizationId: String
    public var credentials: CredentialNames
    /// Set when the tenant could not be planned (bad credentials, org mismatch, API error).
    public var error: String?
    /// The same failure, typed: kind, and the API's `code` and `contextId` when the API said it.
    public var failure: ReportedError? = nil
    /// Every managed object, including the unchanged ones (action `none`), so reports can count them.
    public var objects: [ObjectPlan]
    /// Notes for a reader: unpublished drafts, ignored drift, objects named twice.
    public var warnings: [String]
    /// The names the files give referred objects and the ids the plan resolved them to in this org.
    public var references: [ResolvedReference]?
    /// Referred objects renamed in the org since the file named them: the reference stays (by id).
    public var renamedReferences: [String]?

    public var hasChanges: Bool { objects.contains { $0.action != .none } }
    public var changedObjects: [ObjectPlan] { objects.filter { $0.action != .none } }
}

extension TenantPlan {
    /// A tenant's plan before anything is planned: who, where, with which credentials (by name).
    static func empty(for tenant: Tenant) -> TenantPlan {
        TenantPlan(
            tenant: tenant.name, file: tenant.file, region: tenant.region, organizationId: tenant.organizationId,
            credentials: tenant.credentials, error: nil, objects: [], warnings: [])
    }
}

/// Environment variable names of a tenant's OAuth client (never values).
public struct CredentialNames: Sendable, Codable, Hashable {
    public var clientIdEnv: String
    public var clientSecretEnv: String
    public init(clientIdEnv: String, clientSecretEnv: String) {
        self.clientIdEnv = clientIdEnv
        self.clientSecretEnv = clientSecretEnv
    }
}

public enum PlanAction: String, Sendable, Codable {
    case create, update, delete, none
}

/// The plan for one object.
public struct ObjectPlan: Sendable, Codable {
    public var kind: ObjectKind
    public var name: String
    /// The live object's id; nil for a create.
    public var id: String?
    public var action: PlanAction
    public var changes: [FieldChange]
    /// What the object looked like when planned; apply refuses to write when it moved.
    public var precondition: Precondition?
    /// The managed fields as the file wants them (JSON names). Apply lays them over the object it
    /// re-reads, so fields the file does not mention (and fields this version does not know) survive.
    public var desired: JSONValue?
    /// What only this kind's plan carries (a configuration's publish, a deployment's target, a
    /// group's schedules); nil for kinds that need nothing more.
    public var payload: KindPayload?
    /// Why the object changes (empty for `none`): what reports and guards read instead of guessing
    /// from field paths.
    public var reasons: [ActionReason] = []
    /// Fields whose drift the file ignores (`ignore:`), listed, never hidden.
    public var ignored: [FieldChange]?
    /// Who last changed the live object and when (drift reports; from audit records).
    public var lastChange: LastChange?
    /// For a delete: the id of the object of the same name that is kept (the extra is a duplicate).
    public var duplicateOf: String?

    /// Whether the object changes only to follow others (a deployment's configuration version, a
    /// group's schedule list, a first publish) rather than for a field someone edits.
    public var onlyDerivedChanges: Bool {
        !reasons.isEmpty && reasons.allSatisfy(\.isDerived)
    }

    public init(kind: ObjectKind, name: String, id: String?, action: PlanAction, changes: [FieldChange] = []) {
        self.kind = kind
        self.name = name
        self.id = id
        self.action = action
        self.changes = changes
    }
}

/// Why an object is in the plan with an action: said once by the planner, so no report or guard has
/// to guess it from field paths.
public enum ActionReason: String, Sendable, Codable, Hashable {
    /// The file names an object the org lacks.
    case create
    /// Managed fields differ between the file and the org: a file edit, or drift (a drift report's
    /// attribution says who changed them).
    case fields
    /// A deployment moves to the configuration version this apply publishes.
    case followsPublish
    /// A deployment serves an older published version than the latest: it follows the latest.
    case followsLatest
    /// A deployment moves to the configuration version its file pins.
    case pinned
    /// `rollback`: a deployment moves back to an earlier published version.
    case rollback
    /// A configuration draft that was never published is published (deployments serve only
    /// published versions).
    case firstPublish
    /// A schedule group's schedule list follows the schedules created or replaced.
    case scheduleList
    /// An extra live object sharing a managed object's name (`--remove-duplicates`).
    case duplicate
    /// A live object no file names (`prune: true`).
    case prune

    /// Whether the change follows from another rather than from a field someone edits.
    public var isDerived: Bool {
        switch self {
        case .followsPublish, .followsLatest, .pinned, .rollback, .firstPublish, .scheduleList: true
        case .create, .fields, .duplicate, .prune: false
        }
    }
}

/// What only one kind's plan carries. In JSON: one member named after the kind.
public enum KindPayload: Sendable, Hashable, Codable {
    case configuration(ConfigurationPayload)
    case deployment(DeploymentPayload)
    case scheduleGroup(ScheduleGroupPayload)

    private enum Key: String, CodingKey { case configuration, deployment, scheduleGroup }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        guard container.allKeys.count == 1, let key = container.allKeys.first else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "a payload names exactly one kind"))
        }
        switch key {
        case .configuration: self = .configuration(try container.decode(ConfigurationPayload.self, forKey: key))
        case .deployment: self = .deployment(try container.decode(DeploymentPayload.self, forKey: key))
        case .scheduleGroup: self = .scheduleGroup(try container.decode(ScheduleGroupPayload.self, forKey: key))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        switch self {
        case .configuration(let p): try container.encode(p, forKey: .configuration)
        case .deployment(let p): try container.encode(p, forKey: .deployment)
        case .scheduleGroup(let p): try container.encode(p, forKey: .scheduleGroup)
        }
    }
}

/// A configuration's plan: whether apply publishes, and which version that must make.
public struct ConfigurationPayload: Sendable, Hashable, Codable {
    /// Whether apply publishes (and so expects version `expectedVersion`).
    public var publish: Bool?
    public var expectedVersion: String?
    /// Fields changed in the live draft by someone else and not published; apply refuses to publish
    /// them unless told (`--publish-foreign-draft`).
    public var foreignDraftPaths: [String]?
}

/// A deployment's plan: the configuration (by name) it must serve, and the version its file pins.
public struct DeploymentPayload: Sendable, Hashable, Codable {
    public var configuration: String?
    /// Apply serves exactly this version, and moving the deployment is a guarded change.
    public var pinnedVersion: String?
}

/// A schedule group's plan: schedule names by role (`open`, `holiday`), resolved to ids at apply.
public struct ScheduleGroupPayload: Sendable, Hashable, Codable {
    public var schedules: [String: [String]]
}

extension ObjectPlan {
    private var configurationPayload: ConfigurationPayload {
        get { if case .configuration(let p) = payload { p } else { ConfigurationPayload() } }
        set { payload = .configuration(newValue) }
    }
    private var deploymentPayload: DeploymentPayload {
        get { if case .deployment(let p) = payload { p } else { DeploymentPayload() } }
        set { payload = .deployment(newValue) }
    }

    /// For a deployment: the configuration (by name) it must serve.
    public var configurationName: String? {
        get { deploymentPayload.configuration }
        set { deploymentPayload.configuration = newValue }
    }
    /// For a deployment whose file pins a configuration version: that version.
    public var pinnedVersion: String? {
        get { deploymentPayload.pinnedVersion }
        set { deploymentPayload.pinnedVersion = newValue }
    }
    /// For a schedule group: schedule names by role (`open`, `holiday`).
    public var scheduleNames: [String: [String]]? {
        get { if case .scheduleGroup(let p) = payload { p.schedules } else { nil } }
        set { payload = newValue.map { .scheduleGroup(ScheduleGroupPayload(schedules: $0)) } }
    }
    /// For a configuration: whether apply publishes.
    public var publish: Bool? {
        get { configurationPayload.publish }
        set { configurationPayload.publish = newValue }
    }
    public var expectedVersion: String? {
        get { configurationPayload.expectedVersion }
        set { configurationPayload.expectedVersion = newValue }
    }
    public var foreignDraftPaths: [String]? {
        get { configurationPayload.foreignDraftPaths }
        set { configurationPayload.foreignDraftPaths = newValue }
    }
}

/// One changed field: `path: before → after`. `before` is what is live (for a configuration, the
/// latest published version); `nil` when absent.
public struct FieldChange: Sendable, Codable, Hashable {
    /// The field's ``FieldPath/text``, as reports show it.
    public var path: String
    /// The field's keys: what code reads the live value at (a key holding `.` stays one key).
    public var field: FieldPath?
    public var before: JSONValue?
    public var after: JSONValue?
    /// For a configuration, the draft's value when it differs from the published one.
    public var draft: JSONValue?
    /// The file, line and column that set the wanted value (with `extends`, the base or the tenant
    /// file): what `plan --explain` shows.
    public var origin: String?
    /// Drift reports: who changed this field, from the audit record that names it (reference §4.3).
    public var attribution: FieldAttribution?
    /// For a deployment's `configuration.version` (or `configuration`): `after` is the version apply
    /// would publish, which does not exist yet, so reports name it only as "the version apply publishes".
    public var pendingPublish: Bool?
    /// For a change of a reference (`flow.id`, `pushIntegrations`, …): the names behind the ids.
    public var names: ReferenceNames?

    /// Paths the planner derives from other objects.
    public static let derivedPaths: Set<String> = [
        "configuration", "configuration.version", "openSchedules", "holidaySchedules", "version",
        // A supported content profile made the org's default (`PUT …/supportedcontent/default`): an org
        // setting, not a field of the profile.
        "default",
    ]

    public init(path: String, before: JSONValue?, after: JSONValue?, draft: JSONValue? = nil) {
        self.path = path
        self.before = before
        self.after = after
        self.draft = draft
    }

    public init(field: FieldPath, before: JSONValue?, after: JSONValue?, draft: JSONValue? = nil) {
        self.init(path: field.text, before: before, after: after, draft: draft)
        self.field = field
    }

    /// The keys of the field: ``field``, or for a change built from one key, that key.
    var keys: [String] { field?.components ?? [path] }
}

/// Counts across the plan.
public struct PlanSummary: Sendable, Codable, Hashable {
    public var tenants: Int
    public var tenantsWithChanges: Int
    public var tenantsWithErrors: Int
    public var create: Int
    public var update: Int
    public var delete: Int
    public var unchanged: Int

    public init(tenants plans: [TenantPlan]) {
        tenants = plans.count
        tenantsWithChanges = plans.filter(\.hasChanges).count
        tenantsWithErrors = plans.filter { $0.error != nil }.count
        let objects = plans.flatMap(\.objects)
        create = objects.filter { $0.action == .create }.count
        update = objects.filter { $0.action == .update }.count
        delete = objects.filter { $0.action == .delete }.count
        unchanged = objects.filter { $0.action == .none }.count
    }
}

/// Who changed a live object, from its audit records (reference §3.2) and its own metadata.
public struct LastChange: Sendable, Codable, Hashable {
    /// The user's name as the audit record gives it, else an id.
    public var by: String?
    /// The OAuth client that made the change.
    public var clientId: String?
    /// ISO-8601 time of the change.
    public var at: String?
    /// The audit action (`Update`, `Publish`, …).
    public var action: String?
    /// For a configuration: the latest published version.
    public var publishedVersion: String?
    /// Whether the change came from the OAuth client messengerctl itself uses for this tenant.
    public var byThisTool: Bool?
}

import GenesysCloud

/// A saved, versioned plan (DESIGN.md "Commands": `formatVersion`, every tenant's changes as
/// `{kind, name, action, changes:[{path, before, after}], precondition}`, and a summary).
///
/// A plan carries what apply needs and nothing secret: credentials are environment variable names.
public struct Plan: Sendable, Codable {
    /// Bumped on any incompatible change of this JSON shape; apply refuses other versions.
    public static let currentFormatVersion = 1

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

/// Environment variable names of a tenant's OAuth client (never values).
public struct CredentialNames: Sendable, Codable, Hashable {
    public var clientIdEnv: String
    public var clientSecretEnv: String
}

/// The managed kinds.
public enum ObjectKind: String, Sendable, Codable, CaseIterable, Comparable {
    case configuration, deployment, schedule, scheduleGroup

    /// Apply order: configurations are published before deployments point at them, schedules exist
    /// before a group names them.
    var order: Int {
        switch self {
        case .configuration: 0
        case .deployment: 1
        case .schedule: 2
        case .scheduleGroup: 3
        }
    }
    public static func < (a: ObjectKind, b: ObjectKind) -> Bool { a.order < b.order }

    public var displayName: String {
        switch self {
        case .configuration: "configuration"
        case .deployment: "deployment"
        case .schedule: "schedule"
        case .scheduleGroup: "schedule group"
        }
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
    /// For a deployment: the configuration (by name) it must serve.
    public var configurationName: String?
    /// For a schedule group: schedule names by role (`open`, `holiday`), resolved to ids at apply.
    public var scheduleNames: [String: [String]]?
    /// For a configuration: whether apply publishes (and so expects version `expectedVersion`).
    public var publish: Bool?
    public var expectedVersion: String?
    /// For a configuration: fields changed in the live draft by someone else and not published;
    /// apply refuses to publish them unless told (`--publish-foreign-draft`).
    public var foreignDraftPaths: [String]?
    /// Fields whose drift the file ignores (`ignore:`), listed, never hidden.
    public var ignored: [FieldChange]?
    /// Who last changed the live object and when (drift reports; from audit records).
    public var lastChange: LastChange?
    /// For a deployment whose file pins a configuration version: that version. Apply serves exactly
    /// it, and moving the deployment is a guarded change.
    public var pinnedVersion: String?
    /// For a delete: the id of the object of the same name that is kept (the extra is a duplicate).
    public var duplicateOf: String?

    /// Whether every change is a pointer this tool derives (a deployment's configuration version, a
    /// group's schedule list) rather than a field someone edits: such changes follow from others.
    public var onlyDerivedChanges: Bool {
        !changes.isEmpty && changes.allSatisfy { FieldChange.derivedPaths.contains($0.path) }
    }

    public init(kind: ObjectKind, name: String, id: String?, action: PlanAction, changes: [FieldChange] = []) {
        self.kind = kind
        self.name = name
        self.id = id
        self.action = action
        self.changes = changes
    }
}

/// One changed field: `path: before → after`. `before` is what is live (for a configuration, the
/// latest published version); `nil` when absent.
public struct FieldChange: Sendable, Codable, Hashable {
    public var path: String
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
    ]

    public init(path: String, before: JSONValue?, after: JSONValue?, draft: JSONValue? = nil) {
        self.path = path
        self.before = before
        self.after = after
        self.draft = draft
    }
}

/// What an object looked like when planned (DESIGN.md "Versions and concurrency").
public struct Precondition: Sendable, Codable, Hashable {
    /// Drafts and deployments: `dateModified` as read.
    public var dateModified: String?
    /// Drafts and deployments: `sha256:` of the object's content as read.
    public var contentHash: String?
    /// Configurations: the latest published version number ("3"), nil when never published.
    public var publishedVersion: String?
    /// Schedules and groups: the integer `version` the API enforces (reference §5.4).
    public var version: Int?
    /// Deployments: `sha256:` of the content without the configuration pointer, so a pointer that
    /// another apply moved forward is told apart from an edit of the fields.
    public var fieldsHash: String?
    /// The values of every field the file manages as read (changed by the plan or not), so apply can
    /// tell whether another writer touched any of them (three-way: base, ours, theirs).
    public var base: [String: JSONValue]?

    public init(
        dateModified: String? = nil, contentHash: String? = nil, publishedVersion: String? = nil, version: Int? = nil,
        base: [String: JSONValue]? = nil
    ) {
        self.dateModified = dateModified
        self.contentHash = contentHash
        self.publishedVersion = publishedVersion
        self.version = version
        self.base = base
    }
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

import GenesysCloud
import YAML

/// Everything the reconciler knows about one kind of Genesys Cloud object it manages, in one place:
/// how it is read, matched by name, normalised, fingerprinted, planned and applied.
///
/// The planner and the applier each run one loop over ``ObjectKind/allCases`` and ask the kind; the
/// rules plan and apply must agree on (server-owned fields, the precondition's fingerprint, the
/// API's own lock) are answered here once, so both read the same answer. So are the facts the code
/// around them reads (apply order, display name, the tenant file's section, what the file asks for):
/// a new kind is one new file conforming to this protocol, a case and a registry line in ``ObjectKind``,
/// its client calls and its emulator routes, plus where the tenant file carries it
/// (docs/architecture.md "Adding a kind" lists each place).
protocol ManagedKind: Sendable {
    static var kind: ObjectKind { get }
    /// Apply order: lower applies first (a kind another refers to by name or id applies before it);
    /// deletes run in reverse.
    static var order: Int { get }
    /// How plans, reports and messages name an object of this kind.
    static var displayName: String { get }

    /// The tenant file's top-level key this kind's desired objects come from (several kinds may share one:
    /// `availability` holds schedules and their group); nil for a kind no file names.
    static var fileSection: String? { get }
    /// Whether a file that `extends` a base merges this section's entries by `name` (otherwise the list
    /// replaces the base's).
    static var mergesByName: Bool { get }
    /// Where the object `name` is written in the file (`supportedContents[name]`), for `plan --explain`'s
    /// `file:line:column`; nil when the kind's objects are built from sugar and have no such place.
    static func fileKey(_ name: String) -> FieldPath?
    /// The objects the file asks for, with the fields it sets (JSON names): what a saved plan is checked
    /// against, and by default what `prunable` keeps.
    static func desiredObjects(in tenant: Tenant) -> [(name: String, fields: JSONValue)]
    /// Decodes the kind's section when the kind decodes it itself (a new kind does; the first kinds'
    /// sections are decoded by `TenantDecoder`, whose other rules read them, and answer nil): problems go to
    /// `decoder`, and what it returns sets the result on the tenant (its member in ``Tenant``).
    static func decodeSection(_ node: SourceNode, with decoder: inout TenantDecoder) -> ((inout Tenant) -> Void)?
    /// The entries `export` writes under ``fileSection`` for the org's live objects of this kind (empty when
    /// there are none, or when another kind of the section writes it); what could not be carried over is
    /// added to `notes`.
    static func export(_ live: LiveState, with exporter: Exporter, references: ReferenceNaming.Table, notes: inout [String])
        -> [YAMLNode]
    /// Fields the server owns (defined once, in GenesysCloud's ``ServerOwnedFields``): never compared,
    /// hashed as content, or sent back.
    static var serverOwned: Set<String> { get }
    /// Whether the API enforces an integer `version` on writes (409 when it moved, reference §5.4):
    /// the precondition is that version. Otherwise it is `dateModified` and a content fingerprint.
    static var versionLocked: Bool { get }
    /// Said after the usual warning when a name matches several live objects.
    static var duplicateNote: String? { get }

    /// Whether plan reads this kind's live objects for `tenant` (a file that cannot touch the kind need not pay for it).
    static func isRead(for tenant: Tenant) -> Bool
    /// This kind's part of the live state, as plan reads it: its listing and any facts read with it.
    static func readLive(_ client: GenesysCloudClient) async throws(GenesysError) -> LiveState
    /// The live objects of this kind in a state read at plan time.
    static func live(in state: LiveState) -> [[String: JSONValue]]
    /// Every live object of this kind, read now (apply's look-again after a create).
    static func list(_ client: GenesysCloudClient) async throws(GenesysError) -> [[String: JSONValue]]
    /// One live object as apply re-reads it before a write or a delete.
    static func read(_ client: GenesysCloudClient, id: String) async throws(GenesysError) -> JSONValue
    static func delete(_ client: GenesysCloudClient, id: String) async throws(GenesysError)

    /// The members the precondition fingerprint covers beyond the managed fields and `name`.
    static func fingerprintShape(_ shape: inout JSONValue)
    /// Extra precondition facts the kind's apply needs (a deployment's hash without its pointer).
    static func observeExtra(_ live: JSONValue, into precondition: inout Precondition)

    /// With `prune: true`: whether a live object of this name, which no file names, may be deleted.
    static func prunable(_ name: String, tenant: Tenant) -> Bool
    /// The same, for kinds whose rule needs the live object or the rest of the org (a profile in use).
    static func prunable(_ live: [String: JSONValue], in state: LiveState, tenant: Tenant) -> Bool
    /// The audit service its changes are recorded under (drift attribution, `status`); nil when the
    /// reference does not say, and then drift names no changer. No default: each kind says, citing the reference.
    static var auditService: String? { get }

    /// Plans this kind's desired objects (the planner's one loop calls each kind in apply order).
    static func plan(_ planner: Planner, _ context: inout PlanningContext) throws(ReconcilerError) -> [ObjectPlan]
    /// Applies one planned object of this kind (the applier's one loop).
    static func apply(_ object: ObjectPlan, _ applier: TenantApplier, _ progress: inout TenantApplier.Progress) async
        -> ObjectApplyResult
}

extension ManagedKind {
    static func isRead(for tenant: Tenant) -> Bool { true }
    static func readLive(_ client: GenesysCloudClient) async throws(GenesysError) -> LiveState {
        LiveState(objects: [kind: try await list(client)])
    }
    static func live(in state: LiveState) -> [[String: JSONValue]] { state[kind] }
    static var mergesByName: Bool { true }
    static func decodeSection(_ node: SourceNode, with decoder: inout TenantDecoder) -> ((inout Tenant) -> Void)? { nil }
    static func export(_ live: LiveState, with exporter: Exporter, references: ReferenceNaming.Table, notes: inout [String])
        -> [YAMLNode]
    { [] }
    static func fileKey(_ name: String) -> FieldPath? { fileSection.map { FieldPath([$0, name]) } }
    static var versionLocked: Bool { false }
    static var duplicateNote: String? { nil }
    static func fingerprintShape(_ shape: inout JSONValue) {}
    static func observeExtra(_ live: JSONValue, into precondition: inout Precondition) {}
    /// By default any object the file does not ask for.
    static func prunable(_ name: String, tenant: Tenant) -> Bool {
        !desiredObjects(in: tenant).contains { $0.name == name }
    }
    static func prunable(_ live: [String: JSONValue], in state: LiveState, tenant: Tenant) -> Bool {
        live["name"]?.stringValue.map { prunable($0, tenant: tenant) } ?? false
    }
}

/// What the planner's loop carries from kind to kind: the live state, what earlier kinds planned
/// (a deployment serves the version its configuration's plan publishes; a group lists the
/// schedules planned before it), and the warnings and duplicates found on the way.
struct PlanningContext {
    let live: LiveState
    var objects: [ObjectPlan] = []
    var warnings: [String] = []
    var duplicates: [ObjectPlan] = []
    /// Live ids taken over under another name (an older messengerctl's holiday schedules).
    var adopted: Set<String> = []

    /// The plans of one kind made so far, by name.
    func planned(_ kind: ObjectKind) -> [String: ObjectPlan] {
        Dictionary(
            objects.filter { $0.kind == kind && $0.action != .delete }.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
    }
}

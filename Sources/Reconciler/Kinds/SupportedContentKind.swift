import GenesysCloud
import YAML

/// Supported content profiles (reference §8): which media types messages may carry in and out. Created
/// with `POST …/supportedcontent`, updated with `PATCH …/{id}` (a partial update: only the fields the file
/// manages are sent), deleted with `DELETE …/{id}`, and one of them made the org's default with
/// `PUT …/supportedcontent/default`. The API documents no lock (`version` is read-only and no 409 for a
/// stale one is documented), so the precondition is `dateModified` with a fingerprint of the managed
/// fields, as for deployments.
///
/// A deployment may name a profile the same file creates: plan resolves the name to a stand-in id
/// (``pendingId(_:)``), this kind applies first (``ObjectKind/order``) and records the new id, and the
/// deployment's apply writes that id instead (``substitutingCreated(in:ids:)``).
enum SupportedContentKind: ManagedKind {
    static let kind = ObjectKind.supportedContent
    /// Before deployments, which may name a profile this apply creates.
    static let order = -1
    static let displayName = "supported content profile"
    static let fileSection: String? = "supportedContents"
    static let serverOwned = ServerOwnedFields.supportedContent
    /// The reference names no audit service for profiles: drift names no changer rather than guess one.
    static let auditService: String? = nil

    /// Read only for a file with `supportedContents:` (reference §8): the profiles and the org's default.
    static func isRead(for tenant: Tenant) -> Bool { tenant.supportedContents != nil }
    static func readLive(_ client: GenesysCloudClient) async throws(GenesysError) -> LiveState {
        try await GenesysError.typed {
            async let profiles = list(client)
            async let defaultRead = defaultId(client)
            return LiveState(objects: [kind: try await profiles], defaultSupportedContentId: try await defaultRead)
        }
    }
    static func list(_ client: GenesysCloudClient) async throws(GenesysError) -> [[String: JSONValue]] {
        try await client.listSupportedContentProfiles().map(\.fields)
    }
    static func read(_ client: GenesysCloudClient, id: String) async throws(GenesysError) -> JSONValue {
        .object(try await client.supportedContentProfile(id: id).fields)
    }
    static func delete(_ client: GenesysCloudClient, id: String) async throws(GenesysError) {
        try await client.deleteSupportedContent(id: id)
    }

    /// The id of the org's default profile; nil when the org has none (404).
    static func defaultId(_ client: GenesysCloudClient) async throws(GenesysError) -> String? {
        do {
            return try await client.defaultSupportedContent().id
        } catch where error.isNotFound {
            return nil
        }
    }

    static func desiredObjects(in tenant: Tenant) -> [(name: String, fields: JSONValue)] {
        (tenant.supportedContents ?? []).map { ($0.name, .object($0.fields)) }
    }

    // MARK: The file's section

    /// `supportedContents:` entries: the API's `SupportedContent` (`name`, `mediaTypes.allow.inbound/outbound`,
    /// reference §8), plus `default: true` on at most one profile.
    static func decodeSection(_ node: SourceNode, with decoder: inout TenantDecoder) -> ((inout Tenant) -> Void)? {
        let profiles = decodeProfiles(node, with: &decoder)
        return { $0.supportedContents = profiles }
    }

    private static func decodeProfiles(_ node: SourceNode, with decoder: inout TenantDecoder) -> [DesiredSupportedContent] {
        guard let items = decoder.list(node, "`supportedContents`") else { return [] }
        var result: [DesiredSupportedContent] = []
        var seen: [String: SourceLocation] = [:]
        var firstDefault: (name: String, at: SourceLocation)?
        for (index, item) in items.enumerated() {
            guard item.mapping != nil else {
                decoder.error(item.location, "a supported content profile must be a mapping, found \(item.kindPhrase)")
                continue
            }
            let name = item["name"].flatMap { $0.isNull ? nil : $0.scalar?.value }
            if let name, let at = item["name"]?.location {
                if let first = seen[name] {
                    decoder.error(at, "duplicate supported content profile name `\(name)`; it is already used at line \(first.line), column \(first.column)")
                } else {
                    seen[name] = at
                }
            }
            let path = FieldPath(["supportedContents", name ?? String(index)])
            decoder.record(path, item)
            let fields = decoder.decodeObject(
                item, model: APISchema.supportedContent, path: path, context: "a supported content profile",
                skip: Set(TenantSchema.supportedContentSugarKeys))
            checkMediaTypes(item, with: &decoder)
            var isDefault = false
            if let node = item["default"] {
                decoder.record(path.appending("default"), node)
                isDefault = decoder.bool(node, key: "default") ?? false
                // An org has one default profile: two in one file would leave it to the order of the writes.
                if isDefault, let first = firstDefault {
                    decoder.error(node.location, "two supported content profiles are marked `default: true`: `\(first.name)` (line \(first.at.line), column \(first.at.column)) and `\(name ?? "?")`",
                        hint: "an org has one default profile; keep `default: true` on one of them")
                } else if isDefault {
                    firstDefault = (name ?? "?", node.location)
                }
            }
            if let name = fields["name"]?.stringValue {
                result.append(DesiredSupportedContent(name: name, fields: fields, isDefault: isDefault, location: item.location))
            }
        }
        return result
    }

    /// `mediaTypes.allow.inbound/outbound[].type` is an RFC 2046 media type, `*` allowed for either part
    /// (reference §8): the API refuses anything else with 400 `invalid.media.type`.
    private static func checkMediaTypes(_ profile: SourceNode, with decoder: inout TenantDecoder) {
        for direction in ["inbound", "outbound"] {
            for item in profile["mediaTypes"]?["allow"]?[direction]?.sequence ?? [] {
                guard let node = item["type"], let text = node.scalar?.value, !node.isNull else { continue }
                if !isMediaType(text) {
                    decoder.error(node.location, "media type `\(text)` is not written type/subtype",
                        hint: "for example image/png, image/* or */* (RFC 2046)")
                }
            }
        }
    }

    static func isMediaType(_ text: String) -> Bool {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        let token = { (part: Substring) in
            !part.isEmpty && part.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "*.+-_".contains($0)) }
        }
        return parts.count == 2 && parts.allSatisfy(token)
    }

    // MARK: Export

    /// The org's profiles by name (reference §8), the default one marked `default: true`; never ids, so a
    /// base carries them to any org. A second profile of one name cannot be told apart by name: noted.
    static func export(_ live: LiveState, with exporter: Exporter, references: ReferenceNaming.Table, notes: inout [String])
        -> [YAMLNode]
    {
        var result: [YAMLNode] = []
        var seen: Set<String> = []
        for profile in live.supportedContents.sorted(by: { exporter.name($0.fields) < exporter.name($1.fields) }) {
            let profileName = exporter.name(profile.fields)
            guard !profileName.isEmpty, seen.insert(profileName).inserted else {
                notes.append("supported content profile \(JSONValue.string(profileName).jsonText) (id \(profile.id ?? "?")) shares its name with another and was not exported")
                continue
            }
            guard let node = exporter.yaml(.object(profile.fields), type: .object("SupportedContent"), path: "supported content profile \(profileName)", notes: &notes),
                case .mapping(var pairs) = node.kind
            else { continue }
            if let id = profile.id, id == live.defaultSupportedContentId { pairs.append(YAMLPair(key: .string("default"), value: .plain("true"))) }
            result.append(.mapping(pairs))
        }
        return result
    }

    // MARK: Prune

    /// Only when the file has `supportedContents:` (with `prune: true`): a file that never mentions
    /// profiles does not own the org's profiles, which integrations and SMS numbers use too.
    static func prunable(_ name: String, tenant: Tenant) -> Bool {
        tenant.supportedContents != nil && !desiredObjects(in: tenant).contains { $0.name == name }
    }

    /// Never the org's default profile (integrations created without a profile get it), and never one a
    /// deployment the file keeps uses now (the API refuses to delete a profile in use: 400
    /// `supported.content.in.use`); once the deployment has moved off it, a later apply prunes it.
    static func prunable(_ live: [String: JSONValue], in state: LiveState, tenant: Tenant) -> Bool {
        guard let name = live["name"]?.stringValue, let id = live["id"]?.stringValue, prunable(name, tenant: tenant) else {
            return false
        }
        guard id != state.defaultSupportedContentId else { return false }
        let kept = Set(tenant.deployments.map(\.name))
        return !state.deployments.contains { deployment in
            kept.contains(deployment.fields["name"]?.stringValue ?? "")
                && deployment.fields["supportedContent"]?["id"]?.stringValue == id
        }
    }

    // MARK: Referring to a profile this apply creates

    private static let pendingPrefix = "<created by this apply: "

    /// The stand-in id a plan gives the profile `name` that apply creates (never a real id: ids are UUIDs).
    static func pendingId(_ name: String) -> String { pendingPrefix + name + ">" }

    /// The stand-in for a by-name reference the org cannot resolve but the file creates; nil otherwise.
    static func pendingId(for name: String, kind: ReferenceKind, tenant: Tenant) -> String? {
        guard kind == .supportedContent, tenant.supportedContents?.contains(where: { $0.name == name }) == true else { return nil }
        return pendingId(name)
    }

    /// The profile's name when `id` is a stand-in.
    static func pendingName(_ id: String) -> String? {
        guard id.hasPrefix(pendingPrefix), id.hasSuffix(">") else { return nil }
        return String(id.dropFirst(pendingPrefix.count).dropLast())
    }

    /// `value` with every stand-in id replaced by the id apply created; `missing` names a profile this run
    /// did not create (it failed or was not attempted), and nothing may then be written with the stand-in.
    static func substitutingCreated(in value: JSONValue, ids: [String: String]) -> (value: JSONValue, missing: String?) {
        switch value {
        case .string(let text):
            guard let name = pendingName(text) else { return (value, nil) }
            guard let id = ids[text] else { return (value, name) }
            return (.string(id), nil)
        case .array(let items):
            var out: [JSONValue] = []
            for item in items {
                let child = substitutingCreated(in: item, ids: ids)
                if let missing = child.missing { return (value, missing) }
                out.append(child.value)
            }
            return (.array(out), nil)
        case .object(let members):
            var out: [String: JSONValue] = [:]
            for (key, member) in members {
                let child = substitutingCreated(in: member, ids: ids)
                if let missing = child.missing { return (value, missing) }
                out[key] = child.value
            }
            return (.object(out), nil)
        default:
            return (value, nil)
        }
    }

    // MARK: Plan

    /// `default` as a change: the org's default is an org setting, shown and applied with the profile.
    static func defaultChange(before: Bool?) -> FieldChange {
        FieldChange(path: "default", before: before.map(JSONValue.bool), after: .bool(true))
    }

    static func plan(_ planner: Planner, _ context: inout PlanningContext) throws(ReconcilerError) -> [ObjectPlan] {
        var plans: [ObjectPlan] = []
        for desired in planner.tenant.supportedContents ?? [] {
            let body = JSONValue.object(desired.fields)
            guard let live = planner.match(kind, name: desired.name, &context) else {
                var plan = ObjectPlan(kind: kind, name: desired.name, id: nil, action: .create)
                plan.reasons = [.create]
                plan.changes = Planner.creating(body) + (desired.isDefault ? [defaultChange(before: nil)] : [])
                plan.desired = body
                plans.append(plan)
                continue
            }
            let current = JSONValue.object(live)
            var plan = ObjectPlan(kind: kind, name: desired.name, id: current["id"]?.stringValue, action: .none)
            let diffed = planner.diff(body, serving: current, prefix: FieldPath(["supportedContents", desired.name]))
            plan.changes = diffed.changes
            if desired.isDefault, let id = plan.id, context.live.defaultSupportedContentId != id {
                plan.changes.append(defaultChange(before: false))
            }
            plan.reasons = plan.changes.isEmpty ? [] : [.fields]
            plan.action = plan.changes.isEmpty ? .none : .update
            plan.desired = diffed.managed
            plan.ignored = diffed.ignored.isEmpty ? nil : diffed.ignored
            plan.precondition = Precondition.observe(
                kind, live: current, managing: diffed.managed,
                base: Planner.base(of: diffed.managed, in: current, changes: plan.changes))
            plans.append(plan)
        }
        if planner.tenant.prune { context.warnings += keptFromPrune(context.live, tenant: planner.tenant) }
        return plans
    }

    /// Why a profile no file lists is not pruned, so the plan does not leave it unexplained.
    static func keptFromPrune(_ state: LiveState, tenant: Tenant) -> [String] {
        state.supportedContents.compactMap { profile in
            guard let name = profile.name, prunable(name, tenant: tenant), !prunable(profile.fields, in: state, tenant: tenant) else {
                return nil
            }
            let why = profile.id == state.defaultSupportedContentId
                ? "it is the org's default profile" : "a deployment of this file uses it"
            return "supported content profile \(JSONValue.string(name).jsonText) is in no file but is not pruned: \(why)"
        }
    }

    // MARK: Apply

    static func apply(_ object: ObjectPlan, _ applier: TenantApplier, _ progress: inout TenantApplier.Progress) async
        -> ObjectApplyResult
    {
        var result = ObjectApplyResult(kind: kind, name: object.name, action: object.action, outcome: .applied)
        let client = applier.client
        let desired = object.desired ?? .object([:])
        let makeDefault = object.changes.contains { $0.path == "default" && $0.after == .bool(true) }
        do {
            if object.action == .delete {
                return try await applier.deleteChecked(object)
            }
            let id: String
            if object.action == .create {
                if let existing = try await applier.existingNamed(object, &progress),
                    let existingId = existing["id"]?.stringValue, TenantApplier.holds(object, desired, in: existing)
                {
                    // Created already by this plan's earlier run.
                    id = existingId
                    result = applier.alreadyApplied(result, nil)
                } else {
                    let created = try await client.createSupportedContent(SupportedContent(fields: desired.objectValue ?? [:]))
                    guard let newId = created.id else {
                        throw ReconcilerError("the API created supported content profile `\(object.name)` but returned no id")
                    }
                    let converged = try await applier.converge(kind: kind, name: object.name, created: newId)
                    id = converged.id
                    if converged.survivor != nil {
                        result.reason = "created at the same moment by another apply: kept its \(id), removed ours (\(newId))"
                        if let survivor = converged.survivor, !TenantApplier.satisfies(desired, live: .object(survivor)) {
                            _ = try await client.updateSupportedContent(
                                id: id, with: SupportedContent(fields: JSONTree.removing(serverOwned, from: desired).objectValue ?? [:]))
                        }
                    }
                }
            } else {
                guard let existing = object.id else { throw ReconcilerError("plan has no id for `\(object.name)`") }
                id = existing
                // No lock (reference §8 documents none): re-read right before the write and compare.
                let now = try await read(client, id: id)
                try applier.checkIdentity(object, id: id, now: now)
                if applier.moved(object, now: now) || !applier.conflictingFields(object, now: now).isEmpty {
                    if !TenantApplier.satisfies(desired, live: now), applier.isConflict(object, now: now, result: &result) {
                        return result
                    }
                    result.rebased = TenantApplier.rebasedPaths(object)
                }
                if !TenantApplier.satisfies(desired, live: now) {
                    // PATCH is a partial update: only the fields the file manages are sent; others stay.
                    _ = try await client.updateSupportedContent(
                        id: id, with: SupportedContent(fields: JSONTree.removing(serverOwned, from: desired).objectValue ?? [:]))
                }
            }
            result.id = id
            progress.createdIds[pendingId(object.name)] = id
            if makeDefault, try await defaultId(client) != id {
                try await client.setDefaultSupportedContent(id: id)
                if result.outcome == .alreadyApplied { result.outcome = .applied }
            }
        } catch {
            result.outcome = .failed
            result.reason = TenantApplier.describe(error)
            result.error = ReportedError(error)
        }
        return result
    }
}

extension LiveState {
    /// Supported content profiles, read only for a file with `supportedContents:` (reference §8).
    var supportedContents: [SupportedContent] {
        get { self[.supportedContent, as: SupportedContent.self] }
        set { self[.supportedContent, as: SupportedContent.self] = newValue }
    }
}

/// A supported content profile as the file wants it (reference §8).
public struct DesiredSupportedContent: Sendable {
    public var name: String
    /// The API fields the file sets (`name`, `mediaTypes`), JSON names as in `SupportedContent`.
    public var fields: [String: JSONValue]
    /// `default: true`: the org's default profile (`PUT …/supportedcontent/default`).
    public var isDefault: Bool
    public var location: SourceLocation

    public init(name: String, fields: [String: JSONValue], isDefault: Bool = false, location: SourceLocation) {
        self.name = name
        self.fields = fields
        self.isDefault = isDefault
        self.location = location
    }
}

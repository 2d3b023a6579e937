import GenesysCloud
import YAML

/// The names of the objects behind a changed reference, for reports: the plan and drift compare ids,
/// people read names (`flow.id "9c1…" → "4e2…"  (flow "Web Messaging Inbound" → "After Hours")`).
public struct ReferenceNames: Sendable, Codable, Hashable {
    public var kind: ReferenceKind
    public var before: String?
    public var after: String?

    public init(kind: ReferenceKind, before: String?, after: String?) {
        self.kind = kind
        self.before = before
        self.after = after
    }

    /// `  (inbound message flow "A" → "B")`, names quoted and escaped; drift reads file → live, so
    /// `reversed` shows the names in that order.
    func suffix(reversed: Bool = false) -> String {
        func show(_ name: String?) -> String { name.map(ReferenceResolver.quoted) ?? "(none)" }
        let (from, to) = reversed ? (after, before) : (before, after)
        if from == nil, let to { return "  (\(kind.phrase) \(show(to)))" }
        return "  (\(kind.phrase) \(show(from)) → \(show(to)))"
    }
}

enum ReferenceNaming {
    /// The site whose id a change's path is, with the path kind: a single reference's `…id`, a bare id
    /// field, or a whole list of references.
    static func site(ofChange keys: [String], object: ObjectKind) -> ReferenceSite? {
        ReferenceSite.sites(of: object).first { site in
            if site.isList { return keys == site.path }
            if site.idKey != nil { return keys == site.idPath }
            return keys == site.path + ["id"]
        }
    }

    /// Adds the names of the referred objects to every change of a reference (reads a listing only for a
    /// kind that has such a change; a listing that cannot be read leaves the ids alone).
    static func annotate(_ objects: inout [ObjectPlan], catalog: ReferenceCatalog) async {
        for o in objects.indices where objects[o].kind == .configuration || objects[o].kind == .deployment {
            for c in objects[o].changes.indices {
                let change = objects[o].changes[c]
                guard let site = site(ofChange: change.keys, object: objects[o].kind) else { continue }
                let scope = site.kind.scoped
                    ? JSONTree.value(at: ReferenceSite.knowledgeBaseOfSupportCenter + ["id"], in: objects[o].desired)?.stringValue : nil
                func names(_ value: JSONValue?) async -> String? {
                    guard let value else { return nil }
                    let ids = site.isList ? (value.arrayValue ?? []).compactMap { $0["id"]?.stringValue } : [value.stringValue].compactMap { $0 }
                    var found: [String] = []
                    for id in ids {
                        if let created = SupportedContentKind.pendingName(id) {
                            found.append(created)
                        } else {
                            found.append(await catalog.name(site.kind, id: id, scope: scope) ?? "(unknown id \(id))")
                        }
                    }
                    return found.isEmpty ? nil : found.joined(separator: ", ")
                }
                let before = await names(change.before)
                let after = await names(change.after)
                if before != nil || after != nil {
                    objects[o].changes[c].names = ReferenceNames(kind: site.kind, before: before, after: after)
                }
            }
        }
    }

    // MARK: Export

    /// Names by id, for export: every object of each kind the live objects refer to.
    struct Table: Sendable {
        var listings: [String: [ReferencedObject]] = [:]

        /// The name of `id`, when exactly one object of the org has that name (else a name would not
        /// resolve back to this id).
        func name(_ kind: ReferenceKind, id: String, scope: String?) -> String? {
            let objects = listings[ReferenceResolver.key(kind, scope)] ?? []
            guard let name = objects.first(where: { $0.id == id })?.name, !name.isEmpty,
                objects.filter({ $0.name == name }).count == 1
            else { return nil }
            return name
        }

        /// Reads the listings the live configurations and deployments refer to.
        static func read(live: LiveState, catalog: ReferenceCatalog) async throws -> Table {
            var wanted: Set<String> = []
            var kinds: [(ReferenceKind, String?)] = []
            func want(_ kind: ReferenceKind, _ scope: String?) {
                if wanted.insert(ReferenceResolver.key(kind, scope)).inserted { kinds.append((kind, scope)) }
            }
            let configurations = live.configurations.map { configuration in
                configuration.fields["id"]?.stringValue.flatMap { live.published[$0]?.fields } ?? configuration.fields
            }
            for (object, fields) in configurations.map({ (ObjectKind.configuration, $0) }) + live.deployments.map({ (.deployment, $0.fields) }) {
                let root = JSONValue.object(fields)
                let scope = JSONTree.value(at: ReferenceSite.knowledgeBaseOfSupportCenter + ["id"], in: root)?.stringValue
                for site in ReferenceSite.sites(of: object) where JSONTree.value(at: site.idKey == nil ? site.path : site.idPath, in: root) != nil {
                    if site.kind.scoped { if let scope { want(site.kind, scope) } } else { want(site.kind, nil) }
                }
            }
            var table = Table()
            for (kind, scope) in kinds { table.listings[ReferenceResolver.key(kind, scope)] = try await catalog.objects(kind, scope: scope) }
            return table
        }
    }

    /// An exported object's YAML with its references written by name. An id that names no object of the
    /// org (or one of two objects of one name) stays an id in a tenant file, with a note; a base, shared
    /// by orgs, cannot carry it and drops it.
    static func named(_ node: YAMLNode, object: ObjectKind, live: JSONValue, table: Table, asBase: Bool, path: String, notes: inout [String]) -> YAMLNode {
        var node = node
        let scope = JSONTree.value(at: ReferenceSite.knowledgeBaseOfSupportCenter + ["id"], in: live)?.stringValue
        for site in ReferenceSite.sites(of: object) {
            let keyPath = site.idKey == nil ? site.path : site.idPath
            guard let value = JSONTree.value(at: keyPath, in: live) else { continue }
            func name(of id: String?) -> String? {
                guard let id else { return nil }
                if site.kind.scoped, scope == nil { return nil }
                return table.name(site.kind, id: id, scope: site.kind.scoped ? scope : nil)
            }
            func unnamed(_ id: String) {
                notes.append("\(path): \(site.kind.phrase) id \(id) names no single \(site.kind.phrase) of this org; "
                    + (asBase ? "left out of the base" : "exported as the id"))
            }
            if site.isList {
                guard case .sequence(let items)? = lookup(node, keyPath)?.kind else { continue }
                let ids = (value.arrayValue ?? []).map { $0["id"]?.stringValue }
                var out: [YAMLNode] = []
                for (i, item) in items.enumerated() {
                    let id = i < ids.count ? ids[i] : nil
                    if let name = name(of: id) {
                        out.append(renamed(item, name))
                    } else {
                        if let id { unnamed(id) }
                        if !asBase { out.append(item) }
                    }
                }
                node = replacing(node, at: keyPath, with: .sequence(out))
            } else if site.idKey != nil {
                let id = value.stringValue
                if let name = name(of: id) {
                    node = replacing(node, at: keyPath, with: nil)
                    node = replacing(node, at: site.path, with: .mapping([YAMLPair(key: .string("name"), value: .string(name))]))
                } else {
                    if let id { unnamed(id) }
                    if asBase { node = replacing(node, at: keyPath, with: nil) }
                }
            } else if let existing = lookup(node, keyPath) {
                let id = value["id"]?.stringValue
                if let name = name(of: id) {
                    node = replacing(node, at: keyPath, with: .mapping([YAMLPair(key: .string("name"), value: .string(name))]))
                    _ = existing
                } else {
                    if let id { unnamed(id) }
                    if asBase { node = replacing(node, at: keyPath, with: nil) }
                }
            }
        }
        return node
    }

    /// A list element `{ id, selfUri, other… }` as `{ name, other… }`.
    private static func renamed(_ item: YAMLNode, _ name: String) -> YAMLNode {
        guard case .mapping(let pairs) = item.kind else { return item }
        let kept = pairs.filter { !["id", "name", "selfUri"].contains($0.key.scalarText ?? "") }
        return .mapping([YAMLPair(key: .string("name"), value: .string(name))] + kept)
    }

    private static func lookup(_ node: YAMLNode, _ path: [String]) -> YAMLNode? {
        guard let first = path.first else { return node }
        guard case .mapping(let pairs) = node.kind, let child = pairs.first(where: { $0.key.scalarText == first })?.value else { return nil }
        return lookup(child, Array(path.dropFirst()))
    }

    /// `node` with the value at `path` replaced (nil removes the key; a missing key is added at the end).
    private static func replacing(_ node: YAMLNode, at path: [String], with value: YAMLNode?) -> YAMLNode {
        guard let first = path.first, case .mapping(var pairs) = node.kind else { return node }
        let index = pairs.firstIndex { $0.key.scalarText == first }
        if path.count == 1 {
            if let index {
                if let value { pairs[index].value = value } else { pairs.remove(at: index) }
            } else if let value {
                pairs.append(YAMLPair(key: .string(first), value: value))
            }
        } else {
            guard let index else { return node }
            pairs[index].value = replacing(pairs[index].value, at: Array(path.dropFirst()), with: value)
        }
        return YAMLNode(.mapping(pairs), mark: node.mark, tag: node.tag)
    }
}

extension YAMLNode {
    /// The text of a scalar node.
    fileprivate var scalarText: String? {
        if case .scalar(let scalar) = kind { return scalar.value }
        return nil
    }
}

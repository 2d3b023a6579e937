import GenesysCloud

/// Resolves the names a tenant file gives referred objects (`flow: { name: … }`) to the ids of the target
/// org, before planning: the planner, the applier and drift then compare and write ids, as the API does.
///
/// A name matching nothing, or more than one object, is an error at the file's line:column, never a guess
/// (reference §8: names are not unique in every API). Listings come from the run's ``ReferenceCatalog``,
/// read concurrently with the org's other reads (`lookUp` runs beside `LiveState.read`).
struct ReferenceResolver: Sendable {
    let tenant: Tenant

    /// One by-name reference in the file.
    struct Mention: Sendable {
        var object: ObjectKind
        var objectName: String
        var site: ReferenceSite
        /// The list element, for list sites.
        var index: Int?
        var name: String
        var location: SourceLocation?
        /// For categories and labels: the knowledge base, as the file names it (by id or by name).
        var scopeReference: JSONValue?
    }

    /// The listings the mentions need, by `kind|scope`, and the knowledge base id of each scoped mention.
    struct Lookup: Sendable {
        var listings: [String: [ReferencedObject]] = [:]
        var scopes: [Int: String] = [:]
    }

    struct Resolution: Sendable {
        /// The tenant with every resolved name replaced by its id.
        var tenant: Tenant
        var resolved: [ResolvedReference]
        var warnings: [String]
    }

    static func key(_ kind: ReferenceKind, _ scope: String?) -> String { kind.rawValue + "|" + (scope ?? "") }

    // MARK: Finding the names

    /// Every by-name reference of the tenant's configurations and deployments, in file order.
    var mentions: [Mention] {
        var result: [Mention] = []
        func collect(_ object: ObjectKind, _ name: String, _ fields: [String: JSONValue]) {
            let root = JSONValue.object(fields)
            let prefix = object == .configuration ? FieldPath.configuration(name) : FieldPath.deployment(name)
            for site in ReferenceSite.sites(of: object) {
                let scope = site.kind.scoped ? JSONTree.value(at: ReferenceSite.knowledgeBaseOfSupportCenter, in: root) : nil
                let value = JSONTree.value(at: site.path, in: root)
                let at = prefix.appending(site.path)
                if site.isList {
                    for (index, element) in (value?.arrayValue ?? []).enumerated() {
                        guard let named = ReferenceSite.byName(element) else { continue }
                        result.append(Mention(
                            object: object, objectName: name, site: site, index: index, name: named,
                            location: tenant.origins[at.appending(index: index).appending("name")] ?? tenant.origins[at.appending(index: index)],
                            scopeReference: scope))
                    }
                } else if let named = ReferenceSite.byName(value) {
                    result.append(Mention(
                        object: object, objectName: name, site: site, index: nil, name: named,
                        location: tenant.origins[at.appending("name")] ?? tenant.origins[at], scopeReference: scope))
                }
            }
        }
        for configuration in tenant.configurations { collect(.configuration, configuration.name, configuration.fields) }
        for deployment in tenant.deployments { collect(.deployment, deployment.name, deployment.fields) }
        return result
    }

    /// Reads the listings the file's names need: knowledge bases and the other kinds at once, then the
    /// categories and labels of the knowledge bases the support centers name.
    func lookUp(catalog: ReferenceCatalog) async throws -> Lookup {
        let mentions = self.mentions
        var lookup = Lookup()
        guard !mentions.isEmpty else { return lookup }
        var kinds = Set(mentions.filter { !$0.site.kind.scoped }.map(\.site.kind))
        if mentions.contains(where: { $0.site.kind.scoped && ReferenceSite.byName($0.scopeReference) != nil }) {
            kinds.insert(.knowledgeBase)
        }
        lookup.listings = try await Self.fetch(kinds.map { ($0, nil) }, catalog: catalog)
        var scoped: [(ReferenceKind, String?)] = []
        for (index, mention) in mentions.enumerated() where mention.site.kind.scoped {
            var scope = mention.scopeReference?["id"]?.stringValue
            if let name = ReferenceSite.byName(mention.scopeReference) {
                let matches = (lookup.listings[Self.key(.knowledgeBase, nil)] ?? []).filter { $0.name == name }
                scope = matches.count == 1 ? matches[0].id : nil
            }
            guard let scope else { continue }
            lookup.scopes[index] = scope
            scoped.append((mention.site.kind, scope))
        }
        let more = try await Self.fetch(scoped, catalog: catalog)
        lookup.listings.merge(more) { first, _ in first }
        return lookup
    }

    private static func fetch(_ wanted: [(ReferenceKind, String?)], catalog: ReferenceCatalog) async throws -> [String: [ReferencedObject]] {
        var unique: [String: (ReferenceKind, String?)] = [:]
        for (kind, scope) in wanted { unique[key(kind, scope)] = (kind, scope) }
        return try await withThrowingTaskGroup(of: (String, [ReferencedObject]).self) { group in
            for (key, (kind, scope)) in unique {
                group.addTask { (key, try await catalog.objects(kind, scope: scope)) }
            }
            var result: [String: [ReferencedObject]] = [:]
            for try await (key, objects) in group { result[key] = objects }
            return result
        }
    }

    // MARK: Matching

    /// Matches every name exactly. A name that matches nothing on an object that already refers to an
    /// existing object of that kind is that object renamed in the org: the reference stays, with a warning.
    func finish(_ lookup: Lookup, live: LiveState) throws(ReconcilerError) -> Resolution {
        let mentions = self.mentions
        var ids: [Int: String] = [:]
        var resolved: [ResolvedReference] = []
        var warnings: [String] = []
        var errors: [String] = []
        for (index, mention) in mentions.enumerated() {
            let kind = mention.site.kind
            let what = "\(mention.object.displayName) \(Self.quoted(mention.objectName))"
            let place = mention.location.map { "\($0): " } ?? "\(tenant.file): "
            var scope: String?
            if kind.scoped {
                guard let found = lookup.scopes[index] else {
                    if mention.scopeReference == nil {
                        errors.append(place + "\(what): \(kind.phrase) \(Self.quoted(mention.name)) is named, but `supportCenter.knowledgeBase` is not; "
                            + "name the knowledge base its categories and labels belong to")
                    }
                    continue  // the knowledge base's own error says why
                }
                scope = found
            }
            let candidates = lookup.listings[Self.key(kind, scope)] ?? []
            let matches = candidates.filter { $0.name == mention.name }
            if matches.count == 1 {
                ids[index] = matches[0].id
                resolved.append(ResolvedReference(kind: kind, name: mention.name, id: matches[0].id, scope: scope))
            } else if matches.count > 1 {
                errors.append(place + "\(what): \(Self.quoted(mention.name)) names \(matches.count) \(kind.phrase)s in this org "
                    + "(ids \(matches.map(\.id).joined(separator: ", "))); rename one of them in Genesys Cloud, or write `id:` instead of `name:`")
            } else if let pending = SupportedContentKind.pendingId(for: mention.name, kind: kind, tenant: tenant) {
                // A profile this file creates: apply creates it before the deployment and writes its new id.
                ids[index] = pending
                resolved.append(ResolvedReference(kind: kind, name: mention.name, id: pending, scope: scope))
            } else if let renamed = renamedObject(mention, candidates: candidates, live: live) {
                ids[index] = renamed.id
                resolved.append(ResolvedReference(kind: kind, name: mention.name, id: renamed.id, scope: scope))
                warnings.append(
                    "\(what): the \(kind.phrase) \(Self.quoted(mention.name)) it uses (id \(renamed.id)) is now named "
                        + "\(Self.quoted(renamed.name)) in the org; the reference is unchanged. Write `name: \(Self.quoted(renamed.name))`"
                        + (mention.location.map { " at \($0)" } ?? ""))
            } else {
                errors.append(place + "\(what): no \(kind.phrase) named \(Self.quoted(mention.name)) in this org"
                    + Self.closest(mention.name, in: candidates, kind: kind))
            }
        }
        if !errors.isEmpty { throw ReconcilerError(errors.joined(separator: "\n")) }
        return Resolution(tenant: Self.replacing(in: tenant, mentions: mentions, ids: ids), resolved: resolved, warnings: warnings)
    }

    /// The object this mention's live object refers to now, when it exists under another name.
    private func renamedObject(_ mention: Mention, candidates: [ReferencedObject], live: LiveState) -> ReferencedObject? {
        guard mention.index == nil else { return nil }  // list elements have no identity to follow
        let objects = mention.object == .deployment ? live.deployments.map(\.fields) : live.configurations.map(\.fields)
        guard let current = objects.first(where: { $0["name"]?.stringValue == mention.objectName }) else { return nil }
        let source: JSONValue
        if mention.object == .configuration, let id = current["id"]?.stringValue, let published = live.published[id] {
            source = .object(published.fields)
        } else {
            source = .object(current)
        }
        let idPath = mention.site.idKey == nil ? mention.site.path + ["id"] : mention.site.idPath
        guard let id = JSONTree.value(at: idPath, in: source)?.stringValue else { return nil }
        return candidates.first { $0.id == id }
    }

    /// "; closest: …" with up to three names of the org nearest to `name`, or what the org has.
    static func closest(_ name: String, in candidates: [ReferencedObject], kind: ReferenceKind) -> String {
        let names = Array(Set(candidates.map(\.name))).sorted()
        guard !names.isEmpty else { return "; it has no \(kind.phrase)s" }
        let ranked = names.sorted {
            let a = KeySuggestion.distance(name.lowercased(), $0.lowercased())
            let b = KeySuggestion.distance(name.lowercased(), $1.lowercased())
            return a != b ? a < b : $0 < $1
        }
        return "; closest: " + ranked.prefix(3).map(quoted).joined(separator: ", ")
    }

    /// A name from a file or a server, quoted with control characters escaped.
    static func quoted(_ text: String) -> String { JSONValue.string(text).jsonText }

    // MARK: Writing ids

    /// The tenant with mention `i` replaced by `ids[i]`; mentions without an id stay by name.
    static func replacing(in tenant: Tenant, mentions: [Mention], ids: [Int: String]) -> Tenant {
        var tenant = tenant
        for (index, mention) in mentions.enumerated() {
            guard let id = ids[index] else { continue }
            func rewrite(_ fields: inout [String: JSONValue]) {
                var root = JSONValue.object(fields)
                let site = mention.site
                if let idKey = site.idKey {
                    let parent = Array(site.path.dropLast())
                    root = JSONTree.setting(nil, at: site.path, in: root)
                    root = JSONTree.setting(.string(id), at: parent + [idKey], in: root)
                } else if let element = mention.index {
                    guard var list = JSONTree.value(at: site.path, in: root)?.arrayValue, element < list.count else { return }
                    list[element] = byId(list[element], id)
                    root = JSONTree.setting(.array(list), at: site.path, in: root)
                } else if let current = JSONTree.value(at: site.path, in: root) {
                    root = JSONTree.setting(byId(current, id), at: site.path, in: root)
                }
                fields = root.objectValue ?? fields
            }
            switch mention.object {
            case .configuration:
                if let i = tenant.configurations.firstIndex(where: { $0.name == mention.objectName }) { rewrite(&tenant.configurations[i].fields) }
            case .deployment:
                if let i = tenant.deployments.firstIndex(where: { $0.name == mention.objectName }) { rewrite(&tenant.deployments[i].fields) }
            default: break
            }
        }
        return tenant
    }

    /// `{ name: n, other… }` → `{ id: x, other… }`.
    private static func byId(_ reference: JSONValue, _ id: String) -> JSONValue {
        var object = reference.objectValue ?? [:]
        object["name"] = nil
        object["id"] = .string(id)
        return .object(object)
    }

    /// The tenant with its names replaced by the ids a saved plan resolved them to (apply checks a saved
    /// plan against the files this way); a name the plan did not resolve stays a name.
    static func substituting(_ references: [ResolvedReference], in tenant: Tenant) -> Tenant {
        let resolver = ReferenceResolver(tenant: tenant)
        let mentions = resolver.mentions
        var ids: [Int: String] = [:]
        for (index, mention) in mentions.enumerated() {
            var scope: String?
            if mention.site.kind.scoped {
                scope = mention.scopeReference?["id"]?.stringValue
                if let name = ReferenceSite.byName(mention.scopeReference) {
                    scope = references.first { $0.kind == .knowledgeBase && $0.name == name }?.id
                }
            }
            ids[index] = references.first { $0.kind == mention.site.kind && $0.name == mention.name && $0.scope == scope }?.id
        }
        return replacing(in: tenant, mentions: mentions, ids: ids)
    }
}

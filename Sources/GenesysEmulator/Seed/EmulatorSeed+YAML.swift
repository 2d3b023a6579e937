import YAML

extension EmulatorSeed {
    /// Reads the seed from YAML text (DESIGN.md "The emulator": `orgs: [{id, name, region, clients: [...]}]`).
    /// - Throws: ``SeedError`` naming the file, line and field.
    static func parseYAML(_ text: String, path: String) throws -> EmulatorSeed {
        let root: YAMLNode?
        do {
            root = try YAMLParser.parse(text, file: path)
        } catch {
            throw SeedError(path: path, problem: "is not valid YAML: \(error)")
        }
        guard let orgNodes = root?["orgs"]?.sequence else {
            throw SeedError(path: path, problem: "needs a top-level `orgs:` list")
        }
        func string(_ node: YAMLNode, _ key: String, _ what: String) throws -> String {
            guard let value = node[key]?.stringValue, !value.isEmpty else {
                throw SeedError(path: path, problem: "line \(node.mark.line): \(what) needs `\(key)`")
            }
            return value
        }
        var orgs: [Org] = []
        for orgNode in orgNodes {
            var clients: [Client] = []
            for clientNode in orgNode["clients"]?.sequence ?? [] {
                var lifetime: Int? = nil
                if let node = clientNode["tokenLifetimeSeconds"], !node.isNull {
                    guard let value = node.intValue else {
                        throw SeedError(path: path, problem: "line \(node.mark.line): tokenLifetimeSeconds must be a whole number")
                    }
                    lifetime = value
                }
                var permissions: [String]? = nil
                if let node = clientNode["permissions"], !node.isNull {
                    guard let items = node.sequence, items.allSatisfy({ $0.stringValue != nil }) else {
                        throw SeedError(path: path, problem: "line \(node.mark.line): permissions must be a list of permission names")
                    }
                    permissions = items.compactMap(\.stringValue)
                }
                clients.append(Client(
                    id: try string(clientNode, "id", "a client"), secret: try string(clientNode, "secret", "a client"),
                    name: try string(clientNode, "name", "a client"), tokenLifetimeSeconds: lifetime,
                    permissions: permissions))
            }
            func named(_ key: String) throws -> [NamedObject]? {
                guard let node = orgNode[key], !node.isNull else { return nil }
                guard let items = node.sequence else {
                    throw SeedError(path: path, problem: "line \(node.mark.line): \(key) must be a list of {id, name}")
                }
                return try items.map {
                    NamedObject(
                        id: try string($0, "id", "an entry of \(key)"), name: try string($0, "name", "an entry of \(key)"),
                        type: $0["type"]?.stringValue)
                }
            }
            func named(_ key: String, in node: YAMLNode) throws -> [NamedObject] {
                guard let child = node[key], !child.isNull else { return [] }
                guard let items = child.sequence else {
                    throw SeedError(path: path, problem: "line \(child.mark.line): \(key) must be a list of {id, name}")
                }
                return try items.map { NamedObject(id: try string($0, "id", "an entry of \(key)"), name: try string($0, "name", "an entry of \(key)")) }
            }
            var knowledgeBases: [KnowledgeBase]? = nil
            if let node = orgNode["knowledgeBases"], !node.isNull {
                guard let items = node.sequence else {
                    throw SeedError(path: path, problem: "line \(node.mark.line): knowledgeBases must be a list of {id, name, categories, labels}")
                }
                knowledgeBases = try items.map {
                    KnowledgeBase(
                        id: try string($0, "id", "a knowledge base"), name: try string($0, "name", "a knowledge base"),
                        categories: try named("categories", in: $0), labels: try named("labels", in: $0))
                }
            }
            var features: [String]? = nil
            if let node = orgNode["featuresNotImplemented"], !node.isNull {
                guard let items = node.sequence, items.allSatisfy({ $0.stringValue != nil }) else {
                    throw SeedError(path: path, problem: "line \(node.mark.line): featuresNotImplemented must be a list of field names")
                }
                features = items.compactMap(\.stringValue)
            }
            var org = Org(
                id: try string(orgNode, "id", "an org"), name: try string(orgNode, "name", "an org"),
                region: try string(orgNode, "region", "an org"), clients: clients,
                flows: try named("flows"), supportedContent: try named("supportedContent"))
            org.featuresNotImplemented = features
            org.knowledgeBases = knowledgeBases
            org.integrations = try named("integrations")
            orgs.append(org)
        }
        var asyncDeletes: Int? = nil
        if let node = root?["timing"]?["asyncDeleteRequests"], !node.isNull {
            guard let value = node.intValue, value >= 0 else {
                throw SeedError(path: path, problem: "line \(node.mark.line): timing.asyncDeleteRequests must be a whole number ≥ 0")
            }
            asyncDeletes = value
        }
        var seed = EmulatorSeed(orgs: orgs, asyncDeleteRequests: asyncDeletes)
        if let node = root?["timing"]?["transientPublish400"], !node.isNull {
            guard let value = node.boolValue else {
                throw SeedError(path: path, problem: "line \(node.mark.line): timing.transientPublish400 must be true or false")
            }
            seed.transientPublish400 = value
        }
        if let node = root?["timing"]?["auditDelaySeconds"], !node.isNull {
            guard let value = node.doubleValue, value.isFinite, (0...86_400).contains(value) else {
                throw SeedError(path: path, problem: "line \(node.mark.line): timing.auditDelaySeconds must be a number of seconds from 0 to 86400")
            }
            seed.auditDelaySeconds = value
        }
        return seed
    }
}

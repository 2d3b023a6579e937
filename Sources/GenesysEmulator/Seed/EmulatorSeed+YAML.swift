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
                clients.append(Client(
                    id: try string(clientNode, "id", "a client"), secret: try string(clientNode, "secret", "a client"),
                    name: try string(clientNode, "name", "a client"), tokenLifetimeSeconds: lifetime))
            }
            orgs.append(Org(
                id: try string(orgNode, "id", "an org"), name: try string(orgNode, "name", "an org"),
                region: try string(orgNode, "region", "an org"), clients: clients))
        }
        return EmulatorSeed(orgs: orgs)
    }
}

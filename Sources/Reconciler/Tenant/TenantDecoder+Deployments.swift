import GenesysCloud

/// `deployments:` entries: `WebDeployment` fields, with `configuration` naming a configuration.
extension TenantDecoder {
    mutating func decodeDeployments(_ node: SourceNode, configurationNames: Set<String>) -> [DesiredDeployment] {
        guard let items = list(node, "`deployments`") else { return [] }
        var result: [DesiredDeployment] = []
        var seen: [String: SourceLocation] = [:]
        for (index, item) in items.enumerated() {
            guard item.mapping != nil else {
                error(item.location, "a deployment must be a mapping, found \(item.kindPhrase)")
                continue
            }
            let name = requiredString(item, "name", in: "this deployment", at: item.location)
            if let name, let at = item["name"]?.location {
                if let first = seen[name] {
                    error(at, "duplicate deployment name `\(name)`; it is already used at line \(first.line), column \(first.column)")
                } else {
                    seen[name] = at
                }
            }
            let path = FieldPath.deployment(name ?? String(index))
            record(path, item)
            let (configuration, pinnedVersion, configurationAt) = decodeConfigurationReference(item)
            record(path.appending("configuration"), item["configuration"])
            if let configuration, !configurationNames.contains(configuration), let at = configurationAt {
                let suggestion = KeySuggestion.nearest(to: configuration, in: configurationNames.sorted())
                error(at, "deployment names configuration `\(configuration)`, which no configuration in this tenant defines",
                    hint: suggestion.map { "did you mean `\($0)`?" } ?? "configurations: " + configurationNames.sorted().joined(separator: ", "))
            }
            let fields = decodeObject(item, model: APISchema.deployment, path: path, context: "a deployment", skip: ["configuration"])
            // reference §4.2: allowedDomains must be empty when allowAllDomains is true.
            if fields["allowAllDomains"]?.boolValue == true, let domains = fields["allowedDomains"]?.arrayValue, !domains.isEmpty,
                let at = origins[path.appending("allowAllDomains")]
            {
                error(at, "`allowAllDomains: true` with a non-empty `allowedDomains`; the API requires allowedDomains to be empty then",
                    hint: "remove `allowedDomains`, or set `allowAllDomains: false`")
            }
            if let name, let configuration {
                result.append(
                    DesiredDeployment(
                        name: name, configuration: configuration, pinnedVersion: pinnedVersion, fields: fields,
                        location: item.location))
            }
        }
        return result
    }

    /// `configuration: name` (follows the latest published version) or
    /// `configuration: { name: x, version: N }` (stays on published version N).
    mutating func decodeConfigurationReference(_ item: SourceNode) -> (name: String?, version: Int?, at: SourceLocation?) {
        guard let node = item["configuration"], let entries = node.mapping else {
            let name = requiredString(item, "configuration", in: "this deployment", at: item.location)
            return (name, nil, item["configuration"]?.location)
        }
        checkKeys(entries, known: TenantSchema.configurationReferenceKeys, context: "a configuration reference")
        let name = requiredString(node, "name", in: "this configuration reference", at: node.location)
        var version: Int?
        if let versionNode = node["version"] {
            if let scalar = versionNode.scalar, scalar.style == .plain, let number = Int(scalar.value), number >= 1 {
                version = number
            } else {
                let found = versionNode.scalar.map { "`\($0.value)`" } ?? versionNode.kindPhrase
                error(versionNode.location, "`version` must be a published version number (1 or more), found \(found)",
                    hint: "write the number `rollback` printed, e.g. `version: 3`, or remove `version` to follow the latest")
            }
        }
        return (name, version, node["name"]?.location)
    }
}

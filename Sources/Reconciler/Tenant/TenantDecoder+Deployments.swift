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
            let path = "deployments[\(name ?? String(index))]"
            record(path, item)
            let configuration = requiredString(item, "configuration", in: "this deployment", at: item.location)
            record(path + ".configuration", item["configuration"])
            if let configuration, !configurationNames.contains(configuration), let at = item["configuration"]?.location {
                let suggestion = KeySuggestion.nearest(to: configuration, in: configurationNames.sorted())
                error(at, "deployment names configuration `\(configuration)`, which no configuration in this tenant defines",
                    hint: suggestion.map { "did you mean `\($0)`?" } ?? "configurations: " + configurationNames.sorted().joined(separator: ", "))
            }
            let fields = decodeObject(item, model: APISchema.deployment, path: path, context: "a deployment", skip: ["configuration"])
            // reference §4.2: allowedDomains must be empty when allowAllDomains is true.
            if fields["allowAllDomains"]?.boolValue == true, let domains = fields["allowedDomains"]?.arrayValue, !domains.isEmpty,
                let at = origins[path + ".allowAllDomains"]
            {
                error(at, "`allowAllDomains: true` with a non-empty `allowedDomains`; the API requires allowedDomains to be empty then",
                    hint: "remove `allowedDomains`, or set `allowAllDomains: false`")
            }
            if let name, let configuration {
                result.append(DesiredDeployment(name: name, configuration: configuration, fields: fields, location: item.location))
            }
        }
        return result
    }
}

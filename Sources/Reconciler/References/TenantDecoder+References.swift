import GenesysCloud

/// References by name in tenant files (reference §8): `{ name: … }` wherever the API holds `{ id: … }`,
/// and `authenticationSettings.integration: { name: … }` beside the API's bare `integrationId`.
extension TenantDecoder {
    /// The by-name form of a reference at a ``ReferenceSite``: a mapping with `name` and no `id`, plus the
    /// members the API object has besides its id (a push integration's `provider`, a category's `image`).
    /// Nil when `node` is not at a site or is written by id (decoded as the API object then).
    mutating func decodeReferenceByName(_ node: SourceNode, model: SchemaModel, path: FieldPath) -> JSONValue? {
        guard let site = ReferenceSite.site(at: path), let entries = node.mapping,
            entries.contains(where: { $0.key == "name" }), !entries.contains(where: { $0.key == "id" })
        else { return nil }
        var result: [String: JSONValue] = [:]
        let others = model.fields.filter { !$0.readOnly && !["id", "name", "selfUri"].contains($0.name) }
        for entry in entries {
            if entry.key == "name" {
                guard let name = decodeReferenceName(entry.value, kind: site.kind, path: path.appending("name")) else { continue }
                result["name"] = .string(name)
            } else if let field = others.first(where: { $0.name == entry.key }) {
                if let value = decodeValue(entry.value, type: field.type, key: entry.key, path: path.appending(entry.key)),
                    checkLimits(field, value, at: entry.value.location)
                {
                    result[entry.key] = value
                }
            } else {
                reportUnknownKey(entry, known: ["name"] + others.map(\.name), context: "a \(site.kind.phrase) named by `name`")
            }
        }
        return .object(result)
    }

    /// `name:` of a reference: a non-empty string.
    mutating func decodeReferenceName(_ node: SourceNode, kind: ReferenceKind, path: FieldPath) -> String? {
        record(path, node)
        guard let name = string(node, key: "name") else { return nil }
        guard !name.trimmingCharacters(in: .whitespaces).isEmpty else {
            error(node.location, "the \(kind.phrase)'s `name` is empty", hint: "write the name the object has in Genesys Cloud")
            return nil
        }
        return name
    }

    /// `authenticationSettings.integration: { name: … }`: the integration whose id the API's
    /// `integrationId` holds, named instead.
    mutating func decodeIntegrationByName(_ entry: SourceEntry, path: FieldPath) -> JSONValue? {
        guard let entries = mapping(entry.value, "`integration`") else { return nil }
        var name: String?
        for member in entries {
            if member.key == "name" {
                name = decodeReferenceName(member.value, kind: .integration, path: path.appending("name"))
            } else {
                reportUnknownKey(member, known: ["name"], context: "`integration` (write `integrationId` for an id)")
            }
        }
        if !entries.contains(where: { $0.key == "name" }) {
            error(entry.value.location, "`integration` needs `name`", hint: "write `integration: { name: Okta SSO }`, or `integrationId:` with the id")
        }
        return name.map { ["name": .string($0)] }
    }
}

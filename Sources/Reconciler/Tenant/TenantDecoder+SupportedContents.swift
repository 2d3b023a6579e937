import GenesysCloud

/// `supportedContents:` entries: the API's `SupportedContent` (`name`, `mediaTypes.allow.inbound/outbound`,
/// reference §8), plus `default: true` on at most one profile.
extension TenantDecoder {
    mutating func decodeSupportedContents(_ node: SourceNode) -> [DesiredSupportedContent] {
        guard let items = list(node, "`supportedContents`") else { return [] }
        var result: [DesiredSupportedContent] = []
        var seen: [String: SourceLocation] = [:]
        var firstDefault: (name: String, at: SourceLocation)?
        for (index, item) in items.enumerated() {
            guard item.mapping != nil else {
                error(item.location, "a supported content profile must be a mapping, found \(item.kindPhrase)")
                continue
            }
            let name = item["name"].flatMap { $0.isNull ? nil : $0.scalar?.value }
            if let name, let at = item["name"]?.location {
                if let first = seen[name] {
                    error(at, "duplicate supported content profile name `\(name)`; it is already used at line \(first.line), column \(first.column)")
                } else {
                    seen[name] = at
                }
            }
            let path = FieldPath(["supportedContents", name ?? String(index)])
            record(path, item)
            let fields = decodeObject(
                item, model: APISchema.supportedContent, path: path, context: "a supported content profile",
                skip: Set(TenantSchema.supportedContentSugarKeys))
            var isDefault = false
            if let node = item["default"] {
                record(path.appending("default"), node)
                isDefault = bool(node, key: "default") ?? false
                // An org has one default profile: two in one file would leave it to the order of the writes.
                if isDefault, let first = firstDefault {
                    error(node.location, "two supported content profiles are marked `default: true`: `\(first.name)` (line \(first.at.line), column \(first.at.column)) and `\(name ?? "?")`",
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
}

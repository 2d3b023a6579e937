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
            checkMediaTypes(item)
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

    /// `mediaTypes.allow.inbound/outbound[].type` is an RFC 2046 media type, `*` allowed for either part
    /// (reference §8): the API refuses anything else with 400 `invalid.media.type`.
    mutating func checkMediaTypes(_ profile: SourceNode) {
        for direction in ["inbound", "outbound"] {
            for item in profile["mediaTypes"]?["allow"]?[direction]?.sequence ?? [] {
                guard let node = item["type"], let text = node.scalar?.value, !node.isNull else { continue }
                if !Self.isMediaType(text) {
                    error(node.location, "media type `\(text)` is not written type/subtype",
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
}

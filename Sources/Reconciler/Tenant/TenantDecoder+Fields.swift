import GenesysCloud
import YAML

/// Schema-driven decoding of API fields (names, types, enums and read-only flags from `APISchema`).
extension TenantDecoder {
    /// The members of an API object. `skip` names keys the caller handles itself (sugar).
    mutating func decodeObject(_ node: SourceNode, model: SchemaModel, path: String, context: String, skip: Set<String> = []) -> [String: JSONValue] {
        guard let entries = mapping(node, context) else { return [:] }
        var result: [String: JSONValue] = [:]
        for entry in entries where !skip.contains(entry.key) {
            guard let field = model.field(entry.key) else {
                reportUnknownKey(entry, known: model.writableFieldNames + skip.sorted(), context: context)
                continue
            }
            if field.readOnly {
                error(entry.keyLocation, "`\(entry.key)` is read-only: Genesys Cloud sets it, a tenant file cannot",
                    hint: "remove `\(entry.key)`; messengerctl reads it from the live object")
                continue
            }
            let childPath = path + "." + entry.key
            if let value = decodeValue(entry.value, type: field.type, key: entry.key, path: childPath) {
                result[entry.key] = value
            }
        }
        return result
    }

    mutating func decodeValue(_ node: SourceNode, type: SchemaType, key: String, path: String) -> JSONValue? {
        record(path, node)
        switch type {
        case .string(let allowed, _):
            guard let text = string(node, key: key) else { return nil }
            if !allowed.isEmpty && !allowed.contains(text) {
                let caseMatch = allowed.first { $0.lowercased() == text.lowercased() }
                error(node.location, "`\(text)` is not an allowed value for `\(key)`; allowed: \(allowed.joined(separator: ", "))",
                    hint: caseMatch.map { "values are case-sensitive: did you mean `\($0)`?" })
                return nil
            }
            if key.hasSuffix("Color") && HexColour(text) == nil {
                error(node.location, "`\(key)` must be a colour written #RRGGBB, found `\(text)`", hint: "for example \"#0052CC\" (quote it: YAML reads # as a comment)")
                return nil
            }
            return .string(text)
        case .bool:
            return bool(node, key: key).map(JSONValue.bool)
        case .integer:
            return integer(node, key: key).map { .number(Double($0)) }
        case .number:
            return number(node, key: key).map(JSONValue.number)
        case .object(let modelName):
            guard let model = APISchema.model(modelName) else { return generic(node) }
            return .object(decodeObject(node, model: model, path: path, context: "`\(key)`"))
        case .array(let items):
            guard let elements = list(node, "`\(key)`") else { return nil }
            var values: [JSONValue] = []
            for (i, item) in elements.enumerated() {
                if let v = decodeValue(item, type: items, key: key, path: "\(path)[\(i)]") { values.append(v) }
            }
            return .array(values)
        case .map(let items):
            guard let entries = mapping(node, "`\(key)`") else { return nil }
            var values: [String: JSONValue] = [:]
            for entry in entries {
                if let v = decodeValue(entry.value, type: items, key: entry.key, path: path + "." + entry.key) { values[entry.key] = v }
            }
            return .object(values)
        case .any:
            return generic(node)
        }
    }

    /// A value of a field the spec leaves untyped: scalars stay strings unless plainly bool/number.
    func generic(_ node: SourceNode) -> JSONValue {
        switch node.kind {
        case .scalar(let s):
            if node.isNull { return .null }
            if s.style == .plain {
                if s.value == "true" { return .bool(true) }
                if s.value == "false" { return .bool(false) }
                if let d = YAMLNode.plain(s.value).doubleValue { return .number(d) }
            }
            return .string(s.value)
        case .sequence(let items):
            return .array(items.map(generic))
        case .mapping(let entries):
            return .object(Dictionary(entries.map { ($0.key, generic($0.value)) }, uniquingKeysWith: { _, last in last }))
        }
    }
}

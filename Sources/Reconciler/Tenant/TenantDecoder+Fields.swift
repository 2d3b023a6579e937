import Foundation
import GenesysCloud
import YAML

/// Schema-driven decoding of API fields (names, types, enums and read-only flags from `APISchema`).
extension TenantDecoder {
    /// The members of an API object. `skip` names keys the caller handles itself (sugar).
    mutating func decodeObject(_ node: SourceNode, model: SchemaModel, path: FieldPath, context: String, skip: Set<String> = []) -> [String: JSONValue] {
        guard let entries = mapping(node, context) else { return [:] }
        var result: [String: JSONValue] = [:]
        let outerSupportCenter = supportCenterEnabled
        defer { supportCenterEnabled = outerSupportCenter }
        if model.name == "SupportCenterSettings" {
            supportCenterEnabled = entries.first { $0.key == "enabled" }?.value.scalar?.value == "true"
        }
        for entry in entries where !skip.contains(entry.key) {
            // reference §8: the integration by name, beside the API's bare `integrationId`.
            if model.name == "AuthenticationSettings", entry.key == "integration" {
                if entries.contains(where: { $0.key == "integrationId" }) {
                    error(entry.keyLocation, "`integration` and `integrationId` both name the integration; keep one")
                } else if let value = decodeIntegrationByName(entry, path: path.appending("integration")) {
                    result["integration"] = value
                }
                continue
            }
            guard let field = model.field(entry.key) else {
                let sugar = model.name == "AuthenticationSettings" ? ["integration"] : []
                reportUnknownKey(entry, known: model.writableFieldNames + sugar + skip.sorted(), context: context)
                continue
            }
            if field.readOnly {
                error(entry.keyLocation, "`\(entry.key)` is read-only: Genesys Cloud sets it, a tenant file cannot",
                    hint: "remove `\(entry.key)`; messengerctl reads it from the live object")
                continue
            }
            let childPath = path.appending(entry.key)
            if let value = decodeValue(entry.value, type: field.type, key: entry.key, path: childPath) {
                if checkLimits(field, value, at: entry.value.location) { result[entry.key] = value }
            }
        }
        checkRequired(entries, model: model, at: node.location, context: context)
        return result
    }

    /// The OpenAPI `required` list of a nested model (the roots' required keys are the tenant format's own
    /// rules); `SupportCenter*` fields only when the support center is enabled (reference §4).
    mutating func checkRequired(_ entries: [SourceEntry], model: SchemaModel, at location: SourceLocation, context: String) {
        guard model.name != APISchema.configuration.name, model.name != APISchema.deployment.name else { return }
        if model.name.hasPrefix("SupportCenter") && !supportCenterEnabled { return }
        var present = Set(entries.filter { !$0.value.isNull }.map(\.key))
        if model.name == "AuthenticationSettings", present.contains("integration") { present.insert("integrationId") }
        let missing = model.fields.filter { $0.required && !present.contains($0.name) }.map(\.name)
        guard !missing.isEmpty else { return }
        let names = missing.map { "`\($0)`" }.joined(separator: ", ")
        let when = model.name.hasPrefix("SupportCenter") ? " when the support center is enabled" : ""
        error(location, "\(context) needs \(names)\(when): Genesys Cloud refuses it without",
            hint: "add \(names), or remove \(context)")
    }

    /// `pattern`, `maxLength` and integer ranges of the OpenAPI (reference §4); `false` when the value breaks one.
    mutating func checkLimits(_ field: SchemaField, _ value: JSONValue, at location: SourceLocation) -> Bool {
        if let text = value.stringValue {
            if let pattern = field.pattern, text.range(of: pattern, options: .regularExpression) == nil {
                error(location, "`\(field.name)` value `\(text)` does not match \(pattern)",
                    hint: field.name.hasSuffix("Color") ? "write colours as \"#RRGGBB\" or \"#RGB\"" : nil)
                return false
            }
            if let maxLength = field.maxLength, text.count > maxLength {
                error(location, "`\(field.name)` is \(text.count) characters; Genesys Cloud accepts at most \(maxLength)")
                return false
            }
        }
        if let range = field.range, case .number(let number) = value {
            guard let whole = Int64(exactly: number), range.contains(whole) else {
                error(location, "`\(field.name)` \(TenantDecoder.plainNumber(number)) is outside \(range.lowerBound)…\(range.upperBound)",
                    hint: "Genesys Cloud stores it as a 32-bit number")
                return false
            }
        }
        return true
    }

    /// 2^53: every whole number up to it is a double exactly.
    static let largestExactWhole: UInt = 1 << 53

    static func plainNumber(_ value: Double) -> String {
        if let whole = Int64(exactly: value) { return String(whole) }
        return String(value)
    }

    mutating func decodeValue(_ node: SourceNode, type: SchemaType, key: String, path: FieldPath) -> JSONValue? {
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
            guard let whole = integer(node, key: key) else { return nil }
            // A request carries numbers as JSON doubles (`JSONValue.number`): past 2^53 a whole number is
            // sent rounded, and 2^63 - 1 arrives as 2^63, past an int64 field's range (reference §4).
            guard whole.magnitude <= TenantDecoder.largestExactWhole else {
                error(node.location, "`\(key)` \(whole) is beyond ±\(TenantDecoder.largestExactWhole), the largest whole numbers messengerctl sends exactly",
                    hint: "Genesys Cloud would receive a rounded number; write a smaller one")
                return nil
            }
            return .number(Double(whole))
        case .number:
            return number(node, key: key).map(JSONValue.number)
        case .object(let modelName):
            guard let model = APISchema.model(modelName) else { return generic(node) }
            if let reference = decodeReferenceByName(node, model: model, path: path) { return reference }
            return .object(decodeObject(node, model: model, path: path, context: "`\(key)`"))
        case .array(let items):
            guard let elements = list(node, "`\(key)`") else { return nil }
            var values: [JSONValue] = []
            for (i, item) in elements.enumerated() {
                if let v = decodeValue(item, type: items, key: key, path: path.appending(index: i)) { values.append(v) }
            }
            return .array(values)
        case .map(let items):
            guard let entries = mapping(node, "`\(key)`") else { return nil }
            var values: [String: JSONValue] = [:]
            for entry in entries {
                if let v = decodeValue(entry.value, type: items, key: entry.key, path: path.appending(entry.key)) { values[entry.key] = v }
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

/// One validation failure: the dotted path of the field and what is wrong with it.
struct SchemaViolation: Sendable, Equatable {
    let fieldName: String
    let errorCode: String
}

/// Checks request bodies against the generated OpenAPI model table and strips read-only fields.
///
/// Unknown enum values, wrong types and missing required fields are violations (reference §5.1 lists
/// `invalid.value`/`constraint.validation` under 400 and `details[].fieldName` naming the field, §3.5 item 7).
/// Unknown extra properties are accepted and kept: how the real API treats them is not documented
/// (reference §4 "SDK (de)serialization behaviour" — UNVERIFIED), and keeping them lets clients test
/// that they round-trip fields newer than themselves.
struct SchemaValidator: Sendable {
    let models: [String: ModelSchema]

    init(models: [String: ModelSchema] = SchemaTable.generated) {
        self.models = models
    }

    /// Validates `value` as model `model` and returns it without read-only fields (which the server sets).
    func clean(_ value: EmulatorJSON, as model: String) -> (EmulatorJSON, [SchemaViolation]) {
        var violations: [SchemaViolation] = []
        let cleaned = check(value, type: .object(model), path: "", violations: &violations)
        return (cleaned, violations)
    }

    private func check(
        _ value: EmulatorJSON, type: SchemaType, path: String, violations: inout [SchemaViolation]
    ) -> EmulatorJSON {
        let fieldName = path.isEmpty ? "body" : path
        if case .null = value { return value }
        switch type {
        case .any:
            return value
        case .string(let allowed):
            guard case .string(let text) = value else {
                violations.append(.init(fieldName: fieldName, errorCode: "invalid.type: expected string, got \(value.typeName)"))
                return value
            }
            if let allowed, !allowed.contains(text) {
                violations.append(.init(
                    fieldName: fieldName,
                    errorCode: "invalid.value: [\(text)] is not one of \(allowed.joined(separator: ", "))"))
            }
            return value
        case .integer:
            if value.intValue == nil {
                violations.append(.init(fieldName: fieldName, errorCode: "invalid.type: expected integer, got \(value.typeName)"))
            }
            return value
        case .number:
            if case .number = value { return value }
            violations.append(.init(fieldName: fieldName, errorCode: "invalid.type: expected number, got \(value.typeName)"))
            return value
        case .boolean:
            if case .bool = value { return value }
            violations.append(.init(fieldName: fieldName, errorCode: "invalid.type: expected boolean, got \(value.typeName)"))
            return value
        case .array(let itemType):
            guard case .array(let items) = value else {
                violations.append(.init(fieldName: fieldName, errorCode: "invalid.type: expected array, got \(value.typeName)"))
                return value
            }
            return .array(items.enumerated().map { index, item in
                check(item, type: itemType, path: "\(path)[\(index)]", violations: &violations)
            })
        case .map(let valueType):
            guard case .object(let members) = value else {
                violations.append(.init(fieldName: fieldName, errorCode: "invalid.type: expected object, got \(value.typeName)"))
                return value
            }
            var result: [String: EmulatorJSON] = [:]
            for (key, member) in members {
                result[key] = check(member, type: valueType, path: join(path, key), violations: &violations)
            }
            return .object(result)
        case .object(let modelName):
            guard case .object(let members) = value else {
                violations.append(.init(fieldName: fieldName, errorCode: "invalid.type: expected object, got \(value.typeName)"))
                return value
            }
            guard let model = models[modelName] else { return value }
            var result: [String: EmulatorJSON] = [:]
            for (key, member) in members {
                if model.readOnly.contains(key) { continue }  // reference §4: read-only fields are set by the server
                if let propertyType = model.properties[key] {
                    result[key] = check(member, type: propertyType, path: join(path, key), violations: &violations)
                } else {
                    result[key] = member
                }
            }
            for name in model.required.sorted() where !model.readOnly.contains(name) {
                if members[name] == nil || members[name] == .null {
                    violations.append(.init(fieldName: join(path, name), errorCode: "missing.required.field"))
                }
            }
            return .object(result)
        }
    }

    private func join(_ path: String, _ key: String) -> String {
        path.isEmpty ? key : "\(path).\(key)"
    }
}

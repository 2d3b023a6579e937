import Foundation

/// One validation failure: the dotted path of the field and what is wrong with it.
struct SchemaViolation: Sendable, Equatable {
    let fieldName: String
    let errorCode: String
    /// For `invalid.property`: the model that has no such property.
    var model: String? = nil

    /// A property the model does not declare (reference §5.1 lists `invalid.property` under 400).
    var isUnknownProperty: Bool { errorCode.hasPrefix("invalid.property") }
}

/// Checks request bodies against the generated OpenAPI model table and strips read-only fields.
///
/// Unknown enum values, wrong types, missing required fields, patterns, lengths, integer ranges and date
/// formats are violations (reference §5.1 lists `invalid.value`/`constraint.validation` under 400 and
/// `details[].fieldName` naming the field, §3.5 item 7). Properties the model does not declare are refused
/// with `invalid.property` and never stored: accepting them here would let a tenant pass every test and fail
/// in production, where the server's models are closed (reference §4 "SDK (de)serialization behaviour" is
/// UNVERIFIED about the server, so the strict reading is the safe one).
struct SchemaValidator: Sendable {
    let models: [String: ModelSchema]

    init(models: [String: ModelSchema] = SchemaTable.generated) {
        self.models = models
    }

    /// Validates `value` as model `model` and returns it without read-only fields (which the server sets).
    func clean(_ value: EmulatorJSON, as model: String) -> (EmulatorJSON, [SchemaViolation]) {
        var violations: [SchemaViolation] = []
        let cleaned = check(value, type: .object(model), limits: nil, path: "", context: Context(), violations: &violations)
        return (cleaned, violations)
    }

    /// What a parent decides for its subtree.
    private struct Context {
        /// reference §4 "Required-ness drift": the `SupportCenter*` required fields apply only when the support
        /// center is enabled ("Required if support center is enabled").
        var supportCenterEnabled = false
    }

    private func check(
        _ value: EmulatorJSON, type: SchemaType, limits: PropertyLimits?, path: String, context: Context,
        violations: inout [SchemaViolation]
    ) -> EmulatorJSON {
        let fieldName = path.isEmpty ? "body" : path
        // Swagger 2.0 has no `nullable`: a JSON null is not a string, number or object of the model.
        if case .null = value {
            if case .any = type { return value }
            violations.append(.init(fieldName: fieldName, errorCode: "invalid.type: null is not allowed; leave the property out"))
            return value
        }
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
            if let limits { checkString(text, limits, fieldName: fieldName, violations: &violations) }
            return value
        case .integer:
            // Any whole number is an integer, also past 2^53 where a double cannot hold every one (int64 fields).
            guard case .number(let number) = value, number.isFinite, number.rounded() == number else {
                violations.append(.init(fieldName: fieldName, errorCode: "invalid.type: expected integer, got \(value.typeName)"))
                return value
            }
            // JSON numbers are read as doubles, which cannot tell -2^63 from -2^63 - 1: both are refused.
            if let minimum = limits?.minimum, minimum == Int64.min ? number <= -0x1p63 : number < Double(minimum) {
                violations.append(.init(fieldName: fieldName, errorCode: "constraint.validation: must be at least \(minimum)"))
            }
            // Double(Int64.max) rounds up to 2^63, so the int64 bound is checked against 2^63 itself.
            if let maximum = limits?.maximum, maximum == Int64.max ? number >= 0x1p63 : number > Double(maximum) {
                violations.append(.init(fieldName: fieldName, errorCode: "constraint.validation: must be at most \(maximum)"))
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
                check(item, type: itemType, limits: nil, path: "\(path)[\(index)]", context: context, violations: &violations)
            })
        case .map(let valueType):
            guard case .object(let members) = value else {
                violations.append(.init(fieldName: fieldName, errorCode: "invalid.type: expected object, got \(value.typeName)"))
                return value
            }
            var result: [String: EmulatorJSON] = [:]
            for (key, member) in members {
                result[key] = check(member, type: valueType, limits: nil, path: join(path, key), context: context, violations: &violations)
            }
            return .object(result)
        case .object(let modelName):
            guard case .object(let members) = value else {
                violations.append(.init(fieldName: fieldName, errorCode: "invalid.type: expected object, got \(value.typeName)"))
                return value
            }
            guard let model = models[modelName] else { return value }
            var inner = context
            if modelName == "SupportCenterSettings" { inner.supportCenterEnabled = members["enabled"]?.boolValue == true }
            var result: [String: EmulatorJSON] = [:]
            for key in members.keys.sorted() {
                let member = members[key]!
                if model.readOnly.contains(key) { continue }  // reference §4: read-only fields are set by the server
                guard let propertyType = model.properties[key] else {
                    violations.append(.init(
                        fieldName: join(path, key), errorCode: "invalid.property: \(modelName) has no property \(key)",
                        model: modelName))
                    continue
                }
                result[key] = check(
                    member, type: propertyType, limits: model.limits[key], path: join(path, key), context: inner,
                    violations: &violations)
            }
            // reference §4 "Required-ness drift": "Required if support center is enabled" for the support
            // center's own fields, "Required when … is provided" for its parts. Read conservatively: a part
            // that is sent (feedback, a screen, a style) always carries its required fields, so nothing is
            // stored that the response schema would call invalid.
            let conditional = modelName == "SupportCenterSettings"
            if !conditional || inner.supportCenterEnabled {
                for name in model.required.sorted() where !model.readOnly.contains(name) {
                    if members[name] == nil || members[name] == .null {
                        violations.append(.init(fieldName: join(path, name), errorCode: "missing.required.field"))
                    }
                }
            }
            return .object(result)
        }
    }

    private func checkString(_ text: String, _ limits: PropertyLimits, fieldName: String, violations: inout [SchemaViolation]) {
        if let pattern = limits.pattern, !Self.matches(text, pattern) {
            violations.append(.init(fieldName: fieldName, errorCode: "constraint.validation: must match \(pattern)"))
        }
        if let minLength = limits.minLength, text.count < minLength {
            violations.append(.init(fieldName: fieldName, errorCode: "constraint.validation: at least \(minLength) characters"))
        }
        if let maxLength = limits.maxLength, text.count > maxLength {
            violations.append(.init(fieldName: fieldName, errorCode: "constraint.validation: at most \(maxLength) characters"))
        }
        switch limits.format {
        case .localDateTime?:
            if LocalDateTime.parse(text) == nil {
                violations.append(.init(
                    fieldName: fieldName, errorCode: "invalid.date: expected yyyy-MM-ddTHH:mm:ss[.SSS] without a time zone"))
            }
        case .dateTime?:
            if APIDate.parse(text) == nil {
                violations.append(.init(fieldName: fieldName, errorCode: "invalid.date: expected an ISO-8601 date and time"))
            }
        case nil:
            break
        }
    }

    /// Whole-string match of an OpenAPI (ECMA-262 subset) pattern; the patterns carry their own anchors.
    static func matches(_ text: String, _ pattern: String) -> Bool {
        guard let regex = try? NSRegularExpression(pattern: pattern) else { return true }
        let range = NSRange(text.startIndex..., in: text)
        return regex.firstMatch(in: text, range: range) != nil
    }

    private func join(_ path: String, _ key: String) -> String {
        path.isEmpty ? key : "\(path).\(key)"
    }
}

/// `LocalDateTime` of reference §3.3 / §4.4: "an ISO-8601 string without a timezone. For example:
/// yyyy-MM-ddTHH:mm:ss.SSS". Terraform writes up to six fraction digits; the fraction is optional.
enum LocalDateTime {
    /// Seconds since 0001-01-01T00:00 in a proleptic calendar without zones, for ordering `start` and `end`.
    static func parse(_ text: String) -> Int64? {
        let chars = Array(text.utf8)
        guard chars.count >= 19, chars.count <= 26 else { return nil }
        func digits(_ range: Range<Int>) -> Int? {
            var value = 0
            for index in range {
                let c = chars[index]
                guard c >= 48, c <= 57 else { return nil }
                value = value * 10 + Int(c - 48)
            }
            return value
        }
        guard chars[4] == 45, chars[7] == 45, chars[10] == 84, chars[13] == 58, chars[16] == 58,
            let year = digits(0..<4), let month = digits(5..<7), let day = digits(8..<10),
            let hour = digits(11..<13), let minute = digits(14..<16), let second = digits(17..<19)
        else { return nil }
        if chars.count > 19 {
            guard chars[19] == 46, chars.count > 20, digits(20..<chars.count) != nil else { return nil }
        }
        guard year >= 1, (1...12).contains(month), hour < 24, minute < 60, second < 60 else { return nil }
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        let lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        guard (1...lengths[month - 1]).contains(day) else { return nil }
        // Days from civil (H. Hinnant's algorithm), then seconds.
        let y = month <= 2 ? year - 1 : year
        let era = y / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        let days = Int64(era * 146_097 + doe)
        return days * 86_400 + Int64(hour * 3600 + minute * 60 + second)
    }
}

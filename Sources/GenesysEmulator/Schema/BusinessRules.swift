import Foundation

/// The rules the OpenAPI states only in prose (model descriptions of reference §4.1, §4.2), checked after
/// the schema. Each answers 400 with `details[].fieldName` naming the field, like a schema violation.
enum BusinessRules {
    /// The colour fields of a configuration outside the support center, which the OpenAPI describes as
    /// "in hexadecimal" without a pattern; the support-center colours carry `^#([A-Fa-f0-9]{6}|[A-Fa-f0-9]{3})$`
    /// and the same pattern is applied here (a choice listed in emulator/README.md).
    static let hexColour = "^#([A-Fa-f0-9]{6}|[A-Fa-f0-9]{3})$"

    /// `WebDeploymentConfigurationVersion` (reference §4.1).
    static func configuration(_ body: EmulatorJSON) -> [SchemaViolation] {
        var violations: [SchemaViolation] = []
        let languages = (body["languages"]?.arrayValue ?? []).compactMap(\.stringValue)
        let defaultLanguage = body["defaultLanguage"]?.stringValue
        // "required if the messenger is enabled" (languages, defaultLanguage).
        if body["messenger"]?["enabled"]?.boolValue == true {
            if languages.isEmpty {
                violations.append(.init(fieldName: "languages", errorCode: "missing.required.field: required when the messenger is enabled"))
            }
            if defaultLanguage == nil {
                violations.append(.init(
                    fieldName: "defaultLanguage", errorCode: "missing.required.field: required when the messenger is enabled"))
            }
        }
        if let defaultLanguage, !languages.isEmpty, !languages.contains(defaultLanguage) {
            violations.append(.init(fieldName: "defaultLanguage", errorCode: "invalid.value: [\(defaultLanguage)] is not one of languages"))
        }
        if let colour = body["messenger"]?["styles"]?["primaryColor"]?.stringValue, !SchemaValidator.matches(colour, hexColour) {
            violations.append(.init(fieldName: "messenger.styles.primaryColor", errorCode: "constraint.validation: must match \(hexColour)"))
        }
        // "PushNotificationTitle and PushNotificationBody keys are required when notifications are enabled",
        // read strictly: for every language of the configuration.
        if body["messenger"]?["apps"]?["conversations"]?["notifications"]?["enabled"]?.boolValue == true {
            let labels = body["customI18nLabels"]?.arrayValue ?? []
            for language in languages.isEmpty ? [defaultLanguage ?? ""] : languages {
                let keys = Set(labels.filter { $0["language"]?.stringValue == language }
                    .flatMap { $0["localizedLabels"]?.arrayValue ?? [] }
                    .filter { !($0["value"]?.stringValue ?? "").isEmpty }
                    .compactMap { $0["key"]?.stringValue })
                for key in ["PushNotificationTitle", "PushNotificationBody"] where !keys.contains(key) {
                    violations.append(.init(
                        fieldName: "customI18nLabels", errorCode: "missing.required.field: \(key) for language [\(language)] is required when notifications are enabled"))
                }
            }
        }
        // "Required if support center is enabled, must contain both Welcome and Fallback message entries".
        if body["supportCenter"]?["enabled"]?.boolValue == true {
            let types = Set((body["supportCenter"]?["customMessages"]?.arrayValue ?? []).compactMap { $0["type"]?.stringValue })
            for type in ["Welcome", "Fallback"] where !types.contains(type) {
                violations.append(.init(
                    fieldName: "supportCenter.customMessages", errorCode: "missing.required.field: a \(type) message is required when the support center is enabled"))
            }
        }
        return violations
    }

    /// `Schedule` (reference §3.3, §4.4): `start` before `end` (both already checked as LocalDateTime) and an
    /// `rrule` that parses as an iCalendar RRULE (RFC 5545 §3.3.10), as Terraform checks before sending.
    static func schedule(_ body: EmulatorJSON) -> [SchemaViolation] {
        var violations: [SchemaViolation] = []
        if let start = body["start"]?.stringValue.flatMap(LocalDateTime.parse),
            let end = body["end"]?.stringValue.flatMap(LocalDateTime.parse), start >= end
        {
            violations.append(.init(fieldName: "end", errorCode: "invalid.date: end must be after start"))
        }
        if let rrule = body["rrule"]?.stringValue, let problem = RecurrenceRule.problem(rrule) {
            violations.append(.init(fieldName: "rrule", errorCode: "invalid.date: \(problem)"))
        }
        return violations
    }

    /// `ScheduleGroup` (reference §4.4): `timeZone` must be a time zone the server knows (IANA names).
    static func scheduleGroup(_ body: EmulatorJSON) -> [SchemaViolation] {
        guard let zone = body["timeZone"]?.stringValue else { return [] }
        if zone.isEmpty || TimeZone(identifier: zone) == nil {
            return [.init(fieldName: "timeZone", errorCode: "invalid.date: [\(zone)] is not a known time zone")]
        }
        return []
    }
}

/// A syntax check of iCalendar recurrence rules (RFC 5545 §3.3.10), enough to refuse what a server parser
/// would: unknown parts, a missing or unknown `FREQ`, malformed numbers and weekdays.
enum RecurrenceRule {
    static let frequencies: Set<String> = ["SECONDLY", "MINUTELY", "HOURLY", "DAILY", "WEEKLY", "MONTHLY", "YEARLY"]
    static let weekdays: Set<String> = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]

    /// What is wrong with `text`, or `nil` when it parses.
    static func problem(_ text: String) -> String? {
        var rule = text
        if rule.uppercased().hasPrefix("RRULE:") { rule = String(rule.dropFirst(6)) }
        guard !rule.isEmpty, rule.count <= 1000 else { return "the rrule is empty or too long" }
        var seen = Set<String>()
        for part in rule.split(separator: ";", omittingEmptySubsequences: false) {
            let pair = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard pair.count == 2, !pair[1].isEmpty else { return "[\(part)] is not NAME=VALUE" }
            let name = pair[0].uppercased()
            let value = String(pair[1]).uppercased()
            guard seen.insert(name).inserted else { return "\(name) appears twice" }
            let list = value.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            switch name {
            case "FREQ":
                guard frequencies.contains(value) else { return "FREQ [\(value)] is not a frequency" }
            case "INTERVAL", "COUNT":
                guard let number = Int(value), number >= 1 else { return "\(name) [\(value)] is not a positive integer" }
            case "UNTIL":
                let date = value.hasSuffix("Z") ? String(value.dropLast()) : value
                guard date.count == 8 || (date.count == 15 && date.dropFirst(8).first == "T"),
                    date.replacingOccurrences(of: "T", with: "").allSatisfy(\.isNumber)
                else { return "UNTIL [\(value)] is not a date" }
            case "WKST":
                guard weekdays.contains(value) else { return "WKST [\(value)] is not a weekday" }
            case "BYDAY":
                for day in list {
                    let code = String(day.suffix(2))
                    let ordinal = day.dropLast(2)
                    guard weekdays.contains(code), ordinal.isEmpty || Int(ordinal).map({ (1...53).contains(abs($0)) }) == true
                    else { return "BYDAY [\(day)] is not a weekday" }
                }
            case "BYSECOND", "BYMINUTE", "BYHOUR", "BYMONTHDAY", "BYYEARDAY", "BYWEEKNO", "BYMONTH", "BYSETPOS":
                let ranges: [String: ClosedRange<Int>] = [
                    "BYSECOND": 0...60, "BYMINUTE": 0...59, "BYHOUR": 0...23, "BYMONTHDAY": -31...31,
                    "BYYEARDAY": -366...366, "BYWEEKNO": -53...53, "BYMONTH": 1...12, "BYSETPOS": -366...366,
                ]
                for item in list {
                    guard let number = Int(item), ranges[name]!.contains(number) else { return "\(name) [\(item)] is out of range" }
                }
            default:
                return "\(name) is not an RRULE part"
            }
        }
        guard seen.contains("FREQ") else { return "FREQ is required" }
        if seen.contains("COUNT") && seen.contains("UNTIL") { return "COUNT and UNTIL cannot both be given" }
        return nil
    }
}

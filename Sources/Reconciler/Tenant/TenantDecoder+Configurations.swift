import Foundation
import GenesysCloud

/// `configurations:` entries: `WebDeploymentConfigurationVersion` fields plus `greetings` sugar.
extension TenantDecoder {
    mutating func decodeConfigurations(_ node: SourceNode) -> [DesiredConfiguration] {
        guard let items = list(node, "`configurations`") else { return [] }
        var result: [DesiredConfiguration] = []
        var seen: [String: SourceLocation] = [:]
        for (index, item) in items.enumerated() {
            guard item.mapping != nil else {
                error(item.location, "a configuration must be a mapping, found \(item.kindPhrase)")
                continue
            }
            let name = requiredString(item, "name", in: "this configuration", at: item.location)
            if let name, let first = seen[name], let at = item["name"]?.location {
                error(at, "duplicate configuration name `\(name)`; it is already used at line \(first.line), column \(first.column)")
            }
            if let name, let at = item["name"]?.location, seen[name] == nil { seen[name] = at }
            let path = FieldPath.configuration(name ?? String(index))
            record(path, item)
            let fields = decodeObject(item, model: APISchema.configuration, path: path, context: "a configuration", skip: Set(TenantSchema.configurationSugarKeys))
            let languages = fields["languages"]?.arrayValue?.compactMap(\.stringValue) ?? []
            checkDefaultLanguage(item, languages: languages)
            checkConfigurationRules(item, fields: fields)
            var greetings: [String: Greeting] = [:]
            if let greetingsNode = item["greetings"] {
                greetings = decodeGreetings(greetingsNode, languages: fields["languages"] != nil ? languages : nil, path: path.appending("greetings"))
                if item["customI18nLabels"] != nil, let at = item.entry("greetings")?.keyLocation {
                    error(at, "`greetings` and `customI18nLabels` both set the Messenger's labels; use one of them",
                        hint: "`greetings` is written to `customI18nLabels` when applied")
                }
            }
            checkContrast(path: path, fields: fields)
            checkFileSizes(path: path, fields: fields)
            if let name { result.append(DesiredConfiguration(name: name, fields: fields, greetings: greetings, location: item.location)) }
        }
        return result
    }

    /// The rules the OpenAPI states in prose (reference §4.1), which the API enforces on create and draft PUT:
    /// languages are BCP 47 tags; `languages` and `defaultLanguage` are required when the messenger is
    /// enabled; push notification labels are required when notifications are enabled; an enabled support
    /// center needs a Welcome and a Fallback message.
    mutating func checkConfigurationRules(_ item: SourceNode, fields: [String: JSONValue]) {
        for (index, node) in (item["languages"]?.sequence ?? []).enumerated() {
            if let tag = node.scalar?.value, !Self.isLanguageTag(tag) {
                error(node.location, "`\(tag)` (languages[\(index)]) is not a BCP 47 language tag", hint: "write tags like en-us, fr or de-de")
            }
        }
        if let node = item["defaultLanguage"], let tag = node.scalar?.value, !Self.isLanguageTag(tag) {
            error(node.location, "defaultLanguage `\(tag)` is not a BCP 47 language tag", hint: "write tags like en-us, fr or de-de")
        }
        if let enabled = item["messenger"]?["enabled"], fields["messenger"]?["enabled"]?.boolValue == true {
            let missing = ["languages", "defaultLanguage"].filter { fields[$0] == nil }
            if !missing.isEmpty {
                error(enabled.location, "an enabled messenger needs \(missing.map { "`\($0)`" }.joined(separator: " and ")): Genesys Cloud refuses it without",
                    hint: "add `languages: [en-us]` and `defaultLanguage: en-us` to this configuration")
            }
        }
        if let enabled = item["messenger"]?["apps"]?["conversations"]?["notifications"]?["enabled"],
            fields["messenger"]?.value(atPath: ["apps", "conversations", "notifications", "enabled"])?.boolValue == true
        {
            let labels = fields["customI18nLabels"]?.arrayValue ?? []
            let languages = fields["languages"]?.arrayValue?.compactMap(\.stringValue) ?? []
            for language in languages {
                let keys = Set(labels.filter { $0["language"]?.stringValue == language }
                    .flatMap { $0["localizedLabels"]?.arrayValue ?? [] }.compactMap { $0["key"]?.stringValue })
                let missing = ["PushNotificationTitle", "PushNotificationBody"].filter { !keys.contains($0) }
                if !missing.isEmpty {
                    error(enabled.location, "notifications are enabled but `customI18nLabels` has no \(missing.joined(separator: " and ")) for `\(language)`",
                        hint: "Genesys Cloud requires both push notification labels for every language when notifications are enabled")
                }
            }
        }
        if let center = item["supportCenter"], fields["supportCenter"]?["enabled"]?.boolValue == true {
            let types = Set((fields["supportCenter"]?["customMessages"]?.arrayValue ?? []).compactMap { $0["type"]?.stringValue })
            let missing = ["Welcome", "Fallback"].filter { !types.contains($0) }
            if !missing.isEmpty {
                error((center["customMessages"] ?? center).location, "an enabled support center needs `customMessages` with \(missing.joined(separator: " and ")) entries",
                    hint: "add `{type: Welcome, defaultValue: …}` and `{type: Fallback, defaultValue: …}`")
            }
        }
    }

    /// A BCP 47 tag as Messenger uses them (`en-us`, `fr`, `zh-hant-tw`): a 2–3 letter language, then
    /// optional script, region and variant subtags.
    static func isLanguageTag(_ tag: String) -> Bool {
        languageTag.rangeOfFirstMatch(in: tag, range: NSRange(tag.startIndex..., in: tag)).location != NSNotFound
    }

    /// Compiled once: `String.range(of:options: .regularExpression)` looks its expression up in a cache
    /// keyed by a printed description of the options, which for every language of every tenant was 2 %
    /// of a fleet plan's CPU. Same expression and options as that call, so the same tags match.
    private static let languageTag = try! NSRegularExpression(
        pattern: "^[A-Za-z]{2,3}(-[A-Za-z]{4})?(-([A-Za-z]{2}|[0-9]{3}))?(-([A-Za-z0-9]{5,8}|[0-9][A-Za-z0-9]{3}))*$")

    mutating func checkDefaultLanguage(_ item: SourceNode, languages: [String]) {
        guard let node = item["defaultLanguage"], let value = node.scalar?.value, item["languages"] != nil else { return }
        if !languages.contains(value) {
            error(node.location, "defaultLanguage `\(value)` is not in `languages` (\(languages.joined(separator: ", ")))",
                hint: "add `\(value)` to `languages` or pick one of them")
        }
    }

    mutating func decodeGreetings(_ node: SourceNode, languages: [String]?, path: FieldPath) -> [String: Greeting] {
        guard let entries = mapping(node, "`greetings`") else { return [:] }
        var result: [String: Greeting] = [:]
        let keys = TenantSchema.greetingKeys.map(\.key)
        for entry in entries {
            if let languages, !languages.contains(entry.key) {
                error(entry.keyLocation, "greeting language `\(entry.key)` is not in `languages` (\(languages.joined(separator: ", ")))",
                    hint: "add `\(entry.key)` to `languages`, or remove these greetings")
            } else if languages == nil {
                error(entry.keyLocation, "greetings are given but the configuration has no `languages`", hint: "add `languages: [\(entry.key)]`")
            }
            guard let texts = mapping(entry.value, "`greetings.\(entry.key)`") else { continue }
            var greeting = Greeting()
            for text in texts {
                guard keys.contains(text.key) else {
                    reportUnknownKey(text, known: keys, context: "`greetings.\(entry.key)` (greetings have only title, subtitle and launcher)")
                    continue
                }
                guard let value = string(text.value, key: text.key) else { continue }
                record(path.appending([entry.key, text.key]), text.value)
                if value.count > policy.maxGreetingLength {
                    error(text.value.location, "greeting \(text.key) is \(value.count) characters, longer than policy.maxGreetingLength (\(policy.maxGreetingLength))",
                        hint: "shorten it, or raise `policy.maxGreetingLength`")
                }
                switch text.key {
                case "title": greeting.title = value
                case "subtitle": greeting.subtitle = value
                default: greeting.launcher = value
                }
            }
            result[entry.key] = greeting
        }
        return result
    }

    /// WCAG 2.x contrast of `messenger.styles.primaryColor` against `policy.contrastWith`.
    mutating func checkContrast(path: FieldPath, fields: [String: JSONValue]) {
        let colourPath = path.appending(["messenger", "styles", "primaryColor"])
        guard let text = fields["messenger"]?.value(atPath: ["styles", "primaryColor"])?.stringValue,
            let colour = HexColour(text), let background = HexColour(policy.contrastWith), let location = origins[colourPath]
        else { return }
        let ratio = colour.contrastRatio(with: background)
        // Compare the rounded figure the user sees, so "4.50:1 is below 4.5:1" can never be printed.
        let shown = (ratio * 100).rounded(.down) / 100
        if shown < policy.minContrast {
            error(location, "contrast \(Self.ratioText(ratio)):1 of primaryColor \(colour) against \(background) is below \(Self.ratioText(policy.minContrast)):1 (WCAG 2.x)",
                hint: "darken primaryColor, or set `policy.contrastWith` to the colour drawn on it")
        }
    }

    static func ratioText(_ value: Double) -> String {
        let hundredths = Int((value * 100).rounded(.down))
        let fraction = hundredths % 100
        return "\(hundredths / 100)." + (fraction < 10 ? "0" : "") + "\(fraction)"
    }

    /// `maxFileSizeKB` in 1–10240: the API's default and the most Genesys' Terraform provider accepts.
    mutating func checkFileSizes(path: FieldPath, fields: [String: JSONValue]) {
        guard let modes = fields["messenger"]?.value(atPath: ["fileUpload", "modes"])?.arrayValue else { return }
        for (i, mode) in modes.enumerated() {
            guard let size = mode["maxFileSizeKB"]?.intValue,
                let location = origins[path.appending(["messenger", "fileUpload", "modes"]).appending(index: i).appending("maxFileSizeKB")]
            else { continue }
            if !(1...10240).contains(size) {
                error(location, "maxFileSizeKB \(size) is outside 1–10240", hint: "10240 (10 MB) is the largest size Genesys Cloud accepts")
            }
        }
    }
}


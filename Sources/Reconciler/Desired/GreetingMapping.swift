import GenesysCloud

/// `greetings` sugar → `customI18nLabels` (DESIGN.md "Tenant file"; label keys from reference §4.1
/// `LocalizedLabels.key`).
enum GreetingMapping {
    /// Sugar key → `LocalizedLabels.key`.
    static let labelKeys: [(sugar: String, label: String)] = [
        ("title", "MessengerHomeHeaderTitle"),
        ("subtitle", "MessengerHomeHeaderSubTitle"),
        ("launcher", "MessengerLauncherButtonText"),
    ]

    static func text(_ greeting: Greeting, _ sugar: String) -> String? {
        switch sugar {
        case "title": greeting.title
        case "subtitle": greeting.subtitle
        default: greeting.launcher
        }
    }

    /// The labels list with the greetings laid over `existing`: for each language in `greetings`, the
    /// three greeting keys are set; other keys (push notification texts) and other languages are kept.
    static func labels(_ greetings: [String: Greeting], over existing: JSONValue?) -> JSONValue {
        var entries = existing?.arrayValue ?? []
        for language in greetings.keys.sorted() {
            let greeting = greetings[language]!
            let index = entries.firstIndex { $0["language"]?.stringValue?.lowercased() == language.lowercased() }
            var labels = index.flatMap { entries[$0]["localizedLabels"]?.arrayValue } ?? []
            for key in labelKeys {
                guard let text = text(greeting, key.sugar) else { continue }
                if let at = labels.firstIndex(where: { $0["key"]?.stringValue == key.label }) {
                    labels[at]["value"] = .string(text)
                } else {
                    labels.append(["key": .string(key.label), "value": .string(text)])
                }
            }
            if let index {
                entries[index]["localizedLabels"] = .array(labels)
            } else {
                entries.append(["language": .string(language), "localizedLabels": .array(labels)])
            }
        }
        return .array(entries)
    }

    /// The first greeting (its language, and `title`, `subtitle` or `launcher`) whose text differs between two
    /// label lists: the line `plan --explain` points a labels change at.
    static func firstChangedGreeting(before: JSONValue?, after: JSONValue?) -> (language: String, key: String)? {
        let old = greetings(from: before)
        let new = greetings(from: after)
        for language in Set(old.keys).union(new.keys).sorted() {
            for key in labelKeys where text(old[language] ?? Greeting(), key.sugar) != text(new[language] ?? Greeting(), key.sugar) {
                return (language, key.sugar)
            }
        }
        return nil
    }

    /// Greetings read back from labels (for export): only the three sugar keys.
    static func greetings(from labels: JSONValue?) -> [String: Greeting] {
        var result: [String: Greeting] = [:]
        for entry in labels?.arrayValue ?? [] {
            guard let language = entry["language"]?.stringValue else { continue }
            var greeting = Greeting()
            for label in entry["localizedLabels"]?.arrayValue ?? [] {
                let value = label["value"]?.stringValue
                switch label["key"]?.stringValue {
                case "MessengerHomeHeaderTitle": greeting.title = value
                case "MessengerHomeHeaderSubTitle": greeting.subtitle = value
                case "MessengerLauncherButtonText": greeting.launcher = value
                default: break
                }
            }
            if greeting != Greeting() { result[language] = greeting }
        }
        return result
    }
}

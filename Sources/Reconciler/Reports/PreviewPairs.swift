import GenesysCloud

/// Before-and-after previews of the configurations a plan (or drift) changes, and the previews of a
/// tenant file's configurations as written.
public enum PreviewPairs {
    /// One configuration in one language: before (live) and after (the file); either is nil when
    /// the configuration does not exist on that side (a create, a delete).
    public struct Pair: Sendable {
        public var tenant: String
        public var configuration: String
        public var language: String
        public var before: MessengerPreview?
        public var after: MessengerPreview?

        /// `t1/support.de`, a file name stem made of safe characters only.
        public var stem: String { PreviewPairs.safe(tenant) + "/" + PreviewPairs.safe(configuration) + "." + PreviewPairs.safe(language) }
    }

    /// The previews for every changed configuration of `tenant`. The "after" side is what the file
    /// wants (the plan's desired fields); the "before" side is the same fields with the live values
    /// the plan shows, so fields the file does not manage are drawn as defaults on both sides.
    public static func pairs(
        _ tenant: TenantPlan, policy: Policy = Policy(), beforeLabel: String = "before", afterLabel: String = "after"
    ) -> [Pair] {
        guard tenant.error == nil else { return [] }
        var pairs: [Pair] = []
        for object in tenant.changedObjects where object.kind == .configuration && object.action != .delete {
            let after = object.desired ?? .object([:])
            var before: JSONValue? = after
            if object.action == .create {
                before = nil
            } else {
                for change in object.changes where !FieldChange.derivedPaths.contains(change.path) {
                    before = JSONTree.setting(change.before, at: change.keys, in: before!)
                }
            }
            var languages = MessengerPreview.languages(of: after)
            for language in before.map(MessengerPreview.languages(of:)) ?? [] where !languages.contains(language) { languages.append(language) }
            for language in languages.prefix(maximumLanguages) {
                func preview(_ fields: JSONValue?, _ side: String) -> MessengerPreview? {
                    fields.map {
                        MessengerPreview(
                            configuration: $0, language: language, contrastWith: policy.contrastWith, minContrast: policy.minContrast,
                            caption: "\(tenant.tenant) · \(object.name) · \(language) · \(side)")
                    }
                }
                pairs.append(
                    Pair(
                        tenant: tenant.tenant, configuration: object.name, language: language,
                        before: preview(before, beforeLabel), after: preview(after, afterLabel)))
            }
        }
        return pairs
    }

    /// Languages drawn per configuration: a bound on the page's size whatever a file or server lists.
    static let maximumLanguages = 12

    /// The previews of a tenant file's configurations as written (`messengerctl preview`).
    public static func previews(of tenant: Tenant) -> [Pair] {
        tenant.configurations.flatMap { configuration -> [Pair] in
            var fields = JSONValue.object(configuration.fields)
            if !configuration.greetings.isEmpty {
                fields["customI18nLabels"] = GreetingMapping.labels(configuration.greetings, over: fields["customI18nLabels"])
            }
            return MessengerPreview.languages(of: fields).prefix(maximumLanguages).map { language in
                Pair(
                    tenant: tenant.name, configuration: configuration.name, language: language, before: nil,
                    after: MessengerPreview(
                        configuration: fields, language: language, contrastWith: tenant.policy.contrastWith,
                        minContrast: tenant.policy.minContrast, caption: "\(tenant.name) · \(configuration.name) · \(language)"))
            }
        }
    }

    /// The pairs side by side, for an HTML page (inline SVG: the page stays one file).
    static func html(_ pairs: [Pair], beforeLabel: String, afterLabel: String) -> String {
        guard !pairs.isEmpty else { return "" }
        var out = ""
        for pair in pairs {
            out += "<div class=\"pair\">"
            for (label, preview) in [(beforeLabel, pair.before), (afterLabel, pair.after)] {
                out += "<figure>"
                out += preview?.svg(standalone: false) ?? "<p class=\"meta\">(no such configuration \(HTMLText.escape(label)))</p>"
                out += "<figcaption>\(HTMLText.escape(label)): \(HTMLText.escape(pair.configuration)) · \(HTMLText.escape(pair.language))</figcaption></figure>"
            }
            out += "</div>\n"
        }
        return out
    }

    /// A name as a file name part: letters, digits, `-`, `_` only (never `..`, `/` or a leading dot).
    static func safe(_ text: String) -> String {
        let mapped = String(text.unicodeScalars.prefix(80).map { scalar -> Character in
            scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "-" || scalar == "_")
                ? Character(scalar) : "-"
        })
        return mapped.isEmpty ? "-" : mapped
    }
}

import Foundation
import GenesysCloud
import YAML

/// Decodes one merged tenant tree into a `Tenant`, collecting every problem as a `Diagnostic`.
///
/// Decoding and validation happen in one walk so each value is checked where its location is known.
/// Rules that need several values (contrast needs `policy`, deployments need configuration names)
/// read the parts they depend on first, whatever order the file uses.
struct TenantDecoder {
    let file: String
    var diagnostics: [Diagnostic] = []
    var origins: [FieldPath: SourceLocation] = [:]
    var policy = Policy()
    /// While decoding a `supportCenter` subtree: whether it is enabled, so its conditionally required
    /// fields apply (reference §4 "Required-ness drift").
    var supportCenterEnabled = false

    init(file: String) {
        self.file = file
    }

    mutating func error(_ location: SourceLocation, _ message: String, hint: String? = nil) {
        diagnostics.append(Diagnostic(.error, at: location, message, hint: hint))
    }

    /// The tenant, or `nil` when required parts are missing (the diagnostics say which).
    mutating func decode(_ root: SourceNode) -> Tenant? {
        guard let entries = root.mapping else { return nil }
        checkKeys(entries, known: TenantSchema.topLevelKeys, context: "a tenant file")
        // A base (what `extends:` names, or `export --as-base` writes) has none of the tenant's own keys; it is
        // checked like a tenant without them, so a base can be validated on its own.
        let isBase = !TenantSchema.tenantOnlyKeys.contains { root[$0] != nil }
        if isBase {
            if let policyNode = root["policy"] { policy = decodePolicy(policyNode) }
            let configurations = root["configurations"].map { decodeConfigurations($0) } ?? []
            let deployments = root["deployments"].map {
                decodeDeployments($0, configurationNames: Set(configurations.map(\.name)))
            } ?? []
            _ = root["availability"].map { decodeAvailability($0) }
            _ = decodeKindSections(root)
            _ = root["ignore"].map {
                decodeIgnore($0, configurations: Set(configurations.map(\.name)), deployments: Set(deployments.map(\.name)))
            }
            _ = root["prune"].flatMap { bool($0, key: "prune") }
            diagnostics.sort { ($0.location.file, $0.location.line, $0.location.column) < ($1.location.file, $1.location.line, $1.location.column) }
            return nil
        }

        let name = requiredString(root, "tenant", in: "the tenant file", at: root.location)
        record(FieldPath(["tenant"]), root["tenant"])
        let expected = ((file as NSString).lastPathComponent as NSString).deletingPathExtension
        if let name, name != expected, let entry = root.entry("tenant") {
            error(entry.value.location, "tenant `\(name)` does not match the file name `\((file as NSString).lastPathComponent)`",
                hint: "name the file `\(name).yaml`, or set `tenant: \(expected)`")
        }
        let region = requiredString(root, "region", in: "the tenant file", at: root.location)
        if let region, !TenantSchema.regions.contains(region), let entry = root.entry("region") {
            let suggestion = KeySuggestion.nearest(to: region, in: TenantSchema.regions)
            error(entry.value.location, "unknown region `\(region)`",
                hint: (suggestion.map { "did you mean `\($0)`? " } ?? "") + "regions: " + TenantSchema.regions.joined(separator: ", "))
        }
        let organizationId = requiredString(root, "organizationId", in: "the tenant file", at: root.location)
        record(FieldPath(["organizationId"]), root["organizationId"])
        if let organizationId, UUID(uuidString: organizationId) == nil, let entry = root.entry("organizationId") {
            error(entry.value.location, "organizationId `\(organizationId)` is not a UUID",
                hint: "copy the organization id from Admin → Organization Settings, e.g. 1f0c2a4e-5b6d-4e7f-8a9b-0c1d2e3f4a5b")
        }
        let credentials = decodeCredentials(root)
        let prune = root["prune"].flatMap { bool($0, key: "prune") } ?? false
        record(FieldPath(["prune"]), root["prune"])
        if let policyNode = root["policy"] { policy = decodePolicy(policyNode) }

        let configurations = root["configurations"].map { decodeConfigurations($0) } ?? []
        let configurationNames = Set(configurations.map(\.name))
        let deployments = root["deployments"].map { decodeDeployments($0, configurationNames: configurationNames) } ?? []
        let availability = root["availability"].map { decodeAvailability($0) } ?? []
        let kindSections = decodeKindSections(root)
        let ignore = root["ignore"].map {
            decodeIgnore($0, configurations: configurationNames, deployments: Set(deployments.map(\.name)))
        } ?? []

        diagnostics.sort { ($0.location.file, $0.location.line, $0.location.column) < ($1.location.file, $1.location.line, $1.location.column) }
        guard let name, let region, let organizationId, let credentials else { return nil }
        var tenant = Tenant(
            name: name, file: file, region: region, organizationId: organizationId, credentials: credentials,
            prune: prune, policy: policy, configurations: configurations, deployments: deployments,
            availability: availability, ignore: ignore, origins: origins)
        for set in kindSections { set(&tenant) }
        return tenant
    }

    /// The sections kinds decode themselves (``ManagedKind/decodeSection(_:with:)``), in apply order: what
    /// each sets on the tenant.
    mutating func decodeKindSections(_ root: SourceNode) -> [(inout Tenant) -> Void] {
        var setters: [(inout Tenant) -> Void] = []
        for kind in ObjectKind.allCases.sorted() {
            guard let section = kind.managed.fileSection, let node = root[section] else { continue }
            if let set = kind.managed.decodeSection(node, with: &self) { setters.append(set) }
        }
        return setters
    }

    // MARK: - Shared readers

    mutating func record(_ path: FieldPath, _ node: SourceNode?) {
        if let node { origins[path] = node.location }
    }

    /// Reports keys not in `known`: a secret-looking key as a secret (value never shown), others with
    /// the nearest known key suggested.
    mutating func checkKeys(_ entries: [SourceEntry], known: [String], context: String) {
        for entry in entries where !known.contains(entry.key) {
            reportUnknownKey(entry, known: known, context: context)
        }
    }

    mutating func reportUnknownKey(_ entry: SourceEntry, known: [String], context: String) {
        if SecretPolicy.looksLikeSecretKey(entry.key) {
            error(entry.keyLocation, "`\(entry.key)` looks like a literal secret; secrets never go in tenant files (value not shown)",
                hint: "remove it, rotate the secret if it was committed, and name an environment variable in `credentials.clientSecretEnv`")
            return
        }
        let suggestion = KeySuggestion.nearest(to: entry.key, in: known)
        error(entry.keyLocation, "unknown key `\(entry.key)` in \(context)",
            hint: suggestion.map { "did you mean `\($0)`?" } ?? "known keys: " + known.joined(separator: ", "))
    }

    mutating func mapping(_ node: SourceNode, _ what: String) -> [SourceEntry]? {
        guard let entries = node.mapping else {
            error(node.location, "\(what) must be a mapping, found \(node.kindPhrase)")
            return nil
        }
        return entries
    }

    mutating func list(_ node: SourceNode, _ what: String) -> [SourceNode]? {
        guard let items = node.sequence else {
            error(node.location, "\(what) must be a list, found \(node.kindPhrase)")
            return nil
        }
        return items
    }

    mutating func string(_ node: SourceNode, key: String) -> String? {
        guard let s = node.scalar, !node.isNull else {
            error(node.location, "`\(key)` must be a string, found \(node.kindPhrase)",
                hint: node.isNull ? "in YAML a value starting with # is a comment: quote it, e.g. \"#0052CC\"" : nil)
            return nil
        }
        return s.value
    }

    /// A required string member; reports it missing at `location` (the enclosing mapping).
    mutating func requiredString(_ parent: SourceNode, _ key: String, in what: String, at location: SourceLocation) -> String? {
        guard let node = parent[key] else {
            error(location, "\(what) has no `\(key)`; it is required")
            return nil
        }
        return string(node, key: key)
    }

    /// `true`/`false`. YAML 1.1's yes/no/on/off are refused (never guessed) with a hint.
    mutating func bool(_ node: SourceNode, key: String) -> Bool? {
        if let s = node.scalar, s.style == .plain {
            switch s.value {
            case "true", "True", "TRUE": return true
            case "false", "False", "FALSE": return false
            case "yes", "Yes", "YES", "y", "Y", "on", "On", "ON":
                error(node.location, "`\(key)` must be true or false, found `\(s.value)`", hint: "YAML 1.1 reads `\(s.value)` as a boolean but other tools do not; write `true`")
                return nil
            case "no", "No", "NO", "n", "N", "off", "Off", "OFF":
                error(node.location, "`\(key)` must be true or false, found `\(s.value)`", hint: "YAML 1.1 reads `\(s.value)` as a boolean but other tools do not; write `false`")
                return nil
            default: break
            }
        }
        error(node.location, "`\(key)` must be true or false, found \(describe(node))")
        return nil
    }

    mutating func integer(_ node: SourceNode, key: String) -> Int? {
        if let s = node.scalar, s.style == .plain, let v = YAMLNode.plain(s.value).intValue { return v }
        error(node.location, "`\(key)` must be a whole number, found \(describe(node))")
        return nil
    }

    mutating func number(_ node: SourceNode, key: String) -> Double? {
        if let s = node.scalar, s.style == .plain, let v = YAMLNode.plain(s.value).doubleValue { return v }
        error(node.location, "`\(key)` must be a number, found \(describe(node))")
        return nil
    }

    /// A short rendering of a found value for messages (collections by kind, long text cut).
    func describe(_ node: SourceNode) -> String {
        guard let s = node.scalar, !node.isNull else { return node.kindPhrase }
        let text = s.value.count > 40 ? String(s.value.prefix(40)) + "…" : s.value
        return s.style == .plain ? "`\(text)`" : "the string \"\(text)\""
    }

    // MARK: - Top-level parts

    mutating func decodeCredentials(_ root: SourceNode) -> CredentialReferences? {
        guard let node = root["credentials"] else {
            error(root.location, "the tenant file has no `credentials`; it is required",
                hint: "credentials: { clientIdEnv: ACME_EU_CLIENT_ID, clientSecretEnv: ACME_EU_CLIENT_SECRET }")
            return nil
        }
        guard let entries = mapping(node, "`credentials`") else { return nil }
        checkKeys(entries, known: TenantSchema.credentialKeys, context: "`credentials`")
        var values: [String: String] = [:]
        for key in TenantSchema.credentialKeys {
            guard let entry = entries.first(where: { $0.key == key }) else {
                error(node.location, "`credentials` has no `\(key)`; it is required")
                continue
            }
            guard let s = entry.value.scalar, !entry.value.isNull else {
                error(entry.value.location, "`credentials.\(key)` must be the name of an environment variable, found \(entry.value.kindPhrase)")
                continue
            }
            // The value is never echoed: if it is not a variable name it may be the secret itself.
            guard SecretPolicy.isEnvironmentVariableName(s.value) else {
                error(entry.value.location, "`credentials.\(key)` must name an environment variable (like ACME_EU_CLIENT_ID); this value does not look like one (value not shown)",
                    hint: "if this is the credential itself, remove it from the file and rotate it")
                continue
            }
            values[key] = s.value
            record(FieldPath(["credentials", key]), entry.value)
        }
        guard let id = values["clientIdEnv"], let secret = values["clientSecretEnv"] else { return nil }
        return CredentialReferences(clientIdEnv: id, clientSecretEnv: secret)
    }

    mutating func decodePolicy(_ node: SourceNode) -> Policy {
        var policy = Policy()
        guard let entries = mapping(node, "`policy`") else { return policy }
        checkKeys(entries, known: TenantSchema.policyKeys, context: "`policy`")
        for entry in entries {
            record(FieldPath(["policy", entry.key]), entry.value)
            switch entry.key {
            case "minContrast":
                if let v = number(entry.value, key: "minContrast") {
                    if (1...21).contains(v) { policy.minContrast = v } else {
                        error(entry.value.location, "`minContrast` must be between 1 and 21 (WCAG contrast ratios), found \(v)")
                    }
                }
            case "contrastWith":
                if let v = string(entry.value, key: "contrastWith") {
                    if HexColour(v) != nil { policy.contrastWith = v } else {
                        error(entry.value.location, "`contrastWith` must be a colour written #RRGGBB, found `\(v)`")
                    }
                }
            case "maxGreetingLength":
                if let v = integer(entry.value, key: "maxGreetingLength") {
                    if v >= 1 { policy.maxGreetingLength = v } else {
                        error(entry.value.location, "`maxGreetingLength` must be at least 1, found \(v)")
                    }
                }
            default: break
            }
        }
        return policy
    }

    /// The field an `ignore:` path names, or what is wrong with it: it must name a configuration or
    /// deployment of this file and then fields the API schema knows (reference §4.1, §4.2), list indexes
    /// allowed. The text is read once, here; from then on the rule is a ``FieldPath``.
    static func ignoredField(
        _ text: String, configurations: Set<String>, deployments: Set<String>
    ) -> Result<FieldPath, IgnorePathProblem> {
        let kinds: [(String, Set<String>, SchemaModel, [String])] = [
            ("configurations", configurations, APISchema.configuration, TenantSchema.configurationSugarKeys),
            ("deployments", deployments, APISchema.deployment, ["configuration"]),
        ]
        guard let kind = kinds.first(where: { text.hasPrefix($0.0 + "[") }) else {
            return .failure(IgnorePathProblem("must start with configurations[NAME] or deployments[NAME]"))
        }
        let path: FieldPath
        do { path = try FieldPath(parsing: text) } catch { return .failure(IgnorePathProblem(error.message)) }
        let name = path.components[1]
        guard kind.1.contains(name) else {
            let known = kind.1.sorted().joined(separator: ", ")
            return .failure(IgnorePathProblem(
                "names \(kind.0.dropLast()) `\(name)`, which this file does not define" + (known.isEmpty ? "" : " (defined: \(known))")))
        }
        var type: SchemaType? = .object(kind.2.name)
        for (position, key) in path.components.dropFirst(2).enumerated() {
            if position == 0 && kind.3.contains(key) { break }  // sugar keys (`greetings`, a deployment's `configuration`)
            if case .array(let items)? = type {
                type = items
                if Int(key) != nil { continue }  // `modes[0]`: the list's element
            }
            guard case .object(let modelName)? = type, let current = APISchema.model(modelName) else {
                return .failure(IgnorePathProblem("goes below `\(key)`'s parent, which has no fields"))
            }
            guard let field = current.field(key) else {
                let suggestion = KeySuggestion.nearest(to: key, in: current.fields.map(\.name))
                return .failure(IgnorePathProblem(
                    "names `\(key)`, which \(current.name) does not have" + (suggestion.map { "; did you mean `\($0)`?" } ?? "")))
            }
            type = field.type
        }
        return .success(path)
    }

    struct IgnorePathProblem: Error {
        var message: String
        init(_ message: String) { self.message = message }
    }

    mutating func decodeIgnore(_ node: SourceNode, configurations: Set<String>, deployments: Set<String>) -> [IgnoreRule] {
        guard let items = list(node, "`ignore`") else { return [] }
        var rules: [IgnoreRule] = []
        for item in items {
            guard let entries = mapping(item, "an `ignore` entry") else { continue }
            checkKeys(entries, known: TenantSchema.ignoreKeys, context: "an `ignore` entry")
            let path = requiredString(item, "path", in: "this `ignore` entry", at: item.location)
            let reason = requiredString(item, "reason", in: "this `ignore` entry", at: item.location)
            if let reason, reason.trimmingCharacters(in: .whitespaces).isEmpty, let r = item["reason"] {
                error(r.location, "`reason` must say why the path is ignored; it is empty")
                continue
            }
            guard let path else { continue }
            switch Self.ignoredField(path, configurations: configurations, deployments: deployments) {
            case .failure(let problem):
                // A typo would silently ignore nothing, and the drift it was meant to tolerate would be applied.
                if let at = item["path"]?.location {
                    error(at, "ignore path `\(path)` \(problem.message)",
                        hint: "paths look like configurations[NAME].messenger.launcherButton or deployments[NAME].allowedDomains")
                }
            case .success(let field):
                if let reason { rules.append(IgnoreRule(path: path, field: field, reason: reason, location: item.location)) }
            }
        }
        return rules
    }
}

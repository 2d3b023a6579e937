import Foundation
import GenesysCloud
import YAML

/// Live org → tenant file (`messengerctl export`).
///
/// Writes API objects with their JSON names in the schema's field order (stable output), drops
/// read-only fields and fields this version's schema does not know (they stay unmanaged, so the
/// round trip holds), and folds labels back into `greetings` and Architect schedules back into
/// `availability` where the sugar can say exactly the same thing.
public struct Exporter: Sendable {
    public struct Options: Sendable {
        public var tenant: String
        public var region: String
        public var credentials: CredentialReferences
        /// A base for `extends:`: no tenant identity, no org-specific ids.
        public var asBase: Bool

        public init(tenant: String, region: String, credentials: CredentialReferences, asBase: Bool = false) {
            self.tenant = tenant
            self.region = region
            self.credentials = credentials
            self.asBase = asBase
        }
    }

    /// What export could not carry over, said in the file's header.
    public struct Result: Sendable {
        public var yaml: String
        public var notes: [String]
    }

    public let options: Options

    public init(options: Options) {
        self.options = options
    }

    /// Writes references by name (reference §8), so the file (or base) means the same objects in any org
    /// that has objects of those names; without a table, references are left out of a base.
    func export(live: LiveState, organizationId: String, references: ReferenceNaming.Table = ReferenceNaming.Table(), now: Date = Date()) -> Result {
        var notes: [String] = []
        var root: [YAMLPair] = []
        if !options.asBase {
            root.append(pair("tenant", .string(options.tenant)))
            root.append(pair("region", .string(options.region)))
            root.append(pair("organizationId", .string(organizationId)))
            root.append(
                pair(
                    "credentials",
                    .mapping([
                        pair("clientIdEnv", .string(options.credentials.clientIdEnv)),
                        pair("clientSecretEnv", .string(options.credentials.clientSecretEnv)),
                    ])))
        }

        // Each kind writes its section (``ManagedKind/export``), in apply order.
        for kind in ObjectKind.allCases.sorted() {
            guard let section = kind.managed.fileSection else { continue }
            let entries = kind.managed.export(live, with: self, references: references, notes: &notes)
            if !entries.isEmpty { root.append(pair(section, .sequence(entries))) }
        }

        var header = "# yaml-language-server: $schema=../schemas/tenant.schema.json\n"
        header +=
            options.asBase
            ? "# Base exported by messengerctl from \(options.tenant) (\(options.region)); org-specific ids removed.\n"
            : "# Exported by messengerctl from org \(organizationId) (\(options.region)).\n"
        for note in notes { header += "# note: \(note)\n" }
        return Result(yaml: header + YAMLEmitter.emit(.mapping(root)), notes: notes)
    }

    // MARK: Configurations and deployments

    /// The org's configurations, each as its latest published version, labels folded into `greetings`.
    func exportConfigurations(_ live: LiveState, references: ReferenceNaming.Table, notes: inout [String]) -> [YAMLNode] {
        var configurations: [YAMLNode] = []
        for draft in live.configurations.sorted(by: { name($0.fields) < name($1.fields) }) {
            guard let id = draft.fields["id"]?.stringValue else { continue }
            // What visitors see is the latest published version; a never-published draft is exported as is.
            var object = JSONValue.object(live.published[id]?.fields ?? draft.fields)
            if live.published[id] != nil,
                !ConfigurationKind.unpublishedEdits(draft: .object(draft.fields), published: object, managing: nil).isEmpty
            {
                notes.append("configuration \(name(draft.fields)) has unpublished draft edits; the published version was exported")
            }
            var greetings: YAMLNode?
            if let labels = object["customI18nLabels"], Self.onlyGreetingKeys(labels) {
                let folded = GreetingMapping.greetings(from: labels)
                if !folded.isEmpty {
                    greetings = Self.greetingsNode(folded)
                    object["customI18nLabels"] = nil
                }
            }
            var node = yaml(object, type: .object("WebDeploymentConfigurationVersion"), path: name(draft.fields), notes: &notes).map {
                ReferenceNaming.named(
                    $0, object: .configuration, live: object, table: references, asBase: options.asBase,
                    path: "configuration \(name(draft.fields))", notes: &notes)
            }
            if let greetings, case .mapping(var pairs) = node?.kind {
                pairs.append(pair("greetings", greetings))
                node = .mapping(pairs)
            }
            if let node { configurations.append(node) }
        }
        return configurations
    }

    /// The org's deployments, each naming its configuration (pinned when it serves an older version).
    func exportDeployments(_ live: LiveState, references: ReferenceNaming.Table, notes: inout [String]) -> [YAMLNode] {
        var configurationNames: [String: String] = [:]
        for draft in live.configurations.sorted(by: { name($0.fields) < name($1.fields) }) {
            if let id = draft.fields["id"]?.stringValue { configurationNames[id] = name(draft.fields) }
        }
        var deployments: [YAMLNode] = []
        for deployment in live.deployments.sorted(by: { name($0.fields) < name($1.fields) }) {
            var object = JSONValue.object(deployment.fields)
            let configurationId = object["configuration"]?["id"]?.stringValue
            object["configuration"] = nil
            guard let written = yaml(object, type: .object("WebDeployment"), path: name(deployment.fields), notes: &notes),
                case .mapping(var pairs) = ReferenceNaming.named(
                    written, object: .deployment, live: object, table: references, asBase: options.asBase,
                    path: "deployment \(name(deployment.fields))", notes: &notes
                ).kind
            else { continue }
            let configurationName = configurationId.flatMap { configurationNames[$0] } ?? configurationId ?? ""
            let serving = deployment.fields["configuration"]?["version"]?.stringValue
            let latest = configurationId.flatMap { live.published[$0]?.fields["version"]?.stringValue }
            var reference = YAMLNode.string(configurationName)
            if let serving, let latest, serving != latest, let number = Int(serving), number >= 1 {
                // Exported as it is: pinned, so planning the export shows no change.
                reference = .mapping([pair("name", .string(configurationName)), pair("version", .plain(String(number)))])
                notes.append(
                    "deployment \(name(deployment.fields)) serves version \(serving) of \(configurationName), not the latest (\(latest)); "
                        + "exported pinned to version \(serving): remove `version` to follow the latest")
            }
            pairs.insert(pair("configuration", reference), at: min(1, pairs.count))
            deployments.append(.mapping(pairs))
        }
        return deployments
    }

    // MARK: Availability

    /// Folds a schedule group back into `availability` when its schedules are exactly what the
    /// sugar produces (weekly open windows named `<group>-open-N`, all-day holidays named
    /// `<group>-holiday-<date>-<slug>`); other groups cannot be said in the sugar and are named in a note.
    func exportAvailability(_ live: LiveState, notes: inout [String]) -> [YAMLNode] {
        var result: [YAMLNode] = []
        let schedulesById = Dictionary(
            live.schedules.compactMap { s in s.fields["id"]?.stringValue.map { ($0, JSONValue.object(s.fields)) } },
            uniquingKeysWith: { a, _ in a })
        for group in live.scheduleGroups.sorted(by: { name($0.fields) < name($1.fields) }) {
            let groupJSON = JSONValue.object(group.fields)
            let groupName = name(group.fields)
            guard let timeZone = groupJSON["timeZone"]?.stringValue else { continue }
            let open = (groupJSON["openSchedules"]?.arrayValue ?? []).compactMap { $0["id"]?.stringValue.flatMap { schedulesById[$0] } }
            let holidays = (groupJSON["holidaySchedules"]?.arrayValue ?? []).compactMap {
                $0["id"]?.stringValue.flatMap { schedulesById[$0] }
            }
            var windows: [YAMLNode] = []
            var closed: [YAMLNode] = []
            var fits = (groupJSON["closedSchedules"]?.arrayValue ?? []).isEmpty
            for (index, schedule) in open.enumerated() {
                guard fits, schedule["name"]?.stringValue == "\(groupName)-open-\(index + 1)",
                    let window = Self.window(schedule)
                else {
                    fits = false
                    break
                }
                windows.append(window)
            }
            for schedule in holidays {
                guard fits, let scheduleName = schedule["name"]?.stringValue,
                    scheduleName.hasPrefix("\(groupName)-holiday-"),
                    let day = Self.holiday(schedule, name: String(scheduleName.dropFirst("\(groupName)-holiday-".count)))
                else {
                    fits = false
                    break
                }
                closed.append(day)
            }
            guard fits, !windows.isEmpty else {
                notes.append("schedule group \(groupName) does not fit the availability sugar and was not exported")
                continue
            }
            var pairs = [pair("name", .string(groupName)), pair("timeZone", .string(timeZone)), pair("open", .sequence(windows))]
            if !closed.isEmpty { pairs.append(pair("closed", .sequence(closed))) }
            result.append(.mapping(pairs))
        }
        return result
    }

    /// `FREQ=WEEKLY;BYDAY=MO,TU` with `start`/`end` on one day → `{days, from, to}`.
    static func window(_ schedule: JSONValue) -> YAMLNode? {
        guard let rrule = schedule["rrule"]?.stringValue, rrule.hasPrefix("FREQ=WEEKLY;BYDAY="),
            let start = schedule["start"]?.stringValue, let end = schedule["end"]?.stringValue,
            start.count >= 16, end.count >= 16, start.prefix(10) == end.prefix(10)
        else { return nil }
        let days = rrule.dropFirst("FREQ=WEEKLY;BYDAY=".count).split(separator: ",").map(String.init)
        guard !days.isEmpty, days.allSatisfy({ Weekday(rawValue: $0) != nil }) else { return nil }
        let from = String(Array(start)[11..<16])
        let to = String(Array(end)[11..<16])
        // Only what the sugar would write back: the anchor date of the first day.
        let anchor = AvailabilityMapping.anchorDate(for: days.compactMap(Weekday.init(rawValue:)))
        guard start == "\(anchor)T\(from):00.000", end == "\(anchor)T\(to):00.000" else { return nil }
        return .mapping([
            pair("days", .sequence(days.map { YAMLNode.plain($0) })), pair("from", .string(from)), pair("to", .string(to)),
        ])
    }

    /// An all-day schedule → `{name, date}`, the name as the user wrote it (kept in the schedule's
    /// `description`) when it still belongs to the schedule's name; otherwise the slug itself.
    static func holiday(_ schedule: JSONValue, name suffix: String) -> YAMLNode? {
        guard schedule["rrule"] == nil || schedule["rrule"]?.stringValue?.isEmpty == true,
            let start = schedule["start"]?.stringValue, start.hasSuffix("T00:00:00.000"), start.count == 23
        else { return nil }
        let date = String(start.prefix(10))
        let parts = date.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { return nil }
        let next = AvailabilityMapping.nextDay(LocalDate(year: parts[0], month: parts[1], day: parts[2]))
        // `<group>-holiday-<date>-<slug>`; an older messengerctl's `<group>-holiday-<slug>` exports too
        // (planning the export then renames it).
        let slug = suffix.hasPrefix(date + "-") ? String(suffix.dropFirst(date.count + 1)) : suffix
        let written = schedule["description"]?.stringValue.flatMap { AvailabilityMapping.slug($0) == slug ? $0 : nil }
        let name = written ?? slug
        guard schedule["end"]?.stringValue == "\(next)T00:00:00.000", AvailabilityMapping.slug(name) == slug else { return nil }
        return .mapping([pair("name", .string(name)), pair("date", .plain(date))])
    }

    // MARK: JSON → YAML with the schema

    /// A value as YAML, fields in the schema's order, read-only and unknown fields left out.
    func yaml(_ value: JSONValue, type: SchemaType, path: String, notes: inout [String]) -> YAMLNode? {
        switch (value, type) {
        case (.null, _):
            return nil
        case (.object(let object), .object(let modelName)):
            guard let model = APISchema.model(modelName) else { return generic(value) }
            var pairs: [YAMLPair] = []
            // `status` is not marked read-only (reference §3.5 item 4) but the server moves it by itself.
            for field in model.fields where !field.readOnly && field.name != "status" {
                guard let child = object[field.name],
                    let node = yaml(child, type: field.type, path: "\(path).\(field.name)", notes: &notes)
                else { continue }
                pairs.append(pair(field.name, node))
            }
            let unknown = object.keys.filter { key in model.field(key) == nil }.sorted()
            if !unknown.isEmpty {
                notes.append("\(path): fields unknown to this messengerctl left unmanaged: \(unknown.joined(separator: ", "))")
            }
            return .mapping(pairs)
        case (.array(let items), .array(let itemType)):
            return .sequence(items.compactMap { yaml($0, type: itemType, path: path + "[]", notes: &notes) })
        default:
            return generic(value)
        }
    }

    /// Any JSON value as YAML (maps sorted by key).
    private func generic(_ value: JSONValue) -> YAMLNode? {
        switch value {
        case .null: return nil
        case .bool(let b): return .plain(b ? "true" : "false")
        case .number: return .plain(value.jsonText)
        case .string(let s): return .string(s)
        case .array(let items): return .sequence(items.compactMap(generic))
        case .object(let object):
            return .mapping(object.keys.sorted().compactMap { key in generic(object[key]!).map { pair(key, $0) } })
        }
    }

    static func onlyGreetingKeys(_ labels: JSONValue) -> Bool {
        let known = Set(GreetingMapping.labelKeys.map(\.label))
        return (labels.arrayValue ?? []).allSatisfy { entry in
            (entry["localizedLabels"]?.arrayValue ?? []).allSatisfy { known.contains($0["key"]?.stringValue ?? "") }
        }
    }

    static func greetingsNode(_ greetings: [String: Greeting]) -> YAMLNode {
        .mapping(
            greetings.keys.sorted().map { language in
                let g = greetings[language]!
                var pairs: [YAMLPair] = []
                for key in GreetingMapping.labelKeys {
                    if let text = GreetingMapping.text(g, key.sugar) { pairs.append(pair(key.sugar, .string(text))) }
                }
                return pair(language, .mapping(pairs))
            })
    }

    func name(_ fields: [String: JSONValue]) -> String { fields["name"]?.stringValue ?? "" }
}

private func pair(_ key: String, _ value: YAMLNode) -> YAMLPair {
    YAMLPair(key: .string(key), value: value)
}

import GenesysCloud

/// Computes one tenant's plan: live + desired → changes with preconditions.
///
/// The planner only reads. It matches desired objects to live ones by name (when a name matches
/// several live objects, the one ``DuplicateRule`` keeps, the others explained and deleted only with
/// `removeDuplicates`), lays desired fields over live ones, and lists each managed field that
/// differs. Fields the file does not mention are not managed, so server defaults are never drift.
struct Planner: Sendable {
    let tenant: Tenant
    /// Plan the deletion of the extra objects that share a managed object's name (`--remove-duplicates`).
    var removeDuplicates = false

    func plan(live: LiveState) throws(ReconcilerError) -> (objects: [ObjectPlan], warnings: [String]) {
        var result = try planObjects(live: live)
        for index in result.objects.indices {
            let object = result.objects[index]
            let prefix: String
            switch object.kind {
            case .configuration: prefix = "configurations[\(object.name)]"
            case .deployment: prefix = "deployments[\(object.name)]"
            case .schedule, .scheduleGroup: prefix = ""
            }
            guard !prefix.isEmpty else { continue }
            for c in result.objects[index].changes.indices {
                let change = result.objects[index].changes[c]
                var path = change.path
                // One labels change may come from any greeting line: point at the one that differs.
                if path == "customI18nLabels", let greeting = GreetingMapping.firstChangedGreeting(before: change.before, after: change.after) {
                    path = "greetings.\(greeting)"
                }
                result.objects[index].changes[c].origin = origin(prefix: prefix, path: path).map(\.description)
            }
        }
        return result
    }

    /// Where the file set the value of `path` (or of the nearest enclosing key it wrote).
    func origin(prefix: String, path: String) -> SourceLocation? {
        let origins = tenant.origins
        var key = path == "customI18nLabels" ? "greetings" : path
        if key == "configuration.version" { key = "configuration" }
        while true {
            let full = "\(prefix).\(key)"
            if let exact = origins[full] { return exact }
            // A list or object recorded element by element: the first element's place.
            if let first = origins.filter({ $0.key.hasPrefix(full + "[") || $0.key.hasPrefix(full + ".") })
                .min(by: { ($0.value.line, $0.value.column) < ($1.value.line, $1.value.column) })
            {
                return first.value
            }
            guard let dot = key.lastIndex(of: ".") else { return origins[prefix] }
            key = String(key[..<dot])
        }
    }

    private func planObjects(live: LiveState) throws(ReconcilerError) -> (objects: [ObjectPlan], warnings: [String]) {
        var objects: [ObjectPlan] = []
        var warnings: [String] = []
        var duplicates: [ObjectPlan] = []

        var configurationPlans: [String: ObjectPlan] = [:]
        for desired in tenant.configurations {
            let plan = try planConfiguration(desired, live: live, warnings: &warnings, duplicates: &duplicates)
            configurationPlans[desired.name] = plan
            objects.append(plan)
        }
        for desired in tenant.deployments {
            objects.append(
                try planDeployment(
                    desired, live: live, configurations: configurationPlans, warnings: &warnings, duplicates: &duplicates))
        }
        var adopted: Set<String> = []
        for availability in tenant.availability {
            objects += try planAvailability(
                availability, live: live, adopted: &adopted, warnings: &warnings, duplicates: &duplicates)
        }
        if tenant.prune {
            let kept = Set(objects.compactMap(\.id)).union(adopted).union(duplicates.compactMap(\.id))
            objects += prunePlans(live: live).filter { !kept.contains($0.id ?? "") }
        }
        return (objects + duplicates, warnings)
    }

    // MARK: Configurations

    private func planConfiguration(
        _ desired: DesiredConfiguration, live: LiveState, warnings: inout [String], duplicates: inout [ObjectPlan]
    ) throws(ReconcilerError) -> ObjectPlan {
        let prefix = "configurations[\(desired.name)]"
        guard
            let draftObject = match(
                .configuration, name: desired.name, in: live.configurations.map(\.fields), warnings: &warnings,
                duplicates: &duplicates
            ).map(ConfigurationVersion.init(fields:))
        else {
            var body = JSONValue.object(desired.fields)
            if !desired.greetings.isEmpty {
                body["customI18nLabels"] = GreetingMapping.labels(desired.greetings, over: body["customI18nLabels"])
            }
            var plan = ObjectPlan(kind: .configuration, name: desired.name, id: nil, action: .create)
            plan.changes = JSONTree.leaves(of: body).map {
                FieldChange(path: $0.path.joined(separator: "."), before: nil, after: $0.value)
            }
            plan.desired = body
            plan.publish = true
            plan.expectedVersion = "1"
            return plan
        }

        let draft = JSONValue.object(draftObject.fields)
        let id = draftObject.fields["id"]?.stringValue
        let published = id.flatMap { live.published[$0] }.map { JSONValue.object($0.fields) }
        let publishedVersion = published?["version"]?.stringValue

        var desiredBody = JSONValue.object(desired.fields)
        if !desired.greetings.isEmpty {
            let existing = desiredBody["customI18nLabels"] ?? draft["customI18nLabels"]
            desiredBody["customI18nLabels"] = GreetingMapping.labels(desired.greetings, over: existing)
        }

        var changes: [FieldChange] = []
        var ignored: [FieldChange] = []
        var managed = desiredBody
        for (path, value) in JSONTree.leaves(of: desiredBody) {
            let servingValue = JSONTree.value(at: path, in: published ?? draft)
            let draftValue = JSONTree.value(at: path, in: draft)
            let servingOK = JSONTree.matches(desired: value, live: servingValue, path: path)
            let draftOK = JSONTree.matches(desired: value, live: draftValue, path: path)
            guard !(servingOK && draftOK) else { continue }
            let change = FieldChange(
                path: path.joined(separator: "."), before: servingValue, after: value,
                draft: draftValue == servingValue ? nil : draftValue)
            if isIgnored(prefix: prefix, path: path) {
                ignored.append(change)
                managed = JSONTree.setting(nil, at: path, in: managed)
            } else {
                changes.append(change)
            }
        }

        // Someone's unpublished edits: fields where the draft differs from what is serving and that
        // this plan does not overwrite. Publishing would ship them (DESIGN.md "Versions and concurrency").
        var foreign: [String] = []
        if let published {
            let managedLeaves = Set(JSONTree.leaves(of: managed).map { $0.path.joined(separator: ".") })
            foreign = Self.differingPaths(
                JSONTree.removing(ServerFields.configuration, from: draft),
                JSONTree.removing(ServerFields.configuration, from: published)
            ).filter { path in !managedLeaves.contains { path == $0 || path.hasPrefix($0 + ".") } }
        } else {
            // A draft that was never published (say an earlier apply stopped after creating it) is
            // published even when it already matches: deployments can only serve published versions.
            var version = FieldChange(path: "version", before: nil, after: "1")
            version.pendingPublish = true
            changes.append(version)
        }

        var plan = ObjectPlan(
            kind: .configuration, name: desired.name, id: id, action: changes.isEmpty ? .none : .update,
            changes: changes)
        plan.desired = managed
        plan.ignored = ignored.isEmpty ? nil : ignored
        plan.precondition = Precondition(
            dateModified: draft["dateModified"]?.stringValue,
            contentHash: ContentHash.fingerprint(draft, kind: .configuration, managing: managed),
            publishedVersion: publishedVersion,
            base: Self.base(of: managed, in: draft, changes: changes))
        if !changes.isEmpty {
            plan.publish = true
            // Checked: a server's version is a number this client only believes within bounds.
            guard let next = ConfigurationVersion.successor(of: publishedVersion) else {
                throw ReconcilerError(
                    "configuration `\(desired.name)`: Genesys Cloud reports published version \"\(publishedVersion?.prefix(40) ?? "")\", which is not a version number a publish can follow")
            }
            plan.expectedVersion = next
            if !foreign.isEmpty { plan.foreignDraftPaths = foreign }
        }
        if !foreign.isEmpty {
            warnings.append(
                "configuration `\(desired.name)` has unpublished draft edits by someone else in "
                    + foreign.map { "`\($0)`" }.joined(separator: ", ")
                    + (changes.isEmpty ? " (left alone)" : "; apply will not publish them without --publish-foreign-draft"))
        }
        return plan
    }

    // MARK: Deployments

    private func planDeployment(
        _ desired: DesiredDeployment, live: LiveState, configurations: [String: ObjectPlan], warnings: inout [String],
        duplicates: inout [ObjectPlan]
    ) throws(ReconcilerError) -> ObjectPlan {
        let liveMatch = match(
            .deployment, name: desired.name, in: live.deployments.map(\.fields), warnings: &warnings, duplicates: &duplicates)
        let configurationPlan = configurations[desired.configuration]
        // The version the deployment must serve: the one the file pins, else the one apply publishes,
        // else the latest published.
        var targetVersion = configurationPlan?.expectedVersion ?? configurationPlan?.precondition?.publishedVersion
        if let pinned = desired.pinnedVersion {
            // Published versions are numbered 1, 2, … and kept (reference §3.5 item 1): any number up
            // to the latest exists. A version this plan publishes is not there to pin yet.
            let latest = configurationPlan?.precondition?.publishedVersion.flatMap { Int($0) } ?? 0
            guard pinned <= latest || (configurationPlan?.action == .create && pinned == 1) else {
                throw ReconcilerError(
                    "deployment `\(desired.name)` pins configuration `\(desired.configuration)` to version \(pinned), "
                        + "but it has no published version \(pinned) (" + (latest == 0 ? "none is published yet" : "the latest is \(latest)")
                        + "); pin a published version, or remove `version` to follow the latest")
            }
            targetVersion = String(pinned)
        }
        let targetId = configurationPlan?.id
        // A target that apply has yet to publish does not exist: reports must not present it as a version.
        // A pinned deployment targets a version that exists, unless it is the one apply publishes.
        let expected = configurationPlan?.expectedVersion
        let pending: Bool? = expected != nil && targetVersion == expected ? true : nil
        let prefix = "deployments[\(desired.name)]"

        var plan = ObjectPlan(kind: .deployment, name: desired.name, id: nil, action: .create)
        plan.configurationName = desired.configuration
        plan.pinnedVersion = desired.pinnedVersion.map(String.init)
        var managed = JSONValue.object(desired.fields)

        guard let liveObject = liveMatch.map(Deployment.init(fields:)) else {
            plan.changes = JSONTree.leaves(of: managed).map {
                FieldChange(path: $0.path.joined(separator: "."), before: nil, after: $0.value)
            }
            var pointer = FieldChange(
                path: "configuration", before: nil, after: .string("\(desired.configuration) v\(targetVersion ?? "1")"))
            pointer.pendingPublish = pending
            plan.changes.append(pointer)
            plan.desired = managed
            return plan
        }

        let current = JSONValue.object(liveObject.fields)
        plan.id = current["id"]?.stringValue
        var changes: [FieldChange] = []
        var ignored: [FieldChange] = []
        for (path, value) in JSONTree.leaves(of: managed) {
            let liveValue = JSONTree.value(at: path, in: current)
            guard !JSONTree.matches(desired: value, live: liveValue, path: path) else { continue }
            let change = FieldChange(path: path.joined(separator: "."), before: liveValue, after: value)
            if isIgnored(prefix: prefix, path: path) {
                ignored.append(change)
                managed = JSONTree.setting(nil, at: path, in: managed)
            } else {
                changes.append(change)
            }
        }
        let liveConfigId = current["configuration"]?["id"]?.stringValue
        let liveVersion = current["configuration"]?["version"]?.stringValue
        if let targetVersion, targetId == nil || liveConfigId != targetId || liveVersion != targetVersion {
            var change: FieldChange
            if targetId != nil && liveConfigId == targetId {
                change = FieldChange(
                    path: "configuration.version", before: liveVersion.map(JSONValue.string), after: .string(targetVersion))
            } else {
                change = FieldChange(
                    path: "configuration", before: liveConfigId.map { .string("\($0) v\(liveVersion ?? "?")") },
                    after: .string("\(desired.configuration) v\(targetVersion)"))
            }
            change.pendingPublish = pending
            if isIgnored(prefix: prefix, path: ["configuration"]) {
                ignored.append(change)
            } else {
                changes.append(change)
            }
        }
        plan.action = changes.isEmpty ? .none : .update
        plan.changes = changes
        plan.ignored = ignored.isEmpty ? nil : ignored
        plan.desired = managed
        plan.precondition = Precondition(
            dateModified: current["dateModified"]?.stringValue,
            contentHash: ContentHash.fingerprint(current, kind: .deployment, managing: managed),
            base: Self.base(of: managed, in: current, changes: changes))
        plan.precondition?.fieldsHash = Self.fieldsHash(current)
        return plan
    }

    /// A deployment's content without its configuration pointer and the stamps a PUT moves.
    static func fieldsHash(_ deployment: JSONValue) -> String {
        ContentHash.of(JSONTree.removing(["status", "configuration", "dateModified", "lastModifiedUser"], from: deployment))
    }

    // MARK: Availability (Architect)

    private func planAvailability(
        _ availability: DesiredAvailability, live: LiveState, adopted: inout Set<String>, warnings: inout [String],
        duplicates: inout [ObjectPlan]
    ) throws(ReconcilerError) -> [ObjectPlan] {
        var plans: [ObjectPlan] = []
        var scheduleIds: [String: String] = [:]
        var scheduleChanging: Set<String> = []
        let desiredSchedules = AvailabilityMapping.schedules(for: availability)
        let desiredNames = Set(desiredSchedules.map(\.name))
        for desired in desiredSchedules {
            var liveSchedule = match(
                .schedule, name: desired.name, in: live.schedules.map(\.fields), warnings: &warnings, duplicates: &duplicates)
            if liveSchedule == nil, let legacy = desired.legacyName, !desiredNames.contains(legacy) {
                // Named by an older messengerctl (`<name>-holiday-<slug>`, no date): renamed in place, so
                // the org never holds the old and the new schedule side by side. Of several old ones
                // (one a year, all of one name) the one on this date is taken first.
                let candidates = DuplicateRule.ordered(
                    live.schedules.map(\.fields).filter {
                        $0["name"]?.stringValue == legacy && !adopted.contains($0["id"]?.stringValue ?? "")
                    })
                liveSchedule = candidates.first { $0["start"] == desired.fields["start"] } ?? candidates.first
                if let id = liveSchedule?["id"]?.stringValue {
                    adopted.insert(id)
                    warnings.append(
                        "schedule `\(legacy)` (id \(DuplicateRule.printable(id))) was named by an older messengerctl; "
                            + "apply renames it `\(desired.name)` (same id, same group)")
                }
            }
            let plan = planArchitectObject(
                kind: .schedule, name: desired.name, desired: desired.fields, live: liveSchedule,
                prefix: "availability[\(availability.name)]")
            if let id = plan.id { scheduleIds[desired.name] = id }
            if plan.action == .create { scheduleChanging.insert(desired.name) }
            plans.append(plan)
        }

        let desiredGroup = AvailabilityMapping.group(for: availability)
        let liveGroupFields = match(
            .scheduleGroup, name: desiredGroup.name, in: live.scheduleGroups.map(\.fields), warnings: &warnings,
            duplicates: &duplicates)
        var group = planArchitectObject(
            kind: .scheduleGroup, name: desiredGroup.name, desired: desiredGroup.fields, live: liveGroupFields,
            prefix: "availability[\(availability.name)]")
        group.scheduleNames = ["open": desiredGroup.open, "holiday": desiredGroup.holiday]
        if let liveGroup = liveGroupFields.map(JSONValue.object) {
            for (field, names) in [("openSchedules", desiredGroup.open), ("holidaySchedules", desiredGroup.holiday)] {
                let liveIds = Set((liveGroup[field]?.arrayValue ?? []).compactMap { $0["id"]?.stringValue })
                let liveNames = liveIds.map { id in
                    live.schedules.first { $0.fields["id"]?.stringValue == id }?.fields["name"]?.stringValue ?? id
                }
                let wantedIds = Set(names.compactMap { scheduleIds[$0] })
                if liveIds != wantedIds || names.contains(where: scheduleChanging.contains) {
                    group.changes.append(
                        FieldChange(
                            path: field, before: .array(liveNames.sorted().map(JSONValue.string)),
                            after: .array(names.map(JSONValue.string))))
                }
            }
            if !group.changes.isEmpty { group.action = .update }
            group.precondition?.base = Self.base(
                of: desiredGroup.fields, in: liveGroup, changes: group.changes)
        } else {
            group.changes.append(FieldChange(path: "openSchedules", before: nil, after: .array(desiredGroup.open.map(JSONValue.string))))
            if !desiredGroup.holiday.isEmpty {
                group.changes.append(
                    FieldChange(path: "holidaySchedules", before: nil, after: .array(desiredGroup.holiday.map(JSONValue.string))))
            }
        }
        plans.append(group)
        return plans
    }

    private func planArchitectObject(
        kind: ObjectKind, name: String, desired: JSONValue, live: [String: JSONValue]?, prefix: String
    ) -> ObjectPlan {
        var plan = ObjectPlan(kind: kind, name: name, id: nil, action: .create)
        plan.desired = desired
        guard let live else {
            plan.changes = JSONTree.leaves(of: desired).map {
                FieldChange(path: $0.path.joined(separator: "."), before: nil, after: $0.value)
            }
            return plan
        }
        let current = JSONValue.object(live)
        plan.id = current["id"]?.stringValue
        for (path, value) in JSONTree.leaves(of: desired) {
            let liveValue = JSONTree.value(at: path, in: current)
            if !JSONTree.matches(desired: value, live: liveValue, path: path) {
                plan.changes.append(FieldChange(path: path.joined(separator: "."), before: liveValue, after: value))
            }
        }
        plan.action = plan.changes.isEmpty ? .none : .update
        plan.precondition = Precondition(
            dateModified: current["dateModified"]?.stringValue, version: current["version"]?.intValue,
            base: Self.base(of: desired, in: current, changes: plan.changes))
        return plan
    }

    // MARK: Prune

    /// With `prune: true`, live objects of managed kinds that the file does not name are deleted.
    /// Architect schedules are pruned only when their name says an availability entry of this file
    /// owns them: an org's other schedules (IVRs, sites) are never touched. Schedule groups are not
    /// pruned (reference §3.3: a group in use by IVRs or sites cannot be deleted anyway).
    private func prunePlans(live: LiveState) -> [ObjectPlan] {
        var plans: [ObjectPlan] = []
        let deploymentNames = Set(tenant.deployments.map(\.name))
        for deployment in live.deployments {
            guard let name = deployment.fields["name"]?.stringValue, !deploymentNames.contains(name) else { continue }
            plans.append(deletePlan(kind: .deployment, name: name, fields: deployment.fields))
        }
        let configurationNames = Set(tenant.configurations.map(\.name))
        for configuration in live.configurations {
            guard let name = configuration.fields["name"]?.stringValue, !configurationNames.contains(name) else {
                continue
            }
            plans.append(deletePlan(kind: .configuration, name: name, fields: configuration.fields))
        }
        let scheduleNames = Set(tenant.availability.flatMap { AvailabilityMapping.schedules(for: $0).map(\.name) })
        for schedule in live.schedules {
            guard let name = schedule.fields["name"]?.stringValue, !scheduleNames.contains(name),
                tenant.availability.contains(where: { AvailabilityMapping.owns(name, availability: $0) })
            else { continue }
            plans.append(deletePlan(kind: .schedule, name: name, fields: schedule.fields))
        }
        return plans
    }

    /// The live object a desired one is planned against: the only one of its name or, when several
    /// share the name, the one ``DuplicateRule`` keeps. The others are explained in a warning (ids and
    /// dates) and, with `removeDuplicates`, planned as deletes (behind the delete guard); never
    /// deleted otherwise.
    private func match(
        _ kind: ObjectKind, name: String, in live: [[String: JSONValue]], warnings: inout [String],
        duplicates: inout [ObjectPlan]
    ) -> [String: JSONValue]? {
        let matches = DuplicateRule.ordered(live.filter { $0["name"]?.stringValue == name })
        guard matches.count > 1, let keep = matches.first else { return matches.first }
        let extras = matches.dropFirst()
        var warning =
            "\(kind.displayName) `\(name)` matches \(matches.count) live objects: the plan keeps \(DuplicateRule.describe(keep)), "
            + "the oldest; " + extras.map(DuplicateRule.describe).joined(separator: ", ")
            + (extras.count == 1 ? " is a duplicate" : " are duplicates")
        if kind == .deployment {
            warning += " (a site that embeds a duplicate's snippet stops loading the messenger when it is deleted)"
        }
        if removeDuplicates {
            warning += "; apply deletes " + (extras.count == 1 ? "it" : "them") + " (a delete, behind the delete guard)"
            for extra in extras {
                var plan = deletePlan(kind: kind, name: name, fields: extra)
                plan.duplicateOf = keep["id"]?.stringValue
                duplicates.append(plan)
            }
        } else {
            warning += "; to delete " + (extras.count == 1 ? "it" : "them") + ", apply with --remove-duplicates (a delete, behind the delete guard)"
        }
        warnings.append(warning)
        return keep
    }

    private func deletePlan(kind: ObjectKind, name: String, fields: [String: JSONValue]) -> ObjectPlan {
        let object = JSONValue.object(fields)
        var plan = ObjectPlan(kind: kind, name: name, id: object["id"]?.stringValue, action: .delete)
        plan.precondition = Precondition(
            dateModified: object["dateModified"]?.stringValue,
            contentHash: kind == .schedule ? nil : ContentHash.fingerprint(object, kind: kind, managing: nil),
            version: kind == .schedule ? object["version"]?.intValue : nil)
        return plan
    }

    // MARK: Helpers

    /// The live value of every field the file manages, changed by the plan or not, so apply can tell
    /// whether another writer touched any of them (issue: a rebase must not revert a managed field
    /// the plan did not change). Derived pointers keep the value the change was planned from.
    static func base(of managed: JSONValue, in live: JSONValue, changes: [FieldChange]) -> [String: JSONValue] {
        var base: [String: JSONValue] = [:]
        for change in changes where FieldChange.derivedPaths.contains(change.path) {
            base[change.path] = change.before ?? .null
        }
        for (path, _) in JSONTree.leaves(of: managed) where !path.isEmpty {
            base[path.joined(separator: ".")] = JSONTree.value(at: path, in: live) ?? .null
        }
        return base
    }

    private func isIgnored(prefix: String, path: [String]) -> Bool {
        let full = ([prefix] + path).joined(separator: ".")
        return tenant.ignore.contains { rule in full == rule.path || full.hasPrefix(rule.path + ".") }
    }

    /// Dotted paths of leaves where two objects differ (both directions).
    static func differingPaths(_ a: JSONValue, _ b: JSONValue, prefix: [String] = []) -> [String] {
        // A missing object reads as an empty one, so the paths name the leaves that differ.
        let oa = a.objectValue ?? (a.isNull && b.objectValue != nil ? [:] : nil)
        let ob = b.objectValue ?? (b.isNull && a.objectValue != nil ? [:] : nil)
        if let oa, let ob {
            let keys = Set(oa.keys).union(ob.keys).sorted()
            return keys.flatMap { key in
                differingPaths(oa[key] ?? .null, ob[key] ?? .null, prefix: prefix + [key])
            }
        }
        return a == b ? [] : [prefix.joined(separator: ".")]
    }
}

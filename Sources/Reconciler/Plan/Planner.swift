import GenesysCloud

/// Computes one tenant's plan: live + desired → changes with preconditions.
///
/// The planner only reads. It matches desired objects to live ones by name (a name that matches two
/// live objects is an error), lays desired fields over live ones, and lists each managed field that
/// differs. Fields the file does not mention are not managed, so server defaults are never drift.
struct Planner: Sendable {
    let tenant: Tenant

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
                let path = result.objects[index].changes[c].path
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

        var configurationPlans: [String: ObjectPlan] = [:]
        for desired in tenant.configurations {
            let plan = try planConfiguration(desired, live: live, warnings: &warnings)
            configurationPlans[desired.name] = plan
            objects.append(plan)
        }
        for desired in tenant.deployments {
            objects.append(try planDeployment(desired, live: live, configurations: configurationPlans))
        }
        for availability in tenant.availability {
            objects += try planAvailability(availability, live: live)
        }
        if tenant.prune {
            objects += prunePlans(live: live)
        }
        return (objects, warnings)
    }

    // MARK: Configurations

    private func planConfiguration(
        _ desired: DesiredConfiguration, live: LiveState, warnings: inout [String]
    ) throws(ReconcilerError) -> ObjectPlan {
        let matches = live.configurations.filter { $0.fields["name"]?.stringValue == desired.name }
        if matches.count > 1 {
            throw ReconcilerError(
                "configuration name `\(desired.name)` matches \(matches.count) live configurations (ids "
                    + matches.compactMap { $0.fields["id"]?.stringValue }.joined(separator: ", ")
                    + "); rename or delete the extra ones so the name identifies one object")
        }
        let prefix = "configurations[\(desired.name)]"
        guard let draftObject = matches.first else {
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
            changes.append(FieldChange(path: "version", before: nil, after: "1"))
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
            base: Dictionary(uniqueKeysWithValues: changes.map { ($0.path, $0.draft ?? $0.before ?? .null) }))
        if !changes.isEmpty {
            plan.publish = true
            plan.expectedVersion = String((publishedVersion.flatMap { Int($0) } ?? 0) + 1)
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
        _ desired: DesiredDeployment, live: LiveState, configurations: [String: ObjectPlan]
    ) throws(ReconcilerError) -> ObjectPlan {
        let matches = live.deployments.filter { $0.fields["name"]?.stringValue == desired.name }
        if matches.count > 1 {
            throw ReconcilerError(
                "deployment name `\(desired.name)` matches \(matches.count) live deployments; "
                    + "rename or delete the extra ones so the name identifies one object")
        }
        let configurationPlan = configurations[desired.configuration]
        // The version the deployment must serve: the one apply publishes, or the latest published.
        let targetVersion = configurationPlan?.expectedVersion ?? configurationPlan?.precondition?.publishedVersion
        let targetId = configurationPlan?.id
        let prefix = "deployments[\(desired.name)]"

        var plan = ObjectPlan(kind: .deployment, name: desired.name, id: nil, action: .create)
        plan.configurationName = desired.configuration
        var managed = JSONValue.object(desired.fields)

        guard let liveObject = matches.first else {
            plan.changes = JSONTree.leaves(of: managed).map {
                FieldChange(path: $0.path.joined(separator: "."), before: nil, after: $0.value)
            }
            plan.changes.append(
                FieldChange(path: "configuration", before: nil, after: .string("\(desired.configuration) v\(targetVersion ?? "1")")))
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
            let change: FieldChange
            if targetId != nil && liveConfigId == targetId {
                change = FieldChange(
                    path: "configuration.version", before: liveVersion.map(JSONValue.string), after: .string(targetVersion))
            } else {
                change = FieldChange(
                    path: "configuration", before: liveConfigId.map { .string("\($0) v\(liveVersion ?? "?")") },
                    after: .string("\(desired.configuration) v\(targetVersion)"))
            }
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
            base: Dictionary(uniqueKeysWithValues: changes.map { ($0.path, $0.before ?? .null) }))
        return plan
    }

    // MARK: Availability (Architect)

    private func planAvailability(_ availability: DesiredAvailability, live: LiveState) throws(ReconcilerError)
        -> [ObjectPlan]
    {
        var plans: [ObjectPlan] = []
        var scheduleIds: [String: String] = [:]
        var scheduleChanging: Set<String> = []
        for desired in AvailabilityMapping.schedules(for: availability) {
            let matches = live.schedules.filter { $0.fields["name"]?.stringValue == desired.name }
            if matches.count > 1 {
                throw ReconcilerError("schedule name `\(desired.name)` matches \(matches.count) live schedules")
            }
            let plan = planArchitectObject(
                kind: .schedule, name: desired.name, desired: desired.fields, live: matches.first?.fields,
                prefix: "availability[\(availability.name)]")
            if let id = plan.id { scheduleIds[desired.name] = id }
            if plan.action == .create { scheduleChanging.insert(desired.name) }
            plans.append(plan)
        }

        let desiredGroup = AvailabilityMapping.group(for: availability)
        let matches = live.scheduleGroups.filter { $0.fields["name"]?.stringValue == desiredGroup.name }
        if matches.count > 1 {
            throw ReconcilerError("schedule group name `\(desiredGroup.name)` matches \(matches.count) live groups")
        }
        var group = planArchitectObject(
            kind: .scheduleGroup, name: desiredGroup.name, desired: desiredGroup.fields, live: matches.first?.fields,
            prefix: "availability[\(availability.name)]")
        group.scheduleNames = ["open": desiredGroup.open, "holiday": desiredGroup.holiday]
        if let liveGroup = matches.first.map({ JSONValue.object($0.fields) }) {
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
            group.precondition?.base = Dictionary(
                uniqueKeysWithValues: group.changes.map { ($0.path, $0.before ?? .null) })
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
            base: Dictionary(uniqueKeysWithValues: plan.changes.map { ($0.path, $0.before ?? .null) }))
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

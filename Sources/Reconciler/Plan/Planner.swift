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
            guard let prefix = object.kind.managed.fileKey(object.name) else { continue }
            for c in result.objects[index].changes.indices {
                let change = result.objects[index].changes[c]
                let field = FieldPath(change.keys)
                var origin = origin(of: prefix, field: field)
                // One labels change may come from any greeting line: point at the one that differs (a file
                // that writes `customI18nLabels` itself keeps that line).
                if field == FieldPath(["customI18nLabels"]), tenant.origins[prefix.appending(field)] == nil {
                    origin = self.origin(
                        of: prefix,
                        field: GreetingMapping.firstChangedGreeting(before: change.before, after: change.after)
                            .map { FieldPath(["greetings", $0.language, $0.key]) } ?? FieldPath(["greetings"]))
                }
                result.objects[index].changes[c].origin = origin.map(\.description)
            }
        }
        return result
    }

    /// Where the file set the value of `field` of the object at `object` (or of the nearest enclosing
    /// key it wrote).
    func origin(of object: FieldPath, field: FieldPath) -> SourceLocation? {
        let origins = tenant.origins
        var field: FieldPath? = field
        while let key = field, !key.components.isEmpty {
            let full = object.appending(key)
            if let exact = origins[full] { return exact }
            // A list or object recorded element by element: the first element's place.
            if let first = origins.filter({ full.encloses($0.key) })
                .min(by: { ($0.value.line, $0.value.column) < ($1.value.line, $1.value.column) })
            {
                return first.value
            }
            field = key.parent
        }
        return origins[object]
    }

    /// The one planning loop: each kind, in apply order, plans its desired objects; then prune and
    /// the duplicates found on the way.
    private func planObjects(live: LiveState) throws(ReconcilerError) -> (objects: [ObjectPlan], warnings: [String]) {
        var context = PlanningContext(live: live)
        for kind in ObjectKind.allCases.sorted() {
            context.objects += try kind.managed.plan(self, &context)
        }
        if tenant.prune {
            let kept = Set(context.objects.compactMap(\.id)).union(context.adopted).union(context.duplicates.compactMap(\.id))
            context.objects += prunePlans(live: live).filter { !kept.contains($0.id ?? "") }
        }
        return (context.objects + context.duplicates, context.warnings)
    }

    // MARK: Configurations

    func planConfiguration(
        _ desired: DesiredConfiguration, _ context: inout PlanningContext
    ) throws(ReconcilerError) -> ObjectPlan {
        let live = context.live
        let prefix = FieldPath.configuration(desired.name)
        guard
            let draftObject = match(.configuration, name: desired.name, &context).map(ConfigurationVersion.init(fields:))
        else {
            var body = JSONValue.object(desired.fields)
            if !desired.greetings.isEmpty {
                body["customI18nLabels"] = GreetingMapping.labels(desired.greetings, over: body["customI18nLabels"])
            }
            var plan = ObjectPlan(kind: .configuration, name: desired.name, id: nil, action: .create)
            plan.reasons = [.create]
            plan.changes = Self.creating(body)
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

        let diffed = diff(desiredBody, serving: published ?? draft, draft: draft, prefix: prefix)
        var changes = diffed.changes
        let ignored = diffed.ignored, managed = diffed.managed

        // Someone's unpublished edits: fields where the draft differs from what is serving and that
        // this plan does not overwrite. Publishing would ship them (DESIGN.md "Versions and concurrency").
        var foreign: [String] = []
        if let published {
            foreign = ConfigurationKind.unpublishedEdits(draft: draft, published: published, managing: managed)
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
        if !diffed.changes.isEmpty { plan.reasons.append(.fields) }
        if published == nil { plan.reasons.append(.firstPublish) }
        plan.desired = managed
        plan.ignored = ignored.isEmpty ? nil : ignored
        plan.precondition = Precondition.observe(
            .configuration, live: draft, managing: managed, publishedVersion: publishedVersion,
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
            context.warnings.append(
                "configuration `\(desired.name)` has unpublished draft edits by someone else in "
                    + foreign.map { "`\($0)`" }.joined(separator: ", ")
                    + (changes.isEmpty ? " (left alone)" : "; apply will not publish them without --publish-foreign-draft"))
        }
        return plan
    }

    // MARK: Deployments

    func planDeployment(
        _ desired: DesiredDeployment, configurations: [String: ObjectPlan], _ context: inout PlanningContext
    ) throws(ReconcilerError) -> ObjectPlan {
        let liveMatch = match(.deployment, name: desired.name, &context)
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
        let prefix = FieldPath.deployment(desired.name)

        var plan = ObjectPlan(kind: .deployment, name: desired.name, id: nil, action: .create)
        plan.reasons = [.create]
        plan.configurationName = desired.configuration
        plan.pinnedVersion = desired.pinnedVersion.map(String.init)
        var managed = JSONValue.object(desired.fields)

        guard let liveObject = liveMatch.map(Deployment.init(fields:)) else {
            plan.changes = Self.creating(managed)
            var pointer = FieldChange(
                path: "configuration", before: nil, after: .string("\(desired.configuration) v\(targetVersion ?? "1")"))
            pointer.pendingPublish = pending
            plan.changes.append(pointer)
            plan.desired = managed
            return plan
        }

        let current = JSONValue.object(liveObject.fields)
        plan.id = current["id"]?.stringValue
        var changes: [FieldChange]
        var ignored: [FieldChange]
        (changes, ignored, managed) = diff(managed, serving: current, prefix: prefix)
        plan.reasons = changes.isEmpty ? [] : [.fields]
        let liveConfigId = current["configuration"]?["id"]?.stringValue
        let liveVersion = current["configuration"]?["version"]?.stringValue
        if let targetVersion, targetId == nil || liveConfigId != targetId || liveVersion != targetVersion {
            var change: FieldChange
            if targetId != nil && liveConfigId == targetId {
                change = FieldChange(
                    field: FieldPath(["configuration", "version"]), before: liveVersion.map(JSONValue.string),
                    after: .string(targetVersion))
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
                plan.reasons.append(desired.pinnedVersion != nil ? .pinned : pending == true ? .followsPublish : .followsLatest)
            }
        }
        plan.action = changes.isEmpty ? .none : .update
        plan.changes = changes
        plan.ignored = ignored.isEmpty ? nil : ignored
        plan.desired = managed
        plan.precondition = Precondition.observe(
            .deployment, live: current, managing: managed, base: Self.base(of: managed, in: current, changes: changes))
        return plan
    }

    // MARK: Availability (Architect)

    /// The schedules of one availability entry.
    func planSchedules(of availability: DesiredAvailability, _ context: inout PlanningContext) -> [ObjectPlan] {
        let live = context.live
        var plans: [ObjectPlan] = []
        let desiredSchedules = AvailabilityMapping.schedules(for: availability)
        let desiredNames = Set(desiredSchedules.map(\.name))
        for desired in desiredSchedules {
            var liveSchedule = match(.schedule, name: desired.name, &context)
            if liveSchedule == nil, let legacy = desired.legacyName, !desiredNames.contains(legacy) {
                // Named by an older messengerctl (`<name>-holiday-<slug>`, no date): renamed in place, so
                // the org never holds the old and the new schedule side by side. Of several old ones
                // (one a year, all of one name) the one on this date is taken first.
                let candidates = DuplicateRule.ordered(
                    live.schedules.map(\.fields).filter {
                        $0["name"]?.stringValue == legacy && !context.adopted.contains($0["id"]?.stringValue ?? "")
                    })
                liveSchedule = candidates.first { $0["start"] == desired.fields["start"] } ?? candidates.first
                if let id = liveSchedule?["id"]?.stringValue {
                    context.adopted.insert(id)
                    context.warnings.append(
                        "schedule `\(legacy)` (id \(DuplicateRule.printable(id))) was named by an older messengerctl; "
                            + "apply renames it `\(desired.name)` (same id, same group)")
                }
            }
            let plan = planArchitectObject(
                kind: .schedule, name: desired.name, desired: desired.fields, live: liveSchedule,
                prefix: .availability(availability.name))
            plans.append(plan)
        }
        return plans
    }

    /// The schedule group of one availability entry, listing the schedules planned before it.
    func planGroup(
        of availability: DesiredAvailability, schedules: [String: ObjectPlan], _ context: inout PlanningContext
    ) -> ObjectPlan {
        let live = context.live
        let scheduleIds = schedules.compactMapValues(\.id)
        let scheduleChanging = Set(schedules.values.filter { $0.action == .create }.map(\.name))
        let desiredGroup = AvailabilityMapping.group(for: availability)
        let liveGroupFields = match(.scheduleGroup, name: desiredGroup.name, &context)
        var group = planArchitectObject(
            kind: .scheduleGroup, name: desiredGroup.name, desired: desiredGroup.fields, live: liveGroupFields,
            prefix: .availability(availability.name))
        group.scheduleNames = ["open": desiredGroup.open, "holiday": desiredGroup.holiday]
        if let liveGroup = liveGroupFields.map(JSONValue.object) {
            var listChanged = false
            for (field, names) in [("openSchedules", desiredGroup.open), ("holidaySchedules", desiredGroup.holiday)] {
                let liveIds = Set((liveGroup[field]?.arrayValue ?? []).compactMap { $0["id"]?.stringValue })
                let liveNames = liveIds.map { id in
                    live.schedules.first { $0.fields["id"]?.stringValue == id }?.fields["name"]?.stringValue ?? id
                }
                let wantedIds = Set(names.compactMap { scheduleIds[$0] })
                if liveIds != wantedIds || names.contains(where: scheduleChanging.contains) {
                    listChanged = true
                    group.changes.append(
                        FieldChange(
                            path: field, before: .array(liveNames.sorted().map(JSONValue.string)),
                            after: .array(names.map(JSONValue.string))))
                }
            }
            if !group.changes.isEmpty { group.action = .update }
            if listChanged { group.reasons.append(.scheduleList) }
            group.precondition?.base = Self.base(
                of: desiredGroup.fields, in: liveGroup, changes: group.changes)
        } else {
            group.changes.append(FieldChange(path: "openSchedules", before: nil, after: .array(desiredGroup.open.map(JSONValue.string))))
            if !desiredGroup.holiday.isEmpty {
                group.changes.append(
                    FieldChange(path: "holidaySchedules", before: nil, after: .array(desiredGroup.holiday.map(JSONValue.string))))
            }
        }
        return group
    }

    func planArchitectObject(
        kind: ObjectKind, name: String, desired: JSONValue, live: [String: JSONValue]?, prefix: FieldPath
    ) -> ObjectPlan {
        var plan = ObjectPlan(kind: kind, name: name, id: nil, action: .create)
        plan.desired = desired
        plan.reasons = [.create]
        guard let live else {
            plan.changes = Self.creating(desired)
            return plan
        }
        let current = JSONValue.object(live)
        plan.id = current["id"]?.stringValue
        // Availability is sugar the file writes whole: its fields take no `ignore:` rule.
        plan.changes = diff(desired, serving: current, prefix: nil).changes
        plan.action = plan.changes.isEmpty ? .none : .update
        plan.reasons = plan.changes.isEmpty ? [] : [.fields]
        plan.precondition = Precondition.observe(
            kind, live: current, managing: desired, base: Self.base(of: desired, in: current, changes: plan.changes))
        return plan
    }

    // MARK: Rollback

    /// The plan of `rollback`: the configuration as it stands (its version `version` exists) and the
    /// deployment moved to serve exactly that version, with the same precondition as any plan.
    static func rollback(
        deployment live: JSONValue, configurationName: String, configurationId: String, to version: Int
    ) -> [ObjectPlan] {
        var target = ObjectPlan(kind: .configuration, name: configurationName, id: configurationId, action: .none)
        target.precondition = Precondition(publishedVersion: String(version))
        var move = ObjectPlan(
            kind: .deployment, name: live["name"]?.stringValue ?? "", id: live["id"]?.stringValue, action: .update,
            changes: [
                FieldChange(
                    field: FieldPath(["configuration", "version"]), before: live["configuration"]?["version"],
                    after: .string(String(version)))
            ])
        move.reasons = [.rollback]
        move.configurationName = configurationName
        // A rollback serves exactly this version, never the latest (apply's default for a deployment).
        move.pinnedVersion = String(version)
        move.desired = .object([:])
        move.precondition = Precondition.observe(
            .deployment, live: live, managing: move.desired,
            base: ["configuration.version": live["configuration"]?["version"] ?? .null])
        // Any move of the deployment since it was read is a conflict for a rollback, even one of the
        // pointer alone (which an ordinary apply follows).
        move.precondition?.fieldsHash = nil
        return [target, move]
    }

    // MARK: Prune

    /// With `prune: true`, live objects of managed kinds that the file does not name are deleted.
    /// Architect schedules are pruned only when their name says an availability entry of this file
    /// owns them: an org's other schedules (IVRs, sites) are never touched. Schedule groups are not
    /// pruned (reference §3.3: a group in use by IVRs or sites cannot be deleted anyway).
    private func prunePlans(live: LiveState) -> [ObjectPlan] {
        // Deletes run in reverse apply order; listed here in ObjectKind's order (deployments first, as before).
        ObjectKind.allCases.flatMap { kind in
            kind.managed.live(in: live).compactMap { fields -> ObjectPlan? in
                guard let name = fields["name"]?.stringValue, kind.managed.prunable(fields, in: live, tenant: tenant) else { return nil }
                return deletePlan(kind: kind, name: name, fields: fields)
            }
        }
    }

    /// The live object a desired one is planned against: the only one of its name or, when several
    /// share the name, the one ``DuplicateRule`` keeps. The others are explained in a warning (ids and
    /// dates) and, with `removeDuplicates`, planned as deletes (behind the delete guard); never
    /// deleted otherwise.
    func match(_ kind: ObjectKind, name: String, _ context: inout PlanningContext) -> [String: JSONValue]? {
        let matches = DuplicateRule.ordered(kind.managed.live(in: context.live).filter { $0["name"]?.stringValue == name })
        guard matches.count > 1, let keep = matches.first else { return matches.first }
        let extras = matches.dropFirst()
        var warning =
            "\(kind.displayName) `\(name)` matches \(matches.count) live objects: the plan keeps \(DuplicateRule.describe(keep)), "
            + "the oldest; " + extras.map(DuplicateRule.describe).joined(separator: ", ")
            + (extras.count == 1 ? " is a duplicate" : " are duplicates")
        if let note = kind.managed.duplicateNote { warning += " " + note }
        if removeDuplicates {
            warning += "; apply deletes " + (extras.count == 1 ? "it" : "them") + " (a delete, behind the delete guard)"
            for extra in extras {
                var plan = deletePlan(kind: kind, name: name, fields: extra)
                plan.duplicateOf = keep["id"]?.stringValue
                plan.reasons = [.duplicate]
                context.duplicates.append(plan)
            }
        } else {
            warning += "; to delete " + (extras.count == 1 ? "it" : "them") + ", apply with --remove-duplicates (a delete, behind the delete guard)"
        }
        context.warnings.append(warning)
        return keep
    }

    func deletePlan(kind: ObjectKind, name: String, fields: [String: JSONValue]) -> ObjectPlan {
        let object = JSONValue.object(fields)
        var plan = ObjectPlan(kind: kind, name: name, id: object["id"]?.stringValue, action: .delete)
        plan.reasons = [.prune]
        plan.precondition = Precondition.observe(kind, live: object, managing: nil)
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
            base[FieldPath(path).text] = JSONTree.value(at: path, in: live) ?? .null
        }
        return base
    }

    /// The one diff: every leaf of `desired` whose live value differs, `before` being the value
    /// serving now (for a configuration the latest published version) and `draft` the draft's value
    /// where it differs. A field an `ignore:` rule under `prefix` names is listed apart and no longer
    /// managed. Returns the changes, the ignored ones, and what the file still manages.
    func diff(_ desired: JSONValue, serving: JSONValue, draft: JSONValue? = nil, prefix: FieldPath?)
        -> (changes: [FieldChange], ignored: [FieldChange], managed: JSONValue)
    {
        var changes: [FieldChange] = []
        var ignored: [FieldChange] = []
        var managed = desired
        for (path, value) in JSONTree.leaves(of: desired) {
            let servingValue = JSONTree.value(at: path, in: serving)
            let draftValue = draft.map { JSONTree.value(at: path, in: $0) } ?? servingValue
            guard
                !(JSONTree.matches(desired: value, live: servingValue, path: path)
                    && JSONTree.matches(desired: value, live: draftValue, path: path))
            else { continue }
            let change = FieldChange(
                field: FieldPath(path), before: servingValue, after: value,
                draft: draftValue == servingValue ? nil : draftValue)
            if let prefix, isIgnored(prefix: prefix, path: path) {
                ignored.append(change)
                managed = JSONTree.setting(nil, at: path, in: managed)
            } else {
                changes.append(change)
            }
        }
        return (changes, ignored, managed)
    }

    /// A create's changes: every leaf, from nothing.
    static func creating(_ desired: JSONValue) -> [FieldChange] {
        JSONTree.leaves(of: desired).map { FieldChange(field: FieldPath($0.path), before: nil, after: $0.value) }
    }

    private func isIgnored(prefix: FieldPath, path: [String]) -> Bool {
        let full = prefix.appending(path)
        return tenant.ignore.contains { $0.field.encloses(full) }
    }

    /// Dotted paths of leaves where two objects differ; kept for callers of its old place.
    static func differingPaths(_ a: JSONValue, _ b: JSONValue) -> [String] { JSONTree.differingPaths(a, b).map(\.text) }
}

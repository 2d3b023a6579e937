import Foundation
import GenesysCloud

/// Applies one tenant's plan, object by object, in dependency order:
/// supported content profiles → configurations (draft → Active → publish) → deployments → schedules →
/// schedule groups → deletions.
///
/// Every write is guarded by the precondition recorded at plan time. Drafts and deployments have no
/// server-side lock (reference §5.4), so the object is re-read immediately before the write and
/// compared by `dateModified` and content hash; schedules and groups send their `version` and the
/// API answers 409 when it moved (reference §3.3).
struct TenantApplier: Sendable {
    let plan: TenantPlan
    let client: GenesysCloudClient
    let options: ApplyOptions
    let activationTimeout: Duration

    /// Results so far, and what later objects need from earlier ones.
    struct Progress {
        var results: [ObjectApplyResult] = []
        /// Configuration name → (id, version now serving or just published).
        var configurations: [String: (id: String, version: String)] = [:]
        /// Configuration names that did not reach a published version in this run.
        var failedConfigurations: Set<String> = []
        var scheduleIds: [String: String] = [:]
        var failedSchedules: Set<String> = []
        /// Objects this run created that later objects refer to: the plan's stand-in id of an object it
        /// creates (``SupportedContentKind/pendingId(_:)``) → its id in the org.
        var createdIds: [String: String] = [:]
        /// Live objects by kind, listed once, the first time a create needs to know whether its name
        /// already exists (a re-run of a plan that succeeded, or another writer).
        var live: [ObjectKind: [JSONValue]] = [:]
        /// Configuration name → the version this run published, when it was the next one (nobody else
        /// published between the read before publishing and the publish): the latest a deployment step
        /// needs no read to learn.
        var publishedLatest: [String: String] = [:]
        /// Versions this run published whose `Active` status nobody has seen yet: a deployment serving one
        /// sees it in its own look; the rest are looked at once every object is done.
        var unconfirmed: [String: UnconfirmedVersion] = [:]
    }

    /// A published version not yet seen `Active`, with what its activation time is measured from.
    struct UnconfirmedVersion {
        var id: String
        var version: String
        var start: WaitClock.Instant
        var waitedBefore: Duration
    }

    func apply() async -> [ObjectApplyResult] {
        var progress = Progress()
        // What is already live, for objects this run does not change.
        // (A delete may share the name: the extra copy of a duplicated object.)
        for object in plan.objects where object.kind == .configuration && object.action != .delete {
            if let id = object.id, let version = object.precondition?.publishedVersion {
                progress.configurations[object.name] = (id, version)
            }
        }
        for object in plan.objects where object.kind == .schedule && object.action != .delete {
            if let id = object.id { progress.scheduleIds[object.name] = id }
        }

        let ordered = plan.objects.filter { $0.action != .none && $0.action != .delete }.sorted { $0.kind < $1.kind }
            + plan.objects.filter { $0.action == .delete }.sorted { $0.kind.order < $1.kind.order }.reversed()
        for object in ordered {
            if Task.isCancelled || options.stop.isRaised {
                progress.results.append(
                    ObjectApplyResult(
                        kind: object.kind, name: object.name, action: object.action, outcome: .notAttempted,
                        reason: "interrupted before this step"))
                continue
            }
            // The one applier loop: the kind applies its object.
            progress.results.append(await object.kind.managed.apply(object, self, &progress))
        }
        await confirmVersions(&progress)
        return progress.results
    }

    // MARK: Configurations

    func applyConfiguration(_ object: ObjectPlan, _ progress: inout Progress) async -> ObjectApplyResult {
        var result = ObjectApplyResult(kind: .configuration, name: object.name, action: object.action, outcome: .applied)
        let desired = object.desired ?? .object([:])
        do {
            if object.action == .delete {
                return try await deleteChecked(object)
            }
            var id: String
            var expectedVersion = object.expectedVersion ?? "1"
            /// The latest published version when this apply wrote: a newer one with the file's values
            /// means another apply already published them.
            var basedOn: String?
            /// `dateModified` of the draft this apply wrote, to tell whether another writer wrote after it.
            var ourWrite: String?
            /// The draft's status in the answer to this apply's write, if it wrote.
            var writtenStatus: String?
            if object.action == .create {
                if let existing = try await existingNamed(object, &progress) {
                    // Created already by this plan's earlier run: nothing to write. One that does not
                    // hold the plan's values is another writer's (a concurrent apply): create and
                    // converge as below.
                    let existingId = existing["id"]?.stringValue ?? ""
                    let latest = try await LiveState.latestPublished(client: client, configurationId: existingId)
                    let draft = JSONValue.object(try await client.configurationDraft(id: existingId).fields)
                    if let latest, let version = latest.fields["version"]?.stringValue,
                        Self.holds(object, desired, in: draft), Self.holds(object, desired, in: .object(latest.fields))
                    {
                        result.id = existingId
                        progress.configurations[object.name] = (existingId, version)
                        return alreadyApplied(result, "published as version \(version)")
                    }
                }
                let created = try await client.createConfiguration(
                    ConfigurationVersion(fields: desired.objectValue ?? [:]))
                guard let newId = created.fields["id"]?.stringValue else {
                    throw ReconcilerError("the API created configuration `\(object.name)` but returned no id")
                }
                let converged = try await converge(kind: .configuration, name: object.name, created: newId)
                id = converged.id
                result.id = id
                if converged.survivor != nil {
                    // Another apply created it at the same moment and publishes it: publishing here too
                    // would publish the same values twice.
                    let adopted = try await awaitPublished(
                        configurationId: id, after: nil, what: "configuration `\(object.name)` created by another apply")
                    return adopt(
                        adopted, desired: desired, object: object, id: id,
                        how: "created at the same moment by another apply: kept its \(id), removed ours (\(newId))",
                        &result, &progress)
                }
                ourWrite = created.fields["dateModified"]?.stringValue
                writtenStatus = created.fields["status"]?.stringValue ?? "Pending"
            } else {
                guard let existing = object.id else { throw ReconcilerError("plan has no id for `\(object.name)`") }
                id = existing
                // The draft is read last, right before the PUT: the API has no lock on drafts
                // (reference §5.4), so the window in which another writer's edit could be overwritten
                // is only this GET → PUT round trip (the fault soak found it when it also spanned the
                // versions read).
                // One listing holds both the draft and the latest version (TenantApplier+Requests.swift).
                let (draftNow, latestNow) = try await draftAndLatest(configurationId: id)
                try checkIdentity(object, id: id, now: draftNow)
                let publishedNow = latestNow?.fields["version"]?.stringValue
                basedOn = publishedNow
                let precondition = object.precondition ?? Precondition()
                let versionMoved = publishedNow != precondition.publishedVersion
                var foreign = object.foreignDraftPaths ?? []
                if moved(object, now: draftNow) || versionMoved || !conflictingFields(object, now: draftNow).isEmpty {
                    // A re-run of a plan that succeeded: the org already holds what it asks for.
                    if let latestNow, let publishedNow, let now = Int(publishedNow), now >= Int(expectedVersion) ?? Int.max,
                        Self.holds(object, desired, in: draftNow), Self.holds(object, desired, in: .object(latestNow.fields))
                    {
                        result.id = id
                        progress.configurations[object.name] = (id, publishedNow)
                        return alreadyApplied(result, "published as version \(publishedNow)")
                    }
                    // Another apply of the same files got there first: what is published is already
                    // what the file wants, so there is nothing to write and nothing to conflict with.
                    if let latestNow, Self.satisfies(desired, live: .object(latestNow.fields)) {
                        return adopt(
                            latestNow, desired: desired, object: object, id: id,
                            how: "already as the file wants it: another writer published version \(publishedNow ?? "?")",
                            &result, &progress)
                    }
                    // Their draft holds the file's values and they are about to publish it.
                    if Self.satisfies(desired, live: draftNow),
                        let theirs = try await awaitPublished(
                            configurationId: id, after: publishedNow, what: "configuration `\(object.name)` draft of another writer"),
                        Self.satisfies(desired, live: .object(theirs.fields))
                    {
                        return adopt(
                            theirs, desired: desired, object: object, id: id,
                            how: "already as the file wants it: another writer published version \(theirs.fields["version"]?.stringValue ?? "?")",
                            &result, &progress)
                    }
                    let detail = versionMoved
                        ? " (published version \(precondition.publishedVersion ?? "none") → \(publishedNow ?? "none"))" : ""
                    if isConflict(object, now: draftNow, detail: detail, result: &result) {
                        progress.failedConfigurations.insert(object.name)
                        return result
                    }
                    result.rebased = Self.rebasedPaths(object)
                    // Rebase: the other writer touched none of our fields; re-check what publishing would ship.
                    guard let next = ConfigurationVersion.successor(of: publishedNow) else {
                        throw ReconcilerError(
                            "configuration `\(object.name)`: Genesys Cloud reports published version \"\(publishedNow?.prefix(40) ?? "")\", which is not a version number a publish can follow")
                    }
                    expectedVersion = next
                    if let latestNow {
                        foreign = ConfigurationKind.unpublishedEdits(
                            draft: draftNow, published: .object(latestNow.fields), managing: desired)
                    }
                }
                if !foreign.isEmpty && !options.publishForeignDraft {
                    result.outcome = .blocked
                    result.reason =
                        "the draft holds unpublished edits by someone else (" + foreign.joined(separator: ", ")
                        + "); publishing would ship them. Publish or revert them in Genesys Cloud, or apply with --publish-foreign-draft"
                    progress.failedConfigurations.insert(object.name)
                    return result
                }
                let body = JSONTree.removing(ServerOwnedFields.configuration, from: JSONTree.overlay(desired, on: draftNow))
                if body != JSONTree.removing(ServerOwnedFields.configuration, from: draftNow) {
                    // basedOn: a PUT whose answer was lost is re-sent only while the draft is still the
                    // one read above, so a retry cannot overwrite another writer's later edit.
                    let written = try await client.replaceConfigurationDraft(
                        id: id, with: ConfigurationVersion(fields: body.objectValue ?? [:]),
                        basedOn: ConfigurationVersion(fields: draftNow.objectValue ?? [:]))
                    ourWrite = written.fields["dateModified"]?.stringValue
                    writtenStatus = written.fields["status"]?.stringValue ?? "Pending"
                }
            }
            result.id = id
            // Terraform waits for the draft to be Active before publishing (reference §3.5 item 5). The
            // look that sees it Active is also the last read before publishing: it holds the draft and the
            // latest published version.
            let (draftAfter, latestAfter) = try await settledDraft(
                configurationId: id, written: writtenStatus, what: "configuration `\(object.name)` draft")
            // Right before publishing: publish once per change even when two applies run at once.
            if let ourWrite {
                if draftAfter["dateModified"]?.stringValue != ourWrite {
                    // Another writer wrote the draft after us. The last writer publishes; with the
                    // file's values still in it, that is their publish to wait for.
                    guard Self.satisfies(desired, live: draftAfter) else {
                        result.outcome = .conflict
                        result.reason =
                            "another writer changed the draft after this apply wrote it and before it was published; nothing was published. Re-plan"
                        result.conflicts = allFields(object, now: draftAfter)
                        progress.failedConfigurations.insert(object.name)
                        return result
                    }
                    if let theirs = try await awaitPublished(
                        configurationId: id, after: basedOn, what: "configuration `\(object.name)` draft of another writer"),
                        Self.satisfies(desired, live: .object(theirs.fields))
                    {
                        return adopt(
                            theirs, desired: desired, object: object, id: id,
                            how: "another apply wrote the same draft and published it as version \(theirs.fields["version"]?.stringValue ?? "?")",
                            &result, &progress)
                    }
                }
            }
            if ourWrite == nil, basedOn == nil,
                let theirs = try await awaitPublished(
                    configurationId: id, after: nil, what: "configuration `\(object.name)` first version", timeout: .seconds(2)),
                Self.satisfies(desired, live: .object(theirs.fields))
            {
                // A draft never published that this apply did not write: when another apply created it a
                // moment ago, it is about to publish it (a draft left by an interrupted apply costs this wait).
                return adopt(
                    theirs, desired: desired, object: object, id: id,
                    how: "another apply published it as version \(theirs.fields["version"]?.stringValue ?? "?")", &result, &progress)
            }
            if let latest = latestAfter,
                (LiveState.publishedNumber(latest) ?? 0) > (basedOn.flatMap { Int($0) } ?? 0),
                Self.satisfies(desired, live: .object(latest.fields))
            {
                return adopt(
                    latest, desired: desired, object: object, id: id,
                    how: "another apply published the same values as version \(latest.fields["version"]?.stringValue ?? "?")",
                    &result, &progress)
            }
            // The draft was just seen Active and the latest version with it: publishing reads neither again.
            let published = try await publishRetrying(
                id: id, knownLatest: latestAfter.flatMap(LiveState.publishedNumber) ?? 0)
            let start = client.options.clock.now
            let waitedBefore = await client.rateLimitWait
            let version = published.fields["version"]?.stringValue ?? "?"
            result.publishedVersion = version
            progress.configurations[object.name] = (id, version)
            if version == expectedVersion { progress.publishedLatest[object.name] = version }
            if published.fields["status"]?.stringValue == "Active" {
                await record(since: start, waitedBefore: waitedBefore, in: &result)
            } else {
                // Not awaited here: a deployment that serves it sees its status in its own look, and the
                // rest are looked at once every object is done (`confirmVersions`). Genesys' Terraform
                // provider points deployments at a version without waiting for it (reference §3.5 items 3, 5).
                progress.unconfirmed[object.name] = UnconfirmedVersion(
                    id: id, version: version, start: start, waitedBefore: waitedBefore)
            }
            if version != expectedVersion {
                // Someone else published in between. When that version already had the file's values,
                // the end state is right and only a version number was spent (the API has no lock,
                // reference §5.4); otherwise say so instead of pretending.
                let previous = Int(version).map { String($0 - 1) }
                var before: ConfigurationVersion?
                if let previous { before = try? await client.configurationVersion(id: id, version: previous) }
                if let before, Self.satisfies(desired, live: .object(before.fields)) {
                    result.reason =
                        "another apply published the same values as version \(previous ?? "?") at the same moment; version \(version) repeats them"
                } else {
                    result.outcome = .conflict
                    result.reason =
                        "published as version \(version), expected \(expectedVersion): another writer published concurrently; review the versions"
                }
            }
        } catch {
            result.outcome = .failed
            result.reason = Self.describe(error)
            result.error = ReportedError(error)
            progress.failedConfigurations.insert(object.name)
        }
        return result
    }

    /// Uses a version another writer published instead of publishing: when it has the file's values
    /// the object is done; otherwise their concurrent change is a conflict.
    private func adopt(
        _ version: ConfigurationVersion?, desired: JSONValue, object: ObjectPlan, id: String, how: String,
        _ result: inout ObjectApplyResult, _ progress: inout Progress
    ) -> ObjectApplyResult {
        result.id = id
        guard let version, let number = version.fields["version"]?.stringValue else {
            result.outcome = .conflict
            result.reason = how + "; it has no published version yet. Re-run apply once the other apply has finished"
            progress.failedConfigurations.insert(object.name)
            return result
        }
        guard Self.satisfies(desired, live: .object(version.fields)) else {
            result.outcome = .conflict
            result.reason = how + "; its version \(number) differs from the file. Re-plan"
            result.conflicts = allFields(object, now: .object(version.fields))
            progress.failedConfigurations.insert(object.name)
            return result
        }
        result.outcome = .applied
        result.reason = how
        progress.configurations[object.name] = (id, number)
        return result
    }

    // MARK: Deployments

    func applyDeployment(_ object: ObjectPlan, _ progress: inout Progress) async -> ObjectApplyResult {
        var result = ObjectApplyResult(kind: .deployment, name: object.name, action: object.action, outcome: .applied)
        result.id = object.id
        // A profile the plan creates is named by a stand-in id: its id in the org, once created.
        var object = object
        if let desired = object.desired {
            let substituted = SupportedContentKind.substitutingCreated(in: desired, ids: progress.createdIds)
            if let missing = substituted.missing {
                result.outcome = .notAttempted
                result.reason = "supported content profile \(JSONValue.string(missing).jsonText) was not created in this run"
                return result
            }
            object.desired = substituted.value
        }
        do {
            if object.action == .delete {
                return try await deleteChecked(object)
            }
            let configurationName = object.configurationName ?? ""
            if progress.failedConfigurations.contains(configurationName) {
                result.outcome = .notAttempted
                result.reason = "configuration `\(configurationName)` was not published in this run"
                return result
            }
            guard var target = progress.configurations[configurationName] else {
                result.outcome = .notAttempted
                result.reason = "configuration `\(configurationName)` has no published version to serve"
                return result
            }
            if let pinned = object.pinnedVersion { target.version = pinned }
            let desired = object.desired ?? .object([:])
            let id: String
            let start = client.options.clock.now
            let waitedBefore = await client.rateLimitWait
            /// Whether the deployment as written by this apply needs no second look before waiting.
            var written = false
            /// The deployment's status in the answer to this apply's last write, if it wrote.
            var writtenStatus: String?
            if object.action == .create {
                if let existing = try await existingNamed(object, &progress) {
                    result.id = existing["id"]?.stringValue
                    var wanted = desired
                    wanted["configuration"] = Self.reference(target)
                    if Self.holds(object, wanted, in: existing) { return alreadyApplied(result, nil) }
                    result.id = nil
                }
                target = try await newest(target, pinned: object.pinnedVersion, known: progress.publishedLatest[configurationName])
                var body = desired
                body["configuration"] = Self.reference(target)
                let created = try await client.createDeployment(Deployment(fields: body.objectValue ?? [:]))
                guard let newId = created.fields["id"]?.stringValue else {
                    throw ReconcilerError("the API created deployment `\(object.name)` but returned no id")
                }
                let converged = try await converge(kind: .deployment, name: object.name, created: newId)
                id = converged.id
                written = converged.survivor == nil
                writtenStatus = created.fields["status"]?.stringValue ?? "Pending"
                if converged.survivor != nil {
                    result.reason = "created at the same moment by another apply: kept its \(id), removed ours (\(newId))"
                }
            } else {
                guard let existing = object.id else { throw ReconcilerError("plan has no id for `\(object.name)`") }
                id = existing
            }
            result.id = id
            // A deployment move is guarded like a draft write (reference §5.4: no lock): re-read, compare,
            // and never move it back past a version another writer published. After the move, a version
            // published meanwhile moves it again, so the last apply to finish leaves it on the latest.
            var comparePlan = object.action == .update
            for _ in 0..<3 {
                if !written {
                    let current = JSONValue.object(try await client.deployment(id: id).fields)
                    if comparePlan {
                        try checkIdentity(object, id: id, now: current)
                        let managedMoved = !conflictingFields(object, now: current).isEmpty
                        if moved(object, now: current) || managedMoved {
                            // A re-run of a plan that succeeded: the deployment already holds what it writes.
                            var wanted = desired
                            wanted["configuration"] = Self.reference(target)
                            if Self.holds(object, wanted, in: current) { return alreadyApplied(result, nil) }
                            // Another apply moving only the configuration pointer did not edit the fields.
                            let onlyPointer = object.precondition?.fieldsHash.map { $0 == DeploymentKind.fieldsHash(current) } ?? false
                            if !onlyPointer || managedMoved {
                                if isConflict(object, now: current, result: &result) { return result }
                                result.rebased = Self.rebasedPaths(object)
                            }
                        }
                    }
                    comparePlan = false
                    target = try await newest(
                        target, pinned: object.pinnedVersion, current: current, known: progress.publishedLatest[configurationName])
                    writtenStatus = nil
                    let serving = current["configuration"]?["id"]?.stringValue == target.id
                        && current["configuration"]?["version"]?.stringValue == target.version
                    if !serving || !Self.satisfies(desired, live: current) {
                        var body = JSONTree.removing(ServerOwnedFields.deployment, from: JSONTree.overlay(desired, on: current))
                        // Send only the pointer fields of the reference (reference §4.2 EntityRef: id and version required).
                        body["configuration"] = Self.reference(target)
                        let put = try await client.replaceDeployment(id: id, with: Deployment(fields: body.objectValue ?? [:]))
                        writtenStatus = put.fields["status"]?.stringValue ?? "Pending"
                    }
                }
                written = false
                // Serving = the deployment is Active and the active configuration on it is the version we
                // pointed it at (§3.1 #14), or a later one another apply moved it to; one look reads both.
                let wanted = Int(target.version) ?? 0
                let served = try await settledDeployment(
                    id: id, name: object.name, target: target, exact: object.pinnedVersion != nil, written: writtenStatus)
                if let pending = progress.unconfirmed[configurationName], pending.id == target.id,
                    served.version == pending.version, served.active
                {
                    await confirm(configurationName, pending, &progress)
                }
                // After the move, a version published meanwhile moves it again, so the last apply to finish
                // leaves it on the latest (one read: the only way to learn of a newer version).
                guard object.pinnedVersion == nil,
                    let latest = try await LiveState.latestPublished(client: client, configurationId: target.id)
                        .flatMap(LiveState.publishedNumber),
                    latest > wanted
                else { break }
                target.version = String(latest)
            }
            await record(since: start, waitedBefore: waitedBefore, in: &result)
        } catch {
            result.outcome = .failed
            result.reason = Self.describe(error)
            result.error = ReportedError(error)
        }
        return result
    }

    /// Activation time since `start`, without the time the rate limit held requests back: a
    /// `Retry-After` of a minute says nothing about how fast Genesys Cloud activated the object.
    func record(since start: WaitClock.Instant, waitedBefore: Duration, in result: inout ObjectApplyResult) async {
        let elapsed = client.options.clock.now - start
        let waited = min(elapsed, max(.zero, await client.rateLimitWait - waitedBefore))
        result.activationMilliseconds = Self.milliseconds(elapsed - waited)
        if waited > .zero { result.rateLimitWaitMilliseconds = Self.milliseconds(waited) }
    }

    /// `{id, version}` of a configuration version, as a deployment names it.
    static func reference(_ target: (id: String, version: String)) -> JSONValue {
        ["id": .string(target.id), "version": .string(target.version)]
    }

    /// The version a deployment should serve: the pinned one exactly; otherwise the newest of what this
    /// run published, the latest published now, and what the deployment already serves, so it never
    /// moves back past a version another writer published.
    ///
    /// `known`: the version this run just published as the next one; the latest then needs no read here (a
    /// version published after it is found by the look after the move).
    private func newest(
        _ target: (id: String, version: String), pinned: String?, current: JSONValue? = nil, known: String? = nil
    ) async throws -> (id: String, version: String) {
        guard pinned == nil else { return target }
        var best = Int(target.version) ?? 0
        if let known, let number = Int(known), number == best {
            // Nothing to read: this run's own publish is the latest it can know of.
        } else if let latest = try await LiveState.latestPublished(client: client, configurationId: target.id)
            .flatMap(LiveState.publishedNumber)
        {
            best = max(best, latest)
        }
        if let current, current["configuration"]?["id"]?.stringValue == target.id,
            let serving = current["configuration"]?["version"]?.stringValue.flatMap({ Int($0) })
        {
            best = max(best, serving)
        }
        return (target.id, String(best))
    }

    // MARK: Architect

    func applySchedule(_ object: ObjectPlan, _ progress: inout Progress) async -> ObjectApplyResult {
        var result = ObjectApplyResult(kind: .schedule, name: object.name, action: object.action, outcome: .applied)
        do {
            if object.action == .delete {
                return try await deleteChecked(object)
            }
            let desired = object.desired ?? .object([:])
            if object.action == .create {
                if let existing = try await existingNamed(object, &progress), Self.holds(object, desired, in: existing) {
                    result.id = existing["id"]?.stringValue
                    result = alreadyApplied(result, nil)
                } else {
                    let created = try await client.createSchedule(Schedule(fields: desired.objectValue ?? [:]))
                    result.id = created.fields["id"]?.stringValue
                    if let newId = result.id {
                        let written = try await convergeArchitect(object, created: newId, &result) { id in
                            .object(try await client.schedule(id: id).fields)
                        } write: { id, body in
                            .object(try await client.replaceSchedule(id: id, with: Schedule(fields: body)).fields)
                        }
                        if !written { progress.failedSchedules.insert(object.name) }
                }
                }
            } else {
                result.id = object.id
                let written = try await writeVersioned(object, &result) { id in
                    .object(try await client.schedule(id: id).fields)
                } write: { id, body in
                    .object(try await client.replaceSchedule(id: id, with: Schedule(fields: body)).fields)
                }
                if !written { progress.failedSchedules.insert(object.name) }
            }
            if let id = result.id { progress.scheduleIds[object.name] = id }
        } catch {
            result.outcome = .failed
            result.reason = Self.describe(error)
            result.error = ReportedError(error)
            progress.failedSchedules.insert(object.name)
        }
        return result
    }

    func applyGroup(_ object: ObjectPlan, _ progress: inout Progress) async -> ObjectApplyResult {
        var result = ObjectApplyResult(kind: .scheduleGroup, name: object.name, action: object.action, outcome: .applied)
        let names = object.scheduleNames ?? [:]
        let needed = (names["open"] ?? []) + (names["holiday"] ?? [])
        if let missing = needed.first(where: { progress.failedSchedules.contains($0) || progress.scheduleIds[$0] == nil }) {
            result.outcome = .notAttempted
            result.reason = "schedule `\(missing)` was not written in this run"
            return result
        }
        var desired = object.desired ?? .object([:])
        desired["openSchedules"] = .array((names["open"] ?? []).map { ["id": .string(progress.scheduleIds[$0]!)] })
        desired["holidaySchedules"] = .array((names["holiday"] ?? []).map { ["id": .string(progress.scheduleIds[$0]!)] })
        var resolved = object
        resolved.desired = desired
        do {
            if object.action == .delete {
                return try await deleteChecked(object)
            }
            if object.action == .create {
                if let existing = try await existingNamed(object, &progress), Self.holds(resolved, desired, in: existing) {
                    result.id = existing["id"]?.stringValue
                    return alreadyApplied(result, nil)
                }
                let created = try await client.createScheduleGroup(ScheduleGroup(fields: desired.objectValue ?? [:]))
                result.id = created.fields["id"]?.stringValue
                if let newId = result.id {
                    // Another apply's group, kept instead of ours, is re-pointed at the schedules kept.
                    _ = try await convergeArchitect(resolved, created: newId, &result) { id in
                        .object(try await client.scheduleGroup(id: id).fields)
                    } write: { id, body in
                        .object(try await client.replaceScheduleGroup(id: id, with: ScheduleGroup(fields: body)).fields)
                    }
                }
            } else {
                result.id = object.id
                _ = try await writeVersioned(resolved, &result) { id in
                    .object(try await client.scheduleGroup(id: id).fields)
                } write: { id, body in
                    .object(try await client.replaceScheduleGroup(id: id, with: ScheduleGroup(fields: body)).fields)
                }
            }
        } catch {
            result.outcome = .failed
            result.reason = Self.describe(error)
            result.error = ReportedError(error)
        }
        return result
    }

    /// PUT of a schedule or group carrying the planned `version`; the API answers 409 when it moved
    /// (reference §3.3, §5.4). With `--rebase`, a 409 whose new version changed none of our fields is
    /// retried once with the new version.
    private func writeVersioned(
        _ object: ObjectPlan, _ result: inout ObjectApplyResult,
        read: (String) async throws -> JSONValue, write: (String, [String: JSONValue]) async throws -> JSONValue
    ) async throws -> Bool {
        guard let id = object.id else { throw ReconcilerError("plan has no id for `\(object.name)`") }
        let desired = object.desired ?? .object([:])
        var current = try await read(id)
        try checkIdentity(object, id: id, now: current)
        var version = object.precondition?.version ?? current["version"]?.intValue
        if moved(object, now: current) || !conflictingFields(object, now: current).isEmpty {
            if Self.holds(object, desired, in: current) {
                result = alreadyApplied(result, nil)
                return true
            }
            // The API would refuse the stale version anyway (409); a managed field another writer
            // changed is a conflict even under --rebase.
            if isConflict(object, now: current, result: &result) { return false }
            result.rebased = Self.rebasedPaths(object)
            version = current["version"]?.intValue
        }
        for attempt in 0..<2 {
            var body = JSONTree.removing(ServerOwnedFields.architect, from: JSONTree.overlay(desired, on: current))
            body["version"] = version.map { .number(Double($0)) }
            do {
                _ = try await write(id, body.objectValue ?? [:])
                return true
            } catch let error as GenesysError where error.isConflict {
                current = try await read(id)
                if Self.satisfies(desired, live: current) {
                    // Another apply wrote the same values first.
                    result.reason = "already as the file wants it: another writer wrote version \(current["version"]?.intValue.map(String.init) ?? "?")"
                    return true
                }
                let conflicts = conflictingFields(object, now: current)
                if attempt == 0 && options.rebase && conflicts.isEmpty {
                    version = current["version"]?.intValue
                    continue
                }
                result.outcome = .conflict
                result.conflicts = conflicts.isEmpty ? allFields(object, now: current) : conflicts
                result.reason =
                    "version \(object.precondition?.version.map(String.init) ?? "?") is stale (now \(current["version"]?.intValue.map(String.init) ?? "?")): "
                    + Self.describe(error)
                return false
            }
        }
        return false
    }

    /// After creating a schedule or group: when another apply created the same one at the same moment,
    /// ours is removed and theirs used, rewritten (with its `version`) if it differs from the file.
    private func convergeArchitect(
        _ object: ObjectPlan, created newId: String, _ result: inout ObjectApplyResult,
        read: (String) async throws -> JSONValue, write: (String, [String: JSONValue]) async throws -> JSONValue
    ) async throws -> Bool {
        let converged = try await converge(kind: object.kind, name: object.name, created: newId)
        result.id = converged.id
        guard let survivor = converged.survivor else { return true }
        result.reason = "created at the same moment by another apply: kept its \(converged.id), removed ours (\(newId))"
        guard !Self.satisfies(object.desired ?? .object([:]), live: .object(survivor)) else { return true }
        var theirs = object
        theirs.id = converged.id
        theirs.action = .update
        theirs.precondition = Precondition(version: survivor["version"]?.intValue)
        let reason = result.reason
        let written = try await writeVersioned(theirs, &result, read: read, write: write)
        if written { result.reason = reason }
        return written
    }

    // MARK: Deletes

    /// Deletes after checking that the object is still what the plan saw.
    func deleteChecked(_ object: ObjectPlan) async throws -> ObjectApplyResult {
        let rules = object.kind.managed
        let client = client
        let delete = { (id: String) async throws -> Void in try await rules.delete(client, id: id) }
        let current = { (id: String) async throws -> JSONValue in try await rules.read(client, id: id) }
        var result = ObjectApplyResult(kind: object.kind, name: object.name, action: .delete, outcome: .applied)
        result.id = object.id
        guard let id = object.id else { throw ReconcilerError("plan has no id for `\(object.name)`") }
        let now: JSONValue
        do {
            now = try await current(id)
        } catch let error as GenesysError where error.isNotFound {
            return alreadyApplied(result, "already deleted")
        }
        try checkIdentity(object, id: id, now: now)
        if moved(object, now: now) {
            result.outcome = .conflict
            result.reason = "changed by someone else since the plan; not deleted"
            return result
        }
        try await deleteWhenFree(object.name, id: id, delete)
        // reference §3.5 item 6: deletes complete asynchronously (Terraform polls GET until 404), and what the
        // object referred to cannot be deleted before it is gone, so the next delete waits for this one.
        try await waitForDeletes("`\(object.name)` to be deleted") {
            do {
                _ = try await current(id)
                return false
            } catch let error as GenesysError where error.isNotFound {
                return true
            }
        }
        return result
    }

    /// Publish, retrying a 400 a few times: production now and then refuses a publish just after the draft
    /// turned Active, and Terraform retries publish on 400 (reference §3.5 item 5). A 400 publishes nothing,
    /// so sending again cannot publish twice; a feature-gated or other lasting 400 still fails after the retries.
    private func publishRetrying(id: String, knownLatest: Int? = nil) async throws -> ConfigurationVersion {
        var delay = Duration.milliseconds(200)
        // What the caller read holds for the first attempt only: during a retry's pause another writer may publish.
        var knownLatest = knownLatest
        for _ in 0..<4 {
            defer { knownLatest = nil }
            do {
                return try await client.publishConfigurationDraft(id: id, knownLatest: knownLatest)
            } catch {
                guard error.status == 400, !error.isConflict else { throw error }
                try await pause(delay)
                delay = delay * 2
            }
        }
        return try await client.publishConfigurationDraft(id: id)
    }

    /// DELETE, retrying the documented 409s of a delete still in progress elsewhere: a configuration "used by
    /// another" deployment being deleted, a schedule still in a group being deleted (reference §3.3, §5.1).
    private func deleteWhenFree(_ name: String, id: String, _ delete: (String) async throws -> Void) async throws {
        var lastConflict: GenesysError?
        do {
            // Terraform gives a delete 30 s (reference §3.5 item 6); an object that stays in use fails after that.
            try await waitForDeletes("`\(name)` to be free to delete", limit: min(activationTimeout, .seconds(30))) {
                do {
                    try await delete(id)
                    return true
                } catch let error as GenesysError where error.status == 409 {
                    lastConflict = error
                    return false
                }
            }
        } catch let error as ReconcilerError {
            throw lastConflict.map { ReconcilerError("\(error.message); the last answer was \($0)") } ?? error
        }
    }

    /// Polls `condition` with bounded backoff through `options.pause`; the bound counts the pauses taken, so an
    /// injected pause makes the wait independent of the wall clock.
    private func waitForDeletes(
        _ what: String, limit: Duration? = nil, _ condition: () async throws -> Bool
    ) async throws {
        let limit = limit ?? activationTimeout
        var waited = Duration.zero
        var delay = Duration.milliseconds(50)
        while true {
            if try await condition() { return }
            if waited + delay > limit {
                throw ReconcilerError("timed out waiting for \(what) after \(limit)")
            }
            try await pause(delay)
            waited += delay
            delay = min(delay * 2, .seconds(2))
        }
    }

    // MARK: Helpers

    /// Whether the live object is no longer what the plan saw: its `version` (Architect), or its
    /// `dateModified` and content hash (drafts and deployments, which the API does not lock, §5.4).
    func moved(_ object: ObjectPlan, now: JSONValue) -> Bool {
        (object.precondition ?? Precondition()).isMoved(object.kind, now: now, managing: object.desired)
    }

    /// For a moved object: records the conflict and returns true, unless `--rebase` may go on
    /// because the other writer touched none of the fields this plan changes.
    func isConflict(_ object: ObjectPlan, now: JSONValue, detail: String = "", result: inout ObjectApplyResult) -> Bool {
        let conflicts = conflictingFields(object, now: now)
        guard !options.rebase || !conflicts.isEmpty else { return false }
        result.outcome = .conflict
        result.conflicts = conflicts.isEmpty ? allFields(object, now: now) : conflicts
        result.reason =
            "changed by someone else since the plan" + detail
            + (options.rebase
                ? "; the other writer changed fields this file manages, so a rebase would revert them"
                : "; re-plan, or apply with --rebase")
        return true
    }

    /// Fields the file manages (every field `desired` writes, changed by the plan or not) whose live
    /// value is no longer the planned base: someone else wrote them, and writing ours would revert
    /// theirs. A managed field the plan holds no base for cannot be shown untouched, so it counts too.
    func conflictingFields(_ object: ObjectPlan, now: JSONValue) -> [FieldConflict] {
        let base = object.precondition?.base ?? [:]
        let leaves = JSONTree.leaves(of: object.desired ?? .object([:])).filter { !$0.path.isEmpty }
        let wanted = Dictionary(leaves.map { (FieldPath($0.path).text, $0.value) }, uniquingKeysWith: { a, _ in a })
        // Each field's keys, by its text: the live value is read at the keys, never at a split text.
        let keys = Dictionary(
            leaves.map { (FieldPath($0.path).text, $0.path) } + object.changes.map { ($0.path, $0.keys) },
            uniquingKeysWith: { a, _ in a })
        let ours = wanted.merging(object.changes.map { ($0.path, $0.after ?? .null) }, uniquingKeysWith: { a, _ in a })
        // Pointers and versions this tool derives are not fields a person edits.
        return ours.keys.filter { !FieldChange.derivedPaths.contains($0) }.sorted().compactMap { path in
            let theirs = JSONTree.value(at: keys[path] ?? [path], in: now)
            guard let planned = base[path] else {
                return FieldConflict(path: path, base: nil, ours: ours[path], theirs: theirs)
            }
            return (theirs ?? .null) == planned ? nil : FieldConflict(path: path, base: planned, ours: ours[path], theirs: theirs)
        }
    }

    /// Whether the live object already holds every field `desired` writes (for a group, the
    /// schedules it lists, by id): nothing is left to write.
    static func holds(_ object: ObjectPlan, _ desired: JSONValue, in live: JSONValue) -> Bool {
        JSONTree.leaves(of: desired).allSatisfy { path, value in
            let now = JSONTree.value(at: path, in: live)
            if object.kind == .scheduleGroup, [["openSchedules"], ["holidaySchedules"]].contains(path) {
                func ids(_ v: JSONValue?) -> Set<String> { Set((v?.arrayValue ?? []).compactMap { $0["id"]?.stringValue }) }
                return ids(value) == ids(now)
            }
            if object.kind == .deployment, path == ["configuration"] {
                return now?["id"] == value["id"] && now?["version"] == value["version"]
            }
            return JSONTree.matches(desired: value, live: now, path: path)
        }
    }

    /// The fields a rebase wrote over another writer's changes (which touched none of them).
    static func rebasedPaths(_ object: ObjectPlan) -> [String] {
        object.changes.map(\.path).filter { !FieldChange.derivedPaths.contains($0) }
    }

    /// An object is written only when the live object with the plan's id is the one the plan names;
    /// its kind is given by the endpoint that answered for the id.
    func checkIdentity(_ object: ObjectPlan, id: String, now: JSONValue) throws(ReconcilerError) {
        let liveName = now["name"]?.stringValue
        guard liveName != object.name else { return }
        // A holiday schedule named by an older version is renamed in place; the plan shows the rename.
        if object.kind == .schedule, let liveName, let holiday = object.name.range(of: "-holiday-"),
            liveName.hasPrefix(object.name[..<holiday.upperBound]),
            object.changes.contains(where: { $0.path == "name" && $0.before?.stringValue == liveName })
        {
            return
        }
        throw ReconcilerError(
            "the plan's id \(id) for \(object.kind.displayName) \(JSONValue.string(object.name).jsonText) is "
                + (liveName.map { "\(object.kind.displayName) \(JSONValue.string($0).jsonText)" } ?? "an object without a name")
                + " in the org: the plan is corrupt or was made for another org; nothing was written to it. Re-run plan.")
    }

    /// The one live object of the kind and name, or nil.
    func existingNamed(_ object: ObjectPlan, _ progress: inout Progress) async throws -> JSONValue? {
        if progress.live[object.kind] == nil {
            progress.live[object.kind] = try await liveObjects(object.kind).map(JSONValue.object)
        }
        let matches = (progress.live[object.kind] ?? []).filter { $0["name"]?.stringValue == object.name }
        // Several of one name are a race or old duplicates: the create path's convergence decides.
        return matches.count == 1 ? matches.first : nil
    }

    func alreadyApplied(_ result: ObjectApplyResult, _ detail: String?) -> ObjectApplyResult {
        var result = result
        result.outcome = .alreadyApplied
        result.reason = "the org already holds what the plan asks for" + (detail.map { " (\($0))" } ?? "") + "; nothing was written"
        return result
    }

    /// Every planned field with its current value, for a conflict whose cause lies outside our fields.
    private func allFields(_ object: ObjectPlan, now: JSONValue) -> [FieldConflict] {
        object.changes.map { change in
            FieldConflict(
                path: change.path, base: object.precondition?.base?[change.path], ours: change.after,
                theirs: JSONTree.value(at: change.keys, in: now))
        }
    }

    /// Polls `status` with bounded backoff until `Active` (reference §3.5 items 4–5); `Error` fails.
    func waitUntilActive(_ what: String, status: () async throws -> String?) async throws {
        try await waitUntil(what) {
            let current = try await status()
            if current == "Error" { throw ReconcilerError("\(what) went to status Error") }
            return current == "Active"
        }
    }

    func waitUntil(_ what: String, timeout: Duration? = nil, _ condition: () async throws -> Bool) async throws {
        let clock = client.options.clock
        let deadline = clock.now + (timeout ?? activationTimeout)
        var delay = Duration.milliseconds(50)
        while true {
            if try await condition() { return }
            if clock.now + delay > deadline {
                throw ReconcilerError("\(what) did not become ready within \(activationTimeout)")
            }
            try await pause(delay)
            delay = min(delay * 2, .seconds(2))
        }
    }

    /// One wait between polls: the injected pause, else the client's clock (real time in the CLI).
    func pause(_ duration: Duration) async throws {
        if let pause = options.pause { return try await pause(duration) }
        try await client.options.clock.sleep(for: duration)
    }

    static func milliseconds(_ d: Duration) -> Int {
        Int(d.components.seconds * 1000 + d.components.attoseconds / 1_000_000_000_000_000)
    }

    static func describe(_ error: any Error) -> String {
        if error is CancellationError { return "interrupted" }
        return String(describing: error)
    }
}

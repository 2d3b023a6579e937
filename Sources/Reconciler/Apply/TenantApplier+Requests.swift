import GenesysCloud

// The reads an apply makes, each one needed for a check, and none twice: a read that answers two
// questions is made once (the versions listing holds the draft beside the published versions; the
// active-configuration answer holds the deployment beside the version it serves), and an object whose
// write was answered `Pending` is first looked at after it has had time to become `Active`.

extension TenantApplier {
    /// The first look at an object whose write was answered `Pending`. Production takes longer than this to
    /// activate (Genesys' Terraform provider sleeps 10 s before its first look at a new deployment,
    /// reference §3.5 item 5), so looking sooner would only cost requests; later looks double up to 2 s.
    static let firstLook: Duration = .milliseconds(200)

    /// The draft and the latest published version with one request: the versions listing carries the draft
    /// (version "DRAFT") beside the published versions (reference §3.5 item 2: Terraform skips "DRAFT"
    /// while scanning it), each a full `WebDeploymentConfigurationVersion` (§3.1 #4), as the
    /// configurations listing's drafts are. A listing without exactly one draft is not trusted for it:
    /// the draft is then read on its own, after the listing, so it is still the last read.
    func draftAndLatest(configurationId id: String) async throws -> (draft: JSONValue, latest: ConfigurationVersion?) {
        let versions = try await client.configurationVersions(id: id)
        let latest = LiveState.latest(of: versions)
        let drafts = versions.filter { $0.fields["version"]?.stringValue == "DRAFT" }
        if drafts.count == 1, let draft = drafts.first { return (.object(draft.fields), latest) }
        return (.object(try await client.configurationDraft(id: id).fields), latest)
    }

    /// Waits until the draft is `Active` (publishing a `Pending` draft is refused, reference §3.5 item 5),
    /// each look reading the draft and the latest published version together. The last look is what
    /// publishing is decided on: whether another writer wrote the draft after this apply, and whether
    /// another apply already published the file's values.
    /// - Parameter written: the draft's status in the answer to this apply's write; `nil` when it did not write.
    func settledDraft(
        configurationId id: String, written: String?, what: String
    ) async throws -> (draft: JSONValue, latest: ConfigurationVersion?) {
        var seen: (draft: JSONValue, latest: ConfigurationVersion?)?
        try await poll(what, firstLookAfter: written == nil || written == "Active" ? .zero : Self.firstLook) {
            let now = try await draftAndLatest(configurationId: id)
            let status = now.draft["status"]?.stringValue
            if status == "Error" { throw ReconcilerError("\(what) went to status Error") }
            seen = now
            return status == "Active"
        }
        guard let seen else { throw ReconcilerError("\(what) could not be read") }
        return seen
    }

    /// Waits until the deployment is `Active` and serves `target` (exactly, when pinned; else that
    /// version or a later one another apply moved it to), one request per look: the active-configuration
    /// answer holds the deployment and the version it serves (reference §3.1 #14, §4.2
    /// `WebDeploymentActiveConfigurationOnDeployment`). The served version must be `Active` too: a version
    /// this run published is not awaited on its own when a deployment serves it. An answer without the
    /// deployment's status is not trusted for it: the deployment is then read on its own.
    /// - Returns: the version served, as the last look saw it.
    func settledDeployment(
        id: String, name: String, target: (id: String, version: String), exact: Bool, written: String?
    ) async throws -> (version: String?, active: Bool) {
        let wanted = Int(target.version) ?? 0
        var served: (version: String?, active: Bool) = (nil, false)
        try await poll(
            "deployment `\(name)` serving version \(target.version)",
            firstLookAfter: written == nil || written == "Active" ? .zero : Self.firstLook
        ) {
            let answer = JSONValue.object(try await client.activeConfiguration(deploymentId: id).fields)
            var status = answer["deployment"]?["status"]?.stringValue
            if status == nil { status = try await client.deployment(id: id).fields["status"]?.stringValue }
            if status == "Error" { throw ReconcilerError("deployment `\(name)` went to status Error") }
            let version = answer["configurationVersion"]
            let versionStatus = version?["status"]?.stringValue
            if versionStatus == "Error" {
                throw ReconcilerError("configuration version \(version?["version"]?.stringValue ?? "?") served by deployment `\(name)` went to status Error")
            }
            let number = version?["version"]?.stringValue
            let serving = number.flatMap { Int($0) } ?? 0
            served = (number, versionStatus == nil || versionStatus == "Active")
            return status == "Active" && (exact ? serving == wanted : serving >= wanted) && served.active
        }
        return served
    }

    /// Looks until `condition` holds: first after `firstLookAfter`, then with doubling pauses up to 2 s,
    /// for at most the activation timeout.
    func poll(_ what: String, firstLookAfter first: Duration, _ condition: () async throws -> Bool) async throws {
        let clock = client.options.clock
        let deadline = clock.now + activationTimeout
        var delay = first
        while true {
            if delay > .zero {
                if clock.now + delay > deadline {
                    throw ReconcilerError("\(what) did not become ready within \(activationTimeout)")
                }
                try await pause(delay)
            }
            if try await condition() { return }
            delay = delay == .zero ? .milliseconds(50) : min(delay * 2, .seconds(2))
        }
    }
}

extension LiveState {
    /// The highest numbered published version of a listing (the draft's version is not a number).
    static func latest(of versions: [ConfigurationVersion]) -> ConfigurationVersion? {
        versions.max { publishedNumber($0) ?? -1 < publishedNumber($1) ?? -1 }
            .flatMap { publishedNumber($0) == nil ? nil : $0 }
    }
}

extension TenantApplier {
    /// Records a published version seen `Active` by a deployment's look: its activation time on the
    /// configuration's result.
    func confirm(_ name: String, _ pending: UnconfirmedVersion, _ progress: inout Progress) async {
        progress.unconfirmed[name] = nil
        guard let index = progress.results.firstIndex(where: { $0.kind == .configuration && $0.name == name }) else { return }
        await record(since: pending.start, waitedBefore: pending.waitedBefore, in: &progress.results[index])
    }

    /// Looks at the versions this run published that no deployment's look saw `Active`, as apply did right
    /// after publishing before: a version that goes to `Error` or never activates fails its configuration.
    func confirmVersions(_ progress: inout Progress) async {
        for (name, pending) in progress.unconfirmed.sorted(by: { $0.key < $1.key }) {
            guard let index = progress.results.firstIndex(where: { $0.kind == .configuration && $0.name == name }) else { continue }
            do {
                try await waitUntilActive("configuration `\(name)` version \(pending.version)") {
                    try await client.configurationVersion(id: pending.id, version: pending.version).fields["status"]?.stringValue
                }
                await confirm(name, pending, &progress)
            } catch {
                progress.results[index].outcome = .failed
                progress.results[index].reason = Self.describe(error)
                progress.unconfirmed[name] = nil
            }
        }
    }
}

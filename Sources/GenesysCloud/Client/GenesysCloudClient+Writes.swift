import Foundation

// Why POSTs are special: GET, PUT and DELETE here are idempotent (sending a full-body PUT twice leaves the
// same state), so they are simply retried. A create or publish is not: if the connection drops after the
// server applied it, sending it again creates a second configuration or publishes a second version. So a
// POST is sent once; when its outcome is unknown (the connection failed after sending, a timeout, a 5xx),
// the client reads the state back and decides from what it sees, and sends the POST again only when the
// state shows it was not applied. When even reading back fails, the caller gets `.outcomeUnknown` and
// nothing is sent again: a later plan will see the real state.

extension GenesysCloudClient {
    /// How far back a creation time may lie and still be taken for "created by the request just lost";
    /// allows for clock skew between this machine and Genesys Cloud.
    static let creationClockSkew: TimeInterval = 300

    /// Creates an object with `POST path` without ever creating two.
    ///
    /// After an unknown outcome: list the objects and look for one named `name` created since just before the
    /// request (allowing `creationClockSkew`). Found → it is the one we created; return it. Not found → the
    /// request was not applied; send it once more. Names are messengerctl's identity of objects, so another
    /// writer's object of the same name, created in that window, is also not duplicated.
    func createOnce<T: APIObject, Body: Encodable & Sendable>(
        path: String, body: Body, name: String?, list: () async throws(GenesysError) -> [T]
    ) async throws(GenesysError) -> T {
        let since = Date().addingTimeInterval(-Self.creationClockSkew)
        var lastError: GenesysError?
        for attempt in 0..<2 {
            do {
                return try await sendObject(.POST, path, body: body, mode: .writeOnce)
            } catch where error.kind == .outcomeUnknown {
                lastError = error
                guard let name else { throw error }
                logger.warning("create outcome unknown, reading back", metadata: ["path": .string(path), "name": .string(name)])
                let found: T?
                do {
                    found = try await readBack { () async throws(GenesysError) in
                        try await list().first { object in
                            object.string("name") == name && (object.date("dateCreated").map { $0 >= since } ?? true)
                        }
                    }
                } catch {
                    throw settledFailure(error, original: error, what: "whether '\(name)' was created")
                }
                if let found { return found }
                if attempt == 1 { break }
            }
        }
        throw lastError ?? outcomeUnknown(method: "POST", path: path, cause: "no answer")
    }

    /// Publishes a configuration's draft without ever publishing twice.
    ///
    /// The latest published version number is read before sending. After an unknown outcome it is read
    /// again: advanced by exactly one → that version is ours; return it. Unchanged → not applied; send once
    /// more. Advanced by more → someone else published too; stop and report (a plan will show the state).
    ///
    /// - Parameter knownLatest: the latest published version number (0 for none) of a read the caller made
    ///   right before, which also showed the draft `Active`: then neither is read again.
    func publishOnce(configurationId id: String, knownLatest: Int? = nil) async throws(GenesysError) -> ConfigurationVersion {
        let path = Self.configurationPath(id) + "/versions/draft/publish"
        var before: Int
        if let knownLatest {
            before = knownLatest
        } else {
            try await waitUntilDraftProcessed(configurationId: id)
            before = try await latestPublished(configurationId: id)?.publishedVersionNumber ?? 0
        }
        var lastError: GenesysError?
        for attempt in 0..<2 {
            do {
                return try await sendObject(.POST, path, body: nil, mode: .writeOnce)
            } catch where error.kind == .outcomeUnknown {
                lastError = error
                logger.warning("publish outcome unknown, reading back", metadata: ["configuration-id": .string(id)])
                let latest: ConfigurationVersion?
                do {
                    latest = try await readBack { () async throws(GenesysError) in
                        try await self.latestPublished(configurationId: id)
                    }
                } catch {
                    throw settledFailure(error, original: error, what: "whether configuration \(id) was published")
                }
                let after = latest?.publishedVersionNumber ?? 0
                if after == before + 1, let latest { return latest }
                if after != before {
                    var error = outcomeUnknown(method: "POST", path: path, cause: "the answer was lost")
                    error.message += "; the latest version moved from \(before) to \(after), so another writer published too"
                    error.hint = "Nothing was published again; run plan to see the configuration's versions"
                    throw error
                }
                before = after
                if attempt == 1 { break }
            }
        }
        throw lastError ?? outcomeUnknown(method: "POST", path: path, cause: "no answer")
    }

    /// Waits while the draft is `Pending`: processing is asynchronous and Genesys' Terraform provider polls
    /// the draft until it is `Active` before publishing, with a 30 s budget (reference §3.5 item 5).
    func waitUntilDraftProcessed(configurationId id: String, budget: Duration = .seconds(30)) async throws(GenesysError) {
        let deadline = options.clock.now + budget
        var attempt = 0
        while try await configurationDraft(id: id).status == "Pending" {
            guard options.clock.now < deadline else {
                throw GenesysError(
                    kind: .timeout, message: "the draft of configuration \(id) was still Pending after \(Int(budget.seconds)) s",
                    method: "GET", path: Self.configurationPath(id) + "/versions/draft", region: region.id,
                    hint: "Genesys Cloud is still processing the draft; publish again later")
            }
            try await sleep(.milliseconds(min(2000, 100 << min(attempt, 4))))
            attempt += 1
        }
    }

    /// The published version with the highest number, or `nil` when none is published.
    public func latestPublished(configurationId id: String) async throws(GenesysError) -> ConfigurationVersion? {
        try await configurationVersions(id: id)
            .filter { $0.publishedVersionNumber != nil }
            .max { ($0.publishedVersionNumber ?? 0) < ($1.publishedVersionNumber ?? 0) }
    }

    /// Runs a read-back, retrying it a few times: right after a lost answer the connection may still be
    /// failing, or the server may not list the new object yet.
    func readBack<R>(_ read: () async throws(GenesysError) -> R?) async throws(GenesysError) -> R? {
        var lastError: GenesysError?
        let attempts = max(1, options.readBackAttempts)
        for attempt in 0..<attempts {
            do {
                if let value = try await read() { return value }
                lastError = nil
            } catch {
                lastError = error
            }
            if attempt < attempts - 1 { try await sleep(retry.backoff(attempt: attempt + 1)) }
        }
        if let lastError { throw lastError }
        return nil
    }

    /// The error to give when reading back itself failed: the outcome stays unknown.
    func settledFailure(_ readError: GenesysError, original: GenesysError, what: String) -> GenesysError {
        var error = original
        error.kind = .outcomeUnknown
        error.message = "could not determine \(what): the request's answer was lost and reading back failed (\(readError.message))"
        error.hint = "Nothing was sent again; run plan to see the real state before applying again"
        return error
    }
}

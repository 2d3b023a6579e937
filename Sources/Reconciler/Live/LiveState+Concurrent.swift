import GenesysCloud

// Reads that do not depend on each other go out together: the listings of one org at once, then the
// versions of every configuration at once. With the token first, a tenant's plan is three round trips
// (token; tokens/me and the listings; versions), not one per request.

extension LiveState {
    /// Reads the kinds' parts (``ManagedKind/readLive(_:)``) with the listings in flight together. Each
    /// listing keeps its own bounds (`maxListingItems`, `maxListingBytes`, `maxListingDuration`), and the
    /// client's `maxConcurrentRequests` still caps what one org has in flight. When reads fail, the error
    /// is the first kind's in `kinds`' order, as soon as the kinds before it have been read; the reads
    /// still in flight are then cancelled.
    static func readConcurrently(client: GenesysCloudClient, kinds: [ObjectKind]) async throws(GenesysError) -> LiveState {
        try await GenesysError.typed {
            try await withThrowingTaskGroup(of: KindRead.self) { group in
                for (index, kind) in kinds.enumerated() {
                    group.addTask {
                        do { return KindRead(index: index, result: .success(try await kind.managed.readLive(client))) } catch {
                            return KindRead(index: index, result: .failure(error))
                        }
                    }
                }
                // Parts that came before the kinds ahead of them, by their index in `kinds`.
                var waiting: [Int: Result<LiveState, any Error>] = [:]
                var state = LiveState()
                var next = 0
                while next < kinds.count, let read = try await group.next() {
                    waiting[read.index] = read.result
                    while let ready = waiting.removeValue(forKey: next) {
                        state.add(try ready.get())
                        next += 1
                    }
                }
                return state
            }
        }
    }

    /// One kind's part of the state, or why it could not be read, with the kind's place in the reads.
    ///
    /// A struct rather than the tuple `(Int, Result<LiveState, any Error>)`: a release build (Swift 6.3.1,
    /// `-O`) handed that tuple out of `group.next()` with a garbage index, so every plan of a release
    /// binary trapped on the index or found an empty org; debug builds were right.
    private struct KindRead: Sendable {
        let index: Int
        let result: Result<LiveState, any Error>
    }

    /// The latest published version of each configuration, read together: at most the client's
    /// `maxConcurrentRequests` at once, so a listing of thousands of configurations (a hostile server's)
    /// does not become thousands of tasks.
    static func latestPublished(
        client: GenesysCloudClient, of configurations: [ConfigurationVersion]
    ) async throws -> [String: ConfigurationVersion] {
        let ids = configurations.compactMap { $0.fields["id"]?.stringValue }
        return try await withThrowingTaskGroup(of: (String, ConfigurationVersion?).self) { group in
            var published: [String: ConfigurationVersion] = [:]
            var next = 0
            func launch() {
                let id = ids[next]
                group.addTask { (id, try await latestPublished(client: client, configurationId: id)) }
                next += 1
            }
            while next < min(ids.count, max(1, client.options.maxConcurrentRequests)) { launch() }
            while let (id, latest) = try await group.next() {
                if let latest { published[id] = latest }
                if next < ids.count { launch() }
            }
            return published
        }
    }
}

extension GenesysError {
    /// Runs concurrent work (`async let`, task groups), whose errors arrive untyped, and gives back the
    /// `GenesysError` it threw; a cancellation becomes one of kind `.cancelled`.
    static func typed<T>(_ body: () async throws -> T) async throws(GenesysError) -> T {
        do {
            return try await body()
        } catch let error as GenesysError {
            throw error
        } catch {
            throw GenesysError(kind: .cancelled, message: "the request was cancelled")
        }
    }
}

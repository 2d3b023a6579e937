import GenesysCloud

// Reads that do not depend on each other go out together: the listings of one org at once, then the
// versions of every configuration at once. With the token first, a tenant's plan is three round trips
// (token; tokens/me and the listings; versions), not one per request.

extension LiveState {
    /// Reads the org's managed objects with the listings in flight together. Each listing keeps its own
    /// bounds (`maxListingItems`, `maxListingBytes`, `maxListingDuration`), and the client's
    /// `maxConcurrentRequests` still caps what one org has in flight.
    static func readConcurrently(
        client: GenesysCloudClient, includeArchitect: Bool, includeSupportedContent: Bool = false
    ) async throws(GenesysError) -> LiveState {
        try await GenesysError.typed {
            async let configurationsRead = client.listConfigurations()
            async let deploymentsRead = client.listDeployments()
            async let schedulesRead: [Schedule] = includeArchitect ? client.listSchedules() : []
            async let groupsRead: [ScheduleGroup] = includeArchitect ? client.listScheduleGroups() : []
            async let profilesRead: [SupportedContent] = includeSupportedContent ? client.listSupportedContentProfiles() : []
            async let defaultRead: String? = includeSupportedContent ? SupportedContentKind.defaultId(client) : nil
            let configurations = try await configurationsRead
            let published = try await latestPublished(client: client, of: configurations)
            return LiveState(
                configurations: configurations, published: published, deployments: try await deploymentsRead,
                schedules: try await schedulesRead, scheduleGroups: try await groupsRead,
                supportedContents: try await profilesRead, defaultSupportedContentId: try await defaultRead)
        }
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

import GenesysCloud

/// The managed objects of one org as read at plan (or apply) time.
struct LiveState: Sendable {
    /// Configuration drafts (reference §3.1 #1: the listing is "View configuration drafts").
    var configurations: [ConfigurationVersion]
    /// Latest published version of each configuration, by configuration id.
    var published: [String: ConfigurationVersion]
    var deployments: [Deployment]
    var schedules: [Schedule]
    var scheduleGroups: [ScheduleGroup]
    /// Supported content profiles, read only for a file with `supportedContents:` (reference §8).
    var supportedContents: [SupportedContent] = []
    /// The id of the org's default profile (`GET …/supportedcontent/default`), when read.
    var defaultSupportedContentId: String? = nil

    /// The live object of a kind by id, as JSON.
    func object(kind: ObjectKind, id: String?) -> JSONValue? {
        guard let id else { return nil }
        return kind.managed.live(in: self).first { $0["id"]?.stringValue == id }.map(JSONValue.object)
    }

    /// Reads what the tenant manages; Architect objects only when the file has `availability`,
    /// so a tenant without it costs no Architect reads. Independent reads go out together
    /// (LiveState+Concurrent.swift).
    static func read(
        client: GenesysCloudClient, includeArchitect: Bool, includeSupportedContent: Bool = false
    ) async throws(GenesysError) -> LiveState {
        try await readConcurrently(client: client, includeArchitect: includeArchitect, includeSupportedContent: includeSupportedContent)
    }

    /// The highest numbered published version (reference §3.5 item 2: Terraform takes the max of the
    /// integer versions as "latest"); the client holds the one rule.
    static func latestPublished(client: GenesysCloudClient, configurationId: String) async throws(GenesysError)
        -> ConfigurationVersion?
    {
        try await client.latestPublished(configurationId: configurationId)
    }

    static func publishedNumber(_ version: ConfigurationVersion) -> Int? {
        version.publishedVersionNumber
    }
}

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

    /// The live object of a kind by id, as JSON.
    func object(kind: ObjectKind, id: String?) -> JSONValue? {
        guard let id else { return nil }
        let fields: [String: JSONValue]?
        switch kind {
        case .configuration: fields = configurations.first { $0.fields["id"]?.stringValue == id }?.fields
        case .deployment: fields = deployments.first { $0.fields["id"]?.stringValue == id }?.fields
        case .schedule: fields = schedules.first { $0.fields["id"]?.stringValue == id }?.fields
        case .scheduleGroup: fields = scheduleGroups.first { $0.fields["id"]?.stringValue == id }?.fields
        }
        return fields.map(JSONValue.object)
    }

    /// Reads what the tenant manages; Architect objects only when the file has `availability`,
    /// so a tenant without it costs no Architect reads. Independent reads go out together
    /// (LiveState+Concurrent.swift).
    static func read(client: GenesysCloudClient, includeArchitect: Bool) async throws(GenesysError) -> LiveState {
        try await readConcurrently(client: client, includeArchitect: includeArchitect)
    }

    /// The highest numbered published version; the draft's version is not a number (reference §3.5
    /// item 2: Terraform takes the max of the integer versions as "latest").
    static func latestPublished(client: GenesysCloudClient, configurationId: String) async throws(GenesysError)
        -> ConfigurationVersion?
    {
        let versions = try await client.configurationVersions(id: configurationId)
        return versions.max { publishedNumber($0) ?? -1 < publishedNumber($1) ?? -1 }
            .flatMap { publishedNumber($0) == nil ? nil : $0 }
    }

    static func publishedNumber(_ version: ConfigurationVersion) -> Int? {
        ConfigurationVersion.number(version.fields["version"]?.stringValue)
    }
}

/// Fields the server owns; they are never compared, hashed as content, or sent back.
/// Reference §4.1/§4.2 mark them read-only; `status` moves by itself (`Pending → Active`, §3.5 item 4).
enum ServerFields {
    static let configuration: Set<String> = [
        "id", "version", "dateCreated", "dateModified", "datePublished", "lastModifiedUser", "createdUser",
        "publishedUser", "selfUri", "status",
    ]
    static let deployment: Set<String> = [
        "id", "snippet", "dateCreated", "dateModified", "lastModifiedUser", "selfUri", "status",
    ]
    /// Reference §4.4: `version` is writable (and sent back as the lock); these are read-only.
    static let architect: Set<String> = [
        "id", "dateCreated", "dateModified", "modifiedBy", "createdBy", "state", "modifiedByApp", "createdByApp",
        "selfUri",
    ]
}

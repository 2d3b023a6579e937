import GenesysCloud

/// The managed objects of one org as read at plan (or apply) time.
///
/// Each kind's objects are kept by kind, as the API's JSON; a kind's file gives them a typed view
/// (`live.deployments`) where its code reads them. Beside them, the facts a kind reads with its listing.
struct LiveState: Sendable {
    /// Each kind's live objects, by kind; a kind that was not read has none.
    var objects: [ObjectKind: [[String: JSONValue]]] = [:]
    /// Latest published version of each configuration, by configuration id (``ConfigurationKind``).
    var published: [String: ConfigurationVersion] = [:]
    /// The id of the org's default profile (`GET …/supportedcontent/default`), when read (``SupportedContentKind``).
    var defaultSupportedContentId: String? = nil

    /// One kind's live objects.
    subscript(kind: ObjectKind) -> [[String: JSONValue]] {
        get { objects[kind] ?? [] }
        set { objects[kind] = newValue }
    }

    /// One kind's live objects as its GenesysCloud model.
    subscript<Model: APIObject>(kind: ObjectKind, as model: Model.Type) -> [Model] {
        get { self[kind].map(Model.init(fields:)) }
        set { self[kind] = newValue.map(\.fields) }
    }

    /// What another read found (one kind's part) added to this state.
    mutating func add(_ part: LiveState) {
        objects.merge(part.objects) { _, read in read }
        published.merge(part.published) { _, read in read }
        defaultSupportedContentId = part.defaultSupportedContentId ?? defaultSupportedContentId
    }

    /// The live object of a kind by id, as JSON.
    func object(kind: ObjectKind, id: String?) -> JSONValue? {
        guard let id else { return nil }
        return kind.managed.live(in: self).first { $0["id"]?.stringValue == id }.map(JSONValue.object)
    }

    /// Reads what the tenant manages: each kind the file needs (``ManagedKind/isRead(for:)``: a tenant
    /// without `availability` costs no Architect reads), every kind without a tenant (export).
    /// Independent reads go out together (LiveState+Concurrent.swift).
    static func read(client: GenesysCloudClient, for tenant: Tenant? = nil) async throws(GenesysError) -> LiveState {
        let kinds = ObjectKind.allCases.sorted().filter { kind in tenant.map { kind.managed.isRead(for: $0) } ?? true }
        return try await readConcurrently(client: client, kinds: kinds)
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

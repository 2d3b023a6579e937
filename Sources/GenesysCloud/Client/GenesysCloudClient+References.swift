/// An object a deployment or configuration refers to by id (reference §8): a flow, a supported content
/// profile, a knowledge base, one of its categories or labels, an integration. Only what naming needs.
public struct ReferencedObject: Sendable, Hashable, Codable {
    public var id: String
    public var name: String
    /// A flow's `type`, an integration's `integrationType.id`; nil for the others.
    public var type: String?

    public init(id: String, name: String, type: String? = nil) {
        self.id = id
        self.name = name
        self.type = type
    }
}

extension GenesysCloudClient {
    static let flowsPath = "/api/v2/flows"
    static let supportedContentPath = "/api/v2/conversations/messaging/supportedcontent"
    static let knowledgeBasesPath = "/api/v2/knowledge/knowledgebases"
    static let integrationsPath = "/api/v2/integrations"

    /// Architect flows of one type (reference §8: `GET /api/v2/flows?type=…&name=…`, page numbers).
    /// `name` narrows the listing on the server; callers still compare names themselves.
    public func listFlows(type: String = "inboundshortmessage", name: String? = nil) async throws(GenesysError) -> [ReferencedObject] {
        var query = [("type", type)]
        if let name { query.append(("name", name)) }
        return try await referenced(numberedPages(Self.flowsPath, query: query), path: Self.flowsPath)
    }

    /// One flow (`GET /api/v2/flows/{flowId}`).
    public func flow(id: String) async throws(GenesysError) -> ReferencedObject {
        try await referencedObject(Self.flowsPath + "/" + Self.segment(id))
    }

    /// Every supported content profile (reference §8: page numbers; no name filter, so list and match).
    public func listSupportedContents() async throws(GenesysError) -> [ReferencedObject] {
        try await referenced(numberedPages(Self.supportedContentPath), path: Self.supportedContentPath)
    }

    /// The org's default supported content profile (`GET …/supportedcontent/default`).
    public func defaultSupportedContent() async throws(GenesysError) -> ReferencedObject {
        try await referencedObject(Self.supportedContentPath + "/default")
    }

    // MARK: Supported content profiles as managed objects (reference §8, [SPEC supported-content.yml])

    /// Every supported content profile, whole (page numbers).
    public func listSupportedContentProfiles() async throws(GenesysError) -> [SupportedContent] {
        try await numberedPages(Self.supportedContentPath).map(SupportedContent.init(fields:))
    }

    /// One profile (`GET …/supportedcontent/{supportedContentId}`).
    public func supportedContentProfile(id: String) async throws(GenesysError) -> SupportedContent {
        try await getObject(Self.supportedContentPath + "/" + Self.segment(id))
    }

    /// Creates a profile (`POST …/supportedcontent`). Never creates two: see `createOnce`.
    public func createSupportedContent(_ body: SupportedContent) async throws(GenesysError) -> SupportedContent {
        let writable = body.writableFields
        return try await createOnce(path: Self.supportedContentPath, body: writable, name: body.name) { () async throws(GenesysError) in
            try await self.listSupportedContentProfiles()
        }
    }

    /// Updates a profile (`PATCH …/supportedcontent/{supportedContentId}`, a partial update: the fields sent
    /// replace the stored ones). Sending the same body twice leaves the same profile, so it is retried as a PUT is.
    public func updateSupportedContent(id: String, with body: SupportedContent) async throws(GenesysError) -> SupportedContent {
        let writable = body.writableFields
        return try await sendObject(.PATCH, Self.supportedContentPath + "/" + Self.segment(id), body: writable)
    }

    /// Deletes a profile (204; 400 `supported.content.in.use` while something uses it).
    public func deleteSupportedContent(id: String) async throws(GenesysError) {
        try await send(.DELETE, Self.supportedContentPath + "/" + Self.segment(id))
    }

    /// Makes a profile the org's default (`PUT …/supportedcontent/default` with a `SupportedContentReference`).
    @discardableResult
    public func setDefaultSupportedContent(id: String) async throws(GenesysError) -> SupportedContent {
        try await sendObject(.PUT, Self.supportedContentPath + "/default", body: SupportedContent(fields: ["id": .string(id)]))
    }

    /// Knowledge bases (reference §8: cursor paging, optional `name` filter).
    public func listKnowledgeBases(name: String? = nil) async throws(GenesysError) -> [ReferencedObject] {
        try await referenced(cursorPages(Self.knowledgeBasesPath, query: name.map { [("name", $0)] } ?? []), path: Self.knowledgeBasesPath)
    }

    /// The categories of one knowledge base (cursor paging).
    public func listKnowledgeCategories(knowledgeBaseId: String) async throws(GenesysError) -> [ReferencedObject] {
        let path = Self.knowledgeBasesPath + "/" + Self.segment(knowledgeBaseId) + "/categories"
        return try await referenced(cursorPages(path), path: path)
    }

    /// The labels of one knowledge base (cursor paging).
    public func listKnowledgeLabels(knowledgeBaseId: String) async throws(GenesysError) -> [ReferencedObject] {
        let path = Self.knowledgeBasesPath + "/" + Self.segment(knowledgeBaseId) + "/labels"
        return try await referenced(cursorPages(path), path: path)
    }

    /// Integrations (reference §8: page numbers, optional `integrationType`; no name filter).
    public func listIntegrations(integrationType: String? = nil) async throws(GenesysError) -> [ReferencedObject] {
        let query = integrationType.map { [("integrationType", $0)] } ?? []
        return try await referenced(numberedPages(Self.integrationsPath, query: query), path: Self.integrationsPath)
    }

    /// One integration (`GET /api/v2/integrations/{integrationId}`).
    public func integration(id: String) async throws(GenesysError) -> ReferencedObject {
        try await referencedObject(Self.integrationsPath + "/" + Self.segment(id))
    }

    private func referencedObject(_ path: String) async throws(GenesysError) -> ReferencedObject {
        let fields = try await object(APIRequest(method: .GET, path: path))
        return try referenced([fields], path: path)[0]
    }

    /// Entities as id and name. One without a string id cannot be referred to: an error, never a guess.
    private func referenced(_ entities: [[String: JSONValue]], path: String) throws(GenesysError) -> [ReferencedObject] {
        var result: [ReferencedObject] = []
        result.reserveCapacity(entities.count)
        for entity in entities {
            guard let id = entity["id"]?.stringValue, !id.isEmpty else {
                throw listingError(path, "an object of the listing has no `id`")
            }
            let type = entity["type"]?.stringValue ?? entity["integrationType"]?["id"]?.stringValue
            result.append(ReferencedObject(id: id, name: entity["name"]?.stringValue ?? "", type: type))
        }
        return result
    }
}

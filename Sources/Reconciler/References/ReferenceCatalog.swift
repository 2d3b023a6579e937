import GenesysCloud
import Synchronization

/// The objects of one org that configurations and deployments refer to, each kind listed at most once per
/// run (reference §8 gives each look-up and its paging), however many tenants, objects and reports ask.
actor ReferenceCatalog {
    private let client: GenesysCloudClient
    private var listings: [String: Task<[ReferencedObject], any Error>] = [:]

    init(client: GenesysCloudClient) {
        self.client = client
    }

    /// Every object of `kind` (of knowledge base `scope` for categories and labels).
    func objects(_ kind: ReferenceKind, scope: String? = nil) async throws -> [ReferencedObject] {
        let key = kind.rawValue + "|" + (scope ?? "")
        if let running = listings[key] { return try await running.value }
        let client = self.client
        let task = Task<[ReferencedObject], any Error> {
            switch kind {
            // The field is "a reference to the inboundshortmessage flow" (reference §4.2): no other type.
            case .flow: return try await client.listFlows(type: "inboundshortmessage")
            case .supportedContent: return try await client.listSupportedContents()
            case .knowledgeBase: return try await client.listKnowledgeBases()
            case .knowledgeCategory: return try await client.listKnowledgeCategories(knowledgeBaseId: scope ?? "")
            case .knowledgeLabel: return try await client.listKnowledgeLabels(knowledgeBaseId: scope ?? "")
            // Authentication and push integrations alike: integration type ids are not documented for
            // either (reference §8), so every integration is a candidate and a shared name is ambiguous.
            case .integration: return try await client.listIntegrations()
            }
        }
        listings[key] = task
        return try await task.value
    }

    /// The name of the object with `id`, when the listing has it.
    func name(_ kind: ReferenceKind, id: String, scope: String? = nil) async -> String? {
        (try? await objects(kind, scope: scope))?.first { $0.id == id }?.name
    }
}

/// One catalog per org and region for the whole run (plan, drift, export share it).
final class ReferenceCatalogs: Sendable {
    private let catalogs = Mutex<[String: ReferenceCatalog]>([:])

    init() {}

    func catalog(region: String, organizationId: String, client: GenesysCloudClient) -> ReferenceCatalog {
        catalogs.withLock { all in
            let key = region + "|" + organizationId.lowercased()
            if let existing = all[key] { return existing }
            let created = ReferenceCatalog(client: client)
            all[key] = created
            return created
        }
    }
}

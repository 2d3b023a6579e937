import GenesysCloud

/// What a referring field points at (reference §8). Ids of these objects differ in every org, so a tenant
/// file may name them instead: `{ name: … }` wherever the API holds `{ id: … }`.
public enum ReferenceKind: String, Sendable, Codable, Hashable, CaseIterable {
    case flow, supportedContent, knowledgeBase, knowledgeCategory, knowledgeLabel, integration

    /// How a message names one.
    public var phrase: String {
        switch self {
        case .flow: "inbound message flow"
        case .supportedContent: "supported content profile"
        case .knowledgeBase: "knowledge base"
        case .knowledgeCategory: "knowledge category"
        case .knowledgeLabel: "knowledge label"
        case .integration: "integration"
        }
    }

    /// Categories and labels belong to a knowledge base: their names are looked up within it.
    var scoped: Bool { self == .knowledgeCategory || self == .knowledgeLabel }
}

/// One place in a configuration or deployment that refers to another object by id (reference §8).
///
/// The by-name form is the same everywhere: where the API holds a reference object `{ id, … }`, the
/// file may write `{ name: …, … }` (the other members, such as a push integration's `provider` or a
/// category's `image`, stay); where the API holds a bare id (`authenticationSettings.integrationId`), the
/// file may write the key without `Id` as `{ name: … }` (`authenticationSettings.integration`).
struct ReferenceSite: Sendable {
    let object: ObjectKind
    /// Keys from the object's root to the reference object, or to the list of them.
    let path: [String]
    let isList: Bool
    let kind: ReferenceKind
    /// For a bare-id field: the API key the resolved id is written to (`integrationId`); `path` then ends
    /// with the by-name key (`integration`).
    let idKey: String?

    init(_ object: ObjectKind, _ path: [String], list: Bool = false, _ kind: ReferenceKind, idKey: String? = nil) {
        self.object = object
        self.path = path
        self.isList = list
        self.kind = kind
        self.idKey = idKey
    }

    /// Where the knowledge base of a scoped site is named: the support center's.
    static let knowledgeBaseOfSupportCenter = ["supportCenter", "knowledgeBase"]

    static let all: [ReferenceSite] = [
        ReferenceSite(.deployment, ["flow"], .flow),
        ReferenceSite(.deployment, ["supportedContent"], .supportedContent),
        ReferenceSite(.deployment, ["pushIntegrations"], list: true, .integration),
        ReferenceSite(.configuration, ["messenger", "apps", "knowledge", "knowledgeBase"], .knowledgeBase),
        ReferenceSite(.configuration, knowledgeBaseOfSupportCenter, .knowledgeBase),
        ReferenceSite(.configuration, ["supportCenter", "enabledCategories"], list: true, .knowledgeCategory),
        ReferenceSite(.configuration, ["supportCenter", "labelFilter", "labels"], list: true, .knowledgeLabel),
        ReferenceSite(.configuration, ["authenticationSettings", "integration"], .integration, idKey: "integrationId"),
    ]

    static func sites(of object: ObjectKind) -> [ReferenceSite] { all.filter { $0.object == object } }

    /// The site a tenant path (`deployments[web].flow`, `configurations[c].supportCenter.enabledCategories[0]`)
    /// is, with the path of API fields it stands for; nil when it is none.
    static func site(at path: FieldPath) -> ReferenceSite? {
        let keys = path.components
        guard keys.count > 2 else { return nil }
        let object: ObjectKind
        switch keys[0] {
        case "deployments": object = .deployment
        case "configurations": object = .configuration
        default: return nil
        }
        let fields = keys.dropFirst(2)
        return all.first { site in
            guard site.object == object, site.idKey == nil else { return false }
            // A list's sites are its elements, whose keys are their indexes.
            return site.isList ? fields.dropLast().elementsEqual(site.path) && Int(fields.last!) != nil : fields.elementsEqual(site.path)
        }
    }

    /// The path of the field that holds the id once resolved (`authenticationSettings.integrationId`).
    var idPath: [String] { idKey.map { Array(path.dropLast()) + [$0] } ?? path }

    /// A by-name reference: an object with a string `name` and no `id`.
    static func byName(_ value: JSONValue?) -> String? {
        guard let object = value?.objectValue, object["id"] == nil, let name = object["name"]?.stringValue else { return nil }
        return name
    }
}

/// A name the plan resolved to an id in the tenant's org; saved with the plan, so applying it checks the
/// files' names against the ids that were reviewed.
public struct ResolvedReference: Sendable, Codable, Hashable {
    public var kind: ReferenceKind
    public var name: String
    public var id: String
    /// For categories and labels: the knowledge base they belong to.
    public var scope: String?

    public init(kind: ReferenceKind, name: String, id: String, scope: String? = nil) {
        self.kind = kind
        self.name = name
        self.id = id
        self.scope = scope
    }
}

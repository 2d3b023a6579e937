/// `AuditQueryFilter` (reference §4.3): `property` is one of `UserId`, `TrusteeOrganizationId`, `ClientId`,
/// `Action`, `EntityType`, `EntityId`.
public struct AuditQueryFilter: Sendable, Hashable, Codable {
    public var property: String
    public var value: String

    public init(property: String, value: String) {
        self.property = property
        self.value = value
    }

    public static func entityId(_ id: String) -> AuditQueryFilter { .init(property: "EntityId", value: id) }
    public static func entityType(_ type: String) -> AuditQueryFilter { .init(property: "EntityType", value: type) }
    public static func action(_ action: String) -> AuditQueryFilter { .init(property: "Action", value: action) }
    public static func clientId(_ id: String) -> AuditQueryFilter { .init(property: "ClientId", value: id) }
    public static func userId(_ id: String) -> AuditQueryFilter { .init(property: "UserId", value: id) }
}

/// `AuditQuerySort` (reference §4.3): `name` is `Timestamp`, `sortOrder` `ascending` or `descending`.
public struct AuditQuerySort: Sendable, Hashable, Codable {
    public var name: String
    public var sortOrder: String

    public init(name: String = "Timestamp", sortOrder: String) {
        self.name = name
        self.sortOrder = sortOrder
    }

    public static let newestFirst = AuditQuerySort(sortOrder: "descending")
    public static let oldestFirst = AuditQuerySort(sortOrder: "ascending")
}

/// The body of every documented error response (`ErrorBody`, reference §5.1).
public struct ErrorBody: Sendable, Hashable, Codable {
    public var message: String?
    public var code: String?
    public var status: Int?
    public var entityId: String?
    public var entityName: String?
    public var messageWithParams: String?
    public var messageParams: [String: String]?
    /// Quote this to Genesys support.
    public var contextId: String?
    public var details: [Detail]?
    public var errors: [ErrorBody]?
    public var limit: Limit?

    public init(
        message: String? = nil, code: String? = nil, status: Int? = nil, entityId: String? = nil,
        entityName: String? = nil, messageWithParams: String? = nil, messageParams: [String: String]? = nil,
        contextId: String? = nil, details: [Detail]? = nil, errors: [ErrorBody]? = nil, limit: Limit? = nil
    ) {
        self.message = message
        self.code = code
        self.status = status
        self.entityId = entityId
        self.entityName = entityName
        self.messageWithParams = messageWithParams
        self.messageParams = messageParams
        self.contextId = contextId
        self.details = details
        self.errors = errors
        self.limit = limit
    }

    /// `Detail` (reference §4.5): e.g. a field that is "not yet implemented" (reference §3.5.7).
    public struct Detail: Sendable, Hashable, Codable {
        public var errorCode: String?
        public var fieldName: String?
        public var entityId: String?
        public var entityName: String?

        public init(errorCode: String? = nil, fieldName: String? = nil, entityId: String? = nil, entityName: String? = nil) {
            self.errorCode = errorCode
            self.fieldName = fieldName
            self.entityId = entityId
            self.entityName = entityName
        }
    }

    /// `Limit` (reference §4.5): which rate or size limit was hit.
    public struct Limit: Sendable, Hashable, Codable {
        public var key: String?
        public var namespace: String?
        public var value: Int?

        public init(key: String? = nil, namespace: String? = nil, value: Int? = nil) {
            self.key = key
            self.namespace = namespace
            self.value = value
        }
    }
}

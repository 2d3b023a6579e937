/// The body of `POST /api/v2/audits/query` (`AuditQueryRequest`, reference §3.2, §4.3): an asynchronous query.
public struct AuditQuery: Sendable, Hashable, Codable {
    /// `YYYY-MM-DDThh:mm:ssZ/YYYY-MM-DDThh:mm:ssZ` (required).
    public var interval: String
    /// e.g. `WebDeployments`; valid values come from the service mapping (reference §3.2).
    public var serviceName: String?
    public var filters: [AuditQueryFilter]?
    public var sort: [AuditQuerySort]?

    public init(interval: String, serviceName: String? = nil, filters: [AuditQueryFilter]? = nil, sort: [AuditQuerySort]? = nil) {
        self.interval = interval
        self.serviceName = serviceName
        self.filters = filters
        self.sort = sort
    }
}

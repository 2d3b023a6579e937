/// The body of `POST /api/v2/audits/query/realtime` (`AuditRealtimeQueryRequest`, reference §3.2, §4.3).
/// The client sets `pageNumber` itself while reading all pages.
public struct AuditRealtimeQuery: Sendable, Hashable, Codable {
    public var interval: String
    public var serviceName: String?
    public var filters: [AuditQueryFilter]?
    public var sort: [AuditQuerySort]?
    public var pageNumber: Int?
    public var pageSize: Int?

    public init(
        interval: String, serviceName: String? = nil, filters: [AuditQueryFilter]? = nil, sort: [AuditQuerySort]? = nil,
        pageSize: Int? = nil
    ) {
        self.interval = interval
        self.serviceName = serviceName
        self.filters = filters
        self.sort = sort
        self.pageSize = pageSize
    }
}

extension GenesysCloudClient {
    static let auditsPath = "/api/v2/audits/query"
    /// Without `expand=user` production answers `user` with an id only (reference §3.2), and "changed by"
    /// would print UUIDs.
    static let expandUser = [("expand", "user")]

    /// Audit records from the synchronous realtime query (reference §3.2; at most 14 days for some services),
    /// all pages: `pageNumber` goes in the body.
    public func realtimeAudits(_ request: AuditRealtimeQuery) async throws(GenesysError) -> [AuditLogMessage] {
        var body = request
        if body.pageSize == nil { body.pageSize = options.listPageSize }
        var messages: [AuditLogMessage] = []
        var pageNumber = 1
        let path = Self.auditsPath + "/realtime"
        var tally = ListingTally(path: path)
        while pageNumber <= Self.maxPages {
            body.pageNumber = pageNumber
            guard let bytes = StableJSON.encode(body) else {
                throw GenesysError(kind: .invalidResponse, message: "the request body could not be encoded", method: "POST", path: path)
            }
            // A query changes nothing, so it is retried like a GET. Its pages count against the same
            // caps as any listing.
            let (page, entities) = try await listingPage(APIRequest(method: .POST, path: path, query: Self.expandUser, body: Array(bytes)), tally: &tally)
            messages += entities.map(AuditLogMessage.init(fields:))
            if entities.isEmpty { return messages }
            if let count = page["pageCount"], !count.isNull {
                guard let pageCount = count.intValue else {
                    throw listingError(path, "the listing's pageCount is \(Self.describe(count)), not a whole number")
                }
                if pageNumber >= pageCount { return messages }
            } else if let pageSize = page["pageSize"]?.intValue, entities.count < pageSize {
                return messages
            }
            pageNumber += 1
        }
        throw pagingRunaway(Self.auditsPath + "/realtime")
    }

    /// Audit records from the asynchronous query (reference §3.2): POST the query, poll its state until
    /// `Succeeded`, then read every result page by `cursor`.
    /// - Throws: `.timeout` when the query has not finished within `timeout`; `.http` when it `Failed` or
    ///   was `Cancelled`.
    public func audits(
        _ request: AuditQuery, pollInterval: Duration = .milliseconds(500), timeout: Duration = .seconds(120)
    ) async throws(GenesysError) -> [AuditLogMessage] {
        let deadline = options.clock.now + timeout
        // Sending the query twice starts a second read-only query; harmless, so it is retried like a GET.
        var status: AuditPage = try await sendObject(.POST, Self.auditsPath, body: request)
        guard let transactionId = status.fields["id"]?.stringValue else {
            throw GenesysError(
                kind: .invalidResponse, message: "the audit query answer has no transaction id", method: "POST",
                path: Self.auditsPath, region: region.id)
        }
        let statusPath = Self.auditsPath + "/" + Self.segment(transactionId)
        while true {
            switch status.fields["state"]?.stringValue {
            case "Succeeded":
                return try await auditResults(statusPath + "/results")
            case "Failed", "Cancelled":
                let state = status.fields["state"]?.stringValue ?? ""
                throw GenesysError(
                    kind: .invalidResponse, message: "the audit query ended in state \(state)", method: "GET",
                    path: statusPath, region: region.id, hint: "Check the interval and serviceName against the service mapping")
            default:
                break
            }
            if options.clock.now + pollInterval > deadline {
                throw GenesysError(
                    kind: .timeout, message: "the audit query did not finish within \(Int(timeout.seconds)) s",
                    method: "GET", path: statusPath, region: region.id, hint: "Query a shorter interval or raise the timeout")
            }
            try await sleep(pollInterval, method: "GET", path: statusPath)
            status = try await getObject(statusPath)
        }
    }

    /// All result pages of a finished audit query, following `cursor` until it is empty or repeats.
    /// A 302 means the page is too large to return inline (reference §3.2); smaller pages are asked for
    /// instead of following the download link.
    func auditResults(_ path: String) async throws(GenesysError) -> [AuditLogMessage] {
        // 500 is the documented maximum (reference §3.2).
        var pageSizes = options.listPageSize.map { [min($0, 500)] } ?? [500, 100, 25]
        var messages: [AuditLogMessage] = []
        var cursor: String?
        var seen: Set<String> = []
        var tally = ListingTally(path: path)
        for _ in 0..<Self.maxPages {
            var query: [(String, String)] = [("pageSize", String(pageSizes[0]))] + Self.expandUser
            if let cursor { query.append(("cursor", cursor)) }
            let page: [String: JSONValue]
            let entities: [[String: JSONValue]]
            do {
                (page, entities) = try await listingPage(APIRequest(method: .GET, path: path, query: query), tally: &tally)
            } catch where error.status == 302 && pageSizes.count > 1 {
                pageSizes.removeFirst()
                continue
            }
            messages += entities.map(AuditLogMessage.init(fields:))
            guard let next = page["cursor"]?.stringValue, !next.isEmpty, seen.insert(next).inserted else {
                return messages
            }
            cursor = next
        }
        throw pagingRunaway(path)
    }

    /// `GET /api/v2/audits/query/servicemapping` (or `/realtime/servicemapping`): the valid service names,
    /// entity types and actions (reference §3.2).
    public func auditServiceMapping(realtime: Bool) async throws(GenesysError) -> JSONValue {
        let path = Self.auditsPath + (realtime ? "/realtime" : "") + "/servicemapping"
        let mapping: AuditPage = try await getObject(path)
        return .object(mapping.fields)
    }
}

/// An audit listing, status or results object, read generically.
struct AuditPage: APIObject {
    var fields: [String: JSONValue]
    init(fields: [String: JSONValue]) { self.fields = fields }

    var entities: [AuditLogMessage] {
        (fields["entities"]?.arrayValue ?? []).compactMap(\.objectValue).map(AuditLogMessage.init(fields:))
    }
}

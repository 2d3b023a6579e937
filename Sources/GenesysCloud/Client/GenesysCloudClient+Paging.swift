import Foundation

extension GenesysCloudClient {
    /// The most pages any listing is followed for; a server that never stops paging is an error, not a hang.
    static let maxPages = 10_000

    /// All entities of a cursor-paged web-deployments listing (reference §3.5.8): follow the `after` cursor
    /// of `nextUri` until `nextUri` is empty or the cursor repeats (Terraform's rule).
    func cursorPages(_ path: String, query: [(String, String)] = []) async throws(GenesysError) -> [[String: JSONValue]] {
        var entities: [[String: JSONValue]] = []
        var seen: Set<String> = []
        var after: String?
        for _ in 0..<Self.maxPages {
            var pageQuery = query
            if let size = options.listPageSize { pageQuery.append(("pageSize", String(size))) }
            if let after { pageQuery.append(("after", after)) }
            let page = try await object(APIRequest(method: .GET, path: path, query: pageQuery))
            entities += (page["entities"]?.arrayValue ?? []).compactMap(\.objectValue)
            guard let next = page["nextUri"]?.stringValue, !next.isEmpty,
                let cursor = Self.queryValue("after", in: next), !cursor.isEmpty, seen.insert(cursor).inserted
            else { return entities }
            after = cursor
        }
        throw pagingRunaway(path)
    }

    /// All entities of a `pageNumber`-paged Architect listing (reference §3.3, `ScheduleEntityListing`).
    func numberedPages(_ path: String, query: [(String, String)] = []) async throws(GenesysError) -> [[String: JSONValue]] {
        var entities: [[String: JSONValue]] = []
        var pageNumber = 1
        while pageNumber <= Self.maxPages {
            var pageQuery = query + [("pageNumber", String(pageNumber))]
            if let size = options.listPageSize { pageQuery.append(("pageSize", String(size))) }
            let page = try await object(APIRequest(method: .GET, path: path, query: pageQuery))
            let pageEntities = (page["entities"]?.arrayValue ?? []).compactMap(\.objectValue)
            entities += pageEntities
            if pageEntities.isEmpty { return entities }
            if let pageCount = page["pageCount"]?.intValue {
                if pageNumber >= pageCount { return entities }
            } else if let pageSize = page["pageSize"]?.intValue, pageEntities.count < pageSize {
                return entities
            }
            pageNumber += 1
        }
        throw pagingRunaway(path)
    }

    /// The value of query parameter `name` in a `nextUri` (absolute or path-only).
    static func queryValue(_ name: String, in uri: String) -> String? {
        URLComponents(string: uri)?.queryItems?.first { $0.name == name }?.value
    }

    func pagingRunaway(_ path: String) -> GenesysError {
        GenesysError(
            kind: .invalidResponse, message: "the listing did not end after \(Self.maxPages) pages", method: "GET",
            path: path, region: region.id)
    }
}

import Foundation

extension GenesysCloudClient {
    /// The most pages any listing is followed for; a server that never stops paging is an error, not a hang.
    static let maxPages = 10_000

    /// What one listing has gathered so far, checked against the caps of `ClientOptions` after every page:
    /// a server that pages forever, or sends huge pages, ends the listing with an error in bounded time
    /// and memory (a real org's listing is a few pages of kilobytes).
    struct ListingTally {
        let path: String
        let started = ContinuousClock.now
        var items = 0
        var bytes = 0
    }

    /// One page of a listing: its JSON object and the entities in it, which must be an array of objects.
    /// `entities: null`, a string, or a missing key is an error, never an empty org (planning would create
    /// everything again).
    func listingPage(_ request: APIRequest, tally: inout ListingTally) async throws(GenesysError) -> (page: [String: JSONValue], entities: [[String: JSONValue]]) {
        let response = try await perform(request)
        tally.bytes += response.body.count
        if tally.bytes > options.maxListingBytes {
            throw listingError(tally.path, "the listing is larger than \(options.maxListingBytes / 1024 / 1024) MiB", hint: "Raise --max-listing-mib if this org really lists that much")
        }
        guard case .object(let page)? = try? JSONValue.parse(Data(response.body)) else {
            throw listingError(tally.path, "a page of the listing is not a JSON object")
        }
        guard let array = page["entities"]?.arrayValue else {
            let found = page["entities"].map { Self.kindName($0) } ?? "nothing"
            throw listingError(tally.path, "a page of the listing has no `entities` array (found \(found)); refusing to read it as an empty org")
        }
        var entities: [[String: JSONValue]] = []
        entities.reserveCapacity(array.count)
        for element in array {
            guard let object = element.objectValue else {
                throw listingError(tally.path, "the listing's `entities` holds \(Self.kindName(element)) where an object belongs")
            }
            entities.append(object)
        }
        tally.items += entities.count
        if tally.items > options.maxListingItems {
            throw listingError(tally.path, "the listing has more than \(options.maxListingItems) items", hint: "Raise --max-listing-items if this org really has that many")
        }
        if ContinuousClock.now - tally.started > options.maxListingDuration {
            throw listingError(tally.path, "the listing did not end within \(Int(options.maxListingDuration.seconds)) s")
        }
        return (page, entities)
    }

    /// All entities of a cursor-paged web-deployments listing (reference §3.5.8): follow the `after` cursor
    /// of `nextUri` until `nextUri` is empty. A cursor that comes back a second time means the server is
    /// going round in circles: an error, since what was read so far may not be the whole org.
    func cursorPages(_ path: String, query: [(String, String)] = []) async throws(GenesysError) -> [[String: JSONValue]] {
        var entities: [[String: JSONValue]] = []
        var seen: Set<String> = []
        var after: String?
        var tally = ListingTally(path: path)
        for _ in 0..<Self.maxPages {
            var pageQuery = query
            if let size = options.listPageSize { pageQuery.append(("pageSize", String(size))) }
            if let after { pageQuery.append(("after", after)) }
            let (page, pageEntities) = try await listingPage(APIRequest(method: .GET, path: path, query: pageQuery), tally: &tally)
            entities += pageEntities
            guard let next = page["nextUri"]?.stringValue, !next.isEmpty,
                let cursor = Self.queryValue("after", in: next), !cursor.isEmpty
            else { return entities }
            guard seen.insert(cursor).inserted else {
                throw listingError(path, "the server sent the same `after` cursor twice; the listing may be incomplete")
            }
            after = cursor
        }
        throw pagingRunaway(path)
    }

    /// All entities of a `pageNumber`-paged Architect listing (reference §3.3, `ScheduleEntityListing`).
    /// A page that says it is another page than the one asked for, or a `pageCount` that is not a whole
    /// number, is an error.
    func numberedPages(_ path: String, query: [(String, String)] = []) async throws(GenesysError) -> [[String: JSONValue]] {
        var entities: [[String: JSONValue]] = []
        var pageNumber = 1
        var tally = ListingTally(path: path)
        while pageNumber <= Self.maxPages {
            var pageQuery = query + [("pageNumber", String(pageNumber))]
            if let size = options.listPageSize { pageQuery.append(("pageSize", String(size))) }
            let (page, pageEntities) = try await listingPage(APIRequest(method: .GET, path: path, query: pageQuery), tally: &tally)
            if let echoed = page["pageNumber"], !echoed.isNull, echoed.intValue != pageNumber {
                throw listingError(path, "asked for page \(pageNumber), the server answered with page \(Self.describe(echoed)); the listing may be incomplete")
            }
            entities += pageEntities
            if pageEntities.isEmpty { return entities }
            if let count = page["pageCount"], !count.isNull {
                guard let pageCount = count.intValue else {
                    throw listingError(path, "the listing's pageCount is \(Self.describe(count)), not a whole number")
                }
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
        listingError(path, "the listing did not end after \(Self.maxPages) pages")
    }

    func listingError(_ path: String, _ message: String, hint: String? = nil) -> GenesysError {
        GenesysError(kind: .invalidResponse, message: message, method: "GET", path: path, region: region.id, hint: hint)
    }

    static func kindName(_ value: JSONValue) -> String {
        switch value {
        case .null: "null"
        case .bool: "a boolean"
        case .number: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }

    /// A short rendering of a server value for a message (never more than 40 characters of it).
    static func describe(_ value: JSONValue) -> String {
        switch value {
        case .string(let text): "\"\(text.prefix(40))\""
        case .number(let n): n.rounded() == n && abs(n) < 1e15 ? String(Int(n)) : String(n)
        default: kindName(value)
        }
    }
}

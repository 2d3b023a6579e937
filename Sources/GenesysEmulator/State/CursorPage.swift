/// Cursor paging of web-deployment listings (reference §3.1 #1, §3.5 item 8): `pageSize`, `before`, `after`;
/// answers carry `nextUri`/`previousUri` with `after=`/`before=` cursors and `total`, no page numbers.
struct CursorPage: Sendable {
    var entities: [EmulatorJSON]
    var nextUri: String?
    var previousUri: String?
    var total: Int

    /// Pages `items` (in listing order, identified by `cursorOf`) as the query asks.
    /// - Returns: the page, or a 400 answer for an invalid `pageSize` or unknown cursor.
    static func make(
        _ items: [EmulatorJSON], cursorOf: (EmulatorJSON) -> String, query: [String: String], basePath: String,
        extraQuery: String = "", defaultPageSize: Int = 300  // reference §3.1 #1: "Defaults to 300."
    ) -> Result<CursorPage, APIResponseError> {
        var pageSize = defaultPageSize
        if let text = query["pageSize"] {
            guard let value = Int(text), value > 0 else {
                return .failure(APIResponseError(response: .badRequest(
                    "Value [\(text)] is not valid for parameter [pageSize]. Allowable values are: positive integers",
                    code: "invalid.query.param.value", details: [SchemaViolation(fieldName: "pageSize", errorCode: "invalid.query.param.value")])))
            }
            pageSize = value
        }
        let cursors = items.map(cursorOf)
        var start = 0
        // Hostile page sizes never overflow: no page is longer than the listing.
        let span = min(pageSize, items.count)
        var end = span
        if let after = query["after"] {
            guard let index = cursors.firstIndex(of: after) else { return .failure(unknownCursor("after", after)) }
            start = index + 1
            end = min(items.count, start + span)
        } else if let before = query["before"] {
            guard let index = cursors.firstIndex(of: before) else { return .failure(unknownCursor("before", before)) }
            end = index
            start = max(0, end - span)
        }
        let page = Array(items[start..<end])
        let prefix = "\(basePath)?pageSize=\(pageSize)\(extraQuery)"
        return .success(CursorPage(
            entities: page,
            nextUri: end < items.count && !page.isEmpty ? "\(prefix)&after=\(cursors[end - 1])" : nil,
            previousUri: start > 0 && !page.isEmpty ? "\(prefix)&before=\(cursors[start])" : nil,
            total: items.count))
    }

    private static func unknownCursor(_ name: String, _ value: String) -> APIResponseError {
        APIResponseError(response: .badRequest(
            "Value [\(value)] is not valid for parameter [\(name)].", code: "invalid.query.param.value",
            details: [SchemaViolation(fieldName: name, errorCode: "invalid.query.param.value")]))
    }

    /// The listing body (`…EntityListing`: entities, nextUri, selfUri, previousUri, total).
    func body(selfUri: String) -> EmulatorJSON {
        var body: EmulatorJSON = ["entities": .array(entities), "selfUri": .string(selfUri), "total": .number(Double(total))]
        if let nextUri { body["nextUri"] = .string(nextUri) }
        if let previousUri { body["previousUri"] = .string(previousUri) }
        return body
    }
}

/// Page-number paging (Architect listings, realtime audit queries) without arithmetic overflow for any
/// `pageNumber` and `pageSize` a client sends.
enum PageWindow {
    /// The range of `count` items that page `pageNumber` (1-based) of `pageSize` covers; empty past the end.
    static func range(pageNumber: Int, pageSize: Int, count: Int) -> Range<Int> {
        let (offset, overflow) = (pageNumber - 1).multipliedReportingOverflow(by: pageSize)
        let start = overflow || offset > count ? count : offset
        return start..<(start + min(pageSize, count - start))
    }

    /// `pageCount`: at least 1, as the listings report it.
    static func pageCount(pageSize: Int, count: Int) -> Int {
        count == 0 ? 1 : (count - 1) / pageSize + 1
    }
}

/// The permissions an operation needs, from the generated table (reference §2.5).
enum PermissionTable {
    struct Operation: Sendable {
        let method: String
        /// An OpenAPI path template such as `/api/v2/architect/schedules/{scheduleId}`.
        let path: String
        let permissions: [String]

        /// How many literal segments the template has: `versions/draft` beats `versions/{versionId}`.
        var literalCount: Int { path.split(separator: "/").filter { !$0.hasPrefix("{") }.count }

        func matches(method: String, segments: [Substring]) -> Bool {
            guard method == self.method else { return false }
            let template = path.split(separator: "/")
            guard template.count == segments.count else { return false }
            return zip(template, segments).allSatisfy { $0.hasPrefix("{") || $0 == $1 }
        }
    }

    /// Templates with more literal segments first, so the most specific operation is found.
    static let ordered: [Operation] = generated.sorted { $0.literalCount > $1.literalCount }

    /// The permissions `method path` requires; `[]` for operations that require none or are not listed.
    static func required(method: String, path: String) -> [String] {
        let segments = path.split(separator: "/")
        return ordered.first { $0.matches(method: method, segments: segments) }?.permissions ?? []
    }
}

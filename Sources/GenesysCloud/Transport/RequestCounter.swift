import Logging

/// Counts the HTTP requests a client sends (token requests included) and numbers them for the log.
actor RequestCounter {
    private let prefix: String
    private(set) var count = 0

    init(prefix: String) { self.prefix = prefix }

    /// The id of the next request, e.g. `eu-west-1/acme-ci#17`.
    func next() -> String {
        count += 1
        return "\(prefix)#\(count)"
    }
}

/// What is logged about a request: id, method, path, status, duration. Never headers, bodies or tokens.
enum RequestLog {
    static func metadata(id: String, method: String, path: String, status: Int?, elapsed: Duration) -> [String: Logger.MetadataValue] {
        var metadata: [String: Logger.MetadataValue] = [
            "request-id": .string(id), "method": .string(method), "path": .string(path),
            "duration-ms": .string(String(Int((elapsed.seconds * 1000).rounded()))),
        ]
        if let status { metadata["status"] = .string(String(status)) }
        return metadata
    }
}

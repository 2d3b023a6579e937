import GenesysEmulator

/// Requests of a stretch of the emulator's request log, per tenant (by OAuth client id `<tenant>-ci`).
struct RequestTally {
    var perTenant: [String: [LoggedRequest]] = [:]
    /// Requests dropped or failed before the emulator knew the caller.
    var unattributed = 0
    var total = 0

    /// - Parameter clientSuffix: the client whose requests count (`-ci` for messengerctl and its Python peer).
    init(_ log: ArraySlice<LoggedRequest>, clientSuffix: String = "-ci") {
        for entry in log {
            total += 1
            guard let client = entry.clientID, client.hasSuffix(clientSuffix) else {
                if entry.clientID == nil { unattributed += 1 }
                continue
            }
            perTenant[String(client.dropLast(clientSuffix.count)), default: []].append(entry)
        }
    }

    /// Token requests (`POST …/oauth/token`) are counted apart from API reads.
    static func isToken(_ entry: LoggedRequest) -> Bool { entry.path.hasSuffix("/oauth/token") }
    /// A write to the org: POST/PUT/DELETE other than a token request.
    static func isWrite(_ entry: LoggedRequest) -> Bool { entry.method != "GET" && !isToken(entry) }

    var tenants: Int { perTenant.count }
    func count(_ include: (LoggedRequest) -> Bool) -> Int { perTenant.values.reduce(0) { $0 + $1.filter(include).count } }
    var maxPerTenant: Int { perTenant.values.map(\.count).max() ?? 0 }
    var readsPerTenant: Double { tenants == 0 ? 0 : Double(count { $0.method == "GET" }) / Double(tenants) }
    var requestsPerTenant: Double { tenants == 0 ? 0 : Double(count { _ in true }) / Double(tenants) }

    /// The most requests of one tenant that went out one after the other (each arrived after the previous
    /// one was answered): its round trips. Requests sent together count once.
    func roundTrips(of tenant: String) -> Int {
        let requests = (perTenant[tenant] ?? []).sorted { $0.arrived < $1.arrived }
        var longest = [Int](repeating: 1, count: requests.count)
        for i in requests.indices {
            for j in 0..<i where requests[j].answered < requests[i].arrived {
                longest[i] = max(longest[i], longest[j] + 1)
            }
        }
        return longest.max() ?? 0
    }

    /// The most round trips any tenant made in sequence.
    var maxRoundTrips: Int { perTenant.keys.map(roundTrips(of:)).max() ?? 0 }

    /// The distinct request shapes one tenant made, ids replaced by `{id}` (`GET /api/v2/…/configurations/{id}/versions`).
    func shapes(of tenant: String) -> [String] {
        (perTenant[tenant] ?? []).map { entry in
            let parts = entry.path.split(separator: "/").dropFirst().map { part -> String in
                part.count >= 32 && part.contains("-") ? "{id}" : String(part)
            }
            return "\(entry.method) /\(parts.joined(separator: "/"))"
        }
    }
}

import Foundation

extension EmulatorState {
    /// `POST /{region}/oauth/token`, client credentials (reference §2.1).
    ///
    /// A failed client authentication answers 401 with the OAuth error shape `{"error", "error_description"}`
    /// (RFC 6749 §5.2): the token endpoint is the login host, not the Platform API, and the SDKs' token
    /// response contract has an `error` field (reference §2.1, .NET `AuthTokenInfo`). The exact real body is
    /// UNVERIFIED (reference §7.3).
    func issueToken(_ request: APIRequest) -> APIResponse {
        let form = FormDecoding.decode(String(decoding: request.body, as: UTF8.self))
        guard form["grant_type"] == "client_credentials" else {
            return APIResponse(status: 400, body: [
                "error": "unsupported_grant_type",
                "error_description": "Only grant_type=client_credentials is supported by this emulator.",
            ])
        }
        guard let (clientID, secret) = BasicAuth.decode(request.authorization),
            let org = seed.orgs.first(where: { org in
                org.region == request.region && org.clients.contains { $0.id == clientID }
            }),
            let client = org.clients.first(where: { $0.id == clientID }),
            client.secret == secret
        else {
            return APIResponse(status: 401, body: [
                "error": "invalid_client",
                "error_description": "Client authentication failed: unknown client or wrong secret for this region.",
            ])
        }
        let lifetime = client.tokenLifetimeSeconds ?? 86400  // reference §2.2: default 24 h
        if tokens.count > 50_000 {
            let now = clock.now
            tokens = tokens.filter { $0.value.expiresAt > now }
        }
        let token = (UUID().uuidString + UUID().uuidString).replacingOccurrences(of: "-", with: "").lowercased()
        tokens[token] = IssuedToken(
            orgID: org.id, region: org.region, clientID: client.id, clientName: client.name,
            expiresAt: clock.now.addingTimeInterval(TimeInterval(lifetime)))
        return APIResponse(
            status: 200,
            body: [
                "access_token": .string(token),
                "token_type": "bearer",
                "expires_in": .number(Double(lifetime)),
            ], clientID: client.id)
    }

    /// Checks the bearer token: present, known, unexpired, and issued in this region (reference §2.2, §5.1).
    ///
    /// No header → `authentication.required`; unknown, expired or other-region token → `bad.credentials`.
    /// Which code the real API uses for an expired token is UNVERIFIED (reference §2.2, §7.3); `bad.credentials`
    /// is the documented code for credentials that are present but not accepted.
    func authenticate(_ request: APIRequest) -> Result<IssuedToken, APIResponseError> {
        guard let header = request.authorization, header.lowercased().hasPrefix("bearer ") else {
            return .failure(APIResponseError(response: .error(
                401, code: "authentication.required",
                message: "No authentication bearer token specified in authorization header.")))
        }
        let value = String(header.dropFirst("bearer ".count)).trimmingCharacters(in: .whitespaces)
        guard let token = tokens[value], token.region == request.region, token.expiresAt > clock.now else {
            return .failure(APIResponseError(response: .error(401, code: "bad.credentials", message: "Invalid login credentials.")))
        }
        return .success(token)
    }

    /// Per-token fixed one-minute window; past the limit → 429 `too.many.requests.retry.after` with
    /// `Retry-After` in seconds and the message of reference §5.1. Headers `inin-ratelimit-*` as in §5.2.
    func rateLimit(_ request: APIRequest) -> APIResponse? {
        guard let limit = faults.rateLimitPerMinutePerToken, faults.applies(method: request.method, path: request.path),
            let token = request.authorization
        else { return nil }
        let now = clock.now
        let length = Double(faults.rateLimitWindow.components.seconds) + Double(faults.rateLimitWindow.components.attoseconds) / 1e18
        var window = rateWindows[token] ?? RateWindow(start: now, count: 0)
        if now.timeIntervalSince(window.start) >= length { window = RateWindow(start: now, count: 0) }
        window.count += 1
        rateWindows[token] = window
        let reset = max(1, Int((length - now.timeIntervalSince(window.start)).rounded(.up)))
        guard window.count > limit else { return nil }
        return .error(
            429, code: "too.many.requests.retry.after",
            message: "Rate limit exceeded the maximum. Retry the request in [\(reset)] seconds",
            headers: [
                ("Retry-After", String(reset)), ("inin-ratelimit-count", String(window.count)),
                ("inin-ratelimit-allowed", String(limit)), ("inin-ratelimit-reset", String(reset)),
            ])
    }

    /// `GET /api/v2/tokens/me` → `TokenInfo` (reference §1, §4.5). `OrgOAuthClient` is not in the OpenAPI
    /// files; the emulator answers its `id` and `name` only.
    func tokenInfo(_ request: APIRequest, caller: Caller) -> APIResponse {
        let organization: EmulatorJSON = [
            "id": .string(caller.org.id), "name": .string(caller.org.name),
            "selfUri": .string("/api/v2/organizations/\(caller.org.id)"),
        ]
        let bearer = request.authorization.map { String($0.dropFirst("bearer ".count)) } ?? ""
        var info: EmulatorJSON = [
            "organization": organization,
            "homeOrganization": organization,
            // reference §2.3: scopes do not apply to client-credentials clients.
            "authorizedScope": [],
            "OAuthClient": ["id": .string(caller.clientID), "name": .string(caller.clientName)],
        ]
        if let token = tokens[bearer] { info["dateTokenIdles"] = .string(APIDate.string(token.expiresAt)) }
        return APIResponse(status: 200, body: info)
    }
}

/// `application/x-www-form-urlencoded` decoding.
enum FormDecoding {
    static func decode(_ text: String) -> [String: String] {
        var result: [String: String] = [:]
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1).map { part in
                String(part).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(part)
            }
            if let key = parts.first { result[key] = parts.count > 1 ? parts[1] : "" }
        }
        return result
    }
}

/// `Authorization: Basic base64(id:secret)` (reference §2.1).
enum BasicAuth {
    static func decode(_ header: String?) -> (String, String)? {
        guard let header, header.lowercased().hasPrefix("basic ") else { return nil }
        let encoded = header.dropFirst("basic ".count).trimmingCharacters(in: .whitespaces)
        guard let data = Data(base64Encoded: encoded) else { return nil }
        let text = String(decoding: data, as: UTF8.self)
        guard let colon = text.firstIndex(of: ":") else { return nil }
        return (String(text[..<colon]), String(text[text.index(after: colon)...]))
    }
}

import Foundation
import Logging
import NIOHTTP1
import Synchronization

/// Talks to one Genesys Cloud org: one (region, OAuth client) pair.
///
/// Everything messengerctl says to Genesys Cloud goes through here: OAuth client credentials with a shared,
/// cached token (reference §2), a bounded number of requests in flight, a per-token request budget and
/// `Retry-After` (reference §5.2), retries that never repeat a write blindly (reference §5.3), all pages of
/// every listing, and typed errors. Mutable state lives in actors; the client itself is immutable.
public final class GenesysCloudClient: Sendable {
    public let region: Region
    public let endpoints: EndpointResolver
    public let options: ClientOptions
    /// The OAuth client id. Not printed: it may come from any variable a tenant file names.
    public let clientId: String
    /// How messages name the client (`from $ACME_CLIENT_ID`).
    public let clientLabel: String

    let transport: GenesysTransport
    let logger: Logger
    let tokens: TokenProvider
    let semaphore: AsyncSemaphore
    let budget: RequestBudget
    let counter: RequestCounter
    let retry: RetryPolicy
    let redactor: Redactor
    /// `endpoints.apiBase(for: region)`, worked out once: with an `--endpoint` template it is a string
    /// replacement, which per request was 1 % of a fleet plan's CPU.
    let apiBase: String
    /// The organization `verifyOrganization` confirmed: an OAuth client belongs to one org for good, so a
    /// run that plans and then applies checks it with one request, not one per step.
    let verifiedOrganization = Mutex<String?>(nil)

    /// - Parameters:
    ///   - region: the org's region (reference §1).
    ///   - credentials: the org's OAuth client credentials (reference §2.1).
    ///   - endpoints: real hosts, or an `--endpoint` template for the emulator.
    ///   - transport: the connection pool shared by all clients.
    ///   - options: pacing, timeouts and retries.
    ///   - logger: receives one debug line per request (id, method, path, status, duration) and warnings on
    ///     retries; never headers, bodies, tokens or secrets.
    public init(
        region: Region, credentials: ClientCredentials, endpoints: EndpointResolver, transport: GenesysTransport,
        options: ClientOptions = .init(), logger: Logger = Logger(label: "messengerctl.genesys")
    ) {
        self.region = region
        self.endpoints = endpoints
        self.apiBase = endpoints.apiBase(for: region)
        self.options = options
        self.clientId = credentials.clientId
        self.clientLabel = credentials.label
        self.transport = transport
        let redactor = Redactor()
        redactor.add(clientId: credentials.clientId, secret: credentials.clientSecret.reveal())
        self.redactor = redactor
        // Logs name the client by its variable when it has one: the id may be any value a tenant file
        // pointed clientIdEnv at.
        let logName = credentials.clientIdSource ?? credentials.clientId
        var logger = logger
        logger[metadataKey: "region"] = .string(region.id)
        logger[metadataKey: "client-id"] = .string(logName)
        self.logger = logger
        self.retry = RetryPolicy(options: options)
        let counter = RequestCounter(prefix: "\(region.id)/\(logName)")
        self.counter = counter
        self.semaphore = AsyncSemaphore(permits: options.maxConcurrentRequests)
        self.budget = RequestBudget(perMinute: options.requestsPerMinuteBudget, clock: options.clock)
        self.tokens = TokenProvider(
            fetcher: TokenFetcher(
                url: endpoints.loginBase(for: region) + "/oauth/token", credentials: credentials, transport: transport,
                timeout: options.requestTimeout, commandDeadline: options.commandDeadline,
                retry: RetryPolicy(options: options), counter: counter, logger: logger, region: region.id,
                redactor: redactor, clock: options.clock),
            refreshMargin: options.tokenRefreshMargin)
    }

    /// HTTP requests sent so far, token requests and retries included (benchmarks report requests per tenant).
    public var requestCount: Int {
        get async { await counter.count }
    }

    /// Time this client's requests have spent held back so far: by the per-token budget or by a
    /// `Retry-After` (reference §5.2). Apply subtracts it from activation times.
    public var rateLimitWait: Duration {
        get async { await budget.waited }
    }

    // MARK: Identity (reference §3.4)

    /// `GET /api/v2/tokens/me`: which org and OAuth client the token belongs to.
    public func tokenInfo() async throws(GenesysError) -> TokenInfo {
        try await getObject("/api/v2/tokens/me")
    }

    /// Refuses to go on unless the credentials belong to `expectedOrganizationId` (the tenant file's
    /// `organizationId`), so a wrong secret in CI can never write into another org.
    /// - Throws: `GenesysError` of kind `.organizationMismatch` naming both orgs.
    public func verifyOrganization(_ expectedOrganizationId: String) async throws(GenesysError) {
        if verifiedOrganization.withLock({ $0 == expectedOrganizationId.lowercased() }) { return }
        let info = try await tokenInfo()
        guard let actual = info.organization?.id else {
            throw GenesysError(
                kind: .invalidResponse, message: "GET /api/v2/tokens/me returned no organization id",
                method: "GET", path: "/api/v2/tokens/me", region: region.id)
        }
        guard actual.lowercased() == expectedOrganizationId.lowercased() else {
            let name = info.organization?.name.map { " (\($0))" } ?? ""
            throw GenesysError(
                kind: .organizationMismatch,
                message: "the OAuth client \(clientLabel) belongs to organization \(actual)\(name), but the tenant "
                    + "file expects organization \(expectedOrganizationId); nothing was written",
                method: "GET", path: "/api/v2/tokens/me", region: region.id,
                hint: "Check that the credential environment variables belong to this tenant, or correct "
                    + "organizationId in the tenant file")
        }
        verifiedOrganization.withLock { $0 = actual.lowercased() }
    }

    // MARK: Requests

    /// How a request may be repeated.
    enum RetryMode: Sendable {
        /// GET, PUT, DELETE and read-only POST queries: repeating them does no harm.
        case idempotent
        /// Creating POSTs: after an unknown outcome the caller must read state back (`outcomeUnknown`).
        case writeOnce
    }

    struct APIRequest: Sendable {
        var method: HTTPMethod
        var path: String
        var query: [(String, String)] = []
        var body: [UInt8]? = nil
        var mode: RetryMode = .idempotent
    }

    /// The full URL of `path` with `query`.
    func url(path: String, query: [(String, String)]) -> String {
        var url = apiBase + path
        if !query.isEmpty {
            url += "?" + query.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&")
        }
        return url
    }

    private static let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
    static func encode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? text
    }

    /// Sends `request` with token, budget, concurrency bound and retries; returns the 2xx response.
    ///
    /// - 401: the token is dropped, a new one fetched once, and the request sent once more (reference §2.2).
    /// - 429: waits `Retry-After` (or a backoff when absent), holding all of this client's requests, for every
    ///   method: a 429 means the request was refused, not applied. A `Retry-After` past `maxRetryAfter` is an
    ///   error rather than a silent long wait.
    /// - 408/500/502/503/504 and connection errors: idempotent requests are retried with backoff; a `writeOnce`
    ///   request throws `outcomeUnknown` unless the connection never opened.
    func perform(_ request: APIRequest) async throws(GenesysError) -> RawResponse {
        do {
            var response = try await performUnredacted(request)
            response.body = redactor.redact(response.body)
            return response
        } catch {
            throw redactor.redact(error)
        }
    }

    /// The error for a command whose `--time-limit` ran out.
    func timeLimitError(method: String?, path: String?) -> GenesysError {
        GenesysError(
            kind: .timeout, message: "the command's time limit ran out", method: method, path: path, region: region.id,
            hint: "Raise --time-limit if this org needs longer")
    }

    /// When the next attempt must be done: the request timeout, or the command's deadline when sooner.
    func attemptDeadline() -> ContinuousClock.Instant {
        let own = ContinuousClock.now + options.requestTimeout
        guard let command = options.commandDeadline else { return own }
        return min(own, command)
    }

    var commandTimeIsUp: Bool { options.commandDeadline.map { ContinuousClock.now >= $0 } ?? false }

    private func performUnredacted(_ request: APIRequest) async throws(GenesysError) -> RawResponse {
        let method = request.method.rawValue
        let path = request.path
        var attempt = 0
        var renewedToken = false
        while true {
            if Task.isCancelled {
                throw GenesysError(kind: .cancelled, message: "the request was cancelled", method: method, path: path, region: region.id)
            }
            if commandTimeIsUp { throw timeLimitError(method: method, path: path) }
            let token = try await tokens.token()
            try await budget.acquire()
            var headers = HTTPHeaders()
            headers.add(name: "Authorization", value: "Bearer " + token.value.reveal())
            headers.add(name: "Accept", value: "application/json")
            if request.body != nil { headers.add(name: "Content-Type", value: "application/json") }
            headers.add(name: "User-Agent", value: "messengerctl")

            await semaphore.acquire()
            let requestId = await counter.next()
            let started = ContinuousClock.now
            let outcome: Result<RawResponse, any Error>
            do {
                outcome = .success(
                    try await transport.send(
                        method: request.method, url: url(path: path, query: request.query), headers: headers,
                        body: request.body, deadline: attemptDeadline()))
            } catch {
                outcome = .failure(error)
            }
            await semaphore.release()
            let elapsed = ContinuousClock.now - started

            switch outcome {
            case .success(let response):
                logger.debug(
                    "request", metadata: RequestLog.metadata(id: requestId, method: method, path: path, status: response.status, elapsed: elapsed))
                if (200..<300).contains(response.status) { return response }
                let status = response.status
                if status == 401, !renewedToken {
                    // The token expired or was revoked early: fetch a new one once and resend (reference §2.2).
                    await tokens.invalidate(token)
                    renewedToken = true
                    continue
                }
                let retryAfter = RetryPolicy.retryAfter(response.headers.first(name: "Retry-After"))
                if status == 429 {
                    if let retryAfter, retryAfter > retry.maxRetryAfter {
                        throw rateLimitError(response, method: method, path: path, detail:
                            "Genesys Cloud asked to wait \(Int(retryAfter.seconds.rounded())) s, more than the "
                            + "\(Int(retry.maxRetryAfter.seconds)) s this run allows (maxRetryAfter); try again later")
                    }
                    guard attempt < retry.maxRetries else {
                        throw rateLimitError(response, method: method, path: path, detail:
                            "still rate-limited after \(attempt + 1) attempts; lower the concurrency or the request budget")
                    }
                    let wait = retryAfter ?? retry.backoff(attempt: attempt)
                    if let deadline = options.commandDeadline, ContinuousClock.now + wait > deadline {
                        throw timeLimitError(method: method, path: path)
                    }
                    await budget.pause(until: options.clock.now + wait)
                    logger.warning(
                        "rate-limited, waiting", metadata: ["request-id": .string(requestId), "wait-ms": .string(String(Int(wait.seconds * 1000)))])
                    attempt += 1
                    continue
                }
                if RetryPolicy.isRetryable(status: status) {
                    if request.mode == .writeOnce {
                        throw outcomeUnknown(method: method, path: path, cause: "HTTP \(status)")
                    }
                    if attempt < retry.maxRetries {
                        let wait = (status == 503 ? retryAfter : nil) ?? retry.backoff(attempt: attempt)
                        if wait <= retry.maxRetryAfter {
                            logger.warning(
                                "server error, retrying",
                                metadata: ["request-id": .string(requestId), "status": .string(String(status)), "wait-ms": .string(String(Int(wait.seconds * 1000)))])
                            attempt += 1
                            try await sleep(wait, method: method, path: path)
                            continue
                        }
                    }
                }
                if request.mode == .writeOnce, status >= 500 {
                    throw outcomeUnknown(method: method, path: path, cause: "HTTP \(status)")
                }
                throw ResponseError.make(response, method: method, path: path, region: region.id, client: clientLabel)

            case .failure(let error):
                logger.debug(
                    "request failed", metadata: RequestLog.metadata(id: requestId, method: method, path: path, status: nil, elapsed: elapsed))
                if error is CancellationError || Task.isCancelled {
                    throw GenesysError(kind: .cancelled, message: "the request was cancelled", method: method, path: path, region: region.id)
                }
                let safeToResend = request.mode == .idempotent || TransportFailure.happenedBeforeSending(error)
                if !safeToResend {
                    throw outcomeUnknown(method: method, path: path, cause: TransportFailure.plainReason(error))
                }
                if commandTimeIsUp { throw timeLimitError(method: method, path: path) }
                if attempt < retry.maxRetries, !TransportFailure.isNameResolutionFailure(error),
                    !TransportFailure.isDeterministic(error)
                {
                    let wait = retry.backoff(attempt: attempt)
                    logger.warning(
                        "connection failed, retrying", metadata: ["request-id": .string(requestId), "wait-ms": .string(String(Int(wait.seconds * 1000)))])
                    attempt += 1
                    try await sleep(wait, method: method, path: path)
                    continue
                }
                throw TransportFailure.classify(error, method: method, path: path, region: region.id)
            }
        }
    }

    private func rateLimitError(_ response: RawResponse, method: String, path: String, detail: String) -> GenesysError {
        var error = ResponseError.make(response, method: method, path: path, region: region.id, client: clientLabel)
        error.kind = .rateLimitExceeded
        error.hint = detail
        return error
    }

    /// `cause` is either `HTTP <status>` (an answer that does not say whether the write happened) or
    /// why no answer arrived.
    func outcomeUnknown(method: String, path: String, cause: String) -> GenesysError {
        let message =
            cause.hasPrefix("HTTP ")
            ? "the server answered \(cause) to a request that was sent, which does not say whether it was applied"
            : "the request was sent but no answer arrived (\(cause)); it may or may not have been applied"
        return GenesysError(kind: .outcomeUnknown, message: message, method: method, path: path, region: region.id)
    }

    func sleep(_ duration: Duration, method: String? = nil, path: String? = nil) async throws(GenesysError) {
        // A wait that would end past the command's deadline ends the command now instead.
        if let deadline = options.commandDeadline, ContinuousClock.now + duration > deadline {
            throw timeLimitError(method: method, path: path)
        }
        do { try await options.clock.sleep(for: duration) } catch {
            throw GenesysError(kind: .cancelled, message: "cancelled while waiting to retry", method: method, path: path, region: region.id)
        }
    }

    // MARK: JSON helpers

    /// Sends a request and decodes a JSON object body.
    func object(_ request: APIRequest) async throws(GenesysError) -> [String: JSONValue] {
        let response = try await perform(request)
        guard case .object(let members)? = try? JSONValue.parse(Data(response.body)) else {
            throw GenesysError(
                kind: .invalidResponse, status: response.status,
                message: "the response is not a JSON object", method: request.method.rawValue, path: request.path,
                region: region.id)
        }
        return members
    }

    func getObject<T: APIObject>(_ path: String, query: [(String, String)] = []) async throws(GenesysError) -> T {
        T(fields: try await object(APIRequest(method: .GET, path: path, query: query)))
    }

    /// Sends `body` (sorted keys, so equal bodies are equal bytes) and decodes the answer.
    func sendObject<T: APIObject>(
        _ method: HTTPMethod, _ path: String, query: [(String, String)] = [], body: (any Encodable & Sendable)?,
        mode: RetryMode = .idempotent
    ) async throws(GenesysError) -> T {
        var bytes: [UInt8]?
        if let body {
            guard let data = StableJSON.encode(body) else {
                throw GenesysError(kind: .invalidResponse, message: "the request body could not be encoded", method: method.rawValue, path: path)
            }
            bytes = Array(data)
        }
        return T(fields: try await object(APIRequest(method: method, path: path, query: query, body: bytes, mode: mode)))
    }

    /// Sends a request whose answer has no body we need (DELETE → 200/204).
    func send(_ method: HTTPMethod, _ path: String) async throws(GenesysError) {
        _ = try await perform(APIRequest(method: method, path: path))
    }

    /// Percent-encodes one path segment (an id).
    static func segment(_ id: String) -> String { encode(id) }
}

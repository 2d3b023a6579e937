import Foundation
import Logging
import NIOHTTP1

/// An access token and when to stop using it.
struct AccessToken: Sendable {
    var value: Secret
    var tokenType: String
    /// When the client should fetch a new one; `nil` when the server sent no `expires_in` (then it is used
    /// until a 401 says otherwise).
    var refreshAt: WaitClock.Instant?
    /// Counts tokens, so a 401 invalidates only the token it was answered to.
    var generation: Int
}

/// Fetches and caches the client-credentials token of one (region, OAuth client).
///
/// One token request is in flight at a time: concurrent callers share the stored `Task` instead of each
/// asking the login server (no stampede). The token lives until `expires_in` minus a margin (reference §2.2:
/// the lifetime is per OAuth client, 300–172 800 s, never a fixed hour).
actor TokenProvider {
    private let fetcher: TokenFetcher
    private let refreshMargin: Duration
    private let clock: WaitClock
    private var cached: AccessToken?
    private var inflight: Task<Result<AccessToken, GenesysError>, Never>?
    private var generation = 0

    init(fetcher: TokenFetcher, refreshMargin: Duration) {
        self.fetcher = fetcher
        self.clock = fetcher.clock
        self.refreshMargin = refreshMargin
    }

    /// A valid token, from the cache or from one shared token request.
    func token() async throws(GenesysError) -> AccessToken {
        if let cached, cached.refreshAt.map({ clock.now < $0 }) ?? true { return cached }
        let task: Task<Result<AccessToken, GenesysError>, Never>
        if let inflight {
            task = inflight
        } else {
            generation += 1
            let generation = generation
            let fetcher = fetcher
            let margin = refreshMargin
            task = Task { await fetcher.fetch(generation: generation, margin: margin) }
            inflight = task
        }
        let result = await task.value
        if inflight == task {
            inflight = nil
            if case .success(let token) = result { cached = token }
        }
        return try result.get()
    }

    /// Forgets `token` after the API answered 401 to it, so the next `token()` fetches a new one.
    /// A newer token (fetched meanwhile by another caller) is kept.
    func invalidate(_ token: AccessToken) {
        if cached?.generation == token.generation { cached = nil }
    }
}

/// The token request itself: `POST {login}/oauth/token` with Basic auth and `grant_type=client_credentials`
/// (reference §2.1).
struct TokenFetcher: Sendable {
    let url: String
    let credentials: ClientCredentials
    let transport: GenesysTransport
    let timeout: Duration
    let commandDeadline: ContinuousClock.Instant?
    let retry: RetryPolicy
    let counter: RequestCounter
    let logger: Logger
    let region: String
    let redactor: Redactor
    /// The client's clock: token lifetimes and retry waits.
    let clock: WaitClock

    /// The longest token lifetime believed: the documented maximum (reference §2.2: 300–172 800 s), so an
    /// absurd `expires_in` neither traps the conversion nor keeps a token past its real end.
    static let maxLifetime: Double = 172_800

    func fetch(generation: Int, margin: Duration) async -> Result<AccessToken, GenesysError> {
        do {
            let token = try await fetchThrowing(generation: generation, margin: margin)
            redactor.add(token.value.reveal())
            return .success(token)
        } catch {
            return .failure(redactor.redact(error))
        }
    }

    private func fetchThrowing(generation: Int, margin: Duration) async throws(GenesysError) -> AccessToken {
        let path = "/oauth/token"
        guard !credentials.clientId.isEmpty, !credentials.clientSecret.isEmpty else {
            throw .configuration(
                "The OAuth client id or secret for region \(region) is empty; set the environment variables the "
                    + "tenant file names in credentials.clientIdEnv / clientSecretEnv.")
        }
        let basic = Data("\(credentials.clientId):\(credentials.clientSecret.reveal())".utf8).base64EncodedString()
        var headers = HTTPHeaders()
        headers.add(name: "Authorization", value: "Basic " + basic)
        headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
        headers.add(name: "Accept", value: "application/json")
        let body = Array("grant_type=client_credentials".utf8)
        // Asking for a token twice is harmless, so the token request is retried like a GET.
        var attempt = 0
        while true {
            let requestId = await counter.next()
            let started = ContinuousClock.now
            let outcome: Result<RawResponse, any Error>
            do {
                outcome = .success(
                    try await transport.send(method: .POST, url: url, headers: headers, body: body, deadline: deadline()))
            } catch {
                outcome = .failure(error)
            }
            let elapsed = ContinuousClock.now - started
            switch outcome {
            case .success(let response):
                logger.debug(
                    "token request", metadata: RequestLog.metadata(id: requestId, method: "POST", path: path, status: response.status, elapsed: elapsed))
                if (200..<300).contains(response.status) {
                    return try parse(response, generation: generation, margin: margin, path: path)
                }
                if RetryPolicy.isRetryable(status: response.status), attempt < retry.maxRetries {
                    let wait = RetryPolicy.retryAfter(response.headers.first(name: "Retry-After")) ?? retry.backoff(attempt: attempt)
                    if wait > retry.maxRetryAfter { throw ResponseError.make(response, method: "POST", path: path, region: region, client: credentials.label) }
                    attempt += 1
                    try await pause(wait)
                    continue
                }
                throw ResponseError.make(response, method: "POST", path: path, region: region, client: credentials.label)
            case .failure(let error):
                logger.debug(
                    "token request failed", metadata: RequestLog.metadata(id: requestId, method: "POST", path: path, status: nil, elapsed: elapsed))
                if let commandDeadline, ContinuousClock.now >= commandDeadline { throw timeLimitError(path) }
                if attempt < retry.maxRetries, !(error is CancellationError), !TransportFailure.isNameResolutionFailure(error),
                    !TransportFailure.isDeterministic(error)
                {
                    attempt += 1
                    try await pause(retry.backoff(attempt: attempt - 1))
                    continue
                }
                throw TransportFailure.classify(error, method: "POST", path: path, region: region)
            }
        }
    }

    private func parse(_ response: RawResponse, generation: Int, margin: Duration, path: String) throws(GenesysError) -> AccessToken {
        guard case .object(let json)? = try? JSONValue.parse(Data(response.body)),
            let token = json["access_token"]?.stringValue, !token.isEmpty
        else {
            throw GenesysError(
                kind: .invalidResponse, status: response.status,
                message: "the token response has no access_token", method: "POST", path: path, region: region)
        }
        var refreshAt: WaitClock.Instant?
        if let expiresIn = json["expires_in"]?.doubleValue, expiresIn > 0, expiresIn.isFinite {
            let lifetime = Duration.milliseconds(Int64(min(expiresIn, Self.maxLifetime) * 1000))
            // At most a tenth of the lifetime, so a 2 s test token is still used for 1.8 s.
            let effectiveMargin = min(margin, lifetime / 10)
            refreshAt = clock.now + lifetime - effectiveMargin
        }
        return AccessToken(
            value: Secret(token), tokenType: json["token_type"]?.stringValue ?? "bearer", refreshAt: refreshAt,
            generation: generation)
    }

    /// The request timeout, or the command's deadline when sooner.
    private func deadline() -> ContinuousClock.Instant {
        let own = ContinuousClock.now + timeout
        return commandDeadline.map { min($0, own) } ?? own
    }

    private func timeLimitError(_ path: String) -> GenesysError {
        GenesysError(
            kind: .timeout, message: "the command's time limit ran out", method: "POST", path: path, region: region,
            hint: "Raise --time-limit if this org needs longer")
    }

    private func pause(_ duration: Duration) async throws(GenesysError) {
        if let commandDeadline, ContinuousClock.now + duration > commandDeadline { throw timeLimitError("/oauth/token") }
        do { try await clock.sleep(for: duration) } catch {
            throw GenesysError(kind: .cancelled, message: "cancelled while waiting to retry the token request")
        }
    }
}

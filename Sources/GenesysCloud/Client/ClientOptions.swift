/// How one `GenesysCloudClient` paces, times out and retries its requests.
public struct ClientOptions: Sendable, Hashable {
    /// Requests in flight at once for this client (one client per org), so a fleet run cannot flood one org.
    public var maxConcurrentRequests: Int = 8
    /// Deadline for one whole request (connect, send, wait, read the body). Connect and read timeouts belong
    /// to the shared connection pool and are set on `GenesysTransport`.
    public var requestTimeout: Duration = .seconds(60)
    /// Retries after the first attempt for retryable failures (GET/PUT/DELETE, and 429 everywhere).
    public var maxRetries: Int = 4
    /// First backoff step; attempt n waits a random time in `0 ..< min(maxRetryDelay, base · 2ⁿ)` (full jitter).
    public var retryBaseDelay: Duration = .milliseconds(250)
    /// Upper bound of one backoff step.
    public var maxRetryDelay: Duration = .seconds(20)
    /// The longest `Retry-After` obeyed; longer is an error rather than a silent hour-long wait.
    /// (The .NET SDK gives up past 180 s, reference §5.3.)
    public var maxRetryAfter: Duration = .seconds(60)
    /// Requests per rolling minute this client sends with one token. Genesys is reported to allow 300 per
    /// client-credentials token per minute (reference §5.2, UNVERIFIED), so staying below it means a fleet
    /// run slows down before it gets 429s. `nil` switches the budget off (benchmarks against the emulator).
    public var requestsPerMinuteBudget: Int? = 240
    /// A token is replaced this long before it expires (at most a tenth of its lifetime, so short-lived
    /// tokens are still used). The lifetime itself always comes from `expires_in` (reference §2.2).
    public var tokenRefreshMargin: Duration = .seconds(60)
    /// How often reading the state back after an unknown POST outcome is tried before giving up.
    public var readBackAttempts: Int = 3
    /// `pageSize` sent with every listing; `nil` leaves the server's default (300 for web deployments, 25
    /// for Architect, reference §3.1, §3.3). Small values exercise paging in tests.
    public var listPageSize: Int? = nil

    public init() {}
}

/// How one `GenesysCloudClient` paces, times out and retries its requests.
public struct ClientOptions: Sendable {
    /// Requests in flight at once for this client (one client per org), so a fleet run cannot flood one org.
    public var maxConcurrentRequests: Int = 8
    /// Deadline for one whole request, headers and body together (`--request-timeout`): a server that
    /// drips its body a byte at a time is cut off here. The connect timeout belongs to the shared
    /// connection pool and is set on `GenesysTransport`.
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
    /// When the whole command must be done (`--time-limit`): no request starts, and no request or retry
    /// wait runs, past it. `nil`: no overall limit.
    public var commandDeadline: ContinuousClock.Instant? = nil
    /// The most entities one listing may hold (`--max-listing-items`); a real org lists hundreds at most,
    /// so a server paging on and on is an error instead of an hour of requests.
    public var maxListingItems: Int = 50_000
    /// The most response bytes one listing may hold across its pages (`--max-listing-mib`); a real org's
    /// listing is kilobytes.
    public var maxListingBytes: Int = 64 * 1024 * 1024
    /// The longest one listing may take across its pages, however few items each page has.
    public var maxListingDuration: Duration = .seconds(600)

    /// What the client's waits (`Retry-After`, backoff, request budget, token refresh, audit-query and
    /// activation polling) run on: real time, or a test's clock.
    public var clock: WaitClock = .continuous

    public init() {}
}

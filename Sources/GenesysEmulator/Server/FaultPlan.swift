import Synchronization

/// Faults the emulator injects so a client's resilience can be tested over real HTTP.
///
/// Rates are shares of eligible requests in 0...1. Eligible requests are those matching `methods` and
/// `pathContains` (all requests when both are nil). Token requests (`/oauth/token`) are eligible too.
public struct FaultPlan: Sendable, Equatable {
    /// Delay before every eligible answer.
    public var latency: Duration = .zero
    /// Share answered 500 `internal.server.error`.
    public var rate500: Double = 0
    /// Share answered 502 (bad gateway, as a load balancer in front of the API would).
    public var rate502: Double = 0
    /// Share answered 503 `service.unavailable`.
    public var rate503: Double = 0
    /// Share answered 504 `request.timeout`.
    public var rate504: Double = 0
    /// Share whose connection is closed before the request is applied (no response at all).
    public var dropBeforeRate: Double = 0
    /// Share of writes (POST/PUT/DELETE) that are applied and then lose their response: the connection closes.
    public var dropAfterWriteRate: Double = 0
    /// Requests per token per minute before 429 + `Retry-After` (reference §5.1, §5.2); `nil` = unlimited.
    public var rateLimitPerMinutePerToken: Int? = nil
    /// The window the rate limit counts in: one minute as in production (reference §5.2); tests shorten
    /// it so a `Retry-After` lasts seconds, not a minute.
    public var rateLimitWindow: Duration = .seconds(60)
    /// Holds the first `holdFirst` eligible requests after the plan is set until the last of them has
    /// arrived (at most 10 s), so a test sees whether a client sends them together without depending on
    /// how fast a loaded machine runs it: sent together they all arrive before any is answered; sent one
    /// after another the first waits out the bound alone. 0 = off.
    public var holdFirst: Int = 0
    /// Restrict faults to these HTTP methods (upper case); nil = all.
    public var methods: Set<String>? = nil
    /// Restrict faults to paths containing this text; nil = all.
    public var pathContains: String? = nil

    public init(
        latency: Duration = .zero, rate500: Double = 0, rate502: Double = 0, rate503: Double = 0, rate504: Double = 0,
        dropBeforeRate: Double = 0, dropAfterWriteRate: Double = 0, rateLimitPerMinutePerToken: Int? = nil,
        methods: Set<String>? = nil, pathContains: String? = nil, rateLimitWindow: Duration = .seconds(60),
        holdFirst: Int = 0
    ) {
        self.holdFirst = holdFirst
        self.latency = latency
        self.rate500 = rate500
        self.rate502 = rate502
        self.rate503 = rate503
        self.rate504 = rate504
        self.dropBeforeRate = dropBeforeRate
        self.dropAfterWriteRate = dropAfterWriteRate
        self.rateLimitPerMinutePerToken = rateLimitPerMinutePerToken
        self.methods = methods
        self.pathContains = pathContains
        self.rateLimitWindow = rateLimitWindow
    }

    /// The plan the command-line flags describe: `faultRate` split evenly between 5xx answers and dropped connections.
    init(options: EmulatorOptions) {
        let share = options.faultRate / 6
        self.init(
            latency: options.latency, rate500: share, rate502: share, rate503: share, rate504: share,
            dropBeforeRate: share, dropAfterWriteRate: share, rateLimitPerMinutePerToken: options.rateLimitPerMinutePerToken)
    }

    func applies(method: String, path: String) -> Bool {
        if let methods, !methods.contains(method) { return false }
        if let pathContains, !path.contains(pathContains) { return false }
        return true
    }
}

/// One request the emulator answered (or dropped), for tests that count writes.
public struct LoggedRequest: Sendable, Equatable, Codable {
    public var method: String
    /// Path without query, including the region prefix.
    public var path: String
    /// HTTP status, or 0 when the connection was dropped without a response.
    public var status: Int
    /// The OAuth client the bearer token belongs to, when known.
    public var clientID: String?
    /// When the request arrived and when it was answered, as numbers of one counter that every arrival and
    /// every answer advances: two requests were in flight together when each arrived before the other
    /// was answered. Tests and benchmarks tell concurrent reads from sequential ones by this, not by time.
    public var arrived: Int = 0
    public var answered: Int = 0

    /// Whether this request and `other` were in flight at the same time.
    public func overlaps(_ other: LoggedRequest) -> Bool {
        arrived < other.answered && other.arrived < answered
    }
}

/// The counter behind ``LoggedRequest/arrived`` and ``LoggedRequest/answered``: an atomic, so counting an
/// arrival costs the request no wait on the state actor.
final class EventCounter: Sendable {
    private let value = Atomic<Int>(0)

    func next() -> Int { value.add(1, ordering: .relaxed).newValue }
}

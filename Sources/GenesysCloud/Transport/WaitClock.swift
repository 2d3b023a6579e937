/// The clock the client's waits run on: `Retry-After`, retry backoff, the per-token request budget, token
/// refresh, asynchronous audit-query polling, and the reconciler's activation and delete polling.
///
/// Any `Clock` with `Duration` steps can drive it (as Hummingbird's `MemoryPersistDriver<C: Clock>` takes
/// one): real time in the CLI, a clock a test moves by hand in tests, so a 60 s `Retry-After` or a token's
/// lifetime is tested in milliseconds. Bounds that protect against a slow network (`--request-timeout`,
/// `--connect-timeout`, `--time-limit`) stay on real time: they guard against a real server, not a clock.
public struct WaitClock: Sendable {
    /// A point on this clock's time line: the time since the clock was wrapped.
    public struct Instant: Comparable, Hashable, Sendable {
        public let offset: Duration

        public static func < (lhs: Instant, rhs: Instant) -> Bool { lhs.offset < rhs.offset }
        public static func + (lhs: Instant, rhs: Duration) -> Instant { Instant(offset: lhs.offset + rhs) }
        public static func - (lhs: Instant, rhs: Duration) -> Instant { Instant(offset: lhs.offset - rhs) }
        public static func - (lhs: Instant, rhs: Instant) -> Duration { lhs.offset - rhs.offset }
    }

    private let elapsed: @Sendable () -> Duration
    private let sleeper: @Sendable (Duration) async throws -> Void

    public init<C: Clock>(_ clock: C) where C.Duration == Duration {
        let start = clock.now
        elapsed = { start.duration(to: clock.now) }
        sleeper = { offset in try await clock.sleep(until: start.advanced(by: offset), tolerance: nil) }
    }

    /// Real time.
    public static var continuous: WaitClock { WaitClock(ContinuousClock()) }

    public var now: Instant { Instant(offset: elapsed()) }

    /// Sleeps until `instant`; throws `CancellationError` when the task is cancelled.
    public func sleep(until instant: Instant) async throws { try await sleeper(instant.offset) }

    public func sleep(for duration: Duration) async throws { try await sleep(until: now + duration) }
}

/// Keeps one client under its per-token request budget (reference §5.2) and holds all its requests while
/// Genesys has asked it to wait (`Retry-After`).
///
/// A sliding one-minute window rather than a token bucket: a bucket that starts full lets a burst plus the
/// refill exceed the limit within one minute; the window guarantees at most `perMinute` in any 60 s.
actor RequestBudget {
    private let perMinute: Int?
    private let window: Duration
    private var sent: [WaitClock.Instant] = []
    private var head = 0
    private var pausedUntil: WaitClock.Instant?
    private let clock: WaitClock
    /// Time requests have spent held here (budget full or `Retry-After`), so callers can tell waiting
    /// for Genesys Cloud's permission apart from waiting for Genesys Cloud's work.
    private(set) var waited: Duration = .zero

    /// - Parameters:
    ///   - perMinute: requests allowed in any `window`; `nil` for no budget.
    ///   - window: one minute in production; shorter in tests.
    ///   - clock: the client's `ClientOptions.clock`.
    init(perMinute: Int?, window: Duration = .seconds(60), clock: WaitClock = .continuous) {
        self.clock = clock
        self.perMinute = perMinute.map { max(1, $0) }
        self.window = window
    }

    /// Waits until one more request fits, then counts it.
    func acquire() async throws(GenesysError) {
        while true {
            let now = clock.now
            if let until = pausedUntil, until > now {
                try await sleep(until: until)
                continue
            }
            guard let limit = perMinute else { return }
            while head < sent.count, sent[head] <= now - window { head += 1 }
            if head > 1024 {
                sent.removeFirst(head)
                head = 0
            }
            if sent.count - head < limit {
                sent.append(now)
                return
            }
            try await sleep(until: sent[head] + window)
        }
    }

    /// Holds every request of this client until `instant` (a `Retry-After` from the server).
    func pause(until instant: WaitClock.Instant) {
        if let current = pausedUntil, current >= instant { return }
        pausedUntil = instant
    }

    private func sleep(until instant: WaitClock.Instant) async throws(GenesysError) {
        let start = clock.now
        defer { waited += clock.now - start }
        do {
            try await clock.sleep(until: instant)
        } catch {
            throw GenesysError(kind: .cancelled, message: "cancelled while waiting for the request budget")
        }
    }
}

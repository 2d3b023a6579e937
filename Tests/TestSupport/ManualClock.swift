import Synchronization

/// A clock that moves only when a test says so (after Hummingbird's `MockClock`), so what the emulator
/// and the client time (activation, token lifetimes, rate windows, `Retry-After`, audit delays) is
/// tested without waiting for it.
///
/// Unlike `MockClock`, `sleep` works: a sleeper is resumed once the clock has been advanced to its
/// deadline. With `autoAdvance`, a sleep moves the clock to its own deadline at once (virtual time):
/// the client and the emulator share one time line, so a client that waits out a `Retry-After` of
/// 60 s finds the emulator's rate window 60 s older, in a millisecond of real time.
public final class ManualClock: Clock, Sendable {
    public struct Instant: InstantProtocol, Comparable, Hashable, Sendable {
        public typealias Duration = Swift.Duration
        public let offset: Swift.Duration

        public init(_ offset: Swift.Duration) { self.offset = offset }
        public func advanced(by duration: Swift.Duration) -> Instant { Instant(offset + duration) }
        public func duration(to other: Instant) -> Swift.Duration { other.offset - offset }
        public static func < (lhs: Instant, rhs: Instant) -> Bool { lhs.offset < rhs.offset }
    }

    private struct Sleeper {
        var id: Int
        var deadline: Instant
        var continuation: CheckedContinuation<Void, any Error>
    }

    private struct State {
        var now = Instant(.zero)
        var nextID = 0
        var sleepers: [Sleeper] = []
        /// Every duration slept so far, so a test can check what was waited for.
        var slept: [Swift.Duration] = []
    }

    private let state = Mutex(State())
    public let autoAdvance: Bool

    public init(autoAdvance: Bool = false) { self.autoAdvance = autoAdvance }

    public var now: Instant { state.withLock { $0.now } }
    public var minimumResolution: Swift.Duration { .nanoseconds(1) }

    /// The durations every `sleep` asked for, in order.
    public var sleeps: [Swift.Duration] { state.withLock { $0.slept } }

    /// How many sleeps are waiting for the clock to move.
    public var sleepers: Int { state.withLock { $0.sleepers.count } }

    /// Time since the clock was made.
    public var elapsed: Swift.Duration { now.offset }

    public func sleep(until deadline: Instant, tolerance: Swift.Duration? = nil) async throws {
        try Task.checkCancellation()
        if autoAdvance {
            state.withLock { $0.slept.append(max(.zero, $0.now.duration(to: deadline))) }
            advance(to: deadline)
            await Task.yield()
            return
        }
        let id: Int? = state.withLock { state in
            state.slept.append(max(.zero, state.now.duration(to: deadline)))
            guard deadline > state.now else { return nil }
            state.nextID += 1
            return state.nextID
        }
        guard let id else { return }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                let resumeNow: Bool = state.withLock { state in
                    if deadline <= state.now { return true }
                    state.sleepers.append(Sleeper(id: id, deadline: deadline, continuation: continuation))
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            let cancelled: CheckedContinuation<Void, any Error>? = state.withLock { state in
                guard let index = state.sleepers.firstIndex(where: { $0.id == id }) else { return nil }
                return state.sleepers.remove(at: index).continuation
            }
            cancelled?.resume(throwing: CancellationError())
        }
    }

    /// Moves the clock forward by `duration` and wakes every sleeper whose deadline has come.
    public func advance(by duration: Swift.Duration) {
        advance(to: now.advanced(by: duration))
    }

    /// Moves the clock to `instant` (never backwards) and wakes every sleeper whose deadline has come.
    public func advance(to instant: Instant) {
        let due: [CheckedContinuation<Void, any Error>] = state.withLock { state in
            if instant > state.now { state.now = instant }
            let now = state.now
            let ready = state.sleepers.filter { $0.deadline <= now }
            state.sleepers.removeAll { $0.deadline <= now }
            return ready.map(\.continuation)
        }
        for continuation in due { continuation.resume() }
    }
}

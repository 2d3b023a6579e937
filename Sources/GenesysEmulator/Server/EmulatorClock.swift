import Foundation

/// The emulator's sense of time: when a draft turns `Active`, when a token expires, when a rate window
/// resets, when an asynchronous audit query finishes, when an audit record becomes visible, and the
/// dates it writes (`dateModified`, `eventDate`).
///
/// Any `Clock` with `Duration` steps can drive it, as Hummingbird's `MemoryPersistDriver<C: Clock>`
/// takes one: `ContinuousClock` in production use, a clock a test advances by hand in tests, so that
/// expiry, activation and `Retry-After` are tested without waiting for them. Dates are the wall-clock
/// date when the emulator started plus the time the clock has moved since.
public struct EmulatorClock: Sendable {
    private let origin: Date
    private let elapsed: @Sendable () -> Duration

    public init<C: Clock>(_ clock: C) where C.Duration == Duration {
        let start = clock.now
        origin = Date()
        elapsed = { start.duration(to: clock.now) }
    }

    /// Real time.
    public static var continuous: EmulatorClock { EmulatorClock(ContinuousClock()) }

    /// The emulator's current date.
    public var now: Date {
        let moved = elapsed().components
        return origin.addingTimeInterval(Double(moved.seconds) + Double(moved.attoseconds) / 1e18)
    }
}

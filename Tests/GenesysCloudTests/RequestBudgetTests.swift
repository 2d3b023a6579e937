import TestSupport
import Testing

@testable import GenesysCloud

/// The per-token budget and `Retry-After` pauses, on a clock the test moves: a real minute-long window
/// is checked without waiting for it.
@Suite struct RequestBudgetTests {
    @Test func requestsBeyondTheBudgetWaitForTheWindowToMove() async throws {
        let window = Duration.seconds(60)
        let clock = ManualClock(autoAdvance: true)
        let budget = RequestBudget(perMinute: 3, window: window, clock: WaitClock(clock))
        let start = clock.now
        var sentAt: [Duration] = []
        for _ in 0..<6 {
            try await budget.acquire()
            sentAt.append(start.duration(to: clock.now))
        }
        // Three go at once; the next three only once the first three have left the window.
        #expect(sentAt[2] == .zero)
        #expect(sentAt[3] >= window)
        // At most three in any window.
        for i in 3..<6 { #expect(sentAt[i] - sentAt[i - 3] >= window) }
        #expect(await budget.waited >= window)
    }

    @Test func aPauseHoldsEveryRequest() async throws {
        let clock = ManualClock()
        let budget = RequestBudget(perMinute: nil, clock: WaitClock(clock))
        let wait = WaitClock(clock)
        await budget.pause(until: wait.now + .seconds(30))
        let acquired = Task { try await budget.acquire() }
        // Held until the clock reaches the pause's end, however long that takes in real time.
        while clock.sleepers == 0 { await Task.yield() }
        clock.advance(by: .seconds(29))
        try await Task.sleep(for: .milliseconds(20))
        #expect(clock.sleepers == 1)
        clock.advance(by: .seconds(1))
        try await acquired.value
        #expect(await budget.waited == .seconds(30))
    }
}

import Testing

@testable import GenesysCloud

@Suite struct RequestBudgetTests {
    @Test func requestsBeyondTheBudgetWaitForTheWindowToMove() async throws {
        let window = Duration.milliseconds(400)
        let budget = RequestBudget(perMinute: 3, window: window)
        let clock = ContinuousClock()
        let start = clock.now
        var sentAt: [Duration] = []
        for _ in 0..<6 {
            try await budget.acquire()
            sentAt.append(clock.now - start)
        }
        // Three go at once; the next three only once the first three have left the window.
        #expect(sentAt[2] < window)
        #expect(sentAt[3] >= window)
        // At most three in any window.
        for i in 3..<6 { #expect(sentAt[i] - sentAt[i - 3] >= window) }
    }

    @Test func aPauseHoldsEveryRequest() async throws {
        let budget = RequestBudget(perMinute: nil)
        let clock = ContinuousClock()
        let start = clock.now
        await budget.pause(until: start + .milliseconds(300))
        try await budget.acquire()
        #expect(clock.now - start >= .milliseconds(300))
    }
}

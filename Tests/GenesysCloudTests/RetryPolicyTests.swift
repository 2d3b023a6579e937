import Testing

@testable import GenesysCloud

@Suite struct RetryPolicyTests {
    func policy() -> RetryPolicy {
        var options = ClientOptions()
        options.retryBaseDelay = .milliseconds(100)
        options.maxRetryDelay = .seconds(2)
        return RetryPolicy(options: options)
    }

    @Test func ceilingDoublesPerAttemptUpToTheCap() {
        let p = policy()
        #expect(p.ceiling(attempt: 0) == .milliseconds(100))
        #expect(p.ceiling(attempt: 1) == .milliseconds(200))
        #expect(p.ceiling(attempt: 3) == .milliseconds(800))
        #expect(p.ceiling(attempt: 5) == .seconds(2))
        #expect(p.ceiling(attempt: 60) == .seconds(2))
    }

    @Test func fullJitterStaysBetweenZeroAndTheCeiling() {
        let p = policy()
        #expect(p.backoff(attempt: 3, unit: 0) == .zero)
        #expect(p.backoff(attempt: 3, unit: 0.5) == .milliseconds(400))
        #expect(p.backoff(attempt: 3, unit: 1) < .milliseconds(800))
        for attempt in 0..<8 {
            for _ in 0..<50 {
                let wait = p.backoff(attempt: attempt)
                #expect(wait >= .zero && wait < p.ceiling(attempt: attempt))
            }
        }
        // Jitter: many draws are not all equal.
        let draws = Set((0..<20).map { _ in p.backoff(attempt: 4) })
        #expect(draws.count > 1)
    }

    @Test func retryAfterIsReadAsSeconds() {
        #expect(RetryPolicy.retryAfter("3") == .seconds(3))
        #expect(RetryPolicy.retryAfter(" 1.5 ") == .milliseconds(1500))
        #expect(RetryPolicy.retryAfter("0") == .zero)
        #expect(RetryPolicy.retryAfter(nil) == nil)
        #expect(RetryPolicy.retryAfter("-1") == nil)
        #expect(RetryPolicy.retryAfter("Wed, 21 Oct 2015 07:28:00 GMT") == nil)
    }

    @Test func onlyRateLimitsAndGatewayErrorsAreRetryable() {
        for status in [429, 502, 503, 504] { #expect(RetryPolicy.isRetryable(status: status)) }
        for status in [400, 401, 403, 404, 409, 422, 500] { #expect(!RetryPolicy.isRetryable(status: status)) }
    }
}

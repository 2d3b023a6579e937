import Foundation

/// When and how long to wait before trying a request again.
///
/// Exponential backoff with full jitter: attempt n (0-based) waits a uniformly random time in
/// `0 ..< min(maxDelay, base · 2ⁿ)`, which spreads a fleet's retries instead of synchronising them.
/// GET, PUT and DELETE are retried on connection errors, timeouts, 408, 429 and 500/502/503/504 (reference
/// §5.3: the .NET SDK retries 429/502/503/504; the Go SDK's go-retryablehttp, used by Terraform, also retries
/// 500); POST is not (see `GenesysCloudClient+Writes.swift`).
struct RetryPolicy: Sendable {
    var maxRetries: Int
    var baseDelay: Duration
    var maxDelay: Duration
    var maxRetryAfter: Duration

    init(options: ClientOptions) {
        maxRetries = max(0, options.maxRetries)
        baseDelay = options.retryBaseDelay
        maxDelay = options.maxRetryDelay
        maxRetryAfter = options.maxRetryAfter
    }

    /// The ceiling of the backoff for `attempt` (0-based).
    func ceiling(attempt: Int) -> Duration {
        let factor = Double(1 << min(max(0, attempt), 30))
        let ceiling = baseDelay.seconds * factor
        return .milliseconds(Int64(min(ceiling, maxDelay.seconds) * 1000))
    }

    /// The backoff for `attempt`, with `unit` a random number in `0 ..< 1`.
    func backoff(attempt: Int, unit: Double) -> Duration {
        let fraction = min(max(unit, 0), 0.999_999)
        return .milliseconds(Int64(ceiling(attempt: attempt).seconds * fraction * 1000))
    }

    /// The backoff for `attempt` with a fresh random number.
    func backoff(attempt: Int) -> Duration { backoff(attempt: attempt, unit: Double.random(in: 0..<1)) }

    /// Statuses worth retrying for an idempotent request (reference §5.3).
    static func isRetryable(status: Int) -> Bool { [408, 429, 500, 502, 503, 504].contains(status) }

    /// The longest `Retry-After` represented: a day. Longer values are past any cap anyway, and clamping
    /// first keeps `1e16` from trapping the conversion to whole milliseconds.
    static let longestRetryAfter: Double = 86_400

    /// Parses `Retry-After` as whole or fractional seconds (reference §5.2–5.3: SDKs read it as seconds).
    static func retryAfter(_ header: String?) -> Duration? {
        guard let text = header?.trimmingCharacters(in: .whitespaces), let seconds = Double(text), seconds >= 0,
            seconds.isFinite
        else { return nil }
        return .milliseconds(Int64(min(seconds, longestRetryAfter) * 1000))
    }
}

import Foundation

/// What one client benchmark run measured.
public struct ClientBenchmarkResult: Sendable, CustomStringConvertible {
    /// Operations completed successfully.
    public var succeeded: Int
    /// Operations that failed (their errors are not kept: a benchmark counts, it does not diagnose).
    public var failed: Int
    /// Wall-clock time of the whole run.
    public var elapsed: Duration
    /// Successful operations per second.
    public var requestsPerSecond: Double
    /// Median latency of one operation.
    public var p50: Duration
    /// 99th-percentile latency of one operation.
    public var p99: Duration
    /// HTTP requests the client sent during the run (token requests and retries included).
    public var httpRequests: Int

    public var description: String {
        let fmt = { (d: Duration) in String(format: "%.2f ms", d.seconds * 1000) }
        return "\(succeeded) ok, \(failed) failed in \(String(format: "%.2f", elapsed.seconds)) s: "
            + "\(String(format: "%.0f", requestsPerSecond)) req/s, p50 \(fmt(p50)), p99 \(fmt(p99)), "
            + "\(httpRequests) HTTP requests"
    }
}

/// The operation a benchmark repeats.
public enum ClientBenchmarkOperation: Sendable {
    /// `GET /api/v2/tokens/me`: the smallest authenticated round trip.
    case tokenInfo
    /// `GET /api/v2/webdeployments/configurations`, all pages.
    case listConfigurations
    /// `GET /api/v2/architect/schedules`, all pages.
    case listSchedules
}

/// Sends `requests` operations through `client`, at most `concurrency` at once, and measures throughput and
/// latency. Give the client `requestsPerMinuteBudget = nil` (and a high `maxConcurrentRequests`) to measure
/// the client rather than its pacing.
public func runClientBenchmark(
    client: GenesysCloudClient, requests: Int, concurrency: Int, operation: ClientBenchmarkOperation = .tokenInfo
) async throws -> ClientBenchmarkResult {
    let total = max(0, requests)
    let width = max(1, concurrency)
    let clock = ContinuousClock()
    let requestsBefore = await client.requestCount
    // Warm up: token and connection, so the first measured request is not the token request.
    _ = try await client.tokenInfo()
    let startedAt = clock.now
    var latencies: [Duration] = []
    latencies.reserveCapacity(total)
    var failed = 0
    try await withThrowingTaskGroup(of: Duration?.self) { group in
        var issued = 0
        func issue() {
            group.addTask {
                let started = clock.now
                do {
                    switch operation {
                    case .tokenInfo: _ = try await client.tokenInfo()
                    case .listConfigurations: _ = try await client.listConfigurations()
                    case .listSchedules: _ = try await client.listSchedules()
                    }
                    return clock.now - started
                } catch {
                    return nil
                }
            }
            issued += 1
        }
        while issued < min(width, total) { issue() }
        while let latency = try await group.next() {
            if let latency { latencies.append(latency) } else { failed += 1 }
            if issued < total { issue() }
        }
    }
    let elapsed = clock.now - startedAt
    latencies.sort()
    func percentile(_ p: Double) -> Duration {
        guard !latencies.isEmpty else { return .zero }
        let index = min(latencies.count - 1, Int((Double(latencies.count) * p).rounded(.up)) - 1)
        return latencies[max(0, index)]
    }
    return ClientBenchmarkResult(
        succeeded: latencies.count, failed: failed, elapsed: elapsed,
        requestsPerSecond: elapsed > .zero ? Double(latencies.count) / elapsed.seconds : 0,
        p50: percentile(0.50), p99: percentile(0.99),
        httpRequests: await client.requestCount - requestsBefore)
}

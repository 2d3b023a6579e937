import GenesysCloud
import GenesysEmulator
import Testing

/// Prints the client's throughput and latency against the in-process emulator. No assertion on timing:
/// numbers depend on the machine; the test only checks that every request succeeded. 96 requests per
/// operation (six full rounds of 16 at once) keep it short in the parallel suite while every request
/// still shares the pool with 15 others; `Benchmarks/run-client` is the measurement.
@Suite struct ClientBenchmarkTests {
    static let requests = 96

    @Test func clientThroughputAgainstTheEmulator() async throws {
        try await EmulatorHarness.with { h in
            var options = ClientOptions()
            options.requestsPerMinuteBudget = nil
            options.maxConcurrentRequests = 16
            let client = h.client(options: options)
            for (operation, label) in [(ClientBenchmarkOperation.tokenInfo, "GET /api/v2/tokens/me"), (.listConfigurations, "GET configurations")] {
                let result = try await runClientBenchmark(client: client, requests: Self.requests, concurrency: 16, operation: operation)
                print("client benchmark, \(label), \(Self.requests) requests, concurrency 16: \(result)")
                #expect(result.failed == 0)
                #expect(result.succeeded == Self.requests)
            }
        }
    }
}

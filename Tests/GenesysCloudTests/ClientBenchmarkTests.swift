import GenesysCloud
import GenesysEmulator
import Testing

/// Prints the client's throughput and latency against the in-process emulator. No assertion on timing:
/// numbers depend on the machine; the test only checks that every request succeeded. 300 requests per
/// operation keep it short in the parallel suite; `Benchmarks/run-client` is the measurement.
@Suite struct ClientBenchmarkTests {
    @Test func clientThroughputAgainstTheEmulator() async throws {
        try await EmulatorHarness.with { h in
            var options = ClientOptions()
            options.requestsPerMinuteBudget = nil
            options.maxConcurrentRequests = 16
            let client = h.client(options: options)
            for (operation, label) in [(ClientBenchmarkOperation.tokenInfo, "GET /api/v2/tokens/me"), (.listConfigurations, "GET configurations")] {
                let result = try await runClientBenchmark(client: client, requests: 300, concurrency: 16, operation: operation)
                print("client benchmark, \(label), 300 requests, concurrency 16: \(result)")
                #expect(result.failed == 0)
                #expect(result.succeeded == 300)
            }
        }
    }
}

import ArgumentParser
import Foundation
import GenesysCloud
import GenesysEmulator

/// `client`: requests per second and latency of the API client alone against an in-process emulator.
struct ClientBenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "client",
        abstract: "Requests/s and p50/p99 of GenesysCloudClient against an in-process emulator.")

    @Option(help: "Operations to send.")
    var requests = 2000

    @Option(help: "Operations in flight at once.")
    var concurrency = 16

    @Option(name: .customLong("latency-ms"), help: "Latency the emulator adds to every answer.")
    var latencyMilliseconds = 0

    func run() async throws {
        Machine.printHeader(
            "client: \(requests) requests, concurrency \(concurrency), \(latencyMilliseconds) ms latency "
                + "(emulator and client share this process)")
        try await BenchFleet(count: 1, activationDelay: .milliseconds(20)).run { fleet in
            try await fleet.applyInProcess()
            await fleet.emulator.setFaults(FaultPlan(latency: .milliseconds(latencyMilliseconds)))
            let transport = GenesysTransport(
                connectTimeout: .seconds(10), readTimeout: .seconds(30), maxConnectionsPerHost: max(16, concurrency))
            var options = ClientOptions()
            options.requestsPerMinuteBudget = nil
            options.maxConcurrentRequests = max(16, concurrency)
            let client = try fleet.adminClient(fleet.tenantFiles[0], transport: transport, options: options)
            var rows: [[String]] = []
            for (label, operation) in [
                ("GET /api/v2/tokens/me", ClientBenchmarkOperation.tokenInfo),
                ("GET /api/v2/webdeployments/configurations", .listConfigurations),
            ] {
                let result = try await runClientBenchmark(
                    client: client, requests: requests, concurrency: concurrency, operation: operation)
                print("\(label): \(result)")
                rows.append([
                    label, "\(result.succeeded)", "\(result.failed)", Table.format(result.requestsPerSecond, 0),
                    Table.format(result.p50.seconds * 1000), Table.format(result.p99.seconds * 1000),
                ])
            }
            try? await transport.shutdown()
            print("")
            print(Table.markdown(["operation", "ok", "failed", "requests/s", "p50 ms", "p99 ms"], rows))
        }
    }
}

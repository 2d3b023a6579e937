import ArgumentParser
import Foundation
import GenesysEmulator

/// `apply`: time and requests to apply one changed field across N tenants, then a no-op apply that must
/// write nothing.
struct ApplyBenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apply",
        abstract: "Time 'messengerctl apply' of one changed field over N tenants, then a no-op apply.")

    @Option(help: "Fleet size.")
    var tenants = 100

    @Option(name: .customLong("latency-ms"), help: "Latency the emulator adds to every answer.")
    var latencyMilliseconds = 25

    @Option(name: .customLong("activation-delay-ms"), help: "How long changed objects stay Pending in the emulator.")
    var activationDelayMilliseconds = 200

    @Option(help: "Passed to 'messengerctl apply --concurrency'.")
    var concurrency = 64

    func run() async throws {
        Machine.printHeader(
            "apply: \(tenants) tenants, \(latencyMilliseconds) ms latency, \(activationDelayMilliseconds) ms activation delay, "
                + "apply --concurrency \(concurrency)")
        try await BenchFleet(count: tenants, activationDelay: .milliseconds(activationDelayMilliseconds)).run { fleet in
            try await fleet.applyInProcess()
            await fleet.emulator.setFaults(FaultPlan(latency: .milliseconds(latencyMilliseconds)))
            // One managed field changes in every file: the configuration's description.
            try fleet.update(Set(fleet.tenantFiles.map(\.name))) { $0.description = "Support messenger, revised" }

            var rows: [[String]] = []
            for (label, expectWrites) in [("one field changed", true), ("no-op (in sync)", false)] {
                let before = await fleet.emulator.requestLog().count
                // --allow-risky: a change to every tenant is what the tenant-share guard (30 %) stops by default.
                let result = try await ChildProcess.run(
                    ChildProcess.messengerctl,
                    ["apply", "tenants", "--auto-approve", "--allow-risky", "--concurrency", String(concurrency)],
                    in: fleet.directory, environment: fleet.environment)
                let log = await fleet.emulator.requestLog()
                let tally = RequestTally(log[before...])
                guard result.status == 0 else {
                    throw BenchError("messengerctl apply exited \(result.status): \(result.stderr.suffix(2000))")
                }
                let writes = tally.count(RequestTally.isWrite)
                let tokens = tally.count(RequestTally.isToken)
                let gets = tally.count { $0.method == "GET" }
                print("")
                print("\(label): \(Table.format(result.elapsed.seconds, 3)) s, exit \(result.status), \(tally.total) requests: "
                    + "\(gets) GET, \(writes) writes (POST/PUT/DELETE), \(tokens) token requests")
                if let first = fleet.tenantFiles.first {
                    print("  requests of \(first.name): " + tally.shapes(of: first.name).joined(separator: ", "))
                }
                if !expectWrites && writes != 0 {
                    throw BenchError("the no-op apply wrote \(writes) times; it must write nothing")
                }
                rows.append([
                    label, "\(tenants)", Table.format(result.elapsed.seconds, 3), "\(tally.total)",
                    Table.format(tally.requestsPerTenant, 1), "\(gets)", "\(writes)", "\(tokens)",
                ])
            }
            print("")
            print(Table.markdown(["apply", "tenants", "seconds", "requests", "per tenant", "GET", "writes", "token"], rows))
        }
    }
}

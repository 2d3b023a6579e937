import ArgumentParser
import Foundation
import GenesysEmulator

/// `fleet-plan`: wall time and requests per tenant of `messengerctl plan` over N tenants, beside the
/// Python script a team would write with the official SDK, against the same emulator.
struct FleetPlanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fleet-plan",
        abstract: "Time 'messengerctl plan' over N tenants in six regions (and the Python SDK script beside it).",
        discussion: """
            For each N: an emulator in this process with one org per tenant; tenant files (one configuration, \
            one deployment) generated into a temporary folder and applied once, so the timed plan is the \
            in-sync (no-op) plan of a nightly drift check. Then the latency is switched on and the real \
            'messengerctl plan' runs as a child process. Requests are counted from the emulator's request log.
            """)

    @Option(help: "Fleet sizes, comma separated.")
    var tenants = "10,100,500"

    @Option(name: .customLong("latency-ms"), help: "Latency the emulator adds to every answer.")
    var latencyMilliseconds = 25

    @Option(help: "Passed to 'messengerctl plan --concurrency' (tenants planned at once).")
    var concurrency = 64

    @Option(help: "Python interpreter with purecloudplatformclientv2 installed; without it only messengerctl runs.")
    var python: String?

    @Option(name: .customLong("python-script"), help: "The Python fleet reader.")
    var pythonScript = "Benchmarks/python/fleet_read.py"

    @Option(name: .customLong("python-max-tenants"), help: "Skip the Python run above this N (it reads tenant by tenant).")
    var pythonMaxTenants = 500

    @Option(help: "Unmeasured plan runs first: the in-process emulator answers its first burst of connections slowly.")
    var warmups = 1

    @Flag(name: .customLong("show-request-log"), help: "Pass --verbose to messengerctl plan and print its request log.")
    var showRequestLog = false

    func run() async throws {
        let sizes = tenants.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard !sizes.isEmpty else { throw ValidationError("--tenants needs numbers such as 10,100,500") }
        Machine.printHeader("fleet plan: \(tenants) tenants, \(latencyMilliseconds) ms latency, plan --concurrency \(concurrency)")
        print("emulator: in the benchmark process; messengerctl and Python run as separate processes against it")
        let latency = Duration.milliseconds(latencyMilliseconds)
        let script = URL(fileURLWithPath: pythonScript).standardizedFileURL.path
        var rows: [[String]] = []
        for size in sizes {
            try await BenchFleet(count: size, activationDelay: .milliseconds(20)).run { fleet in
                try await fleet.applyInProcess()
                await fleet.emulator.setFaults(FaultPlan(latency: latency))

                // Warm-up runs (not counted): the in-process emulator's first answers are slow.
                for _ in 0..<warmups {
                    _ = try await ChildProcess.run(
                        ChildProcess.messengerctl, ["plan", "tenants", "--concurrency", String(concurrency)],
                        in: fleet.directory, environment: fleet.environment)
                }
                let before = await fleet.emulator.requestLog().count
                let plan = try await ChildProcess.run(
                    ChildProcess.messengerctl,
                    ["plan", "tenants", "--detailed-exitcode", "--concurrency", String(concurrency), "--format", "json"]
                        + (showRequestLog ? ["--verbose"] : []),
                    in: fleet.directory, environment: fleet.environment)
                let log = await fleet.emulator.requestLog()
                let tally = RequestTally(log[before...])
                if showRequestLog { print(plan.stderr) }
                guard plan.status == 0 else {
                    throw BenchError("messengerctl plan exited \(plan.status) (expected 0, in sync): \(plan.stderr.suffix(2000))")
                }
                let critical = Double(tally.maxPerTenant) * latency.seconds
                print("")
                print("N = \(size): messengerctl plan \(Table.format(plan.elapsed.seconds, 3)) s, exit \(plan.status), "
                    + "\(tally.total) requests (\(Table.format(tally.requestsPerTenant)) per tenant, "
                    + "\(Table.format(tally.readsPerTenant)) GET reads per tenant, slowest tenant \(tally.maxPerTenant) sequential)")
                if let first = fleet.tenantFiles.first {
                    print("  requests of \(first.name): " + tally.shapes(of: first.name).joined(separator: ", "))
                }
                print("  critical path \(tally.maxPerTenant) × \(latencyMilliseconds) ms = \(Table.format(critical, 3)) s; "
                    + "plan / critical path = \(Table.format(plan.elapsed.seconds / critical))")

                var pythonCells = ["skipped", "–", "–", "–"]
                if let python, size <= pythonMaxTenants {
                    let manifest = fleet.directory.appendingPathComponent("manifest.json")
                    let entries = fleet.tenantFiles.map {
                        ["tenant": $0.name, "region": $0.region, "clientIdEnv": "\($0.envPrefix)_CLIENT_ID",
                         "clientSecretEnv": "\($0.envPrefix)_CLIENT_SECRET"]
                    }
                    try JSONSerialization.data(withJSONObject: entries).write(to: manifest)
                    let pyBefore = await fleet.emulator.requestLog().count
                    let py = try await ChildProcess.run(
                        python, [script, "--base-url", fleet.emulator.baseURL, "--manifest", manifest.path],
                        in: fleet.directory, environment: fleet.environment)
                    let pyLog = await fleet.emulator.requestLog()
                    let pyTally = RequestTally(pyLog[pyBefore...])
                    guard py.status == 0 else {
                        throw BenchError("the Python script exited \(py.status): \(py.stderr.suffix(2000))")
                    }
                    print("  python: \(Table.format(py.elapsed.seconds, 3)) s, \(pyTally.total) requests "
                        + "(\(Table.format(pyTally.requestsPerTenant)) per tenant, \(Table.format(pyTally.readsPerTenant)) GET reads); "
                        + py.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
                    if let first = fleet.tenantFiles.first {
                        print("  python requests of \(first.name): " + pyTally.shapes(of: first.name).joined(separator: ", "))
                    }
                    // The script prints its own time after `import PureCloudPlatformClientV2` (seconds of start-up).
                    let loop = py.stdout.firstMatch(of: /in ([0-9.]+) s/).flatMap { Double($0.1) }
                    pythonCells = [
                        Table.format(py.elapsed.seconds, 3), loop.map { Table.format($0, 3) } ?? "?",
                        Table.format(py.elapsed.seconds / plan.elapsed.seconds, 1) + "× ("
                            + (loop.map { Table.format($0 / plan.elapsed.seconds, 1) } ?? "?") + "×)",
                        "\(Table.format(pyTally.requestsPerTenant, 1)) (\(Table.format(pyTally.readsPerTenant, 1)) GET)",
                    ]
                } else if python != nil {
                    pythonCells = ["not run (N > \(pythonMaxTenants))", "–", "–", "–"]
                }
                rows.append(
                    ["\(size)", Table.format(plan.elapsed.seconds, 3), pythonCells[0], pythonCells[1], pythonCells[2],
                     "\(Table.format(tally.requestsPerTenant, 1)) (\(Table.format(tally.readsPerTenant, 1)) GET)", pythonCells[3],
                     Table.format(critical, 3), Table.format(plan.elapsed.seconds / critical, 1) + "×"])
            }
        }
        print("")
        print(Table.markdown(
            ["N", "messengerctl s", "python s", "python s after imports", "ratio (after imports)", "messengerctl req/tenant",
             "python req/tenant",
             "critical path s", "messengerctl / critical path"], rows))
    }
}

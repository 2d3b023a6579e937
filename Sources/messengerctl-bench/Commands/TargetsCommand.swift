import ArgumentParser
import Foundation
import GenesysEmulator

/// `targets`: the fleet-speed targets of the project, measured side by side in one run with the flags a
/// user types (no `--concurrency`): fleet plan beside the official-SDK loop and beside three round trips,
/// client CPU per tenant, and apply of one changed field. Figures only; nothing here is a test.
struct TargetsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "targets",
        abstract: "Fleet plan, CPU per tenant and apply of one field, with default flags, beside their targets.",
        discussion: """
            Each part starts its own emulator in this process (one org per tenant, six regions) and runs the \
            real 'messengerctl' executable against it, with no tuning flag: 'plan tenants --detailed-exitcode' \
            and 'apply tenants --auto-approve --allow-risky' (--allow-risky: the tenant-share guard stops a \
            change to every tenant, which is what the apply part makes). Requests and round trips are counted \
            from the emulator's request log; CPU is the child's user + system time (getrusage). The load \
            average is printed beside every figure: other jobs share the cores.
            """)

    @Option(help: "Fleet sizes for the plan comparison, comma separated.")
    var tenants = "40,200"

    @Option(name: .customLong("cpu-tenants"), help: "Fleet size for client CPU per tenant.")
    var cpuTenants = 500

    @Option(name: .customLong("apply-tenants"), help: "Fleet size for the apply of one changed field.")
    var applyTenants = 100

    @Option(name: .customLong("latency-ms"), help: "Latency the emulator adds to every answer.")
    var latencyMilliseconds = 25

    @Option(name: .customLong("activation-delay-ms"), help: "How long changed objects stay Pending (apply part).")
    var activationDelayMilliseconds = 200

    @Option(help: "Python interpreter with purecloudplatformclientv2 installed; without it the SDK loop is skipped.")
    var python: String?

    @Option(name: .customLong("python-script"), help: "The Python fleet reader.")
    var pythonScript = "Benchmarks/python/fleet_read.py"

    @Option(help: "Unmeasured plan runs first: the in-process emulator answers its first burst of connections slowly.")
    var warmups = 1

    @Option(help: "Measured runs of each messengerctl figure; the median is reported.")
    var runs = 3

    @Option(help: "Parts to run, comma separated: plan, cpu, apply.")
    var parts = "plan,cpu,apply"

    @Option(
        name: .customLong("profile-with"),
        help: "Run the measured messengerctl under this command, e.g. 'perf record -g -o /tmp/plan.perf --' (figures then include its overhead).")
    var profileWith: String?

    /// The measured messengerctl command line, under `--profile-with` when given.
    private func messengerctl(_ arguments: [String]) -> (String, [String]) {
        guard let profileWith else { return (ChildProcess.messengerctl, arguments) }
        let words = profileWith.split(separator: " ").map(String.init)
        return (words[0], Array(words.dropFirst()) + [ChildProcess.messengerctl] + arguments)
    }

    func run() async throws {
        let sizes = tenants.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        let chosen = Set(parts.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
        Machine.printHeader(
            "targets with default flags: plan N = \(tenants), CPU at N = \(cpuTenants), apply at N = \(applyTenants); "
                + "\(latencyMilliseconds) ms latency")
        var summary: [[String]] = []
        if chosen.contains("plan") { summary += try await planPart(sizes) }
        if chosen.contains("cpu") { summary += try await cpuPart() }
        if chosen.contains("apply") { summary += try await applyPart() }
        print("")
        print(Table.markdown(["target", "measured", "met?", "load (1/5/15 min)"], summary))
    }

    private var latency: Duration { .milliseconds(latencyMilliseconds) }

    /// One plan with default flags; fails unless the fleet is in sync.
    private func plan(_ fleet: BenchFleet) async throws -> (ChildProcess.Result, RequestTally) {
        let before = await fleet.emulator.requestLog().count
        let (executable, arguments) = messengerctl(["plan", "tenants", "--detailed-exitcode"])
        let result = try await ChildProcess.run(executable, arguments, in: fleet.directory, environment: fleet.environment)
        let log = await fleet.emulator.requestLog()
        guard result.status == 0 else {
            throw BenchError("messengerctl plan exited \(result.status) (expected 0, in sync): \(result.stderr.suffix(2000))")
        }
        return (result, RequestTally(log[before...]))
    }

    /// An in-sync fleet of `size` tenants with the latency switched on and the warm-up runs done.
    private func syncedFleet(_ size: Int, activationDelay: Duration = .milliseconds(20)) async throws -> BenchFleet {
        let fleet = try await BenchFleet(count: size, activationDelay: activationDelay)
        do {
            try await fleet.applyInProcess()
            await fleet.emulator.setFaults(FaultPlan(latency: latency))
            for _ in 0..<warmups { _ = try await plan(fleet) }
        } catch {
            await fleet.stop()
            throw error
        }
        return fleet
    }

    /// Runs `body` `runs` times and returns the run with the median wall time.
    private func median<T>(_ body: () async throws -> (ChildProcess.Result, T)) async throws -> (ChildProcess.Result, T) {
        var all: [(ChildProcess.Result, T)] = []
        for _ in 0..<max(1, runs) { all.append(try await body()) }
        return all.sorted { $0.0.elapsed < $1.0.elapsed }[all.count / 2]
    }

    private func planPart(_ sizes: [Int]) async throws -> [[String]] {
        var rows: [[String]] = []
        var summary: [[String]] = []
        let threeTrips = 3 * latency.seconds
        for size in sizes {
            try await syncedFleet(size).run { fleet in
                let load = Machine.load
                let (result, tally) = try await median { try await plan(fleet) }
                let wall = result.elapsed.seconds
                print("")
                print("plan N = \(size) (\(load)): \(Table.format(wall, 3)) s wall, \(Table.format(result.cpu.seconds, 3)) s CPU, "
                    + "\(Table.format(tally.requestsPerTenant, 1)) requests per tenant, at most \(tally.maxRoundTrips) round trips in a row")
                if let first = fleet.tenantFiles.first {
                    print("  requests of \(first.name): " + tally.shapes(of: first.name).joined(separator: ", "))
                }
                var loop: Double?
                var pyWall: Double?
                if let python {
                    let (py, seconds) = try await pythonLoop(fleet, python: python)
                    loop = seconds
                    pyWall = py.elapsed.seconds
                    print("  python (\(Machine.load)): \(Table.format(py.elapsed.seconds, 3)) s wall, loop after imports "
                        + (seconds.map { Table.format($0, 3) + " s" } ?? "?"))
                }
                let ratio = loop.map { $0 / wall }
                rows.append([
                    "\(size)", Table.format(wall, 3), Table.format(result.cpu.seconds * 1000 / Double(size), 2),
                    pyWall.map { Table.format($0, 2) } ?? "skipped", loop.map { Table.format($0, 2) } ?? "–",
                    ratio.map { Table.format($0, 1) + "×" } ?? "–",
                    "\(tally.maxRoundTrips)", Table.format(wall / threeTrips, 1) + "×", load,
                ])
                summary.append([
                    "plan N = \(size): ≥ 20× the official-SDK loop", ratio.map { Table.format($0, 1) + "×" } ?? "not run",
                    ratio.map { $0 >= 20 ? "yes" : "no (\(Table.format(20 / $0, 1))× short)" } ?? "–", load,
                ])
                if size <= 200 {
                    let factor = wall / threeTrips
                    summary.append([
                        "plan N = \(size): within 1.5× of three round trips (\(Table.format(threeTrips * 1000, 0)) ms)",
                        "\(Table.format(wall * 1000, 0)) ms = \(Table.format(factor, 1))×",
                        factor <= 1.5 ? "yes" : "no (\(Table.format(factor / 1.5, 1))× over)", load,
                    ])
                }
            }
        }
        print("")
        print(Table.markdown(
            ["N", "messengerctl s", "CPU ms per tenant", "python s", "python loop s", "loop ÷ messengerctl",
             "round trips in a row", "÷ three round trips", "load"], rows))
        return summary
    }

    /// The official-SDK script over the same fleet: (its run, the loop's seconds after imports).
    private func pythonLoop(_ fleet: BenchFleet, python: String) async throws -> (ChildProcess.Result, Double?) {
        let manifest = fleet.directory.appendingPathComponent("manifest.json")
        let entries = fleet.tenantFiles.map {
            ["tenant": $0.name, "region": $0.region, "clientIdEnv": "\($0.envPrefix)_CLIENT_ID",
             "clientSecretEnv": "\($0.envPrefix)_CLIENT_SECRET"]
        }
        try JSONSerialization.data(withJSONObject: entries).write(to: manifest)
        let script = URL(fileURLWithPath: pythonScript).standardizedFileURL.path
        let py = try await ChildProcess.run(
            python, [script, "--base-url", fleet.emulator.baseURL, "--manifest", manifest.path],
            in: fleet.directory, environment: fleet.environment)
        guard py.status == 0 else { throw BenchError("the Python script exited \(py.status): \(py.stderr.suffix(2000))") }
        return (py, py.stdout.firstMatch(of: /in ([0-9.]+) s/).flatMap { Double($0.1) })
    }

    private func cpuPart() async throws -> [[String]] {
        return try await syncedFleet(cpuTenants).run { fleet in
            let load = Machine.load
            let (result, tally) = try await median { try await plan(fleet) }
            let perTenant = result.cpu.seconds * 1000 / Double(cpuTenants)
            print("")
            print("CPU N = \(cpuTenants) (\(load)): \(Table.format(result.cpu.seconds, 3)) s user+sys of messengerctl = "
                + "\(Table.format(perTenant, 2)) ms per tenant; \(Table.format(result.elapsed.seconds, 3)) s wall; "
                + "\(Table.format(tally.requestsPerTenant, 1)) requests per tenant")
            return [[
                "client CPU per tenant at N = \(cpuTenants): halved from ~2.9 ms (≤ 1.45 ms)", "\(Table.format(perTenant, 2)) ms",
                perTenant <= 1.45 ? "yes" : "no (\(Table.format(perTenant / 1.45, 2))× over)", load,
            ]]
        }
    }

    private func applyPart() async throws -> [[String]] {
        let activation = Duration.milliseconds(activationDelayMilliseconds)
        return try await syncedFleet(applyTenants, activationDelay: activation).run { fleet in
            // One managed field changes in every file: the configuration's description.
            try fleet.update(Set(fleet.tenantFiles.map(\.name))) { $0.description = "Support messenger, revised" }
            let load = Machine.load
            let before = await fleet.emulator.requestLog().count
            let (executable, arguments) = messengerctl(["apply", "tenants", "--auto-approve", "--allow-risky"])
            let result = try await ChildProcess.run(executable, arguments, in: fleet.directory, environment: fleet.environment)
            let log = await fleet.emulator.requestLog()
            guard result.status == 0 else {
                throw BenchError("messengerctl apply exited \(result.status): \(result.stderr.suffix(2000))")
            }
            let tally = RequestTally(log[before...])
            // The critical path of this change: the plan's three round trips (token; tokens/me, listings;
            // versions), then re-read of the draft, PUT draft, one status read after its activation, publish,
            // one status read after its activation, re-read of the deployment, PUT deployment, one read after
            // its activation: 11 round trips and three activations, whatever the client.
            let critical = 11 * latency.seconds + 3 * activation.seconds
            let perTenant = tally.requestsPerTenant
            let factor = result.elapsed.seconds / critical
            print("")
            print("apply N = \(applyTenants) (\(load)): \(Table.format(result.elapsed.seconds, 3)) s wall, "
                + "\(Table.format(result.cpu.seconds, 3)) s CPU, \(tally.total) requests, \(Table.format(perTenant, 1)) per tenant "
                + "(most \(tally.maxPerTenant)), \(tally.count(RequestTally.isWrite)) writes, at most \(tally.maxRoundTrips) round trips in a row")
            if let first = fleet.tenantFiles.first {
                print("  requests of \(first.name): " + tally.shapes(of: first.name).joined(separator: ", "))
            }
            print("  critical path: 11 round trips × \(latencyMilliseconds) ms + 3 activations × \(activationDelayMilliseconds) ms = "
                + "\(Table.format(critical, 3)) s; apply / critical path = \(Table.format(factor, 2))×")
            return [
                [
                    "apply of one field, N = \(applyTenants): ≤ 12 requests per tenant",
                    "\(Table.format(perTenant, 1)) (most \(tally.maxPerTenant))",
                    perTenant <= 12 ? "yes" : "no (\(Table.format(perTenant - 12, 1)) over)", load,
                ],
                [
                    "apply of one field, N = \(applyTenants): within 2× of its critical path (\(Table.format(critical, 3)) s)",
                    "\(Table.format(result.elapsed.seconds, 3)) s = \(Table.format(factor, 2))×",
                    factor <= 2 ? "yes" : "no (\(Table.format(factor / 2, 2))× over)", load,
                ],
            ]
        }
    }
}

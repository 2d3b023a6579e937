import ArgumentParser
import Foundation
import GenesysCloud
import GenesysEmulator
import Reconciler

/// `soak`: applies and re-applies a fleet while the emulator misbehaves and an admin edits the same
/// objects, then checks that nothing was duplicated, published twice, or lost.
struct SoakCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "soak",
        abstract: "Fault soak: repeated 'messengerctl apply' under 5xx, dropped connections, 429s, token expiry and a second writer.",
        discussion: """
            Runs the real 'messengerctl apply' executable (so exit codes are checked) in rounds until \
            --duration has passed; between rounds some tenant files change a managed field. Meanwhile the \
            emulator answers ~10 % of requests with 5xx (mostly 502/503/504, 1/40 of them 500) or a dropped \
            connection (before the request, or after a write was applied), rate-limits every token, expires all tokens every 30 s, and an "Admin UI \
            user" (a second OAuth client per org) edits managed and unmanaged fields and publishes. Then \
            faults stop, the admins finish, one last apply and a plan run, and the invariants are checked. \
            Exits 1 when any check fails.
            """)

    @Option(help: "Fleet size.")
    var tenants = 20

    @Option(help: "Seconds of rounds under faults (the final apply and checks come after).")
    var duration = 180

    @Option(name: .customLong("fault-rate"), help: "Share of requests answered 5xx or dropped.")
    var faultRate = 0.10

    @Option(
        name: .customLong("rate-limit"),
        help: "Requests per minute per token before 429 + Retry-After (each apply run fetches new tokens, so a low limit is needed for its tenants to meet it).")
    var rateLimit = 20

    @Option(name: .customLong("token-expiry-s"), help: "Expire every token this often.")
    var tokenExpirySeconds = 30

    @Option(name: .customLong("latency-ms"), help: "Latency the emulator adds to every answer.")
    var latencyMilliseconds = 5

    func run() async throws {
        Machine.printHeader(
            "soak: \(tenants) tenants, \(duration) s, fault rate \(faultRate), rate limit \(rateLimit)/min/token, "
                + "tokens expire every \(tokenExpirySeconds) s, \(latencyMilliseconds) ms latency")
        print("applies: the real messengerctl executable (\(ChildProcess.messengerctl)); emulator and admins in this process")
        let passed = try await BenchFleet(count: tenants, activationDelay: .milliseconds(100)).run { fleet in
            try await soak(fleet)
        }
        if !passed { throw ExitCode(1) }
    }

    private func soak(_ fleet: BenchFleet) async throws -> Bool {
        try await fleet.applyInProcess()
        // The CI user of each org is whoever published version 1 during set-up.
        let setup = await fleet.emulator.snapshot()
        let ciUsers = Set(setup.orgs.compactMap { $0.configurations.first?.versions.first?["publishedUser"]?["id"]?.stringValue })
        guard ciUsers.count == tenants else { throw BenchError("set-up published \(ciUsers.count) of \(tenants) configurations") }

        // The mix: mostly what a gateway answers under load (502/503/504) and dropped connections (before
        // the request, and after a write was applied). A 500 is rare here: the client does not retry it
        // (issue "API client": retries on 502/503/504), so one 500 during planning fails the whole run.
        let unit = faultRate / 40
        await fleet.emulator.setFaults(
            FaultPlan(
                latency: .milliseconds(latencyMilliseconds), rate500: unit, rate502: 8 * unit, rate503: 8 * unit,
                rate504: 8 * unit, dropBeforeRate: 8 * unit, dropAfterWriteRate: 7 * unit,
                rateLimitPerMinutePerToken: rateLimit))

        let transport = GenesysTransport()
        let admins = try fleet.tenantFiles.map { AdminUser(file: $0, client: try fleet.adminClient($0, transport: transport)) }
        let adminTasks = admins.map { admin in Task { await admin.run() } }
        let emulator = fleet.emulator
        let expiry = tokenExpirySeconds
        let expirer = Task {
            var count = 0
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(expiry))
                if Task.isCancelled { break }
                await emulator.expireTokens()
                count += 1
            }
            return count
        }

        var runs: [SoakChecker.ApplyRun] = []
        let clock = ContinuousClock()
        let deadline = clock.now + .seconds(duration)
        var round = 0
        while clock.now < deadline {
            round += 1
            // A quarter of the files change a managed field, as commits would between CI runs.
            let changed = Set(fleet.tenantFiles.map(\.name).shuffled().prefix(max(1, tenants / 4)))
            try fleet.update(changed) { file in
                if Bool.random() {
                    file.description = "Support messenger r\(round)"
                } else {
                    file.primaryColor = ["#0052CC", "#005A9C", "#00457C", "#1B5E20"].randomElement()!
                }
            }
            let run = try await apply(fleet, round: round, rebase: round % 2 == 0, ciUsers: ciUsers)
            print("round \(round): exit \(run.exitStatus), \(summary(run)), \(run.ciWrites) writes")
            runs.append(run)
        }

        // Faults stop; each admin finishes the edit in progress (publish included) and stops.
        await fleet.emulator.setFaults(FaultPlan())
        expirer.cancel()
        let expiries = await expirer.value
        for admin in admins { admin.stop() }
        for task in adminTasks { await task.value }
        try? await transport.shutdown()

        let final = try await apply(fleet, round: round + 1, rebase: false, ciUsers: ciUsers)
        print("final apply (no faults, admins stopped): exit \(final.exitStatus), \(summary(final)), \(final.ciWrites) writes")
        runs.append(final)
        let planPath = fleet.directory.appendingPathComponent("final-plan.json").path
        let plan = try await ChildProcess.run(
            ChildProcess.messengerctl, ["plan", "tenants", "--detailed-exitcode", "--out", planPath],
            in: fleet.directory, environment: fleet.environment)
        let finalPlan = try? ReportFiles.readPlan(path: planPath)

        // Checks.
        let snapshot = await fleet.emulator.snapshot()
        let log = await fleet.emulator.requestLog()
        let conflicted = Set(
            (final.report?.tenants ?? []).filter { $0.objects.contains { $0.outcome == .conflict || $0.outcome == .blocked } }
                .map(\.tenant))
        let converged = (finalPlan?.tenants ?? []).filter { !$0.hasChanges && $0.error == nil }.map(\.tenant)
        let notConverged = (finalPlan?.tenants ?? []).filter { $0.hasChanges || $0.error != nil }.map(\.tenant)
        let unexplained = notConverged.filter { !conflicted.contains($0) }
        let duplicates = SoakChecker.duplicatedConfigurations(snapshot)
        let doubles = runs.flatMap(SoakChecker.doublePublishes)
        let mismatches = runs.compactMap(SoakChecker.exitMismatch)
        var expected: [String: (configuration: String, values: [EmulatorJSON])] = [:]
        for admin in admins {
            let record = admin.snapshot
            let values = [record.lastUnmanaged, record.unconfirmedUnmanaged].compactMap { $0 }.map { EmulatorJSON.number(Double($0)) }
            if !values.isEmpty { expected[admin.file.name] = (admin.file.configurationName, values) }
        }
        let lost = SoakChecker.lostUnmanagedEdits(expected, path: AdminUser.unmanagedPath, in: snapshot)

        let records = admins.map(\.snapshot)
        let outcomes = runs.compactMap(\.report).flatMap(\.tenants).flatMap(\.objects)
        let byClass = { (suffix: String?) in log.filter { entry in
            suffix.map { entry.clientID?.hasSuffix($0) ?? false } ?? (entry.clientID == nil)
        } }
        print("")
        print("rounds under faults: \(round); applies run: \(runs.count); exit codes: "
            + Dictionary(grouping: runs, by: \.exitStatus).sorted { $0.key < $1.key }.map { "\($0.key)×\($0.value.count)" }.joined(separator: ", "))
        print("object outcomes over all applies: "
            + Dictionary(grouping: outcomes, by: \.outcome.rawValue).sorted { $0.key < $1.key }.map { "\($0.key) \($0.value.count)" }.joined(separator: ", "))
        print("admin edits: \(records.map(\.managedEdits).reduce(0, +)) managed, \(records.map(\.unmanagedEdits).reduce(0, +)) unmanaged, "
            + "\(records.map(\.publishes).reduce(0, +)) publishes, \(records.map(\.retries).reduce(0, +)) attempts repeated after a failure")
        print("requests: \(log.count) total; messengerctl \(byClass("-ci").count), admins \(byClass("-ui").count); "
            + "injected: \(log.filter { $0.status == 0 }.count) dropped connections, "
            + "\(log.filter { [500, 502, 503, 504].contains($0.status) }.count) 5xx, "
            + "429s: messengerctl \(byClass("-ci").filter { $0.status == 429 }.count), admins \(byClass("-ui").filter { $0.status == 429 }.count); "
            + "token expiries \(expiries), 401s \(log.filter { $0.status == 401 }.count), "
            + "token requests \(log.filter { $0.path.hasSuffix("/oauth/token") }.count)")
        print("final plan: exit \(plan.status)")
        let checks: [(String, [String])] = [
            ("every tenant converged (\(converged.count)/\(tenants)) or was reported in conflict (\(conflicted.count))",
             finalPlan == nil ? ["the final plan could not be read: \(plan.stderr.suffix(500))"] : unexplained.map { "\($0) neither converged nor in conflict" }),
            ("no configuration duplicated", duplicates),
            ("no version published twice by one apply", doubles),
            ("no unmanaged admin edit lost (\(expected.count) orgs with one)", lost),
            ("exit codes matched the outcomes (\(runs.count) applies)", mismatches),
        ]
        // For an org that lost an admin edit, the last requests on its configuration (in the order the
        // emulator answered them; status 0 = connection dropped, after the write when it was a write) show
        // which writer overwrote whom.
        for orgName in Set(lost.compactMap { $0.split(separator: ":").first.map(String.init) }).sorted() {
            guard let id = snapshot.org(named: orgName)?.configurations.first?.id else { continue }
            let trail = log.filter { $0.path.contains(id) }.suffix(16).map { entry in
                "\(entry.method) …\(entry.path.components(separatedBy: id).last ?? "") \(entry.clientID ?? "?") \(entry.status)"
            }
            print("last requests on \(orgName)'s configuration: " + trail.joined(separator: " | "))
        }
        var passed = true
        print("")
        for (name, failures) in checks {
            print("\(failures.isEmpty ? "PASS" : "FAIL") \(name): \(failures.count) problems")
            for failure in failures.prefix(10) { print("     \(failure)") }
            passed = passed && failures.isEmpty
        }
        return passed
    }

    /// One `messengerctl apply` of the whole fleet, with what it wrote and published.
    private func apply(_ fleet: BenchFleet, round: Int, rebase: Bool, ciUsers: Set<String>) async throws -> SoakChecker.ApplyRun {
        let reportPath = fleet.directory.appendingPathComponent("apply-\(round).json").path
        let publishesBefore = SoakChecker.publishes(by: ciUsers, in: await fleet.emulator.snapshot())
        let logBefore = await fleet.emulator.requestLog().count
        // --allow-risky: the admins drift most orgs between rounds, so the tenant-share guard (more than
        // 30 % of tenants changing) would refuse nearly every run; the soak's own changes are not risky.
        var arguments = ["apply", "tenants", "--auto-approve", "--allow-risky", "--report", reportPath]
        if rebase { arguments.append("--rebase") }
        let result = try await ChildProcess.run(ChildProcess.messengerctl, arguments, in: fleet.directory, environment: fleet.environment)
        let log = await fleet.emulator.requestLog()
        let publishesAfter = SoakChecker.publishes(by: ciUsers, in: await fleet.emulator.snapshot())
        let report = FileManager.default.fileExists(atPath: reportPath)
            ? try JSONDecoder().decode(ApplyReport.self, from: Data(contentsOf: URL(fileURLWithPath: reportPath))) : nil
        return SoakChecker.ApplyRun(
            round: round, exitStatus: result.status, report: report,
            nothingToApply: result.stdout.contains("Nothing to apply"),
            ciWrites: RequestTally(log[logBefore...]).count(RequestTally.isWrite),
            ciPublishes: SoakChecker.difference(publishesAfter, publishesBefore))
    }

    private func summary(_ run: SoakChecker.ApplyRun) -> String {
        guard let report = run.report else { return run.nothingToApply ? "nothing to apply" : "no report" }
        let s = report.summary
        return "applied \(s.applied), conflict \(s.conflict), blocked \(s.blocked), failed \(s.failed), "
            + "not attempted \(s.notAttempted), tenant errors \(s.tenantErrors)"
    }
}

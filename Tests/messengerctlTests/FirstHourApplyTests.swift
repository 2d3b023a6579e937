import Foundation
import GenesysCloud
import GenesysEmulator
import Synchronization
import TestSupport
import Testing

/// What a new user meets in plan, apply, export and the reports in the first hour: the executable
/// against the emulator over HTTP.
@Suite(.serialized) struct FirstHourApplyTests {
    static func harness(body: String = PlanApplyTests.body) async throws -> CLIHarness {
        try await CLIHarness(tenants: [
            CLIHarness.TenantSpec(
                name: "t1", region: "eu-west-1", organizationId: "6a1e2b3c-4d5e-4f60-8a7b-9c0d1e2f3a40",
                secret: "secret-t1", yamlBody: body)
        ])
    }

    static func writes(_ h: CLIHarness) async -> Int {
        await h.emulator.requestLog().filter { $0.method != "GET" && !$0.path.contains("oauth") && !$0.path.contains("/audits") }.count
    }

    /// A path whose parent is a file, so nothing (not even root) can create it.
    static func unwritablePath() throws -> (blocker: URL, path: String) {
        let blocker = FileManager.default.temporaryDirectory.appendingPathComponent("messengerctl-blocker-\(UUID().uuidString)")
        try "a file, not a folder".write(to: blocker, atomically: true, encoding: .utf8)
        return (blocker, blocker.appendingPathComponent("report.json").path)
    }

    @Test func anUnwritableReportPathIsRefusedBeforeAnythingIsWritten() async throws {
        try await CLIHarness.with(await Self.harness()) { h in
            let (blocker, path) = try Self.unwritablePath()
            defer { try? FileManager.default.removeItem(at: blocker) }
            let result = try await h.run(["apply", "--auto-approve", "--report", path])
            #expect(result.status == 1, "\(result.all)")
            #expect(result.stderr.contains("--report"), "\(result.stderr)")
            #expect(result.stderr.contains("nothing was applied"), "\(result.stderr)")
            #expect(await Self.writes(h) == 0)
        }
    }

    /// Ctrl-C while planning: nothing is written, and the report file says so.
    @Test func ctrlCBeforeAnyWriteStillLeavesAReport() async throws {
        try await CLIHarness.with(await Self.harness()) { h in
            await h.emulator.setFaults(FaultPlan(latency: .milliseconds(300)))
            let emulator = h.emulator
            // Interrupt once the first request reached the emulator: the handler is installed by then.
            let firstRequest = Latch()
            let watcher = Task {
                while await emulator.requestLog().isEmpty, !Task.isCancelled { try? await Task.sleep(for: .milliseconds(5)) }
                firstRequest.set()
            }
            let result = try await h.run(["apply", "--auto-approve", "--report", "report.json"]) { process in
                while process.isRunning && !firstRequest.isSet { usleep(5_000) }
                kill(process.processIdentifier, SIGINT)
            }
            watcher.cancel()
            #expect(result.status == 1, "\(result.all)")
            #expect(await Self.writes(h) == 0)
            let data = try Data(contentsOf: URL(fileURLWithPath: h.path("report.json")))
            let report = try JSONValue.parse(data)
            #expect(report["summary"]?["applied"] == 0, "\(report)")
            // Planning was cancelled, so the report lists no step at all: nothing attempted, nothing applied.
            #expect(report["summary"]?["failed"] == 0, "\(report)")
            #expect(report["summary"]?["conflict"] == 0, "\(report)")
        }
    }

    /// Answering anything but `yes` exits 5 and says that nothing was applied.
    @Test func answeringNoAtThePromptExitsFiveWithNothingApplied() async throws {
        try await CLIHarness.with(await Self.harness()) { h in
            let result = try await Self.runOnTerminal(h, ["apply"], input: "no\n")
            #expect(result.status == 5, "\(result.output)")
            #expect(result.output.contains("Apply these changes?"), "\(result.output)")
            #expect(result.output.contains("nothing applied"), "\(result.output)")
            #expect(await Self.writes(h) == 0)
        }
    }

    /// Runs `messengerctl ARGS` with a pseudo-terminal (util-linux `script`), typing `input`. Waited for
    /// off the Swift concurrency pool: the child talks to the in-process emulator, which answers from it.
    static func runOnTerminal(_ h: CLIHarness, _ arguments: [String], input: String) async throws -> (status: Int32, output: String) {
        try await offPool { try runOnTerminalBlocking(h, arguments, input: input) }
    }

    private static func runOnTerminalBlocking(_ h: CLIHarness, _ arguments: [String], input: String) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        let command = ([ProcessRunner.executable.path] + arguments).map { "'\($0)'" }.joined(separator: " ")
        process.arguments = ["-qec", command, "/dev/null"]
        process.currentDirectoryURL = h.directory
        var env = ProcessInfo.processInfo.environment
        for (k, v) in h.environment { env[k] = v }
        process.environment = env
        let stdin = Pipe()
        let stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stdout
        try process.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try? stdin.fileHandleForWriting.close()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self))
    }

    /// A 429's wait is reported apart from the time the deployment took to serve the new version.
    @Test func aRateLimitWaitIsNotCountedAsActivation() async throws {
        try await CLIHarness.with(await Self.harness()) { h in
            #expect(try await h.run(["apply", "--auto-approve"]).status == 0)
            try h.write(tenant: "t1", try h.read(tenant: "t1").replacingOccurrences(of: "Bonjour !", with: "Salut !"))
            #expect(try await h.run(["plan", "--out", "plan.json"]).status == 0)
            // One GET per 2 s window on single deployments: the polls after the PUT are rate-limited.
            await h.emulator.setFaults(
                FaultPlan(rateLimitPerMinutePerToken: 1, methods: ["GET"], pathContains: "/webdeployments/deployments/", rateLimitWindow: .seconds(2)))
            let apply = try await h.run(["apply", "plan.json"])
            #expect(apply.status == 0, "\(apply.all)")
            let line = try #require(apply.stdout.split(separator: "\n").first { $0.contains("deployment \"web\"") }.map(String.init))
            let numbers = Self.numbers(in: line)
            try #require(numbers.count == 2, "\(line)")
            #expect(line.contains("serving after \(numbers[0]) ms, after waiting \(numbers[1]) ms for the rate limit"), "\(line)")
            #expect(numbers[1] >= 900, "\(line)")
            // That the wait is left out of the activation time is checked on one virtual time line below:
            // on the wall clock a loaded machine can make the polls outlast the wait.
        }
    }

    /// The same apply on one virtual time line (the emulator's rate window and activation, the client's
    /// `Retry-After` waits and polls): the rate limit's wait is reported apart and never counted as
    /// activation, whatever the machine's load.
    @Test func aRateLimitWaitIsReportedApartFromActivationOnOneTimeLine() async throws {
        let clock = ManualClock(autoAdvance: true)
        try await CLIHarness.with(
            await CLIHarness(
                tenants: [
                    CLIHarness.TenantSpec(
                        name: "t1", region: "eu-west-1", organizationId: "6a1e2b3c-4d5e-4f60-8a7b-9c0d1e2f3a40",
                        secret: "secret-t1", yamlBody: PlanApplyTests.body)
                ], activationDelay: .milliseconds(300), clock: clock)
        ) { h in
            let fleet = try h.fleet(clock: clock)
            let first = await fleet.apply(await fleet.plan(try h.loadTenants()))
            #expect(first.tenants.allSatisfy { $0.succeeded }, "\(first.tenants)")
            try h.write(tenant: "t1", try h.read(tenant: "t1").replacingOccurrences(of: "Bonjour !", with: "Salut !"))
            // One GET per 10 s window on single deployments: the polls after the PUT wait out Retry-After.
            await h.emulator.setFaults(
                FaultPlan(rateLimitPerMinutePerToken: 1, methods: ["GET"], pathContains: "/webdeployments/deployments/", rateLimitWindow: .seconds(10)))
            let report = await fleet.apply(await fleet.plan(try h.loadTenants()))
            let web = try #require(report.tenants.first?.objects.first { $0.kind == .deployment && $0.name == "web" }, "\(report.tenants)")
            #expect(web.outcome == .applied, "\(web)")
            let waited = try #require(web.rateLimitWaitMilliseconds, "\(web)")
            let activation = try #require(web.activationMilliseconds, "\(web)")
            // Retry-After says whole seconds of the 10 s window.
            #expect(waited >= 1000, "\(web)")
            // The client first looks 200 ms after the PUT; that look is held back, and the deployment
            // (Active 300 ms after the PUT) is serving when the wait ends. Counted with the wait, the
            // activation would be over a second.
            #expect(activation >= 200 && activation < 1000, "\(web)")
            #expect(clock.sleeps.contains { $0 >= .seconds(1) }, "a Retry-After wait on the injected clock: \(clock.sleeps)")
        }
    }

    static func numbers(in text: String) -> [Int] {
        text.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
    }

    @Test func explainPointsAGreetingChangeAtItsOwnLine() async throws {
        try await CLIHarness.with(await Self.harness()) { h in
            #expect(try await h.run(["apply", "--auto-approve"]).status == 0)
            let text = try h.read(tenant: "t1").replacingOccurrences(of: "Bonjour !", with: "Salut !")
            try h.write(tenant: "t1", text)
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            let frLine = try #require(lines.firstIndex { $0.contains("Salut !") }) + 1
            let column = try #require(lines[frLine - 1].range(of: "\"Salut !\"")).lowerBound.utf16Offset(in: lines[frLine - 1]) + 1
            let plan = try await h.run(["plan", "--explain"])
            #expect(plan.status == 0, "\(plan.all)")
            #expect(plan.stdout.contains("(set in tenants/t1.yaml:\(frLine):\(column))"), "\(plan.stdout)")
        }
    }

    @Test func exportWritesHolidayNamesAsTheUserWroteThem() async throws {
        let body = PlanApplyTests.body.replacingOccurrences(
            of: "- { name: Christmas, date: 2026-12-25 }",
            with: "- { name: Christmas, date: 2026-12-25 }\n      - { name: \"New Year's Day\", date: 2027-01-01 }")
        try await CLIHarness.with(await Self.harness(body: body)) { h in
            #expect(try await h.run(["apply", "--auto-approve"]).status == 0)
            let export = try await h.run(["export", "t1", "--region", "eu-west-1", "--out", "tenants/t1.yaml"])
            #expect(export.status == 0, "\(export.all)")
            let exported = try h.read(tenant: "t1")
            #expect(exported.contains("New Year's Day"), "\(exported)")
            #expect(exported.contains("Christmas"), "\(exported)")
            #expect(!exported.contains("new-year-s-day"), "\(exported)")
            let plan = try await h.run(["plan", "--detailed-exitcode"])
            #expect(plan.status == 0, "round trip: \(plan.all)")
        }
    }

    @Test func wordingOfCountsAndAuditChanges() async throws {
        try await CLIHarness.with(await Self.harness()) { h in
            let markdown = try await h.run(["plan", "--format", "markdown"])
            #expect(markdown.stdout.contains("1 of 1 tenant changes."), "\(markdown.stdout)")
            #expect(try await h.run(["apply", "--auto-approve"]).status == 0)
            let audit = try await h.run(["audit", "--since", "1h"])
            #expect(audit.status == 0, "\(audit.all)")
            #expect(!audit.stdout.contains(":  →"), "\(audit.stdout)")
            #expect(!audit.stdout.contains(" → \n"), "\(audit.stdout)")
        }
    }

    @Test func mergedPlansAreLabelledPlansAndMergedDriftDrift() async throws {
        try await CLIHarness.with(await Self.harness()) { h in
            #expect(try await h.run(["plan", "--out", "plan.json"]).status == 0)
            let plan = try await h.run(["report", "merge", "plan.json", "--format", "junit"])
            #expect(plan.status == 0, "\(plan.all)")
            #expect(plan.stdout.contains("<testsuites name=\"messengerctl plan\""), "\(plan.stdout)")
            #expect(!plan.stdout.contains("drift"), "\(plan.stdout)")
            let drift = try await h.run(["drift", "--format", "json"])
            try drift.stdout.write(to: URL(fileURLWithPath: h.path("drift.json")), atomically: true, encoding: .utf8)
            let merged = try await h.run(["report", "merge", "drift.json", "--format", "junit"])
            #expect(merged.stdout.contains("<testsuites name=\"messengerctl drift\""), "\(merged.stdout)")
        }
    }

    @Test func aRefusedConnectionIsOneClearSentence() async throws {
        try await CLIHarness.with(await Self.harness()) { h in
            // Port 1 on loopback: nothing listens there.
            let result = try await h.run(["plan"], environment: ["MESSENGERCTL_ENDPOINT": "http://127.0.0.1:1/{region}"])
            #expect(result.status == 1, "\(result.all)")
            let line = try #require(result.all.split(separator: "\n").first { $0.contains("error:") }.map(String.init))
            #expect(line.contains("the connection was refused"), "\(line)")
            #expect(!line.contains("errno"), "\(line)")
            #expect(!line.contains("error set"), "\(line)")
            #expect(line.filter { $0 == "(" }.count == line.filter { $0 == ")" }.count, "\(line)")
        }
    }

    @Test func a503IsAnAnswerNotALostOne() async throws {
        try await CLIHarness.with(await Self.harness()) { h in
            await h.emulator.setFaults(FaultPlan(rate503: 1, methods: ["POST"], pathContains: "/webdeployments/configurations"))
            let result = try await h.run(["apply", "--auto-approve"])
            #expect(result.status == 1, "\(result.all)")
            #expect(result.all.contains("answered HTTP 503"), "\(result.all)")
            #expect(!result.all.contains("no answer arrived (HTTP"), "\(result.all)")
        }
    }

    @Test func aWrongSecretsHintQuotesNoReferenceSection() async throws {
        try await CLIHarness.with(await Self.harness()) { h in
            let result = try await h.run(["plan"], environment: ["T1_CLIENT_SECRET": "wrong"])
            #expect(result.status == 1, "\(result.all)")
            #expect(result.all.contains("401"), "\(result.all)")
            #expect(!result.all.contains("§"), "\(result.all)")
            #expect(!result.all.contains("reference"), "\(result.all)")
        }
    }
}

/// A flag set once from async code and read from a Dispatch thread.
final class Latch: Sendable {
    private let flag = Mutex(false)
    func set() { flag.withLock { $0 = true } }
    var isSet: Bool { flag.withLock { $0 } }
}

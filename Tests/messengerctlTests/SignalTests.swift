import Foundation
import GenesysCloud
import GenesysEmulator
import Synchronization
import Testing

/// SIGTERM, what CI runners send when a job is cancelled, is handled as Ctrl-C is: the step in flight
/// finishes, the report is written, the rest is listed as not attempted.
@Suite(.serialized) struct SignalTests {
    @Test func sigtermStopsApplyBetweenStepsAndWritesTheReport() async throws {
        let h = try await PlanApplyTests.harness(tenants: 3)
        defer { Task { await h.stop() } }
        await h.emulator.setFaults(FaultPlan(latency: .milliseconds(150)))
        let emulator = h.emulator
        let apply = try await h.run(["apply", "--auto-approve", "--concurrency", "1", "--report", "report.json"]) { process in
            let published = DispatchSemaphore(value: 0)
            Task {
                while !(await emulator.requestLog()).contains(where: { $0.method == "POST" && $0.path.hasSuffix("/publish") }) {
                    try? await Task.sleep(for: .milliseconds(20))
                }
                published.signal()
            }
            published.wait()
            process.terminate()  // SIGTERM
        }
        #expect(apply.status == 1, "\(apply.all)")
        #expect(apply.stderr.contains("Stopping after the step in flight"), "\(apply.all)")
        #expect(apply.stdout.contains("not attempted"), "\(apply.stdout)")
        let report = try JSONValue.parse(Data(contentsOf: URL(fileURLWithPath: h.path("report.json"))))
        let outcomes = (report["tenants"]?.arrayValue ?? []).flatMap { $0["objects"]?.arrayValue ?? [] }.compactMap { $0["outcome"]?.stringValue }
        #expect(outcomes.contains("applied"))
        #expect(outcomes.contains("notAttempted"))
        #expect(!outcomes.contains("failed"))
        await h.emulator.setFaults(FaultPlan())
        #expect(try await h.run(["apply", "--auto-approve"]).status == 0)
        #expect(try await h.run(["plan", "--detailed-exitcode"]).status == 0)
    }

    @Test func sigtermCutsAHangingRequestShortWhileNothingIsWritten() async throws {
        let h = try await PlanApplyTests.harness()
        let proxy = try HostileProxy(
            upstream: h.emulator.baseURL,
            rules: [["method": "GET", "path": "/webdeployments/configurations", "action": "drip", "interval": 5]])
        defer {
            proxy.stop()
            Task { await h.stop() }
        }
        let signalled = Moment()
        let apply = try await h.run(
            ["apply", "--auto-approve", "--report", "report.json"], environment: ["MESSENGERCTL_ENDPOINT": proxy.endpoint]
        ) { process in
            usleep(1_500_000)  // the dripping listing is in flight by now
            signalled.mark()
            process.terminate()
            usleep(20_000_000)
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        }
        let ended = ContinuousClock.now
        let sent = try #require(signalled.value)
        #expect(apply.status == 1, "\(apply.all)")
        #expect(ended - sent < .seconds(3), "took \(ended - sent) after SIGTERM")
        #expect(FileManager.default.fileExists(atPath: h.path("report.json")), "\(apply.all)")
        let writes = await h.emulator.requestLog().filter { $0.method != "GET" && !$0.path.contains("oauth") }
        #expect(writes.isEmpty)
    }
}

/// When something happened, set from a Dispatch thread and read by the test.
final class Moment: Sendable {
    private let instant = Mutex<ContinuousClock.Instant?>(nil)
    func mark() { instant.withLock { $0 = ContinuousClock.now } }
    var value: ContinuousClock.Instant? { instant.withLock { $0 } }
}

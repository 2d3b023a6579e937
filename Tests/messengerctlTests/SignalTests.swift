import Foundation
import GenesysCloud
import GenesysEmulator
import Synchronization
import TestSupport
import Testing

/// SIGTERM, what CI runners send when a job is cancelled, is handled as Ctrl-C is: the step in flight
/// finishes, the report is written, the rest is listed as not attempted.
@Suite(.serialized) struct SignalTests {
    // Between steps, SIGTERM is tested beside Ctrl-C: PlanApplyTests.ctrlCStopsBetweenStepsAndSaysWhereItStopped.

    @Test func sigtermCutsAHangingRequestShortWhileNothingIsWritten() async throws {
        try await CLIHarness.with(await PlanApplyTests.harness()) { h in
        let proxy = try HostileProxy(
            upstream: h.emulator.baseURL,
            rules: [["method": "GET", "path": "/webdeployments/configurations", "action": "drip", "interval": 5]])
        defer { proxy.stop() }
        let signalled = Moment()
        let apply = try await h.run(
            ["apply", "--auto-approve", "--report", "report.json"], environment: ["MESSENGERCTL_ENDPOINT": proxy.endpoint]
        ) { process in
            // Signalled once the dripping listing is in flight (the emulator has answered it and the proxy is
            // dripping it), however long the child took to get there on a loaded machine.
            let deadline = ContinuousClock.now + .seconds(60)
            while process.isRunning, ContinuousClock.now < deadline, !Self.listingSent(h) { usleep(20_000) }
            usleep(200_000)
            signalled.mark()
            process.terminate()
            usleep(20_000_000)
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        }
        let ended = apply.exitedAt
        let sent = try #require(signalled.value)
        #expect(apply.status == 1, "\(apply.all)")
        #expect(ended - sent < .seconds(3), "took \(ended - sent) after SIGTERM")
        #expect(FileManager.default.fileExists(atPath: h.path("report.json")), "\(apply.all)")
        let writes = await h.emulator.requestLog().filter { $0.method != "GET" && !$0.path.contains("oauth") }
        #expect(writes.isEmpty)
        }
    }
}

extension SignalTests {
    /// Whether the emulator has answered a configurations listing; asked from a Dispatch thread, which
    /// may block (never a thread of the Swift concurrency pool).
    static func listingSent(_ h: CLIHarness) -> Bool {
        let answer = Mutex(false)
        let done = DispatchSemaphore(value: 0)
        Task {
            let sent = await h.emulator.requestLog().contains { $0.method == "GET" && $0.path.hasSuffix("/webdeployments/configurations") }
            answer.withLock { $0 = sent }
            done.signal()
        }
        done.wait()
        return answer.withLock { $0 }
    }
}

/// When something happened, set from a Dispatch thread and read by the test.
final class Moment: Sendable {
    private let instant = Mutex<ContinuousClock.Instant?>(nil)
    func mark() { instant.withLock { $0 = ContinuousClock.now } }
    var value: ContinuousClock.Instant? { instant.withLock { $0 } }
}

import Foundation
import GenesysCloud
import GenesysEmulator
import Reconciler
import TestSupport
import Testing

/// End to end: the emulator's audit records appear seconds after the change (`auditDelay`, as
/// production's audit log lags; issue 15), on a clock the test moves. `messengerctl drift` must neither
/// blame the previous writer for a change whose record is late nor give up on it at once.
@Suite struct AuditDelayTests {
    static let lag = Duration.seconds(5)

    /// A tenant whose emulator records audits `lag` late, on a clock only the test moves (objects turn
    /// Active at once, so nothing else waits for that clock).
    static func harness() async throws -> CLIHarness {
        try await CLIHarness(
            tenants: [
                CLIHarness.TenantSpec(
                    name: "t1", region: "eu-west-1", organizationId: "6a1e2b3c-4d5e-4f60-8a7b-9c0d1e2f3a61",
                    secret: "secret-t1", yamlBody: DriftAttributionTests.body)
            ], activationDelay: .zero, clock: ManualClock()
        ) { options, _ in options.auditDelay = lag }
    }

    /// The admin publishes a colour, and later the web team's script publishes another one: the script's
    /// record is still on its way when drift first asks.
    static func twoWritersOfOneField(_ h: CLIHarness) async throws {
        let clock = try #require(h.clock)
        #expect(try await h.run(["apply", "--auto-approve"]).status == 0)
        let admin = try h.writerClient(tenant: "t1", writer: "ui")
        let script = try h.writerClient(tenant: "t1", writer: "web")
        clock.advance(by: .seconds(10))
        try await admin.uiEdit(configuration: "support") { $0.set("messenger.styles.primaryColor", "#AA0000") }
        clock.advance(by: .seconds(10))  // the admin's record is visible from here on
        try await script.uiEdit(configuration: "support") { $0.set("messenger.styles.primaryColor", "#BB0000") }
    }

    static func colourLine(_ output: String) -> String {
        output.split(separator: "\n").first { $0.contains("messenger.styles.primaryColor") }.map(String.init) ?? ""
    }

    @Test func aLateRecordIsWaitedForAndNamesTheWriterWhoReallyChangedTheField() async throws {
        try await CLIHarness.with(await Self.harness()) { h in
            try await Self.twoWritersOfOneField(h)
            let clock = try #require(h.clock)
            // While drift runs, the script's record arrives: once drift has asked the audit log, the
            // emulator's clock moves past the lag, as time would.
            let audits = "/api/v2/audits/query/realtime"
            let before = await h.emulator.requestLog().filter { $0.path.hasSuffix(audits) }.count
            let mover = Task {
                while await h.emulator.requestLog().filter({ $0.path.hasSuffix(audits) }).count == before {
                    try await Task.sleep(for: .milliseconds(5))
                }
                clock.advance(by: Self.lag)
            }
            let drift = try await h.run(["drift"])
            mover.cancel()
            #expect(drift.status == 2, "\(drift.all)")
            let line = Self.colourLine(drift.stdout)
            #expect(line.contains("changed by Web team script"), "\(drift.stdout)")
            #expect(!line.contains("Admin UI user"), "\(drift.stdout)")
        }
    }

    /// The bound, on the drift's own clock: the library's client runs on a clock that a wait moves, so the
    /// 15 s it gives the audit log pass in milliseconds; the emulator's clock never moves, so the
    /// script's record never shows up.
    @Test func aRecordThatNeverComesWithinTheBoundIsUnknownWithTheReasonNeverAnotherWriter() async throws {
        try await CLIHarness.with(await Self.harness()) { h in
            try await Self.twoWritersOfOneField(h)
            let driftClock = ManualClock(autoAdvance: true)
            let plan = try await h.fleet(clock: driftClock).plan(try h.loadTenants(), attribute: true)
            let changes = plan.tenants.flatMap(\.objects).flatMap(\.changes)
            let colour = try #require(changes.first { $0.path == "messenger.styles.primaryColor" })
            #expect(colour.attribution?.by == nil, "\(String(describing: colour.attribution))")
            #expect(colour.attribution?.unknownReason?.contains("no record yet") == true, "\(String(describing: colour.attribution))")
            // It asked again while waiting, and gave up after its bound, not before.
            let waited = driftClock.sleeps.reduce(Duration.zero, +)
            #expect(waited > .seconds(10) && waited <= .seconds(15), "\(driftClock.sleeps)")
        }
    }
}

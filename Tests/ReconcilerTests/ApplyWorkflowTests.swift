import Foundation
import GenesysCloud
import GenesysEmulator
import Synchronization
import TestSupport
import Testing

@testable import Reconciler

/// The apply workflow (plan or load, guards, confirmation, Ctrl-C, report, exit status) run in-process
/// against the emulator over loopback, as the CLI runs it but with the prompt, the output and the
/// cancellation in the test's hands.
@Suite(.serialized) struct ApplyWorkflowTests {
    /// What the workflow printed, on each stream.
    final class Transcript: Sendable {
        private let lines = Mutex<(output: [String], errors: [String])>(([], []))
        var output: String { lines.withLock { $0.output.joined() } }
        var errors: String { lines.withLock { $0.errors.joined(separator: "\n") } }

        func interaction(answer: (@Sendable () -> String?)?) -> ApplyWorkflow.Interaction {
            ApplyWorkflow.Interaction(
                output: { text in self.lines.withLock { $0.output.append(text) } },
                errors: { text in self.lines.withLock { $0.errors.append(text) } },
                answer: answer)
        }
    }

    static func workflow(
        _ context: ReconcilerContext, _ settings: ApplyWorkflow.Settings, answer: (@Sendable () -> String?)? = nil,
        cancellation: ApplyCancellation = ApplyCancellation()
    ) -> (ApplyWorkflow, Transcript) {
        let transcript = Transcript()
        let workflow = ApplyWorkflow(
            fleet: Fleet(context: context), settings: settings, interaction: transcript.interaction(answer: answer),
            cancellation: cancellation)
        return (workflow, transcript)
    }

    /// Requests that change the org (token requests aside), from `start` on in the emulator's log.
    static func writes(_ emulator: GenesysEmulator, since start: Int = 0) async -> [LoggedRequest] {
        await emulator.requestLog().dropFirst(start).filter { $0.method != "GET" && !$0.path.contains("oauth") }
    }

    @Test func aDeclinedOrUnaskableConfirmationWritesNothingAndYesApplies() async throws {
        try await TenantApplierTests.withOrg { context, tenant, _, emulator in
            let reportPath = NSTemporaryDirectory() + "apply-workflow-\(UUID().uuidString).json"
            defer { try? FileManager.default.removeItem(atPath: reportPath) }
            let settings = ApplyWorkflow.Settings(reportPath: reportPath)

            let (declined, said) = Self.workflow(context, settings, answer: { "no" })
            let outcome = await declined.run(.tenants { [tenant] })
            #expect(outcome.status == .cancelled, "\(said.errors)")
            #expect(outcome.report == nil)
            #expect(said.output.contains("Apply these changes? Only 'yes' is accepted: "), "\(said.output)")
            #expect(said.errors.contains("Apply cancelled at the prompt: nothing applied."), "\(said.errors)")
            #expect(await Self.writes(emulator).isEmpty)
            #expect(!FileManager.default.fileExists(atPath: reportPath))

            // No terminal to ask on: refused, not taken for a yes.
            let (unaskable, told) = Self.workflow(context, settings, answer: nil)
            #expect(await unaskable.run(.tenants { [tenant] }).status == .error)
            #expect(told.errors.contains("refusing to apply without confirmation: no terminal to ask on"), "\(told.errors)")
            #expect(await Self.writes(emulator).isEmpty)

            // `yes` (spaces around it allowed) applies, and the report is written.
            let (approved, shown) = Self.workflow(context, settings, answer: { " yes " })
            let applied = await approved.run(.tenants { [tenant] })
            #expect(applied.status == .success, "\(shown.errors)")
            #expect(applied.report?.summary.applied == 4)
            #expect(!(await Self.writes(emulator)).isEmpty)
            #expect(FileManager.default.fileExists(atPath: reportPath))
        }
    }

    @Test func aGuardTripsBlocksAndWritesNothingUntilAllowedByName() async throws {
        try await TenantApplierTests.withOrg { context, tenant, _, emulator in
            let (first, _) = Self.workflow(context, ApplyWorkflow.Settings(autoApprove: true))
            #expect(await first.run(.tenants { [tenant] }).status == .success)

            var edited = tenant
            edited.deployments[0].fields["allowedDomains"] = ["shop.example.com"]
            let narrowed = edited
            let before = await emulator.requestLog().count
            let (blocked, said) = Self.workflow(context, ApplyWorkflow.Settings(autoApprove: true))
            let outcome = await blocked.run(.tenants { [narrowed] })
            #expect(outcome.status == .blocked, "\(said.errors)")
            #expect(outcome.report == nil)
            #expect(said.errors.contains("error: guard remove-domains: t deployment \"web\": removes allowed domains www.example.com"), "\(said.errors)")
            #expect(said.errors.contains("Nothing was written. Review the plan; apply with --allow remove-domains"), "\(said.errors)")
            #expect(await Self.writes(emulator, since: before).isEmpty)

            // A guard name that does not exist is refused before anything is read.
            let (misspelt, corrected) = Self.workflow(context, ApplyWorkflow.Settings(autoApprove: true, allow: ["remove-domain"]))
            #expect(await misspelt.run(.tenants { [narrowed] }).status == .error)
            #expect(corrected.errors.contains("--allow names no guard `remove-domain`"), "\(corrected.errors)")

            let (allowed, warned) = Self.workflow(context, ApplyWorkflow.Settings(autoApprove: true, allow: ["delete,remove-domains"]))
            #expect(await allowed.run(.tenants { [narrowed] }).status == .success, "\(warned.errors)")
            #expect(warned.errors.contains("warning: guard remove-domains:"), "\(warned.errors)")
            #expect(warned.errors.contains("(allowed)"))
        }
    }

    @Test func aSavedPlanGoneStaleIsAConflictAndWritesNothing() async throws {
        try await TenantApplierTests.withOrg { context, tenant, _, emulator in
            let planPath = NSTemporaryDirectory() + "apply-workflow-\(UUID().uuidString).json"
            defer { try? FileManager.default.removeItem(atPath: planPath) }
            let plan = await Fleet(context: context).plan([tenant])
            try ReportFiles.writeAtomically(try ReportFiles.json(plan), to: planPath)

            // The tenant file changes after the plan was saved.
            let file = try String(contentsOfFile: tenant.file, encoding: .utf8)
            try file.replacingOccurrences(of: "launcherButton: { visibility: On }", with: "launcherButton: { visibility: Off }")
                .write(toFile: tenant.file, atomically: true, encoding: .utf8)

            let (stale, said) = Self.workflow(context, ApplyWorkflow.Settings())
            let outcome = await stale.run(.savedPlan(path: planPath))
            #expect(outcome.status == .conflict, "\(said.errors)")
            #expect(said.errors.contains("\(planPath) is stale: the tenant files changed since it was planned"), "\(said.errors)")
            #expect(said.errors.contains("`messenger.launcherButton.visibility` is \"On\" in the plan, \"Off\" in"), "\(said.errors)")
            #expect(await Self.writes(emulator).isEmpty)

            // `--remove-duplicates` belongs to planning: refused with a saved plan, before it is read.
            let (refused, told) = Self.workflow(context, ApplyWorkflow.Settings(removeDuplicates: true))
            #expect(await refused.run(.savedPlan(path: planPath)).status == .error)
            #expect(told.errors.contains("--remove-duplicates decides what a plan contains"), "\(told.errors)")
        }
    }

    /// Cancelled while the configuration waits to become `Active` (the emulator's clock stands still
    /// until the applier's pause moves it): that step finishes, the three after it are not attempted.
    @Test func cancellingBetweenObjectsFinishesTheStepInFlightAndReportsWhereItStopped() async throws {
        let clock = ManualClock()
        try await TenantApplierTests.withOrg(configure: { $0.clock = EmulatorClock(clock) }) { context, tenant, _, emulator in
            let reportPath = NSTemporaryDirectory() + "apply-workflow-\(UUID().uuidString).json"
            defer { try? FileManager.default.removeItem(atPath: reportPath) }
            let cancellation = ApplyCancellation()
            let settings = ApplyWorkflow.Settings(
                autoApprove: true, reportPath: reportPath,
                pause: { _ in
                    // Ctrl-C arrives while the first object's wait is in flight.
                    cancellation.cancel()
                    clock.advance(by: .seconds(1))
                })
            let (workflow, said) = Self.workflow(context, settings, cancellation: cancellation)
            let outcome = await workflow.run(.tenants { [tenant] })

            #expect(outcome.status == .error, "\(said.errors)")
            let objects = try #require(outcome.report?.tenants.first?.objects)
            #expect(objects.map(\.kind) == [.configuration, .deployment, .schedule, .scheduleGroup])
            #expect(objects.map(\.outcome) == [.applied, .notAttempted, .notAttempted, .notAttempted], "\(objects)")
            #expect(objects.dropFirst().allSatisfy { $0.reason == "interrupted before this step" })
            #expect(said.errors.contains("Interrupted: the step in flight finished; the report above says what was not attempted."))
            #expect(said.output.contains("not attempted"), "\(said.output)")
            #expect(!said.errors.contains("Interrupted before anything was written."))

            // Only the configuration was written; the report on disk says the same.
            let written = await Self.writes(emulator)
            #expect(!written.isEmpty)
            #expect(written.allSatisfy { $0.path.contains("/webdeployments/configurations") }, "\(written.map(\.path))")
            let report = try JSONValue.parse(Data(contentsOf: URL(fileURLWithPath: reportPath)))
            let outcomes = (report["tenants"]?.arrayValue?.first?["objects"]?.arrayValue ?? []).compactMap { $0["outcome"]?.stringValue }
            #expect(outcomes == ["applied", "notAttempted", "notAttempted", "notAttempted"])
        }
    }

    @Test func cancelledWhilePlanningWritesNothing() async throws {
        try await TenantApplierTests.withOrg { context, tenant, _, emulator in
            let cancellation = ApplyCancellation()
            let (workflow, said) = Self.workflow(context, ApplyWorkflow.Settings(), cancellation: cancellation)
            // Ctrl-C lands as the files are read: no prompt, no write.
            let outcome = await workflow.run(.tenants {
                cancellation.cancel()
                return [tenant]
            })
            #expect(outcome.status == .error)
            #expect(said.errors.contains("Interrupted before anything was written."), "\(said.errors)")
            #expect(!said.output.contains("Apply these changes?"))
            #expect(await Self.writes(emulator).isEmpty)
        }
    }
}

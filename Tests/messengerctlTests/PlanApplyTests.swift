import Foundation
import GenesysCloud
import GenesysEmulator
import TestSupport
import Testing

/// End to end: the `messengerctl` executable against the emulator over HTTP (issue "Plan and apply").
@Suite(.serialized) struct PlanApplyTests {
    static let sentinel = "SENTINEL-SECRET-7f3a9c"

    static let body = """
        configurations:
          - name: support
            description: Support messenger
            languages: [en-us, fr]
            defaultLanguage: en-us
            messenger:
              enabled: true
              styles: { primaryColor: "#0052CC" }
              launcherButton: { visibility: On }
              fileUpload: { modes: [{ fileTypes: [image/png, image/jpeg], maxFileSizeKB: 10240 }] }
            greetings:
              en-us: { title: "Hello!", subtitle: "How can we help?" }
              fr: { title: "Bonjour !" }
        deployments:
          - name: web
            configuration: support
            allowedDomains: [www.example.com, shop.example.com]
        availability:
          - name: support-hours
            timeZone: Europe/Dublin
            open:
              - { days: [MO, TU, WE, TH, FR], from: "09:00", to: "17:00" }
            closed:
              - { name: Christmas, date: 2026-12-25 }

        """

    static func harness(tenants: Int = 1) async throws -> CLIHarness {
        let regions = ["eu-west-1", "us-east-1", "ap-southeast-2"]
        let specs = (0..<tenants).map { i in
            CLIHarness.TenantSpec(
                name: "t\(i + 1)", region: regions[i % regions.count],
                organizationId: "6a1e2b3c-4d5e-4f60-8a7b-9c0d1e2f3a4\(i)", secret: i == 0 ? sentinel : "secret-\(i)",
                yamlBody: body)
        }
        return try await CLIHarness(tenants: specs)
    }

    @Test func firstPlanShowsChangesApplyConvergesAndASecondApplyWritesNothing() async throws {
        try await CLIHarness.with(await Self.harness()) { h in

            let first = try await h.run(["plan", "--detailed-exitcode"])
            #expect(first.status == 2, "\(first.all)")
            #expect(first.stdout.contains("+ configuration \"support\" (publishes version 1)"))
            #expect(first.stdout.contains("+ deployment \"web\""))
            #expect(first.stdout.contains("+ schedule group \"support-hours\""))

            let apply = try await h.run(["apply", "--auto-approve"])
            #expect(apply.status == 0, "\(apply.all)")
            #expect(apply.stdout.contains("published version 1"))

            let second = try await h.run(["plan", "--detailed-exitcode"])
            #expect(second.status == 0, "\(second.all)")
            #expect(second.stdout.contains("no changes"))

            let writesBefore = await h.emulator.requestLog().filter { $0.method != "GET" && !$0.path.contains("oauth") }.count
            let again = try await h.run(["apply", "--auto-approve"])
            #expect(again.status == 0, "\(again.all)")
            #expect(again.stdout.contains("Nothing to apply"))
            let writesAfter = await h.emulator.requestLog().filter { $0.method != "GET" && !$0.path.contains("oauth") }.count
            #expect(writesAfter == writesBefore)
            #expect(!(await h.emulator.requestLog()).contains { $0.path.hasSuffix("/publish") && $0.method == "POST" && $0.clientID == nil })
        }
    }

    @Test func unmanagedFieldsSurviveAnApply() async throws {
        try await CLIHarness.with(await Self.harness()) { h in
            let admin = try await h.appliedWithAdmin(tenant: "t1")
            try await admin.uiEdit(configuration: "support") { $0.set("position.alignment", "Left") }

            try h.write(tenant: "t1", try h.read(tenant: "t1").replacingOccurrences(of: "#0052CC", with: "#0B3D91"))
            let apply = try await h.run(["apply", "--auto-approve"])
            #expect(apply.status == 0, "\(apply.all)")
            let published = try #require(try await admin.published(configuration: "support"))
            #expect(published["position"]?["alignment"] == "Left")
            #expect(published["messenger"]?["styles"]?["primaryColor"]?.stringValue?.lowercased() == "#0b3d91")
            #expect(try await h.run(["plan", "--detailed-exitcode"]).status == 0)
        }
    }

    @Test func aSavedPlanAppliedAfterAnotherWriterEditedTheSameFieldIsAConflict() async throws {
        try await CLIHarness.with(await Self.harness()) { h in
            #expect(try await h.run(["apply", "--auto-approve"]).status == 0)

            try h.write(tenant: "t1", try h.read(tenant: "t1").replacingOccurrences(of: "visibility: On", with: "visibility: OnDemand"))
            let saved = try await h.run(["plan", "--out", "plan.json"])
            #expect(saved.status == 0, "\(saved.all)")
            let admin = try h.adminClient(tenant: "t1")
            try await admin.uiEdit(configuration: "support") { $0.set("messenger.launcherButton.visibility", "Off") }

            let apply = try await h.run(["apply", "plan.json"])
            #expect(apply.status == 3, "\(apply.all)")
            #expect(apply.stdout.contains("conflict"))
            #expect(apply.stdout.contains("theirs \"Off\""))
            let published = try #require(try await admin.published(configuration: "support"))
            #expect(published["messenger"]?["launcherButton"]?["visibility"] == "Off")

            // --rebase cannot save it either: the other writer changed the same field.
            let rebased = try await h.run(["apply", "plan.json", "--rebase"])
            #expect(rebased.status == 3, "\(rebased.all)")
        }
    }

    @Test func rebaseWithADisjointEditAppliesAndKeepsBoth() async throws {
        try await CLIHarness.with(await Self.harness()) { h in
            #expect(try await h.run(["apply", "--auto-approve"]).status == 0)

            try h.write(tenant: "t1", try h.read(tenant: "t1").replacingOccurrences(of: "visibility: On", with: "visibility: OnDemand"))
            #expect(try await h.run(["plan", "--out", "plan.json"]).status == 0)
            let admin = try h.adminClient(tenant: "t1")
            try await admin.uiEdit(configuration: "support") { $0.set("messenger.homeScreen.logoUrl", "https://cdn.example.com/logo.png") }

            let plain = try await h.run(["apply", "plan.json"])
            #expect(plain.status == 3, "\(plain.all)")

            let rebased = try await h.run(["apply", "plan.json", "--rebase"])
            #expect(rebased.status == 0, "\(rebased.all)")
            let published = try #require(try await admin.published(configuration: "support"))
            #expect(published["messenger"]?["launcherButton"]?["visibility"] == "OnDemand")
            #expect(published["messenger"]?["homeScreen"]?["logoUrl"] == "https://cdn.example.com/logo.png")
        }
    }

    @Test func someoneElsesUnpublishedDraftIsNotPublishedByAccident() async throws {
        try await CLIHarness.with(await Self.harness()) { h in
            let admin = try await h.appliedWithAdmin(tenant: "t1")
            // A field the file does not manage: publishing our change would ship their edit too.
            try await admin.uiEdit(configuration: "support", publish: false) { $0.set("position.alignment", "Left") }
            try h.write(tenant: "t1", try h.read(tenant: "t1").replacingOccurrences(of: "#0052CC", with: "#0B3D91"))

            let plan = try await h.run(["plan"])
            #expect(plan.stdout.contains("unpublished draft edits by someone else in `position.alignment`"), "\(plan.all)")
            let apply = try await h.run(["apply", "--auto-approve"])
            #expect(apply.status == 4, "\(apply.all)")
            #expect(apply.stdout.contains("blocked"))
            let published = try #require(try await admin.published(configuration: "support"))
            #expect(published["position"]?["alignment"] == nil)
            #expect(published["messenger"]?["styles"]?["primaryColor"] == "#0052CC")

            let forced = try await h.run(["apply", "--auto-approve", "--publish-foreign-draft"])
            #expect(forced.status == 0, "\(forced.all)")
        }
    }

    @Test func aTenantWithBadCredentialsFailsAloneAndNoSecretLeaks() async throws {
        try await CLIHarness.with(await Self.harness(tenants: 3)) { h in
            let wrong = ["T2_CLIENT_SECRET": "wrong-\(Self.sentinel)"]
            let plan = try await h.run(["plan", "--detailed-exitcode", "--verbose"], environment: wrong)
            #expect(plan.status == 1, "\(plan.all)")
            #expect(plan.stdout.contains("t2"))

            let apply = try await h.run(["apply", "--auto-approve", "--verbose", "--report", "report.json"], environment: wrong)
            #expect(apply.status == 1, "\(apply.all)")
            // Planning failed for t2, so apply refused to write anything: nothing half-done.
            #expect(apply.stderr.contains("some tenants could not be planned"))

            // The saved-plan path: t1 and t3 apply, t2 fails alone.
            _ = try await h.run(["plan", "--out", "plan.json"])
            let savedApply = try await h.run(["apply", "plan.json", "--report", "report.json", "--verbose"], environment: wrong)
            #expect(savedApply.status == 1, "\(savedApply.all)")
            let report = try String(contentsOf: URL(fileURLWithPath: h.path("report.json")), encoding: .utf8)
            let json = try JSONValue.parse(Data(report.utf8))
            let tenants = try #require(json["tenants"]?.arrayValue)
            #expect(tenants.first { $0["tenant"] == "t2" }?["error"] != nil)
            #expect(tenants.first { $0["tenant"] == "t1" }?["objects"]?.arrayValue?.allSatisfy { $0["outcome"] == "applied" } == true)

            for output in [plan.all, apply.all, savedApply.all, report] {
                #expect(!output.contains(Self.sentinel))
            }
        }
    }

    @Test func jsonAndMarkdownPlansAgreeWithTheTextPlan() async throws {
        try await CLIHarness.with(await Self.harness()) { h in
            let text = try await h.run(["plan"])
            let json = try await h.run(["plan", "--format", "json"])
            let markdown = try await h.run(["plan", "--format", "markdown"])
            #expect(text.status == 0 && json.status == 0 && markdown.status == 0)
            let plan = try JSONValue.parse(Data(json.stdout.utf8))
            #expect(plan["formatVersion"] == 2)
            let objects = try #require(plan["tenants"]?.arrayValue?.first?["objects"]?.arrayValue)
            #expect(!objects.isEmpty)
            for object in objects {
                let kind = try #require(object["kind"]?.stringValue)
                #expect(["configuration", "deployment", "schedule", "scheduleGroup"].contains(kind))
                for change in object["changes"]?.arrayValue ?? [] {
                    let path = try #require(change["path"]?.stringValue)
                    #expect(text.stdout.contains(" \(path): "), "text plan lacks \(path)")
                }
            }
            #expect(markdown.stdout.contains("| t1 | eu-west-1 |"))
            #expect(markdown.stdout.contains("<details>"))
        }
    }

    @Test func applyRefusesWithoutATerminalOrAutoApprove() async throws {
        try await CLIHarness.with(await Self.harness()) { h in
            let apply = try await h.run(["apply"])
            #expect(apply.status == 1)
            #expect(apply.stderr.contains("--auto-approve"))
            let writes = await h.emulator.requestLog().filter { $0.method == "POST" && !$0.path.contains("oauth") }
            #expect(writes.isEmpty)
        }
    }

    @Test func driftNamesTheAdminWhoChangedAManagedField() async throws {
        try await CLIHarness.with(await Self.harness()) { h in
            #expect(try await h.run(["apply", "--auto-approve"]).status == 0)
            #expect(try await h.run(["drift"]).status == 0)
            let admin = try h.adminClient(tenant: "t1")
            try await admin.uiEdit(configuration: "support") { $0.set("messenger.launcherButton.visibility", "Off") }

            let drift = try await h.run(["drift"])
            #expect(drift.status == 2, "\(drift.all)")
            #expect(drift.stdout.contains("`messenger.launcherButton.visibility` \"On\" → \"Off\""), "\(drift.stdout)")
            #expect(drift.stdout.contains("by Admin UI user"), "\(drift.stdout)")
            #expect(drift.stdout.contains("published as version 2"), "\(drift.stdout)")

            let junit = try await h.run(["drift", "--format", "junit"])
            #expect(junit.status == 2)
            #expect(junit.stdout.contains("<failure message=\"2 objects drifted\""))

            #expect(try await h.run(["apply", "--auto-approve"]).status == 0)
            #expect(try await h.run(["drift"]).status == 0)
        }
    }

    /// SIGTERM is what CI runners send on cancel: handled as Ctrl-C is.
    @Test(arguments: [SIGINT, SIGTERM]) func ctrlCStopsBetweenStepsAndSaysWhereItStopped(signal: Int32) async throws {
        try await CLIHarness.with(await Self.harness(tenants: 3)) { h in
            // Slow answers so the interrupt lands mid-run.
            await h.emulator.setFaults(FaultPlan(latency: .milliseconds(150)))
            let emulator = h.emulator
            let apply = try await h.run(["apply", "--auto-approve", "--concurrency", "1", "--report", "report.json"]) { process in
                // Interrupt once the first configuration is published: mid-apply, between steps or in one.
                let published = DispatchSemaphore(value: 0)
                Task {
                    while !(await emulator.requestLog()).contains(where: { $0.method == "POST" && $0.path.hasSuffix("/publish") }) {
                        try? await Task.sleep(for: .milliseconds(20))
                    }
                    published.signal()
                }
                published.wait()
                kill(process.processIdentifier, signal)
            }
            #expect(apply.status == 1, "\(apply.all)")
            #expect(apply.stderr.contains("Stopping after the step in flight"))
            #expect(apply.stderr.contains("Interrupted"))
            #expect(apply.stdout.contains("not attempted"), "\(apply.stdout)")
            let report = try JSONValue.parse(Data(contentsOf: URL(fileURLWithPath: h.path("report.json"))))
            let outcomes = (report["tenants"]?.arrayValue ?? []).flatMap { $0["objects"]?.arrayValue ?? [] }.compactMap { $0["outcome"]?.stringValue }
            #expect(outcomes.contains("notAttempted"))
            #expect(!outcomes.contains("failed"))
            // Nothing was left half-written: a new plan and apply converge.
            await h.emulator.setFaults(FaultPlan())
            #expect(try await h.run(["apply", "--auto-approve"]).status == 0)
            #expect(try await h.run(["plan", "--detailed-exitcode"]).status == 0)
        }
    }
}

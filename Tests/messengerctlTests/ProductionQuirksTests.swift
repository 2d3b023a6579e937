import Foundation
import GenesysCloud
import GenesysEmulator
import Reconciler
import TestSupport
import Testing

/// The client copes with production's real behaviour, each played by the emulator (issue "what passes here
/// passes in production"): asynchronous deletes, stale versions answered 400, names in audit records only
/// with `expand=user`, feature-gated orgs, listing and single GET in different models.
@Suite(.serialized) struct ProductionQuirksTests {
    static let body = """
        configurations:
          - name: support
            languages: [en-us]
            defaultLanguage: en-us
            messenger:
              enabled: true
              styles: { primaryColor: "#0052CC" }
        deployments:
          - name: web
            configuration: support
            allowedDomains: [www.example.com]
        availability:
          - name: hours
            timeZone: Europe/Dublin
            open:
              - { days: [MO, TU, WE, TH, FR], from: "09:00", to: "17:00" }

        """

    static func harness(
        _ yamlBody: String = body, configure: (inout EmulatorOptions, inout [EmulatorSeed.Org]) -> Void = { _, _ in }
    ) async throws -> CLIHarness {
        try await CLIHarness(
            tenants: [.init(name: "q1", region: "eu-west-1", organizationId: "7b2e4f6a-1b3c-4d5e-8f9a-0b1c2d3e4f5a",
                            secret: "q1-secret", yamlBody: yamlBody)],
            configure: configure)
    }

    /// reference §3.5 item 6: the deployment is still being deleted when prune deletes its configuration.
    @Test func pruneWaitsForAsynchronousDeletes() async throws {
        try await CLIHarness.with(await Self.harness { options, _ in options.asyncDeleteRequests = 3 }) { h in
            #expect(try await h.run(["apply", "--auto-approve"]).status == 0)

            try h.write(tenant: "q1", CLIHarness.header(.init(name: "q1", region: "eu-west-1",
                organizationId: "7b2e4f6a-1b3c-4d5e-8f9a-0b1c2d3e4f5a", secret: "", yamlBody: "")) + "prune: true\n")
            let apply = try await h.run(["apply", "--auto-approve", "--allow-risky"])
            #expect(apply.status == 0, "\(apply.all)")
            let log = await h.emulator.requestLog()
            #expect(log.contains { $0.method == "DELETE" && $0.path.contains("/configurations/") && $0.status == 204 })
            let snapshot = await h.emulator.snapshot()
            #expect(snapshot.orgs[0].configurations.isEmpty)
            #expect(snapshot.orgs[0].deployments.isEmpty)
            #expect(try await h.run(["plan", "--detailed-exitcode"]).status == 0)
        }
    }

    /// The same prune through the library, its waits on a clock the test injects (the client's clock, which
    /// moves as it is waited on): the polls of each delete are the bounded backoff, taken without waiting.
    @Test func pruneDeleteWaitsRunOnTheInjectedClock() async throws {
        try await CLIHarness.with(await Self.harness { options, _ in options.asyncDeleteRequests = 3 }) { h in
            #expect(try await h.run(["apply", "--auto-approve"]).status == 0)
            try h.write(tenant: "q1", CLIHarness.header(.init(name: "q1", region: "eu-west-1",
                organizationId: "7b2e4f6a-1b3c-4d5e-8f9a-0b1c2d3e4f5a", secret: "", yamlBody: "")) + "prune: true\n")
            let clock = ManualClock(autoAdvance: true)
            let fleet = try h.fleet(clock: clock)
            let plan = await fleet.plan(try h.loadTenants())
            #expect(plan.tenants.flatMap(\.objects).filter { $0.action == .delete }.count >= 2)
            let report = await fleet.apply(plan)
            #expect(report.tenants.allSatisfy { $0.error == nil }, "\(report.tenants)")
            let snapshot = await h.emulator.snapshot()
            #expect(snapshot.orgs[0].configurations.isEmpty)
            #expect(snapshot.orgs[0].deployments.isEmpty)
            // Each delete was polled until gone (404) with the backoff 50 ms, 100 ms, …, on the injected
            // clock: the waits add up on it, not on the wall clock.
            #expect(clock.sleeps.first == .milliseconds(50), "\(clock.sleeps)")
            #expect(clock.sleeps.contains(.milliseconds(100)), "\(clock.sleeps)")
        }
    }

    /// reference §3.5 item 6, §5.1: another writer deleted the deployment a moment ago, and production is still
    /// deleting it. The listing no longer shows it, so prune deletes the configuration it used, which answers
    /// 409 `resource.conflict` until that delete completes: prune retries it (bounded) instead of failing.
    @Test func pruneRetriesTheConflictOfADeleteInProgressElsewhere() async throws {
        try await CLIHarness.with(await Self.harness { options, _ in options.asyncDeleteRequests = 12 }) { h in
            let admin = try await h.appliedWithAdmin(tenant: "q1")
            try h.write(tenant: "q1", CLIHarness.header(.init(name: "q1", region: "eu-west-1",
                organizationId: "7b2e4f6a-1b3c-4d5e-8f9a-0b1c2d3e4f5a", secret: "", yamlBody: "")) + "prune: true\n")
            let deployment = try #require(try await admin.listDeployments().first?.id)
            try await admin.deleteDeployment(id: deployment)

            let clock = ManualClock(autoAdvance: true)
            let fleet = try h.fleet(clock: clock)
            let plan = await fleet.plan(try h.loadTenants())
            let deletes = plan.tenants.flatMap(\.objects).filter { $0.action == .delete }
            #expect(deletes.contains { $0.kind == .configuration })
            #expect(!deletes.contains { $0.kind == .deployment }, "the deployment being deleted is not listed")
            let report = await fleet.apply(plan)
            #expect(report.tenants.allSatisfy { $0.error == nil }, "\(report.tenants)")
            let configurationDeletes = await h.emulator.requestLog()
                .filter { $0.method == "DELETE" && $0.path.contains("/webdeployments/configurations/") }.map(\.status)
            #expect(configurationDeletes.first == 409, "\(configurationDeletes)")
            #expect(configurationDeletes.last.map { (200..<300).contains($0) } == true, "\(configurationDeletes)")
            #expect(await h.emulator.snapshot().orgs[0].configurations.isEmpty)
        }
    }

    /// reference §5.4: Terraform treats 400 "does not match the current version" as a version mismatch.
    @Test func aStaleScheduleVersionAnswered400IsAConflict() async throws {
        try await CLIHarness.with(await Self.harness { options, _ in options.staleVersionAs400 = true }) { h in
            #expect(try await h.run(["apply", "--auto-approve"]).status == 0)
            try h.write(tenant: "q1", try h.read(tenant: "q1").replacingOccurrences(of: "\"17:00\"", with: "\"18:00\""))
            let saved = try await h.run(["plan", "--out", "plan.json"])
            #expect(saved.status == 0, "\(saved.all)")
            let admin = try h.adminClient(tenant: "q1")
            let schedule = try #require(try await admin.listSchedules().first)
            var edited = JSONValue.object(schedule.fields)
            edited["description"] = "edited in the UI"
            for key in ["id", "dateCreated", "dateModified", "modifiedBy", "createdBy", "state", "selfUri"] { edited[key] = nil }
            _ = try await admin.replaceSchedule(id: schedule.fields["id"]!.stringValue!, with: Schedule(fields: edited.objectValue!))

            let apply = try await h.run(["apply", "plan.json"])
            #expect(apply.status == 3, "\(apply.all)")
            #expect(apply.all.contains("conflict"), "\(apply.all)")
        }
    }

    /// reference §3.2: without `expand=user` production's audit records carry a user id only.
    @Test func driftNamesWhoChangedWhat() async throws {
        try await CLIHarness.with(await Self.harness()) { h in
            let admin = try await h.appliedWithAdmin(tenant: "q1")
            try await admin.uiEdit(configuration: "support") { $0.set("messenger.styles.primaryColor", "#0B3D91") }
            let drift = try await h.run(["drift"])
            #expect(drift.status == 2, "\(drift.all)")
            #expect(drift.stdout.contains("changed by Admin UI user"), "\(drift.stdout)")
            #expect(await h.emulator.requestLog().contains { $0.path.contains("/audits/") })
        }
    }

    /// reference §3.5 item 7: an org without a feature answers 400 "feature is not yet implemented".
    @Test func aFeatureGatedOrgGetsAPlainMessage() async throws {
        let body = Self.body.replacingOccurrences(
            of: "      styles: { primaryColor: \"#0052CC\" }\n", with: "      styles: { primaryColor: \"#0052CC\" }\n    video: { enabled: true }\n")
        try await CLIHarness.with(await Self.harness(body) { _, orgs in orgs[0].featuresNotImplemented = ["video"] }) { h in
            let apply = try await h.run(["apply", "--auto-approve"])
            #expect(apply.status == 1, "\(apply.all)")
            #expect(apply.all.contains("this organization does not have the feature behind `video`"), "\(apply.all)")
            #expect(apply.all.contains("Remove `video` from the tenant file"), "\(apply.all)")
        }
    }

    /// reference §4.2: the listing's deployments (`ExpandableWebDeployment`) are not the single GET's
    /// (`WebDeployment`); a plan fingerprinted from one and re-read through the other must still apply.
    @Test func deploymentUpdatesAreNotConflictsAcrossModels() async throws {
        try await CLIHarness.with(await Self.harness()) { h in
            #expect(try await h.run(["apply", "--auto-approve"]).status == 0)
            try h.write(tenant: "q1", try h.read(tenant: "q1").replacingOccurrences(
                of: "[www.example.com]", with: "[www.example.com, shop.example.com]"))
            let apply = try await h.run(["apply", "--auto-approve"])
            #expect(apply.status == 0, "\(apply.all)")
            #expect(try await h.run(["plan", "--detailed-exitcode"]).status == 0)
        }
    }

    /// reference §3.5 item 5: now and then a publish just after the draft turned Active answers 400.
    @Test func aTransientPublish400IsRetried() async throws {
        try await CLIHarness.with(await Self.harness { options, _ in options.transientPublish400 = true }) { h in
            let apply = try await h.run(["apply", "--auto-approve"])
            #expect(apply.status == 0, "\(apply.all)")
            let publishes = await h.emulator.requestLog().filter { $0.method == "POST" && $0.path.hasSuffix("/publish") }
            #expect(publishes.map(\.status) == [400, 200])
        }
    }
}

import Foundation
import GenesysCloud
import GenesysEmulator
import TestSupport
import Testing

/// End to end: a saved plan is an artifact that travels through CI, so apply trusts it no further
/// than it can check (issue "Rebase and saved plans"), and `--rebase` never reverts a managed field
/// someone else changed.
@Suite(.serialized) struct SavedPlanTests {
    /// Writes (POST/PUT/DELETE) the emulator saw, OAuth excluded.
    static func writes(_ h: CLIHarness) async -> [LoggedRequest] {
        await h.emulator.requestLog().filter { $0.method != "GET" && !$0.path.contains("oauth") }
    }

    static func readJSON(_ h: CLIHarness, _ file: String) throws -> JSONValue {
        try JSONValue.parse(Data(contentsOf: URL(fileURLWithPath: h.path(file))))
    }

    static func writeJSON(_ h: CLIHarness, _ file: String, _ value: JSONValue) throws {
        try value.encoded(pretty: true).write(to: URL(fileURLWithPath: h.path(file)))
    }

    /// `plan` with `tenant`'s entry changed by `edit`.
    static func editTenant(_ plan: inout JSONValue, _ tenant: String, _ edit: (inout JSONValue) -> Void) {
        var tenants = plan["tenants"]?.arrayValue ?? []
        for index in tenants.indices where tenants[index]["tenant"]?.stringValue == tenant { edit(&tenants[index]) }
        plan["tenants"] = .array(tenants)
    }

    /// `tenant`'s object entry `name` changed by `edit`.
    static func editObject(_ tenant: inout JSONValue, _ name: String, _ edit: (inout JSONValue) -> Void) {
        var objects = tenant["objects"]?.arrayValue ?? []
        for index in objects.indices where objects[index]["name"]?.stringValue == name { edit(&objects[index]) }
        tenant["objects"] = .array(objects)
    }

    // MARK: Rebase

    /// Applies the file, changes the launcher's visibility in it, saves the plan as `plan.json`, and
    /// returns the org's second writer ("Admin UI user").
    static func savePlanChangingVisibility(_ h: CLIHarness) async throws -> GenesysCloudClient {
        #expect(try await h.run(["apply", "--auto-approve"]).status == 0)
        try h.write(tenant: "t1", try h.read(tenant: "t1").replacingOccurrences(of: "visibility: On", with: "visibility: OnDemand"))
        #expect(try await h.run(["plan", "--out", "plan.json"]).status == 0)
        return try h.adminClient(tenant: "t1")
    }

    @Test func rebaseRefusesWhenAnotherWriterChangedAManagedFieldThePlanDidNotChange() async throws {
        try await CLIHarness.with(await PlanApplyTests.harness()) { h in
            let admin = try await Self.savePlanChangingVisibility(h)
            // The admin publishes a new primary colour: a field the file manages (#0052CC) but the
            // reviewed plan does not change.
            try await admin.uiEdit(configuration: "support") { $0.set("messenger.styles.primaryColor", "#AA0000") }

            let rebased = try await h.run(["apply", "plan.json", "--rebase", "--report", "report.json"])
            #expect(rebased.status == 3, "\(rebased.all)")
            #expect(rebased.stdout.contains("messenger.styles.primaryColor"), "\(rebased.stdout)")
            #expect(rebased.stdout.contains("theirs \"#AA0000\""), "\(rebased.stdout)")
            let published = try #require(try await admin.published(configuration: "support"))
            #expect(published["messenger"]?["styles"]?["primaryColor"] == "#AA0000")
            #expect(published["messenger"]?["launcherButton"]?["visibility"] == "On")
        }
    }

    @Test func aRebaseListsEveryFieldItRebasedInTextAndJSON() async throws {
        try await CLIHarness.with(await PlanApplyTests.harness()) { h in
            let admin = try await Self.savePlanChangingVisibility(h)
            try await admin.uiEdit(configuration: "support") { $0.set("messenger.homeScreen.logoUrl", "https://cdn.example.com/logo.png") }

            let rebased = try await h.run(["apply", "plan.json", "--rebase", "--report", "report.json"])
            #expect(rebased.status == 0, "\(rebased.all)")
            #expect(rebased.stdout.contains("re-based"), "\(rebased.stdout)")
            #expect(rebased.stdout.contains("messenger.launcherButton.visibility"), "\(rebased.stdout)")
            let report = try Self.readJSON(h, "report.json")
            let objects = (report["tenants"]?.arrayValue ?? []).flatMap { $0["objects"]?.arrayValue ?? [] }
            let configuration = try #require(objects.first { $0["kind"] == "configuration" })
            let fields = (configuration["rebased"]?.arrayValue ?? []).compactMap { $0.stringValue }
            #expect(fields == ["messenger.launcherButton.visibility"], "\(configuration)")
        }
    }

    // MARK: Saved plans are checked

    @Test func aSavedPlanWithATenantErrorIsNotAppliedAtAll() async throws {
        try await CLIHarness.with(await PlanApplyTests.harness(tenants: 2)) { h in
            let plan = try await h.run(["plan", "--out", "plan.json"], environment: ["T2_CLIENT_SECRET": "wrong"])
            #expect(plan.status == 1, "\(plan.all)")

            let apply = try await h.run(["apply", "plan.json"])
            #expect(apply.status == 1, "\(apply.all)")
            #expect(apply.stderr.contains("t2"), "\(apply.stderr)")
            #expect(apply.stderr.contains("nothing was applied"), "\(apply.stderr)")
            #expect(await Self.writes(h).isEmpty)
        }
    }

    @Test func aSavedPlanWhoseOrgRegionAndCredentialsWereSwappedIsRefused() async throws {
        try await CLIHarness.with(await PlanApplyTests.harness(tenants: 2)) { h in
            #expect(try await h.run(["plan", "tenants/t1.yaml", "--out", "plan.json"]).status == 0)
            // Hand-edited: t1's changes aimed at t2's org.
            var plan = try Self.readJSON(h, "plan.json")
            let t2 = h.orgs[1]
            Self.editTenant(&plan, "t1") { tenant in
                tenant["region"] = .string(t2.region)
                tenant["organizationId"] = .string(t2.id)
                tenant["credentials"] = ["clientIdEnv": "T2_CLIENT_ID", "clientSecretEnv": "T2_CLIENT_SECRET"]
            }
            try Self.writeJSON(h, "plan.json", plan)

            let apply = try await h.run(["apply", "plan.json"])
            #expect(apply.status == 1, "\(apply.all)")
            #expect(apply.stderr.contains("tenants/t1.yaml"), "\(apply.stderr)")
            #expect(apply.stderr.contains("organizationId"), "\(apply.stderr)")
            #expect(await Self.writes(h).isEmpty)
        }
    }

    @Test func aTenantMarkedWithAnErrorIsNeitherGuardedAwayNorApplied() async throws {
        try await CLIHarness.with(await PlanApplyTests.harness()) { h in
            try h.write(tenant: "t1", "prune: true\n" + (try h.read(tenant: "t1")).replacingOccurrences(
                of: "      - { name: Christmas, date: 2026-12-25 }",
                with: "      - { name: Christmas, date: 2026-12-25 }\n      - { name: Boxing Day, date: 2026-12-26 }"))
            let admin = try await h.appliedWithAdmin(tenant: "t1")
            let schedules = try await admin.listSchedules().count

            try h.write(tenant: "t1", try h.read(tenant: "t1").replacingOccurrences(of: "      - { name: Boxing Day, date: 2026-12-26 }\n", with: ""))
            let planned = try await h.run(["plan", "--out", "plan.json"])
            #expect(planned.stdout.contains("- schedule"), "\(planned.all)")
            var plan = try Self.readJSON(h, "plan.json")
            Self.editTenant(&plan, "t1") { $0["error"] = "x" }
            try Self.writeJSON(h, "plan.json", plan)

            let writesBefore = await Self.writes(h).count
            let apply = try await h.run(["apply", "plan.json"])
            #expect(apply.status == 1, "\(apply.all)")
            #expect(await Self.writes(h).count == writesBefore)
            #expect(try await admin.listSchedules().count == schedules)
        }
    }

    @Test func aPlanWhoseDesiredBlockDisagreesWithItsChangesIsRefusedAsCorrupt() async throws {
        try await CLIHarness.with(await PlanApplyTests.harness()) { h in
            #expect(try await h.run(["apply", "--auto-approve"]).status == 0)
            try h.write(tenant: "t1", try h.read(tenant: "t1").replacingOccurrences(of: "#0052CC", with: "#0B3D91"))
            try h.write(tenant: "t1", try h.read(tenant: "t1").replacingOccurrences(of: "shop.example.com]", with: "shop.example.com, new.example.com]"))
            #expect(try await h.run(["plan", "--out", "plan.json"]).status == 0)
            // The reviewed changes are harmless; the desired blocks apply writes are not.
            var plan = try Self.readJSON(h, "plan.json")
            Self.editTenant(&plan, "t1") { tenant in
                Self.editObject(&tenant, "support") { $0["desired"]?.set("messenger.enabled", false) }
                Self.editObject(&tenant, "web") { $0["desired"]?.set("allowAllDomains", true) }
            }
            try Self.writeJSON(h, "plan.json", plan)

            let writesBefore = await Self.writes(h).count
            let apply = try await h.run(["apply", "plan.json"])
            #expect(apply.status == 1, "\(apply.all)")
            #expect(apply.stderr.contains("corrupt"), "\(apply.stderr)")
            #expect(apply.stderr.contains("messenger.enabled"), "\(apply.stderr)")
            #expect(await Self.writes(h).count == writesBefore)
            let admin = try h.adminClient(tenant: "t1")
            let published = try #require(try await admin.published(configuration: "support"))
            #expect(published["messenger"]?["enabled"] == true)
            let deployment = try #require(try await admin.listDeployments().first)
            #expect(deployment.fields["allowAllDomains"] != true)
        }
    }

    @Test func anEditedBeforeValueCannotHideARemovedDomainFromTheGuards() async throws {
        try await CLIHarness.with(await PlanApplyTests.harness()) { h in
            #expect(try await h.run(["apply", "--auto-approve"]).status == 0)
            try h.write(tenant: "t1", try h.read(tenant: "t1").replacingOccurrences(of: "[www.example.com, shop.example.com]", with: "[www.example.com]"))
            #expect(try await h.run(["plan", "--out", "plan.json"]).status == 0)
            var plan = try Self.readJSON(h, "plan.json")
            Self.editTenant(&plan, "t1") { tenant in
                Self.editObject(&tenant, "web") { web in
                    web["changes"] = .array((web["changes"]?.arrayValue ?? []).map { change in
                        var change = change
                        if change["path"] == "allowedDomains" { change["before"] = ["www.example.com"] }
                        return change
                    })
                }
            }
            try Self.writeJSON(h, "plan.json", plan)

            let writesBefore = await Self.writes(h).count
            let apply = try await h.run(["apply", "plan.json"])
            #expect(apply.status == 1, "\(apply.all)")
            #expect(apply.stderr.contains("corrupt"), "\(apply.stderr)")
            #expect(await Self.writes(h).count == writesBefore)
        }
    }

    @Test func anEntryCarryingAnotherObjectsIdDoesNotOverwriteIt() async throws {
        try await CLIHarness.with(await PlanApplyTests.harness()) { h in
            try h.write(
                tenant: "t1",
                try h.read(tenant: "t1").replacingOccurrences(
                    of: "availability:",
                    with: "  - name: intranet\n    configuration: support\n    allowedDomains: [intranet.example.com]\navailability:"))
            #expect(try await h.run(["apply", "--auto-approve"]).status == 0)
            try h.write(tenant: "t1", try h.read(tenant: "t1").replacingOccurrences(of: "shop.example.com]", with: "shop.example.com, new.example.com]"))
            #expect(try await h.run(["plan", "--out", "plan.json"]).status == 0)

            // Hand-edited: the entry for `web` carries `intranet`'s id and fingerprint.
            var plan = try Self.readJSON(h, "plan.json")
            Self.editTenant(&plan, "t1") { tenant in
                let objects = tenant["objects"]?.arrayValue ?? []
                let intranet = objects.first { $0["name"] == "intranet" }
                Self.editObject(&tenant, "web") { web in
                    web["id"] = intranet?["id"]
                    web["precondition"]?["dateModified"] = intranet?["precondition"]?["dateModified"]
                    web["precondition"]?["contentHash"] = intranet?["precondition"]?["contentHash"]
                }
                tenant["objects"] = .array((tenant["objects"]?.arrayValue ?? []).filter { $0["name"] != "intranet" })
            }
            var summary = plan["summary"] ?? [:]
            summary["unchanged"] = .number((summary["unchanged"]?.doubleValue ?? 1) - 1)
            plan["summary"] = summary
            try Self.writeJSON(h, "plan.json", plan)

            let apply = try await h.run(["apply", "plan.json", "--rebase"])
            #expect(apply.status != 0, "\(apply.all)")
            #expect(apply.all.contains("intranet"), "\(apply.all)")
            let admin = try h.adminClient(tenant: "t1")
            let intranet = try #require(try await admin.listDeployments().first { $0.fields["name"] == "intranet" })
            #expect(intranet.fields["allowedDomains"] == ["intranet.example.com"])
        }
    }

    // MARK: Re-runs

    @Test func reapplyingASucceededUpdatePlanSaysAlreadyAppliedAndWritesNothing() async throws {
        try await CLIHarness.with(await PlanApplyTests.harness()) { h in
            #expect(try await h.run(["apply", "--auto-approve"]).status == 0)
            try h.write(tenant: "t1", try h.read(tenant: "t1").replacingOccurrences(of: "#0052CC", with: "#0B3D91"))
            #expect(try await h.run(["plan", "--out", "plan.json"]).status == 0)
            let first = try await h.run(["apply", "plan.json"])
            #expect(first.status == 0, "\(first.all)")

            let writesBefore = await Self.writes(h).count
            let again = try await h.run(["apply", "plan.json"])
            #expect(again.status == 0, "\(again.all)")
            #expect(again.stdout.contains("already applied"), "\(again.stdout)")
            #expect(await Self.writes(h).count == writesBefore)
        }
    }

    @Test func reapplyingASucceededCreatePlanSaysAlreadyAppliedAndCreatesNothing() async throws {
        try await CLIHarness.with(await PlanApplyTests.harness()) { h in
            #expect(try await h.run(["plan", "--out", "plan.json"]).status == 0)
            #expect(try await h.run(["apply", "plan.json"]).status == 0)

            let writesBefore = await Self.writes(h).count
            let again = try await h.run(["apply", "plan.json"])
            #expect(again.status == 0, "\(again.all)")
            #expect(again.stdout.contains("already applied"), "\(again.stdout)")
            #expect(await Self.writes(h).count == writesBefore)
            #expect(try await h.run(["plan", "--detailed-exitcode"]).status == 0)
        }
    }

    // MARK: Broken and foreign files

    @Test func aTruncatedOrInvalidPlanFileSaysSoWithTheByteOffset() async throws {
        try await CLIHarness.with(await PlanApplyTests.harness()) { h in
            #expect(try await h.run(["plan", "--out", "plan.json"]).status == 0)
            let data = try Data(contentsOf: URL(fileURLWithPath: h.path("plan.json")))
            try data.prefix(data.count / 2).write(to: URL(fileURLWithPath: h.path("cut.json")))
            let cut = try await h.run(["apply", "cut.json"])
            #expect(cut.status == 1, "\(cut.all)")
            #expect(cut.stderr.contains("truncated"), "\(cut.stderr)")
            #expect(cut.stderr.contains("byte \(data.count / 2)"), "\(cut.stderr)")

            try Data("{\"formatVersion\": 1, tenants: []}".utf8).write(to: URL(fileURLWithPath: h.path("bad.json")))
            let bad = try await h.run(["apply", "bad.json"])
            #expect(bad.status == 1, "\(bad.all)")
            #expect(bad.stderr.contains("not valid JSON"), "\(bad.stderr)")
            #expect(bad.stderr.contains("byte 21"), "\(bad.stderr)")
            #expect(await Self.writes(h).isEmpty)
        }
    }

    @Test func applyRefusesADriftReportAndAMergeOfPlansAndDriftReports() async throws {
        try await CLIHarness.with(await PlanApplyTests.harness(tenants: 2)) { h in
            let drift = try await h.run(["drift", "--format", "json"])
            #expect(drift.status == 2, "\(drift.all)")
            try Data(drift.stdout.utf8).write(to: URL(fileURLWithPath: h.path("drift.json")))
            let refused = try await h.run(["apply", "drift.json"])
            #expect(refused.status == 1, "\(refused.all)")
            #expect(refused.stderr.contains("drift report"), "\(refused.stderr)")

            #expect(try await h.run(["plan", "tenants/t1.yaml", "--out", "plan-1.json"]).status == 0)
            let drift2 = try await h.run(["drift", "tenants/t2.yaml", "--format", "json"])
            try Data(drift2.stdout.utf8).write(to: URL(fileURLWithPath: h.path("drift-2.json")))
            // Merging for display is allowed (with a warning); applying the mix is not.
            let merge = try await h.run(["report", "merge", "plan-1.json", "drift-2.json", "--out", "merged.json"])
            #expect(merge.status == 0, "\(merge.all)")
            #expect(merge.stderr.contains("mixes"), "\(merge.stderr)")
            let mixed = try await h.run(["apply", "merged.json"])
            #expect(mixed.status == 1, "\(mixed.all)")
            #expect(mixed.stderr.contains("mixes plans and drift reports"), "\(mixed.stderr)")
            #expect(await Self.writes(h).isEmpty)
        }
    }
}

/// End to end: guards that fit real work (issue "Guards that fit real work").
@Suite(.serialized) struct GuardTests {
    static let small = """
        configurations:
          - name: support
            languages: [en-us]
            defaultLanguage: en-us
            messenger: { enabled: true, styles: { primaryColor: "#0052CC" } }
        deployments:
          - name: web
            configuration: support
            allowedDomains: [www.example.com]

        """

    @Test func aFirstApplyOfFortyNewTenantsNeedsNoOverrideButChangingThemAllDoes() async throws {
        let specs = (0..<40).map { i in
            CLIHarness.TenantSpec(
                name: "n\(i + 1)", region: ["eu-west-1", "us-east-1"][i % 2],
                organizationId: String(format: "7b2e2b3c-4d5e-4f60-8a7b-9c0d1e2f%04d", i), secret: "secret-\(i)",
                yamlBody: Self.small)
        }
        try await CLIHarness.with(await CLIHarness(tenants: specs, activationDelay: .milliseconds(5))) { h in
            let plan = try await h.run(["plan"])
            #expect(!plan.all.contains("tenant-share"), "\(plan.all)")
            let apply = try await h.run(["apply", "--auto-approve", "--concurrency", "16"])
            #expect(apply.status == 0, "\(apply.all)")

            for spec in specs {
                try h.write(tenant: spec.name, try h.read(tenant: spec.name).replacingOccurrences(of: "#0052CC", with: "#0B3D91"))
            }
            let blocked = try await h.run(["apply", "--auto-approve", "--concurrency", "16"])
            #expect(blocked.status == 4, "\(blocked.all)")
            #expect(blocked.stderr.contains("guard tenant-share"), "\(blocked.stderr)")
            let allowed = try await h.run(["apply", "--auto-approve", "--concurrency", "16", "--allow", "tenant-share"])
            #expect(allowed.status == 0, "\(allowed.all)")
        }
    }

    @Test func perRuleOverridesAllowOnlyTheNamedRules() async throws {
        try await CLIHarness.with(await PlanApplyTests.harness()) { h in
            try h.write(tenant: "t1", "prune: true\n" + (try h.read(tenant: "t1")).replacingOccurrences(
                of: "      - { name: Christmas, date: 2026-12-25 }",
                with: "      - { name: Christmas, date: 2026-12-25 }\n      - { name: Boxing Day, date: 2026-12-26 }"))
            #expect(try await h.run(["apply", "--auto-approve"]).status == 0)
            try h.write(
                tenant: "t1",
                try h.read(tenant: "t1").replacingOccurrences(of: "      - { name: Boxing Day, date: 2026-12-26 }\n", with: "")
                    .replacingOccurrences(of: "[www.example.com, shop.example.com]", with: "[www.example.com]"))

            let help = try await h.run(["apply", "--help"])
            for rule in ["delete", "remove-domains", "allow-all-domains", "disable-messenger", "tenant-share"] {
                #expect(help.stdout.contains(rule), "\(help.stdout)")
            }
            let unknown = try await h.run(["apply", "--auto-approve", "--allow", "deletes"])
            #expect(unknown.status == 1, "\(unknown.all)")
            #expect(unknown.stderr.contains("remove-domains"), "\(unknown.stderr)")

            let partly = try await h.run(["apply", "--auto-approve", "--allow", "delete"])
            #expect(partly.status == 4, "\(partly.all)")
            #expect(partly.stderr.contains("guard remove-domains"), "\(partly.stderr)")
            #expect(!partly.stderr.contains("error: guard delete"), "\(partly.stderr)")

            let allowed = try await h.run(["apply", "--auto-approve", "--allow", "delete,remove-domains"])
            #expect(allowed.status == 0, "\(allowed.all)")
            #expect(try await h.run(["plan", "--detailed-exitcode"]).status == 0)
        }
    }

    @Test func everyGuardApplyWouldTripIsShownInTheTextAndMarkdownPlan() async throws {
        try await CLIHarness.with(await PlanApplyTests.harness()) { h in
            #expect(try await h.run(["apply", "--auto-approve"]).status == 0)
            try h.write(
                tenant: "t1",
                try h.read(tenant: "t1").replacingOccurrences(of: "[www.example.com, shop.example.com]", with: "[www.example.com]")
                    .replacingOccurrences(of: "enabled: true", with: "enabled: false"))
            let text = try await h.run(["plan"])
            #expect(text.stdout.contains("guard remove-domains"), "\(text.stdout)")
            #expect(text.stdout.contains("guard disable-messenger"), "\(text.stdout)")
            #expect(text.stdout.contains("--allow remove-domains"), "\(text.stdout)")
            let markdown = try await h.run(["plan", "--format", "markdown"])
            #expect(markdown.stdout.contains("remove-domains"), "\(markdown.stdout)")
            #expect(markdown.stdout.contains("disable-messenger"), "\(markdown.stdout)")
            #expect(markdown.stdout.contains("--allow remove-domains"), "\(markdown.stdout)")
        }
    }
}

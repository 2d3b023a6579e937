import Foundation
import GenesysCloud
import GenesysEmulator
import TestSupport
import Testing

/// End to end: the JSON plan's shape (format version 2: per-kind `payload`, `reasons`) and typed
/// errors in JSON reports, through the `messengerctl` executable against the emulator.
@Suite(.serialized) struct PlanFormatTests {
    @Test func aSavedPlanSaysWhyEachObjectChangesAndCarriesItsKindsOwnFieldsInOnePayload() async throws {
        try await CLIHarness.with(await PlanApplyTests.harness()) { h in
            let saved = try await h.run(["plan", "--out", "plan.json"])
            #expect(saved.status == 0, "\(saved.all)")
            let plan = try SavedPlanTests.readJSON(h, "plan.json")
            #expect(plan["formatVersion"] == 2)
            let objects = plan["tenants"]?.arrayValue?.first?["objects"]?.arrayValue ?? []
            let deployment = try #require(objects.first { $0["kind"] == "deployment" })
            #expect(deployment["reasons"] == ["create"])
            #expect(deployment["payload"]?["deployment"]?["configuration"] == "support")
            #expect(deployment["configurationName"] == nil)
            let configuration = try #require(objects.first { $0["kind"] == "configuration" })
            #expect(configuration["payload"]?["configuration"]?["expectedVersion"] == "1")
            let group = try #require(objects.first { $0["kind"] == "scheduleGroup" })
            #expect(group["payload"]?["scheduleGroup"]?["schedules"]?["open"]?.arrayValue?.count == 1)

            // Applied, then the org drifts on the deployment's pointer alone: a derived change, by reason.
            #expect(try await h.run(["apply", "plan.json"]).status == 0)
            try h.write(tenant: "t1", try h.read(tenant: "t1").replacingOccurrences(of: "Support messenger", with: "Help"))
            #expect(try await h.run(["plan", "--out", "second.json"]).status == 0)
            let second = try SavedPlanTests.readJSON(h, "second.json")
            let next = second["tenants"]?.arrayValue?.first?["objects"]?.arrayValue ?? []
            #expect(next.first { $0["kind"] == "configuration" }?["reasons"] == ["fields"])
            #expect(next.first { $0["kind"] == "deployment" }?["reasons"] == ["followsPublish"])
            #expect(next.first { $0["kind"] == "schedule" }?["reasons"]?.arrayValue?.isEmpty == true)
        }
    }

    @Test func aPlanSavedInTheOldFormatIsRefusedAsStaleAndNothingIsWritten() async throws {
        try await CLIHarness.with(await PlanApplyTests.harness()) { h in
            #expect(try await h.run(["plan", "--out", "plan.json"]).status == 0)
            var plan = try SavedPlanTests.readJSON(h, "plan.json")
            plan["formatVersion"] = 1
            try SavedPlanTests.writeJSON(h, "plan.json", plan)

            let apply = try await h.run(["apply", "plan.json"])
            #expect(apply.status == 3, "\(apply.all)")
            #expect(apply.stderr.contains("plan.json was saved as plan formatVersion 1"), "\(apply.stderr)")
            #expect(apply.stderr.contains("re-run plan with this one"), "\(apply.stderr)")
            #expect(apply.stderr.contains("nothing was applied"), "\(apply.stderr)")
            #expect(await SavedPlanTests.writes(h).isEmpty)
        }
    }

    @Test func aFailingAPICallCarriesItsCodeAndContextIdIntoTheJSONApplyReport() async throws {
        // The CI client may read everything and write configurations and schedules, but not deployments.
        try await CLIHarness.with(await CLIHarness(
            tenants: [
                CLIHarness.TenantSpec(
                    name: "t1", region: "eu-west-1", organizationId: "6a1e2b3c-4d5e-4f60-8a7b-9c0d1e2f3a40",
                    secret: "secret-1", yamlBody: PlanApplyTests.body)
            ]
        ) { _, orgs in
            orgs[0].clients[0].permissions = ["webDeployments:configuration:*", "webDeployments:deployment:view", "routing:*:*"]
        }) { h in
            let apply = try await h.run(["apply", "--auto-approve", "--report", "report.json"])
            #expect(apply.status == 1, "\(apply.all)")
            try #require(FileManager.default.fileExists(atPath: h.path("report.json")), "\(apply.all)")
            let report = try SavedPlanTests.readJSON(h, "report.json")
            let objects = report["tenants"]?.arrayValue?.first?["objects"]?.arrayValue ?? []
            let deployment = try #require(objects.first { $0["kind"] == "deployment" })
            #expect(deployment["outcome"] == "failed")
            let error = try #require(deployment["error"], "\(deployment)")
            #expect(error["kind"] == "api")
            #expect(error["status"] == 403)
            #expect(error["code"] == "missing.permissions")
            let contextId = try #require(error["contextId"]?.stringValue)
            #expect(!contextId.isEmpty)
            #expect(error["message"]?.stringValue?.contains(contextId) == true, "\(error)")
        }
    }

    @Test func aTenantThatCannotBePlannedCarriesTheAPIsCodeAndContextIdInTheJSONPlan() async throws {
        try await CLIHarness.with(await CLIHarness(
            tenants: [
                CLIHarness.TenantSpec(
                    name: "t1", region: "eu-west-1", organizationId: "6a1e2b3c-4d5e-4f60-8a7b-9c0d1e2f3a40",
                    secret: "secret-1", yamlBody: PlanApplyTests.body)
            ]
        ) { _, orgs in
            orgs[0].clients[0].permissions = ["routing:*:*"]
        }) { h in
            let plan = try await h.run(["plan", "--format", "json"])
            #expect(plan.status == 1, "\(plan.all)")
            let json = try JSONValue.parse(Data(plan.stdout.utf8))
            let failure = try #require(json["tenants"]?.arrayValue?.first?["failure"], "\(plan.stdout)")
            #expect(failure["code"] == "missing.permissions")
            #expect(failure["status"] == 403)
            #expect((failure["contextId"]?.stringValue ?? "").isEmpty == false)
        }
    }
}

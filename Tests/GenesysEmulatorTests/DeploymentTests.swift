import Foundation
import GenesysEmulator
import TestSupport
import Testing

@Suite struct DeploymentTests {
    let base = "/api/v2/webdeployments/deployments"

    /// With `clock`, the emulator's clock is moved instead of waiting for the draft to turn Active.
    private func publishedConfiguration(_ client: TestClient, name: String = "Cfg", clock: ManualClock? = nil) async throws -> String {
        let created = try await client.post("/api/v2/webdeployments/configurations", EmulatorHarness.configuration(name))
        let id = try #require(created.json?["id"]?.stringValue)
        // A Pending draft cannot be published yet (reference §3.5 item 5): retry as Terraform does.
        for _ in 0..<40 {
            if try await client.post("/api/v2/webdeployments/configurations/\(id)/versions/draft/publish").status == 200 { return id }
            if let clock { clock.advance(by: .milliseconds(50)) } else { try await Task.sleep(for: .milliseconds(50)) }
        }
        throw TestFailure("configuration \(name) never became publishable")
    }

    @Test func configurationMustNameAPublishedVersion() async throws {
        try await EmulatorHarness.withEmulator { emulator in
            let client = try await EmulatorHarness.euCI(emulator)
            let draftOnly = try #require(
                try await client.post("/api/v2/webdeployments/configurations", EmulatorHarness.configuration("Draft only"))
                    .json?["id"]?.stringValue)
            let onDraft = try await client.post(base, ["name": "d", "configuration": ["id": .string(draftOnly), "version": "DRAFT"]])
            #expect(onDraft.status == 400)
            #expect(onDraft.json?["details"]?.arrayValue?.first?["fieldName"] == "configuration")
            let missing = try await client.post(base, ["name": "d"])
            #expect(missing.status == 400)
            #expect(missing.json?["details"]?.arrayValue?.contains { $0["fieldName"] == "configuration" } == true)
        }
    }

    @Test func allowAllDomainsExcludesAllowedDomains() async throws {
        try await EmulatorHarness.withEmulator { emulator in
            let client = try await EmulatorHarness.euCI(emulator)
            let config = try await publishedConfiguration(client)
            let answer = try await client.post(base, [
                "name": "d", "allowAllDomains": true, "allowedDomains": ["example.com"],
                "configuration": ["id": .string(config), "version": "1"],
            ])
            #expect(answer.status == 400)
            #expect(answer.json?["details"]?.arrayValue?.first?["fieldName"] == "allowedDomains")
        }
    }

    @Test func deploymentLifecycleAndActiveConfiguration() async throws {
        let clock = ManualClock()
        var options = EmulatorOptions(activationDelay: .milliseconds(200))
        options.clock = EmulatorClock(clock)
        try await EmulatorHarness.withEmulator(options: options) { emulator in
            let client = try await EmulatorHarness.euCI(emulator)
            let config = try await publishedConfiguration(client, clock: clock)
            clock.advance(by: .milliseconds(250))
            let created = try await client.post(base, [
                "name": "Web", "allowedDomains": ["example.com"], "configuration": ["id": .string(config), "version": "1"],
                "snippet": "ignored",
            ])
            #expect(created.status == 200)
            #expect(OpenAPISchemas.shared.problems(created.json, as: "WebDeployment") == [])
            #expect(created.json?["status"] == "Pending")
            #expect(created.json?["snippet"] != "ignored")
            let id = try #require(created.json?["id"]?.stringValue)
            #expect(try await client.get("\(base)/\(id)").json?["status"] == "Pending")
            clock.advance(by: .milliseconds(210))
            #expect(try await client.get("\(base)/\(id)").json?["status"] == "Active")

            _ = try await client.put("/api/v2/webdeployments/configurations/\(config)/versions/draft", EmulatorHarness.configuration("Cfg", color: "#123456"))
            clock.advance(by: .milliseconds(250))
            #expect(try await client.post("/api/v2/webdeployments/configurations/\(config)/versions/draft/publish").json?["version"] == "2")
            // Publishing does not move the deployment (reference §3.5 item 3); a PUT does.
            let active = try await client.get("\(base)/\(id)/configurations")
            #expect(OpenAPISchemas.shared.problems(active.json, as: "WebDeploymentActiveConfigurationOnDeployment") == [])
            #expect(active.json?["configurationVersion"]?["version"] == "1")
            let moved = try await client.put("\(base)/\(id)", [
                "name": "Web", "allowedDomains": ["example.com"], "configuration": ["id": .string(config), "version": "2"],
            ])
            #expect(moved.status == 200)
            #expect(try await client.get("\(base)/\(id)/configurations").json?["configurationVersion"]?["version"] == "2")

            let listed = try await client.get("\(base)?expand=Configuration")
            #expect(OpenAPISchemas.shared.problems(listed.json, as: "ExpandableWebDeploymentEntityListing") == [])
            #expect(listed.json?["entities"]?.arrayValue?.first?["configuration"]?["messenger"]?["styles"]?["primaryColor"] == "#123456")
            #expect(try await client.delete("\(base)/\(id)").status == 204)
            #expect(try await client.get("\(base)/\(id)").status == 404)
        }
    }
}

import Foundation
import GenesysEmulator
import TestSupport
import Testing

@Suite struct ConfigurationTests {
    let base = "/api/v2/webdeployments/configurations"

    @Test func createMakesAPendingDraftThatCannotBePublishedYet() async throws {
        // A long delay, so the draft is certainly still Pending however slow the machine is.
        try await EmulatorHarness.withEmulator(options: .init(activationDelay: .seconds(60))) { emulator in
            let client = try await EmulatorHarness.euCI(emulator)
            let created = try await client.post(base, EmulatorHarness.configuration("Support"))
            #expect(created.status == 200)
            #expect(created.json?["version"] == "DRAFT")
            #expect(created.json?["status"] == "Pending")
            #expect(OpenAPISchemas.shared.problems(created.json, as: "WebDeploymentConfigurationVersion") == [])
            let id = try #require(created.json?["id"]?.stringValue)
            // Publishing a Pending draft is refused, as Terraform's retry on 400 implies (reference §3.5 item 5).
            let publish = try await client.post("\(base)/\(id)/versions/draft/publish")
            #expect(publish.status == 400)
            #expect(try await client.get("\(base)/\(id)/versions").json?["total"]?.intValue == 1)
        }
    }

    @Test func draftsBecomeActiveAfterTheActivationDelay() async throws {
        let clock = ManualClock()
        var options = EmulatorOptions(activationDelay: .milliseconds(200))
        options.clock = EmulatorClock(clock)
        try await EmulatorHarness.withEmulator(options: options) { emulator in
            let client = try await EmulatorHarness.euCI(emulator)
            let id = try #require(try await client.post(base, EmulatorHarness.configuration("Later")).json?["id"]?.stringValue)
            clock.advance(by: .milliseconds(190))
            #expect(try await client.get("\(base)/\(id)/versions/draft").json?["status"] == "Pending")
            // A Pending draft cannot be published yet (reference §3.5 item 5).
            #expect(try await client.post("\(base)/\(id)/versions/draft/publish").status != 200)
            clock.advance(by: .milliseconds(20))
            #expect(try await client.get("\(base)/\(id)/versions/draft").json?["status"] == "Active")
            #expect(try await client.post("\(base)/\(id)/versions/draft/publish").status == 200)
        }
    }

    @Test func readOnlyFieldsInRequestsAreIgnored() async throws {
        try await EmulatorHarness.withEmulator { emulator in
            let client = try await EmulatorHarness.euCI(emulator)
            var body = EmulatorHarness.configuration("Sales")
            body["id"] = "my-own-id"
            body["version"] = "7"
            body["dateCreated"] = "2001-01-01T00:00:00.000Z"
            let created = try await client.post(base, body)
            #expect(created.status == 200)
            #expect(created.json?["id"] != "my-own-id")
            #expect(created.json?["version"] == "DRAFT")
            #expect(created.json?["dateCreated"] != "2001-01-01T00:00:00.000Z")
            // Unknown properties are refused (StrictnessTests), not kept.
            body["futureField"] = ["nested": true]
            #expect(try await client.post(base, body).json?["code"] == "invalid.property")
        }
    }

    @Test func invalidBodiesAnswer400NamingTheField() async throws {
        try await EmulatorHarness.withEmulator { emulator in
            let client = try await EmulatorHarness.euCI(emulator)
            let missingName = try await client.post(base, ["description": "no name"])
            #expect(missingName.status == 400)
            #expect(OpenAPISchemas.shared.problems(missingName.json, as: "ErrorBody") == [])
            #expect(missingName.json?["details"]?.arrayValue?.contains { $0["fieldName"] == "name" } == true)

            var wrong = EmulatorHarness.configuration("Wrong")
            wrong["messenger"] = ["enabled": "yes"]
            wrong["position"] = ["alignment": "Middle"]
            let answer = try await client.post(base, wrong)
            #expect(answer.status == 400)
            let fields = answer.json?["details"]?.arrayValue?.compactMap { $0["fieldName"]?.stringValue } ?? []
            #expect(fields.contains("messenger.enabled"))
            #expect(fields.contains("position.alignment"))

            let notJSON = try await client.send("POST", base, rawBody: Data("{".utf8), headers: ["Content-Type": "application/json"])
            #expect(notJSON.status == 400)
            #expect(try await client.get("\(base)").json?["total"]?.intValue == 0)
        }
    }

    @Test func draftPutsAreLastWriteWinsAndNameTheWriter() async throws {
        try await EmulatorHarness.withEmulator { emulator in
            let ci = try await EmulatorHarness.euCI(emulator)
            let ui = try await EmulatorHarness.euUI(emulator)
            let id = try #require(try await ci.post(base, EmulatorHarness.configuration("Shared")).json?["id"]?.stringValue)
            let fromCI = try await ci.put("\(base)/\(id)/versions/draft", EmulatorHarness.configuration("Shared", color: "#111111"))
            let fromUI = try await ui.put("\(base)/\(id)/versions/draft", EmulatorHarness.configuration("Shared", color: "#222222"))
            #expect(fromCI.status == 200)
            #expect(fromUI.status == 200)
            let draft = try await ci.get("\(base)/\(id)/versions/draft")
            #expect(draft.json?["messenger"]?["styles"]?["primaryColor"] == "#222222")
            #expect(draft.json?["lastModifiedUser"] != draft.json?["createdUser"])
            #expect(draft.json?["lastModifiedUser"] == fromUI.json?["lastModifiedUser"])
            // Full replacement: a field left out of the PUT is gone.
            let replaced = try await ci.put("\(base)/\(id)/versions/draft", ["name": "Shared"])
            #expect(replaced.json?["messenger"] == nil)
        }
    }

    @Test func publishCreatesImmutableNumberedVersions() async throws {
        try await EmulatorHarness.withEmulator { emulator in
            let client = try await EmulatorHarness.euCI(emulator)
            let id = try #require(try await client.post(base, EmulatorHarness.configuration("Pub")).json?["id"]?.stringValue)
            let first = try await client.post("\(base)/\(id)/versions/draft/publish")
            #expect(first.status == 200)
            #expect(first.json?["version"] == "1")
            #expect(OpenAPISchemas.shared.problems(first.json, as: "WebDeploymentConfigurationVersion") == [])
            _ = try await client.put("\(base)/\(id)/versions/draft", EmulatorHarness.configuration("Pub", color: "#999999"))
            let second = try await client.post("\(base)/\(id)/versions/draft/publish")
            #expect(second.json?["version"] == "2")
            let one = try await client.get("\(base)/\(id)/versions/1")
            #expect(one.json?["messenger"]?["styles"]?["primaryColor"] == "#0055aa")
            let versions = try await client.get("\(base)/\(id)/versions")
            #expect(OpenAPISchemas.shared.problems(versions.json, as: "WebDeploymentConfigurationVersionEntityListing") == [])
            let names = versions.json?["entities"]?.arrayValue?.compactMap { $0["version"]?.stringValue }
            #expect(names == ["DRAFT", "2", "1"])
            #expect(try await client.get("\(base)/\(id)/versions/3").status == 404)
            let published = try await client.get("\(base)?showOnlyPublished=true")
            #expect(published.json?["total"]?.intValue == 1)
        }
    }

    @Test func listingPagesWithCursors() async throws {
        try await EmulatorHarness.withEmulator { emulator in
            let client = try await EmulatorHarness.euCI(emulator)
            for index in 0..<5 { _ = try await client.post(base, EmulatorHarness.configuration("Page \(index)")) }
            var names: [String] = []
            var next: String? = "\(base)?pageSize=2"
            var pages = 0
            while let uri = next {
                let page = try await client.get(uri)
                #expect(page.status == 200)
                #expect(OpenAPISchemas.shared.problems(page.json, as: "WebDeploymentConfigurationVersionEntityListing") == [])
                #expect(page.json?["total"]?.intValue == 5)
                names += page.json?["entities"]?.arrayValue?.compactMap { $0["name"]?.stringValue } ?? []
                next = page.json?["nextUri"]?.stringValue
                if let next { #expect(next.contains("after=")) }
                pages += 1
            }
            #expect(pages == 3)
            #expect(names == (0..<5).map { "Page \($0)" })
            #expect(try await client.get("\(base)?after=nonsense").status == 400)
        }
    }

    @Test func deleteRemovesAllVersionsUnlessADeploymentUsesIt() async throws {
        try await EmulatorHarness.withEmulator { emulator in
            let client = try await EmulatorHarness.euCI(emulator)
            let id = try #require(try await client.post(base, EmulatorHarness.configuration("Gone")).json?["id"]?.stringValue)
            _ = try await client.post("\(base)/\(id)/versions/draft/publish")
            let deployment = try await client.post(
                "/api/v2/webdeployments/deployments",
                ["name": "Uses it", "configuration": ["id": .string(id), "version": "1"]])
            let deploymentID = try #require(deployment.json?["id"]?.stringValue)
            let conflict = try await client.delete("\(base)/\(id)")
            #expect(conflict.status == 409)
            #expect(conflict.json?["code"] == "resource.conflict")
            #expect(try await client.delete("/api/v2/webdeployments/deployments/\(deploymentID)").status == 204)
            #expect(try await client.delete("\(base)/\(id)").status == 204)
            let gone = try await client.get("\(base)/\(id)/versions/draft")
            #expect(gone.status == 404)
            #expect(gone.json?["code"] == "not.found")
        }
    }
}

import Foundation
import GenesysEmulator
import Testing

/// Deletes that complete asynchronously (`--async-delete-requests N`, reference §3.5 item 6): the object
/// lives on for N requests of its org, shown as being deleted, left out of listings, and what it refers to
/// cannot be deleted meanwhile. Time is counted in requests, so no clock is needed.
@Suite struct AsyncDeleteTests {
    static var options: EmulatorOptions {
        var options = EmulatorOptions(activationDelay: .zero)
        options.asyncDeleteRequests = 4
        return options
    }

    /// Whether a GET of `path` answers 404 within `requests` requests: the delete completes in bounded time.
    static func goneWithin(_ requests: Int, _ path: String, _ client: TestClient) async throws -> Bool {
        for _ in 0..<requests where try await client.get(path).status == 404 { return true }
        return false
    }

    @Test func aScheduleOfAGroupBeingDeletedIsInUseUntilTheGroupIsGone() async throws {
        try await EmulatorHarness.withEmulator(options: Self.options) { emulator in
            let client = try await EmulatorHarness.euCI(emulator)
            let schedule = try #require(try await client.post("/api/v2/architect/schedules", [
                "name": "s", "start": "2026-01-05T08:00:00", "end": "2026-01-05T18:00:00", "rrule": "FREQ=DAILY",
            ]).json?["id"]?.stringValue)
            let group = try #require(try await client.post("/api/v2/architect/schedulegroups", [
                "name": "g", "timeZone": "Europe/Dublin", "openSchedules": [["id": .string(schedule)]],
            ]).json?["id"]?.stringValue)

            let deleted = try await client.delete("/api/v2/architect/schedulegroups/\(group)")
            #expect((200..<300).contains(deleted.status))
            #expect(try await client.get("/api/v2/architect/schedulegroups/\(group)").json?["state"] == "deleted")
            let listed = try await client.get("/api/v2/architect/schedulegroups").json?["entities"]?.arrayValue ?? []
            #expect(!listed.contains { $0["id"]?.stringValue == group })
            let inUse = try await client.delete("/api/v2/architect/schedules/\(schedule)")
            #expect(inUse.status == 409)
            #expect(inUse.json?["code"] == "general.conflict")

            #expect(try await Self.goneWithin(8, "/api/v2/architect/schedulegroups/\(group)", client))
            #expect((200..<300).contains(try await client.delete("/api/v2/architect/schedules/\(schedule)").status))
        }
    }

    @Test func aConfigurationOfADeploymentBeingDeletedIsInUseUntilTheDeploymentIsGone() async throws {
        try await EmulatorHarness.withEmulator(options: Self.options) { emulator in
            let client = try await EmulatorHarness.euCI(emulator)
            let configurations = "/api/v2/webdeployments/configurations"
            let config = try #require(try await client.post(configurations, EmulatorHarness.configuration("C")).json?["id"]?.stringValue)
            #expect(try await client.post("\(configurations)/\(config)/versions/draft/publish").status == 200)
            let deployment = try #require(try await client.post("/api/v2/webdeployments/deployments", [
                "name": "d", "configuration": ["id": .string(config), "version": "1"],
            ]).json?["id"]?.stringValue)

            #expect((200..<300).contains(try await client.delete("/api/v2/webdeployments/deployments/\(deployment)").status))
            #expect(try await client.get("/api/v2/webdeployments/deployments/\(deployment)").json?["status"] == "Deleting")
            // A repeated DELETE of an object being deleted succeeds again.
            #expect((200..<300).contains(try await client.delete("/api/v2/webdeployments/deployments/\(deployment)").status))
            let inUse = try await client.delete("\(configurations)/\(config)")
            #expect(inUse.status == 409)
            #expect(inUse.json?["code"] == "resource.conflict")

            #expect(try await Self.goneWithin(8, "/api/v2/webdeployments/deployments/\(deployment)", client))
            #expect((200..<300).contains(try await client.delete("\(configurations)/\(config)").status))
        }
    }
}

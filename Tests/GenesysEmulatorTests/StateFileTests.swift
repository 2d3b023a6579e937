import Foundation
import GenesysEmulator
import Testing

@Suite struct StateFileTests {
    @Test func objectsSurviveARestart() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("emulator-state-\(UUID().uuidString).json").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let options = EmulatorOptions(activationDelay: .zero, statePath: path)
        let id = try await EmulatorHarness.withEmulator(options: options) { emulator in
            let client = try await EmulatorHarness.euCI(emulator)
            let created = try await client.post("/api/v2/webdeployments/configurations", EmulatorHarness.configuration("Kept"))
            let id = try #require(created.json?["id"]?.stringValue)
            #expect(try await client.post("/api/v2/webdeployments/configurations/\(id)/versions/draft/publish").status == 200)
            return id
        }
        #expect(FileManager.default.fileExists(atPath: path))
        try await EmulatorHarness.withEmulator(options: options) { emulator in
            let client = try await EmulatorHarness.euCI(emulator)
            let draft = try await client.get("/api/v2/webdeployments/configurations/\(id)/versions/draft")
            #expect(draft.json?["name"] == "Kept")
            #expect(try await client.get("/api/v2/webdeployments/configurations/\(id)/versions/1").status == 200)
            let audits = try await client.post("/api/v2/audits/query/realtime", [
                "interval": "2000-01-01T00:00:00Z/2100-01-01T00:00:00Z", "filters": [["property": "EntityId", "value": .string(id)]],
            ])
            #expect(audits.json?["total"]?.intValue == 2)
        }
    }

    @Test func aCorruptStateFileIsReportedNotIgnored() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("emulator-bad-\(UUID().uuidString).json").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data("not json".utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: EmulatorError.self) {
            _ = try GenesysEmulator(seed: EmulatorHarness.seed, options: EmulatorOptions(statePath: path))
        }
    }
}

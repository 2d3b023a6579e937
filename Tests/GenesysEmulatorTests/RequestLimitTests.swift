import Foundation
import GenesysEmulator
import Testing

@Suite struct RequestLimitTests {
    @Test func oversizedBodiesAnswer413() async throws {
        try await EmulatorHarness.withEmulator { emulator in
            let client = try await EmulatorHarness.euCI(emulator)
            let big = EmulatorJSON.object(["name": "big", "description": .string(String(repeating: "x", count: 600_000))])
            let answer = try await client.post("/api/v2/webdeployments/configurations", big)
            #expect(answer.status == 413)
            #expect(answer.json?["code"] == "request.entity.too.large")
            #expect(await emulator.snapshot().org(named: "acme-eu")?.configurations.isEmpty == true)
        }
    }
}

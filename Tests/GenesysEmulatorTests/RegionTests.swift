import Foundation
import GenesysEmulator
import Testing

@Suite struct RegionTests {
    @Test func aTokenWorksOnlyInItsOwnRegion() async throws {
        try await EmulatorHarness.withEmulator { emulator in
            let eu = try await EmulatorHarness.euCI(emulator)
            let euTokenInUS = TestClient(base: emulator.baseURL + "/us-east-1", token: eu.token)
            let answer = try await euTokenInUS.get("/api/v2/tokens/me")
            #expect(answer.status == 401)
            // The EU client does not exist in the US region at all.
            let anonymousUS = TestClient(base: emulator.baseURL + "/us-east-1")
            #expect(try await anonymousUS.requestToken(clientID: "eu-ci", secret: "eu-ci-secret").status == 401)
        }
    }

    @Test func unknownRegionPrefixIs404() async throws {
        try await EmulatorHarness.withEmulator { emulator in
            let eu = try await EmulatorHarness.euCI(emulator)
            let elsewhere = TestClient(base: emulator.baseURL + "/mars-north-1", token: eu.token)
            let answer = try await elsewhere.get("/api/v2/tokens/me")
            #expect(answer.status == 404)
            #expect(answer.json?["code"] == "not.found")
        }
    }

    @Test func orgsDoNotSeeEachOthersObjects() async throws {
        try await EmulatorHarness.withEmulator { emulator in
            let eu = try await EmulatorHarness.euCI(emulator)
            let us = try await EmulatorHarness.usCI(emulator)
            let created = try await eu.post("/api/v2/webdeployments/configurations", EmulatorHarness.configuration("eu-only"))
            let id = try #require(created.json?["id"]?.stringValue)
            #expect(try await us.get("/api/v2/webdeployments/configurations/\(id)/versions/draft").status == 404)
            #expect(try await us.get("/api/v2/webdeployments/configurations").json?["total"]?.intValue == 0)
        }
    }
}

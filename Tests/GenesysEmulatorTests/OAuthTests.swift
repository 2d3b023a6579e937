import Foundation
import GenesysEmulator
import TestSupport
import Testing

@Suite struct OAuthTests {
    @Test func clientCredentialsIssueABearerTokenWithTheClientsLifetime() async throws {
        try await EmulatorHarness.withEmulator { emulator in
            let anonymous = TestClient(base: emulator.baseURL + "/eu-west-1")
            let answer = try await anonymous.requestToken(clientID: "eu-ci", secret: "eu-ci-secret")
            #expect(answer.status == 200)
            #expect(answer.json?["token_type"] == "bearer")
            #expect(answer.json?["expires_in"]?.intValue == 86400)
            let short = try await anonymous.requestToken(clientID: "eu-short", secret: "eu-short-secret")
            #expect(short.json?["expires_in"]?.intValue == 1)
        }
    }

    @Test func wrongSecretOrUnknownClientIsRefused() async throws {
        try await EmulatorHarness.withEmulator { emulator in
            let anonymous = TestClient(base: emulator.baseURL + "/eu-west-1")
            let wrongSecret = try await anonymous.requestToken(clientID: "eu-ci", secret: "wrong")
            #expect(wrongSecret.status == 401)
            #expect(wrongSecret.json?["access_token"] == nil)
            let unknown = try await anonymous.requestToken(clientID: "nobody", secret: "x")
            #expect(unknown.status == 401)
            #expect(unknown.json?["error"] == "invalid_client")
        }
    }

    @Test func tokensMeNamesTheOrganizationAndClient() async throws {
        try await EmulatorHarness.withEmulator { emulator in
            let client = try await EmulatorHarness.euCI(emulator)
            let me = try await client.get("/api/v2/tokens/me")
            #expect(me.status == 200)
            #expect(me.json?["organization"]?["id"]?.stringValue == EmulatorHarness.euOrgID)
            #expect(me.json?["organization"]?["name"] == "acme-eu")
            #expect(me.json?["homeOrganization"]?["id"]?.stringValue == EmulatorHarness.euOrgID)
            #expect(me.json?["OAuthClient"]?["id"] == "eu-ci")
        }
    }

    @Test func missingTokenAnswersAuthenticationRequired() async throws {
        try await EmulatorHarness.withEmulator { emulator in
            let anonymous = TestClient(base: emulator.baseURL + "/eu-west-1")
            let answer = try await anonymous.get("/api/v2/webdeployments/configurations")
            #expect(answer.status == 401)
            #expect(answer.json?["code"] == "authentication.required")
            #expect(OpenAPISchemas.shared.problems(answer.json, as: "ErrorBody") == [])
            #expect(answer.header("ININ-Correlation-Id") == answer.json?["contextId"]?.stringValue)
        }
    }

    @Test func expiredTokensAnswer401() async throws {
        let clock = ManualClock()
        var options = EmulatorOptions(activationDelay: .zero)
        options.clock = EmulatorClock(clock)
        try await EmulatorHarness.withEmulator(options: options) { emulator in
            let short = try await TestClient.authenticated(
                emulator, region: "eu-west-1", clientID: "eu-short", secret: "eu-short-secret")
            // The token lives 1 s (tokenLifetimeSeconds in the seed): good until then, refused after.
            clock.advance(by: .milliseconds(990))
            #expect(try await short.get("/api/v2/tokens/me").status == 200)
            clock.advance(by: .milliseconds(20))
            let expired = try await short.get("/api/v2/tokens/me")
            #expect(expired.status == 401)
            #expect(expired.json?["code"] == "bad.credentials")

            let client = try await EmulatorHarness.euCI(emulator)
            #expect(try await client.get("/api/v2/tokens/me").status == 200)
            await emulator.expireTokens()
            #expect(try await client.get("/api/v2/tokens/me").status == 401)
            let renewed = try await EmulatorHarness.euCI(emulator)
            #expect(try await renewed.get("/api/v2/tokens/me").status == 200)
        }
    }
}

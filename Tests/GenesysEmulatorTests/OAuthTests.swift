import Foundation
import GenesysEmulator
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
        try await EmulatorHarness.withEmulator { emulator in
            let clock = ContinuousClock()
            let issuedBefore = clock.now
            let short = try await TestClient.authenticated(
                emulator, region: "eu-west-1", clientID: "eu-short", secret: "eu-short-secret")
            // With every suite running at once on 2 cores, the 1 s lifetime can pass before this first call;
            // a 401 then is right, so only a call made within the lifetime must succeed.
            let fresh = try await short.get("/api/v2/tokens/me")
            #expect(fresh.status == 200 || clock.now - issuedBefore >= .seconds(1), "answered \(fresh.status)")
            try await Task.sleep(for: .milliseconds(1200))
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

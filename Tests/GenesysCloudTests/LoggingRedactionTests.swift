import Foundation
import Testing

@testable import GenesysCloud

@Suite struct LoggingRedactionTests {
    /// Nothing listens on port 1 of loopback, so every request fails at connect time and the failure path
    /// (warnings, the final error) is exercised without a server.
    @Test func aFailingClientNeverLogsOrReportsItsSecret() async throws {
        let sentinel = "SENTINEL-secret-9f3e1c"
        let capture = LogCapture()
        let transport = GenesysTransport(connectTimeout: .seconds(2))
        var options = ClientOptions()
        options.maxRetries = 1
        options.retryBaseDelay = .milliseconds(10)
        let client = GenesysCloudClient(
            region: Region.named("eu-west-1")!, credentials: .init(clientId: "ci", clientSecret: Secret(sentinel)),
            endpoints: try EndpointResolver(template: "http://127.0.0.1:1/{region}"), transport: transport,
            options: options, logger: capture.logger())
        do {
            _ = try await client.tokenInfo()
            Issue.record("a request to a closed port succeeded")
        } catch {
            #expect(error.kind == .transport || error.kind == .timeout)
            #expect(!error.description.contains(sentinel))
            #expect(!String(reflecting: error).contains(sentinel))
        }
        #expect(capture.count > 0)
        #expect(!capture.text.contains(sentinel))
        #expect(!capture.text.contains("Basic "))
        // A refused connection is not retried: the pool already kept trying for the connect timeout.
        #expect(await client.requestCount == 1)
        try await transport.shutdown()
    }
}

@Suite struct LoggingAgainstEmulatorTests {
    @Test func requestsAreLoggedWithoutSecretsTokensOrAuthorizationHeaders() async throws {
        try await EmulatorHarness.with { h in
            let capture = LogCapture()
            let client = h.client(logger: capture.logger())
            _ = try await client.tokenInfo()
            _ = try await client.createConfiguration(EmulatorHarness.configurationBody(name: "logged"))
            await h.emulator.expireTokens()  // a 401 and a token renewal are logged too
            _ = try await client.listConfigurations()
            let denied = await #expect(throws: GenesysError.self) { try await client.configurationDraft(id: "no-such-id") }

            let text = capture.text
            #expect(text.contains("request-id="))
            #expect(text.contains("method=GET"))
            #expect(text.contains("path=/api/v2/webdeployments/configurations"))
            #expect(text.contains("status=200"))
            #expect(text.contains("status=401"))
            #expect(text.contains("duration-ms="))
            #expect(!text.contains(EmulatorHarness.sentinelSecret))
            #expect(!text.lowercased().contains("bearer"))
            #expect(!text.lowercased().contains("basic "))
            #expect(!text.lowercased().contains("authorization"))
            #expect(denied?.isNotFound == true)
            #expect(!(denied?.description.contains(EmulatorHarness.sentinelSecret) ?? true))
        }
    }
}

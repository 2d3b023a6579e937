import Foundation
import Testing

@testable import GenesysCloud

@Suite struct LoggingRedactionTests {
    /// Nothing listens on port 1 of loopback, so every request fails at connect time and the failure path
    /// (retries, warnings, the final error) is exercised without a server.
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
        #expect(await client.requestCount == 2)
        try await transport.shutdown()
    }
}

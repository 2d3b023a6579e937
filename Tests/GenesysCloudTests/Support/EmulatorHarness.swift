import Foundation
import GenesysCloud
import GenesysEmulator
import Logging
import TestSupport

/// An in-process emulator on 127.0.0.1 (port 0) with two orgs in two regions, and clients pointed at it
/// through the `--endpoint` template, exactly as the CLI does.
struct EmulatorHarness {
    static let euOrg = "6a1e2b3c-4d5e-4f60-8a7b-9c0d1e2f3a4b"
    static let usOrg = "5d3c1e9a-8b7f-4c2d-9e1a-1b2c3d4e5f60"
    static let sentinelSecret = "SENTINEL-ci-secret-7c41"

    static let seed = EmulatorSeed(orgs: [
        .init(
            id: euOrg, name: "acme-eu", region: "eu-west-1",
            clients: [
                .init(id: "eu-ci", secret: sentinelSecret, name: "GitOps CI"),
                .init(id: "eu-ui", secret: "eu-ui-secret", name: "Admin UI user"),
                .init(id: "eu-short", secret: "eu-short-secret", name: "Short tokens", tokenLifetimeSeconds: 2),
            ]),
        .init(
            id: usOrg, name: "acme-us", region: "us-east-1",
            clients: [.init(id: "us-ci", secret: "us-ci-secret", name: "GitOps CI")]),
    ])

    let emulator: GenesysEmulator
    let transport: GenesysTransport
    let endpoints: EndpointResolver
    /// The clock emulator and clients share when the test gave one: time moves only as they wait.
    var clock: ManualClock? = nil

    static let eu = Region.named("eu-west-1")!
    static let us = Region.named("us-east-1")!

    /// Test options: quick backoff so retries do not slow the suite down.
    static var fastOptions: ClientOptions {
        var options = ClientOptions()
        options.retryBaseDelay = .milliseconds(20)
        options.maxRetryDelay = .milliseconds(200)
        options.maxRetries = 6
        return options
    }

    /// Runs `body` against a fresh emulator and stops everything afterwards, also when `body` throws.
    /// With `clock`, the emulator and every client of `client(…)` run on it (virtual time: a wait moves it).
    static func with<R>(
        options: EmulatorOptions = EmulatorOptions(activationDelay: .milliseconds(20)), clock: ManualClock? = nil,
        _ body: (EmulatorHarness) async throws -> R
    ) async throws -> R {
        var options = options
        if let clock { options.clock = EmulatorClock(clock) }
        return try await TestSupport.withEmulator(seed: seed, options: options) { emulator in
            let harness = EmulatorHarness(
                emulator: emulator, transport: GenesysTransport(),
                endpoints: try EndpointResolver(template: "\(emulator.baseURL)/{region}"), clock: clock)
            return try await withTeardown(harness, teardown: { try? await $0.transport.shutdown() }, body)
        }
    }

    func client(
        _ clientId: String = "eu-ci", secret: String? = nil, region: Region = EmulatorHarness.eu,
        options: ClientOptions = EmulatorHarness.fastOptions, logger: Logger = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })
    ) -> GenesysCloudClient {
        var options = options
        if let clock { options.clock = WaitClock(clock) }
        let secrets = ["eu-ci": Self.sentinelSecret, "eu-ui": "eu-ui-secret", "eu-short": "eu-short-secret", "us-ci": "us-ci-secret"]
        return GenesysCloudClient(
            region: region,
            credentials: ClientCredentials(clientId: clientId, clientSecret: Secret(secret ?? secrets[clientId] ?? "")),
            endpoints: endpoints, transport: transport, options: options, logger: logger)
    }

    /// The requests the emulator saw whose path ends with `suffix` (region prefix included in the path).
    func requests(method: String? = nil, pathSuffix suffix: String) async -> [LoggedRequest] {
        await emulator.requestLog().filter { ($0.method == method || method == nil) && $0.path.hasSuffix(suffix) }
    }

    /// Waits until the emulator has logged `count` requests matching `predicate` (for tests that change the
    /// fault plan while a request is retrying).
    func waitForLog(count: Int, timeout: Duration = .seconds(20), where predicate: (LoggedRequest) -> Bool) async throws {
        let deadline = ContinuousClock.now + timeout
        while await emulator.requestLog().filter(predicate).count < count {
            guard ContinuousClock.now < deadline else { throw HarnessTimeout() }
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    struct HarnessTimeout: Error {}

    /// A configuration body with settings the client has no typed accessor for.
    static func configurationBody(name: String) -> ConfigurationVersion {
        ConfigurationVersion(fields: [
            "name": .string(name),
            "description": "Support messenger",
            "languages": ["en-us", "fr"],
            "defaultLanguage": "en-us",
            "messenger": [
                "enabled": true,
                "styles": ["primaryColor": "#0052CC"],
                "launcherButton": ["visibility": "On"],
                "fileUpload": ["modes": [["fileTypes": ["image/png", "image/jpeg"], "maxFileSizeKB": 10240]]],
                "apps": ["conversations": ["enabled": true, "markdown": ["enabled": true]]],
            ],
            "position": ["alignment": "Auto", "sideSpace": 10, "bottomSpace": 12],
        ])
    }
}

import Foundation
import GenesysEmulator
import TestSupport

/// Seeds and runs an emulator for one test, and stops it afterwards.
enum EmulatorHarness {
    static let euOrgID = "6a1e2b3c-4d5e-4f60-8a7b-9c0d1e2f3a4b"
    static let usOrgID = "5d3c1e9a-8b7f-4c2d-9e1a-1b2c3d4e5f60"

    static let seed = EmulatorSeed(orgs: [
        .init(id: euOrgID, name: "acme-eu", region: "eu-west-1", clients: [
            .init(id: "eu-ci", secret: "eu-ci-secret", name: "GitOps CI"),
            .init(id: "eu-ui", secret: "eu-ui-secret", name: "Admin UI user"),
            .init(id: "eu-short", secret: "eu-short-secret", name: "Short-lived", tokenLifetimeSeconds: 1),
            // A role that may look but not change (reference §2.5).
            .init(id: "eu-viewer", secret: "eu-viewer-secret", name: "Viewer", permissions: [
                "webDeployments:configuration:view", "webDeployments:deployment:view", "routing:schedule:view",
            ]),
            // May edit drafts but not add: publishing needs both (reference §2.5).
            .init(id: "eu-editor", secret: "eu-editor-secret", name: "Editor", permissions: [
                "webDeployments:configuration:view", "webDeployments:configuration:edit",
            ]),
        ], flows: [.init(id: flowID, name: "Inbound messages")],
        supportedContent: [.init(id: profileID, name: "Images only")]),
        .init(id: usOrgID, name: "acme-us", region: "us-east-1", clients: [
            .init(id: "us-ci", secret: "us-ci-secret", name: "GitOps CI"),
        ]),
    ])
    static let flowID = "0b0c0d0e-1f20-4a3b-8c4d-5e6f7a8b9c0d"
    static let profileID = "1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f"

    /// Runs `body` with a started emulator (no activation delay unless given) and stops it.
    static func withEmulator<T>(
        seed: EmulatorSeed = seed, options: EmulatorOptions = EmulatorOptions(activationDelay: .zero),
        _ body: (GenesysEmulator) async throws -> T
    ) async throws -> T {
        try await TestSupport.withEmulator(seed: seed, options: options, body)
    }

    static func euCI(_ emulator: GenesysEmulator) async throws -> TestClient {
        try await TestClient.authenticated(emulator, region: "eu-west-1", clientID: "eu-ci", secret: "eu-ci-secret")
    }

    static func euUI(_ emulator: GenesysEmulator) async throws -> TestClient {
        try await TestClient.authenticated(emulator, region: "eu-west-1", clientID: "eu-ui", secret: "eu-ui-secret")
    }

    static func usCI(_ emulator: GenesysEmulator) async throws -> TestClient {
        try await TestClient.authenticated(emulator, region: "us-east-1", clientID: "us-ci", secret: "us-ci-secret")
    }

    /// A small valid configuration body (reference §4.1).
    static func configuration(_ name: String, color: String = "#0055aa") -> EmulatorJSON {
        [
            "name": .string(name), "description": "test", "languages": ["en-us"], "defaultLanguage": "en-us",
            "messenger": ["enabled": true, "styles": ["primaryColor": .string(color)]],
            "position": ["alignment": "Auto", "sideSpace": 20, "bottomSpace": 20],
        ]
    }
}

import Foundation
import GenesysEmulator
import Testing

@Suite struct EmulatorSeedTests {
    /// emulator/seed.example.yaml, found from this file's path.
    static let examplePath = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("emulator/seed.example.yaml").path

    @Test func theExampleSeedListsTheThreeExampleTenants() throws {
        let seed = try EmulatorSeed.load(path: Self.examplePath)
        #expect(seed.orgs.map(\.name) == ["acme-us", "acme-eu", "acme-au"])
        #expect(seed.orgs.map(\.region) == ["us-east-1", "eu-west-1", "ap-southeast-2"])
        #expect(seed.orgs.allSatisfy { $0.clients.contains { $0.name == "Admin UI user" } })
        #expect(seed == EmulatorSeed.demo.withLifetimes(from: seed))
    }

    @Test func aClientIdTwiceInOneRegionIsRejected() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("seed-\(UUID().uuidString).json").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let client = #"{"id": "same", "secret": "s", "name": "n"}"#
        let text = """
            {"orgs": [{"id": "a", "name": "a", "region": "eu-west-1", "clients": [\(client)]},
                      {"id": "b", "name": "b", "region": "eu-west-1", "clients": [\(client)]}]}
            """
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: SeedError.self) { _ = try EmulatorSeed.load(path: path) }
        #expect(throws: SeedError.self) { _ = try EmulatorSeed.load(path: path + ".missing") }
    }
}

@Suite struct EmulatorSeedYAMLTests {
    private func write(_ text: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("seed-\(UUID().uuidString).yaml").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func aYAMLSeedAsDesignShowsItLoads() throws {
        let path = try write("""
            orgs:
              - id: 6a1e2b3c-4d5e-4f60-8a7b-9c0d1e2f3a4b   # organization id
                name: acme-eu
                region: eu-west-1
                clients:
                  - { id: acme-eu-ci, secret: "s1", name: "GitOps CI", tokenLifetimeSeconds: 300 }
                  - { id: acme-eu-ui, secret: "s2", name: "Admin UI user" }
            """)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let seed = try EmulatorSeed.load(path: path)
        #expect(seed.orgs.first?.clients.map(\.name) == ["GitOps CI", "Admin UI user"])
        #expect(seed.orgs.first?.clients.first?.tokenLifetimeSeconds == 300)
        #expect(seed.orgs.first?.clients.last?.tokenLifetimeSeconds == nil)
    }

    @Test func aMissingSecretIsReportedWithItsLine() throws {
        let path = try write("""
            orgs:
              - id: a
                name: acme-eu
                region: eu-west-1
                clients:
                  - id: acme-eu-ci
                    name: GitOps CI
            """)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let error = try #require(throws: SeedError.self) { try EmulatorSeed.load(path: path) }
        #expect(error.description.contains("secret"))
        #expect(error.description.contains("line 6"))
    }
}

extension EmulatorSeed {
    /// The demo seed with the example file's token lifetimes, to compare the two.
    fileprivate func withLifetimes(from other: EmulatorSeed) -> EmulatorSeed {
        var copy = self
        for (orgIndex, org) in other.orgs.enumerated() where orgIndex < copy.orgs.count {
            for (clientIndex, client) in org.clients.enumerated() where clientIndex < copy.orgs[orgIndex].clients.count {
                copy.orgs[orgIndex].clients[clientIndex].tokenLifetimeSeconds = client.tokenLifetimeSeconds
            }
        }
        return copy
    }
}

@Suite struct EmulatorSeedStrictKeysTests {
    @Test func rolesFlowsProfilesFeaturesAndTimingLoad() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("seed-\(UUID().uuidString).yaml").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data("""
            timing: { asyncDeleteRequests: 3 }
            orgs:
              - id: 8d2e4f6a-1b3c-4d5e-8f9a-0b1c2d3e4f5a
                name: acme-eu
                region: eu-west-1
                flows: [{ id: f-1, name: Inbound messages }]
                supportedContent: [{ id: p-1, name: Images only }]
                featuresNotImplemented: [video]
                clients:
                  - { id: viewer, secret: s, name: Viewer, permissions: [webDeployments:configuration:view] }
            """.utf8).write(to: URL(fileURLWithPath: path))
        let seed = try EmulatorSeed.load(path: path)
        #expect(seed.asyncDeleteRequests == 3)
        #expect(seed.orgs[0].flows == [.init(id: "f-1", name: "Inbound messages")])
        #expect(seed.orgs[0].supportedContent?.map(\.id) == ["p-1"])
        #expect(seed.orgs[0].featuresNotImplemented == ["video"])
        #expect(seed.orgs[0].clients[0].permissions == ["webDeployments:configuration:view"])

        try Data("orgs:\n  - { id: a, name: a, region: eu-west-1, clients: [{ id: c, secret: s, name: n, permissions: 3 }] }\n".utf8)
            .write(to: URL(fileURLWithPath: path))
        #expect(throws: SeedError.self) { _ = try EmulatorSeed.load(path: path) }
    }
}

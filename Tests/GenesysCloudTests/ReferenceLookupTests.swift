import Foundation
import GenesysCloud
import GenesysEmulator
import Testing

/// The look-ups of reference §8 over HTTP against the emulator, one object per page, so every listing is
/// followed page by page: flows and integrations by page number, knowledge by cursor.
@Suite(.serialized) struct ReferenceLookupTests {
    static func with(_ body: (GenesysCloudClient, EmulatorSeed.Org) async throws -> Void) async throws {
        let org = EmulatorHarness.seed.orgs[0].withDemoReferences()
        let emulator = try GenesysEmulator(seed: EmulatorSeed(orgs: [org]))
        let port = try await emulator.start()
        let transport = GenesysTransport()
        var options = EmulatorHarness.fastOptions
        options.listPageSize = 1
        let client = GenesysCloudClient(
            region: EmulatorHarness.eu,
            credentials: ClientCredentials(clientId: "eu-ci", clientSecret: Secret(EmulatorHarness.sentinelSecret)),
            endpoints: try EndpointResolver(template: "http://127.0.0.1:\(port)/{region}"), transport: transport, options: options)
        do {
            try await body(client, org)
        } catch {
            try? await transport.shutdown()
            await emulator.stop()
            throw error
        }
        try await transport.shutdown()
        await emulator.stop()
    }

    @Test func everyListingIsReadWholePageByPage() async throws {
        try await Self.with { client, org in
            let flows = try await client.listFlows()
            #expect(Set(flows.map(\.name)) == Set((org.flows ?? []).map(\.name)))
            #expect(flows.allSatisfy { $0.type == "INBOUNDSHORTMESSAGE" })
            #expect(try await client.listFlows(name: "Web Messaging Inbound").map(\.id) == [org.flows![0].id])
            #expect(try await client.flow(id: org.flows![1].id).name == org.flows![1].name)
            #expect(Set(try await client.listSupportedContents().map(\.id)) == Set((org.supportedContent ?? []).map(\.id)))
            #expect(try await client.defaultSupportedContent().id == org.supportedContent![0].id)
            let kb = try #require(org.knowledgeBases?.first)
            #expect(try await client.listKnowledgeBases().map(\.id) == [kb.id])
            #expect(Set(try await client.listKnowledgeCategories(knowledgeBaseId: kb.id).map(\.name)) == Set(kb.categories.map(\.name)))
            #expect(Set(try await client.listKnowledgeLabels(knowledgeBaseId: kb.id).map(\.name)) == Set(kb.labels.map(\.name)))
            let integrations = try await client.listIntegrations()
            #expect(Set(integrations.map(\.name)) == Set((org.integrations ?? []).map(\.name)))
            #expect(try await client.integration(id: integrations[0].id).type == integrations[0].type)
        }
    }

    @Test func anUnknownKnowledgeBaseIsAnAPIErrorNotAnEmptyList() async throws {
        try await Self.with { client, _ in
            await #expect(throws: GenesysError.self) {
                _ = try await client.listKnowledgeCategories(knowledgeBaseId: "0f0e0d0c-0b0a-4909-8807-060504030201")
            }
        }
    }
}

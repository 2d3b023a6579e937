import Foundation
import GenesysEmulator
import Testing

/// The `name` filters of a knowledge base's categories and labels differ in the OpenAPI text
/// (knowledge.yml): categories "that starts with the given category name", labels "that contains the
/// given phrase in the name".
@Suite struct KnowledgeFilterTests {
    @Test func categoriesMatchByPrefixAndLabelsByPhrase() async throws {
        var seed = EmulatorHarness.seed
        let base = "0a1b2c3d-3333-4aaa-8bbb-000000000001"
        seed.orgs[0].knowledgeBases = [
            .init(
                id: base, name: "Support KB",
                categories: [.init(id: "0a1b2c3d-4444-4aaa-8bbb-000000000001", name: "Returns"),
                             .init(id: "0a1b2c3d-4444-4aaa-8bbb-000000000002", name: "Late returns")],
                labels: [.init(id: "0a1b2c3d-5555-4aaa-8bbb-000000000001", name: "Public"),
                         .init(id: "0a1b2c3d-5555-4aaa-8bbb-000000000002", name: "Internal")]),
        ]
        try await EmulatorHarness.withEmulator(seed: seed) { emulator in
            let client = try await EmulatorHarness.euCI(emulator)
            func names(_ path: String) async throws -> [String] {
                let answer = try await client.get("/api/v2/knowledge/knowledgebases/\(base)/\(path)")
                #expect(answer.status == 200, "\(path)")
                return (answer.json?["entities"]?.arrayValue ?? []).compactMap { $0["name"]?.stringValue }
            }
            #expect(try await names("categories?name=ret") == ["Returns"])
            #expect(try await names("labels?name=ubl") == ["Public"])
            #expect(try await names("labels?name=INTERN") == ["Internal"])
        }
    }
}

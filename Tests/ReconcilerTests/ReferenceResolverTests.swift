import Foundation
import GenesysCloud
import Testing
@testable import Reconciler

/// The by-name references of a tenant file (reference §8), found where the file wrote them and replaced
/// by ids: as planning does with the org's listings, and as apply does with a saved plan's resolutions.
@Suite struct ReferenceResolverTests {
    static let body = """
        configurations:
          - name: c
            supportCenter:
              enabled: false
              knowledgeBase: { name: Support KB }
              enabledCategories: [{ name: Billing, image: { source: { defaultUrl: "https://example.com/b.png" } } }]
              labelFilter: { labels: [{ name: Public }] }
            authenticationSettings: { enabled: true, integration: { name: Okta SSO } }
        deployments:
          - name: d
            configuration: c
            flow: { name: Inbound }
            pushIntegrations: [{ name: Push, provider: FCM }]

        """

    func tenant(_ body: String = body) throws -> Tenant {
        let fixture = try TenantFixture()
        defer { fixture.remove() }
        let loaded = try fixture.load(body: body)
        #expect(loaded.diagnostics.isEmpty, "\(loaded.diagnostics)")
        return try #require(loaded.tenants.first)
    }

    @Test func everyNameIsFoundWithWhereTheFileWroteIt() throws {
        let mentions = ReferenceResolver(tenant: try tenant()).mentions
        #expect(mentions.map(\.name) == ["Support KB", "Billing", "Public", "Okta SSO", "Inbound", "Push"])
        #expect(mentions.map(\.site.kind) == [.knowledgeBase, .knowledgeCategory, .knowledgeLabel, .integration, .flow, .integration])
        // Lines 5 (the header's four lines and a blank) onwards: `Billing` is on line 10, column 35.
        let billing = try #require(mentions.first { $0.name == "Billing" })
        #expect(billing.location.map { "\($0.line):\($0.column)" } == "10:35")
        #expect(billing.scopeReference == ["name": "Support KB"])
    }

    @Test func aSavedPlansResolutionsReplaceTheNamesAndKeepTheOtherMembers() throws {
        let resolved = [
            ResolvedReference(kind: .knowledgeBase, name: "Support KB", id: "kb-1"),
            ResolvedReference(kind: .knowledgeCategory, name: "Billing", id: "cat-1", scope: "kb-1"),
            ResolvedReference(kind: .knowledgeLabel, name: "Public", id: "label-1", scope: "kb-1"),
            ResolvedReference(kind: .integration, name: "Okta SSO", id: "int-1"),
            ResolvedReference(kind: .flow, name: "Inbound", id: "flow-1"),
        ]
        let result = ReferenceResolver.substituting(resolved, in: try tenant())
        let configuration = JSONValue.object(try #require(result.configurations.first).fields)
        #expect(configuration["supportCenter"]?["knowledgeBase"] == ["id": "kb-1"])
        let category = configuration["supportCenter"]?["enabledCategories"]?.arrayValue?.first
        #expect(category?["id"] == "cat-1" && category?["name"] == nil && category?["image"] != nil)
        #expect(configuration["supportCenter"]?["labelFilter"]?["labels"] == [["id": "label-1"]])
        #expect(configuration["authenticationSettings"]?["integrationId"] == "int-1")
        #expect(configuration["authenticationSettings"]?["integration"] == nil)
        let deployment = JSONValue.object(try #require(result.deployments.first).fields)
        #expect(deployment["flow"] == ["id": "flow-1"])
        // A name the plan did not resolve stays a name, so the plan reads as stale against the file.
        #expect(deployment["pushIntegrations"] == [["name": "Push", "provider": "FCM"]])
    }

    @Test func aCategoryOfAnotherKnowledgeBaseIsNotTakenForThisOne() throws {
        let resolved = [
            ResolvedReference(kind: .knowledgeBase, name: "Support KB", id: "kb-1"),
            ResolvedReference(kind: .knowledgeCategory, name: "Billing", id: "cat-of-kb-2", scope: "kb-2"),
        ]
        let result = ReferenceResolver.substituting(resolved, in: try tenant())
        let category = JSONValue.object(try #require(result.configurations.first).fields)["supportCenter"]?["enabledCategories"]?.arrayValue?.first
        #expect(category?["name"] == "Billing" && category?["id"] == nil)
    }

    @Test func closestNamesComeFirstAndAreQuotedSafely() {
        let objects = ["Web Messaging Inbound", "Voice", "Web Messaging After Hours", "Evil\u{1B}[31m"].enumerated().map {
            ReferencedObject(id: "id-\($0.offset)", name: $0.element)
        }
        let text = ReferenceResolver.closest("Web Mesaging Inbound", in: objects, kind: .flow)
        #expect(text.hasPrefix("; closest: \"Web Messaging Inbound\", \"Web Messaging After Hours\""), "\(text)")
        #expect(!ReferenceResolver.closest("Evil", in: objects, kind: .flow).contains("\u{1B}"))
        #expect(ReferenceResolver.closest("x", in: [], kind: .flow) == "; it has no inbound message flows")
    }
}

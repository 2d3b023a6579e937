import Foundation
import Testing
@testable import Reconciler

/// `schemas/tenant.schema.json` (for editors) and the Swift tables (for `validate`) must agree.
@Suite struct TenantSchemaTests {
    func jsonSchema() throws -> [String: Any] {
        let data = try Data(contentsOf: repositoryRoot.appendingPathComponent("schemas/tenant.schema.json"))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    func keys(_ object: Any?) -> Set<String> {
        Set(((object as? [String: Any])?["properties"] as? [String: Any])?.keys.map { $0 } ?? [])
    }

    @Test func topLevelAndSugarKeysAgree() throws {
        let schema = try jsonSchema()
        #expect(schema["$schema"] as? String == "https://json-schema.org/draft/2020-12/schema")
        #expect(keys(schema) == Set(TenantSchema.topLevelKeys))
        let properties = try #require(schema["properties"] as? [String: Any])
        #expect(keys(properties["credentials"]) == Set(TenantSchema.credentialKeys))
        #expect(keys(properties["policy"]) == Set(TenantSchema.policyKeys))
        let regions = try #require((properties["region"] as? [String: Any])?["enum"] as? [String])
        #expect(regions == TenantSchema.regions)
        #expect(regions.count == 18)
        let defs = try #require(schema["$defs"] as? [String: Any])
        #expect(keys(defs["TenantGreeting"]) == Set(TenantSchema.greetingKeys.map(\.key)))
        #expect(keys(defs["TenantAvailability"]) == Set(TenantSchema.availabilityKeys))
        #expect(keys(defs["TenantConfiguration"]) == Set(APISchema.configuration.writableFieldNames + TenantSchema.configurationSugarKeys))
        #expect(keys(defs["TenantDeployment"]) == Set(APISchema.deployment.writableFieldNames))
        #expect(keys(defs["TenantSupportedContent"]) == Set(APISchema.supportedContent.writableFieldNames + TenantSchema.supportedContentSugarKeys))
    }

    /// Editors accept `- { name: x, remove: true }` in the lists that merge by name, and nowhere else.
    @Test func namedListsAcceptRemovalEntries() throws {
        let schema = try jsonSchema()
        let properties = try #require(schema["properties"] as? [String: Any])
        for key in ["configurations", "deployments", "availability", "supportedContents"] {
            let items = (properties[key] as? [String: Any])?["items"] as? [String: Any]
            let refs = (items?["anyOf"] as? [[String: Any]] ?? []).compactMap { $0["$ref"] as? String }
            #expect(refs.contains("#/$defs/TenantRemoval"), "\(key)")
        }
        let defs = try #require(schema["$defs"] as? [String: Any])
        let removal = try #require(defs["TenantRemoval"] as? [String: Any])
        #expect(keys(removal) == ["name", "remove"])
        #expect(((removal["properties"] as? [String: Any])?["remove"] as? [String: Any])?["const"] as? Bool == true)
        #expect(Set(removal["required"] as? [String] ?? []) == ["name", "remove"])
        #expect(keys(defs["TenantConfiguration"]).contains("remove") == false)
    }

    @Test func everyAPIModelAgreesOnWritableKeys() throws {
        let defs = try #require(try jsonSchema()["$defs"] as? [String: Any])
        for model in APISchema.models.values {
            #expect(keys(defs[model.name]) == Set(model.writableFieldNames), "\(model.name)")
        }
        #expect(APISchema.models.count > 50)
    }

    /// The read-only flags generated from the OpenAPI text match the RO column of the markdown
    /// reference (§4.1, §4.2), which says both come from the same SDK models.
    @Test func readOnlyFlagsMatchTheMarkdownReference() throws {
        let url = repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/reference/genesys-cloud-api.md")
        let text = try String(contentsOf: url, encoding: .utf8)
        for model in [APISchema.configuration, APISchema.deployment] {
            let start = try #require(text.range(of: "##### \(model.name)\n"))
            let rest = text[start.upperBound...]
            let end = rest.range(of: "\n##### ")?.lowerBound ?? rest.endIndex
            var readOnly: Set<String> = []
            var all: Set<String> = []
            for line in rest[..<end].split(separator: "\n") where line.hasPrefix("| `") {
                let cells = line.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
                let name = cells[1].trimmingCharacters(in: CharacterSet(charactersIn: "`"))
                all.insert(name)
                if cells[3] == "RO" { readOnly.insert(name) }
            }
            #expect(all == Set(model.fields.map(\.name)), "\(model.name)")
            // `status` is refused by design (the server sets it), though the reference does not mark it RO.
            #expect(readOnly.union(["status"]) == Set(model.fields.filter(\.readOnly).map(\.name)), "\(model.name)")
        }
    }
}

/// Editors accept a referred object by name wherever the API takes its id (reference §8), as `validate` does.
@Suite struct TenantSchemaReferenceTests {
    func defs() throws -> [String: Any] {
        let data = try Data(contentsOf: repositoryRoot.appendingPathComponent("schemas/tenant.schema.json"))
        let schema = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        return try #require(schema["$defs"] as? [String: Any])
    }

    /// The `anyOf` alternatives of `model.properties[key]` (of its `items` for a list).
    func alternatives(_ defs: [String: Any], _ model: String, _ key: String) -> [[String: Any]] {
        let property = ((defs[model] as? [String: Any])?["properties"] as? [String: Any])?[key] as? [String: Any] ?? [:]
        let target = (property["items"] as? [String: Any]) ?? property
        return target["anyOf"] as? [[String: Any]] ?? []
    }

    @Test func everyReferringFieldTakesANameOrAnId() throws {
        let defs = try defs()
        let sites: [(String, String)] = [
            ("TenantDeployment", "flow"), ("TenantDeployment", "supportedContent"), ("TenantDeployment", "pushIntegrations"),
            ("Knowledge", "knowledgeBase"), ("SupportCenterSettings", "knowledgeBase"), ("SupportCenterSettings", "enabledCategories"),
            ("SupportCenterLabelFilter", "labels"), ("TenantConfiguration", "authenticationSettings"),
        ]
        for (model, key) in sites {
            let options = alternatives(defs, model, key)
            #expect(options.count == 2, "\(model).\(key)")
            let byName = options.contains { option in
                let ref = option["$ref"] as? String
                let properties = (ref.flatMap { defs[String($0.dropFirst("#/$defs/".count))] as? [String: Any] } ?? option)["properties"] as? [String: Any]
                return properties?["name"] != nil || properties?["integration"] != nil
            }
            #expect(byName, "\(model).\(key) has no by-name form")
        }
        // Every site the schema knows is one `validate` resolves, and the other way round.
        #expect(ReferenceSite.all.count == sites.count)
    }
}

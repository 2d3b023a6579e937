import Foundation
import GenesysCloud
import Testing
import YAML

@testable import Reconciler

/// Paths from the tenant file on: the decoder records where each value was set under its keys, and a
/// person's `ignore:` text is read once into the same keys.
@Suite struct TenantPathTests {
    @Test func aWrittenPathReadsBackIntoItsKeys() throws {
        #expect(try FieldPath(parsing: "configurations[acme-support].messenger.styles").components
            == ["configurations", "acme-support", "messenger", "styles"])
        #expect(try FieldPath(parsing: "configurations[web [eu].v2].messenger").components == ["configurations", "web [eu].v2", "messenger"])
        #expect(try FieldPath(parsing: #"configurations["a]b"].labels["x.y"]"#).components == ["configurations", "a]b", "labels", "x.y"])
        #expect(try FieldPath(parsing: "messenger.fileUpload.modes[0].maxFileSizeKB").components
            == ["messenger", "fileUpload", "modes", "0", "maxFileSizeKB"])
        for keys in [["a.b", "c"], ["messenger", "styles", "x.y"], ["q\"uote", "]", "[", ""], ["plain"]] {
            #expect(try FieldPath(parsing: FieldPath(keys).text) == FieldPath(keys), "\(FieldPath(keys).text)")
        }
        for broken in ["", ".a", "a.", "a..b", "a[b", #"a["b]"#, "a[b]c", "configurations[x"] {
            #expect(throws: FieldPath.SyntaxError.self, "\(broken)") { try FieldPath(parsing: broken) }
        }
    }

    @Test func originsAreKeyedByKeysSoANameHoldingDotsAndBracketsStaysOneKey() throws {
        let fixture = try TenantFixture()
        defer { fixture.remove() }
        let path = try fixture.write("tenants/t.yaml", TenantFixture.header + """
            configurations:
              - name: "a.b [x]"
                messenger:
                  styles: { primaryColor: "#0052CC" }
            ignore:
              - { path: "configurations[a.b [x]].messenger.styles", reason: owned by design }
              - { path: "configurations[\\"a.b [x]\\"].messenger", reason: the quoted form }

            """)
        let result = TenantLoader().load(paths: [path])
        #expect(result.diagnostics.isEmpty, "\(result.text)")
        let tenant = try #require(result.tenants.first)
        let colour = FieldPath.configuration("a.b [x]").appending(["messenger", "styles", "primaryColor"])
        #expect(tenant.origins[colour]?.line == 8)
        #expect(tenant.origins[FieldPath(["configurations", "a", "b [x]", "messenger", "styles", "primaryColor"])] == nil)
        #expect(tenant.ignore.map(\.field) == [
            FieldPath(["configurations", "a.b [x]", "messenger", "styles"]), FieldPath(["configurations", "a.b [x]", "messenger"]),
        ])
    }

    @Test func oneLocationTypeFromTheParserToTheDiagnostic() throws {
        let error = try #require(throws: YAMLError.self) { try YAMLParser.parse("a: [1\n", file: "t.yaml") }
        #expect(error.location == SourceLocation(file: "t.yaml", mark: error.mark))
        #expect(error.description == "t.yaml:\(error.mark.line):\(error.mark.column): error: \(error.message)")
        let diagnostic = Diagnostic(at: error.location, error.message)
        #expect(diagnostic.description.hasPrefix("\(error.location): error: "))
        let encoded = try JSONEncoder().encode(SourceLocation(file: "t.yaml", line: 2, column: 3))
        #expect(try JSONDecoder().decode([String: JSONValue].self, from: encoded) == ["file": "t.yaml", "line": 2, "column": 3])
    }
}

/// `plan --explain` points each change at the line that set it, by the change's keys.
@Suite struct ExplainOriginTests {
    static func plan(_ body: String) throws -> ObjectPlan {
        let fixture = try TenantFixture()
        defer { fixture.remove() }
        let result = try fixture.load(body: body)
        #expect(result.diagnostics.isEmpty, "\(result.text)")
        let tenant = try #require(result.tenants.first)
        let live = LiveState()
        return try #require(try Planner(tenant: tenant).plan(live: live).objects.first { $0.kind == .configuration })
    }

    @Test func labelsWrittenAsCustomI18nLabelsPointAtThatLineAndGreetingsAtTheirs() throws {
        let labels = try Self.plan("""
            configurations:
              - name: "a.b"
                languages: [en-us]
                customI18nLabels:
                  - language: en-us
                    localizedLabels: [{ key: MessengerHomeHeaderTitle, value: Hi }]

            """)
        let change = try #require(labels.changes.first { $0.path == "customI18nLabels" })
        #expect(change.origin?.hasSuffix("tenants/t.yaml:9:7") == true, "\(change.origin ?? "nil")")

        let greetings = try Self.plan("""
            configurations:
              - name: "a.b"
                languages: [en-us]
                greetings:
                  en-us: { title: Hi, subtitle: There }

            """)
        let sugar = try #require(greetings.changes.first { $0.path == "customI18nLabels" })
        #expect(sugar.origin?.hasSuffix("tenants/t.yaml:9:23") == true, "\(sugar.origin ?? "nil")")
    }
}

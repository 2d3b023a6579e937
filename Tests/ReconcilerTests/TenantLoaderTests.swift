import Foundation
import GenesysCloud
import Testing
@testable import Reconciler

@Suite struct TenantLoaderTests {
    static let base = """
        policy: { maxGreetingLength: 99, minContrast: 7 }
        configurations:
          - name: c
            description: from base
            messenger:
              styles: { primaryColor: "#0052CC" }

        """

    @Test func extendsMergesMapsReplacesListsAndNullRemoves() throws {
        let fixture = try TenantFixture()
        defer { fixture.remove() }
        try fixture.write("bases/b.yaml", Self.base)
        let path = try fixture.write("tenants/t.yaml", TenantFixture.header + """
            extends: ../bases/b.yaml
            policy: { minContrast: null, contrastWith: "#F0F0F0" }
            deployments:
              - { name: d, configuration: c }
            """)
        let result = TenantLoader().load(paths: [path])
        #expect(result.diagnostics.isEmpty, "\(result.text)")
        let tenant = try #require(result.tenants.first)
        #expect(tenant.policy == Policy(minContrast: 4.5, contrastWith: "#F0F0F0", maxGreetingLength: 99))
        #expect(tenant.configurations.map(\.name) == ["c"])
        #expect(tenant.deployments.first?.configuration == "c")
        let origin = try #require(tenant.origins["configurations[c].messenger.styles.primaryColor"])
        #expect(origin.file.hasSuffix("bases/b.yaml"))
        #expect((origin.line, origin.column) == (6, 31))
        #expect(tenant.origins["policy.contrastWith"]?.file.hasSuffix("tenants/t.yaml") == true)
        #expect(tenant.origins["deployments[d].configuration"]?.line == 8)
    }

    /// Lists of named objects merge by `name` through a chain of bases; removal is explicit; an
    /// element named twice in one file stays twice, so validation reports the duplicate.
    @Test func namedListsMergeByNameThroughAChainOfBases() throws {
        let fixture = try TenantFixture()
        defer { fixture.remove() }
        try fixture.write("bases/root.yaml", """
            configurations:
              - { name: a, description: root a, languages: [en-us, fr] }
              - { name: b, description: root b }
              - { name: c, description: root c }
            availability:
              - { name: h, timeZone: Europe/Dublin, open: [{ days: [MO], from: "09:00", to: "17:00" }] }

            """)
        try fixture.write("bases/mid.yaml", """
            extends: root.yaml
            configurations:
              - { name: b, remove: true }
              - { name: a, description: mid a }

            """)
        let path = try fixture.write("tenants/t.yaml", TenantFixture.header + """
            extends: ../bases/mid.yaml
            configurations:
              - { name: d, description: tenant d }
              - { name: a, languages: [en-us] }
            availability:
              - { name: h, timeZone: Europe/Paris }

            """)
        let result = TenantLoader().load(paths: [path])
        #expect(result.diagnostics.isEmpty, "\(result.text)")
        let tenant = try #require(result.tenants.first)
        #expect(tenant.configurations.map(\.name) == ["a", "c", "d"])
        let a = try #require(tenant.configurations.first)
        #expect(a.fields["description"] == "mid a")
        #expect(a.fields["languages"] == ["en-us"])
        #expect(tenant.origins["configurations[a].description"]?.file.hasSuffix("bases/mid.yaml") == true)
        #expect(tenant.origins["configurations[a].languages"]?.file.hasSuffix("tenants/t.yaml") == true)
        #expect(tenant.origins["configurations[c].description"]?.file.hasSuffix("bases/root.yaml") == true)
        #expect(tenant.availability.first?.timeZone == "Europe/Paris")
        #expect(tenant.availability.first?.open.count == 1)

        try fixture.write("tenants/t.yaml", TenantFixture.header + """
            extends: ../bases/mid.yaml
            configurations:
              - { name: d, description: one }
              - { name: d, description: two }
              - { name: b, remove: true }

            """)
        let twice = TenantLoader().load(paths: [path])
        #expect(twice.diagnostic(at: 8, 13)?.message.hasPrefix("duplicate configuration name `d`") == true, "\(twice.text)")
        // `b` was removed by the base in between: nothing of that name is left to remove.
        #expect(twice.diagnostic(at: 9, 13)?.message == "`remove: true` names `b`, but no base lists `b` in `configurations`", "\(twice.text)")
    }

    @Test func aRemovalInAFileThatExtendsNothingIsAnError() throws {
        let fixture = try TenantFixture()
        defer { fixture.remove() }
        let result = try fixture.load(body: "configurations:\n  - { name: x, remove: true }\n")
        #expect(result.diagnostic(at: 6, 13)?.message == "`remove: true` names `x`, but no base lists `x` in `configurations`", "\(result.text)")
        #expect(result.diagnostics.count == 1, "\(result.text)")
    }

    @Test func errorsInABaseNameTheBase() throws {
        let fixture = try TenantFixture()
        defer { fixture.remove() }
        try fixture.write("bases/b.yaml", "configurations:\n  - name: c\n    colour: x\n")
        let path = try fixture.write("tenants/t.yaml", TenantFixture.header + "extends: ../bases/b.yaml\n")
        let result = TenantLoader().load(paths: [path])
        let d = try #require(result.diagnostics.first)
        #expect(d.location.file.hasSuffix("bases/b.yaml"))
        #expect((d.location.line, d.location.column) == (3, 5))
    }

    @Test func missingBaseAndCyclesAreErrors() throws {
        let fixture = try TenantFixture()
        defer { fixture.remove() }
        let missing = try fixture.write("tenants/t.yaml", TenantFixture.header + "extends: ../bases/nope.yaml\n")
        let r1 = TenantLoader().load(paths: [missing])
        #expect(r1.diagnostic(at: 5, 10)?.message.hasPrefix("base file `../bases/nope.yaml` not found") == true, "\(r1.text)")

        try fixture.write("bases/a.yaml", "extends: b.yaml\n")
        try fixture.write("bases/b.yaml", "extends: a.yaml\n")
        let cyclic = try fixture.write("tenants/t.yaml", TenantFixture.header + "extends: ../bases/a.yaml\n")
        let r2 = TenantLoader().load(paths: [cyclic])
        let d = try #require(r2.diagnostics.first { $0.message.contains("cycle") }, "\(r2.text)")
        #expect(d.location.file.hasSuffix("bases/b.yaml"))
        #expect((d.location.line, d.location.column) == (1, 10))
    }

    @Test func foldersMeanEveryYAMLFileDirectlyInside() throws {
        let fixture = try TenantFixture()
        defer { fixture.remove() }
        try fixture.write("tenants/t.yaml", TenantFixture.header)
        try fixture.write("tenants/notes.txt", "not a tenant")
        try fixture.write(
            "tenants/u.yaml",
            TenantFixture.header.replacingOccurrences(of: "tenant: t", with: "tenant: u")
                .replacingOccurrences(of: "8d2e4f6a-1b3c-4d5e-8f9a-0b1c2d3e4f5a", with: "9e3f5a7b-2c4d-4e6f-9a0b-1c2d3e4f5a6b"))
        let result = TenantLoader().load(paths: [fixture.root.appendingPathComponent("tenants").path])
        #expect(result.fileCount == 2)
        #expect(result.tenants.map(\.name) == ["t", "u"])
        #expect(result.summary == "2 files, 0 errors")
    }

    @Test func aFileNamedTwiceIsOneTenantAndTwoFilesOfOneOrgAreBothRefused() throws {
        let fixture = try TenantFixture()
        defer { fixture.remove() }
        let t = try fixture.write("tenants/t.yaml", TenantFixture.header)
        let folder = fixture.root.appendingPathComponent("tenants").path
        let twice = TenantLoader().load(paths: [t, folder, folder + "/../tenants/t.yaml"])
        #expect(twice.fileCount == 1)
        #expect(twice.tenants.count == 1)

        let u = try fixture.write("tenants/u.yaml", TenantFixture.header.replacingOccurrences(of: "tenant: t", with: "tenant: u"))
        let shared = TenantLoader().load(paths: [folder])
        #expect(shared.tenants.isEmpty)
        #expect(shared.errorCount == 2)
        #expect(shared.diagnostics.contains { $0.location.file == t && $0.message.contains(u) }, "\(shared.text)")
        #expect(shared.diagnostics.contains { $0.location.file == u && $0.message.contains(t) }, "\(shared.text)")
    }

    @Test func theExampleTenantsAreValid() throws {
        let result = TenantLoader().load(paths: [repositoryRoot.appendingPathComponent("tenants").path])
        #expect(result.diagnostics.isEmpty, "\(result.text)")
        #expect(result.tenants.map(\.name) == ["acme-au", "acme-eu", "acme-us"])
        #expect(result.tenants.map(\.region) == ["ap-southeast-2", "eu-west-1", "us-east-1"])
        for tenant in result.tenants {
            let configuration = try #require(tenant.configurations.first)
            #expect(configuration.fields["messenger"]?.value(atPath: ["launcherButton", "visibility"]) == .string("On"))
            #expect(configuration.greetings.count == 2)
            #expect(tenant.deployments.count == 1)
            #expect(tenant.availability.first?.closed.isEmpty == false)
            #expect(tenant.credentials.clientSecretEnv.hasSuffix("_CLIENT_SECRET"))
        }
    }

    @Test func exampleFilesStartWithTheSchemaLine() throws {
        for name in ["acme-us", "acme-eu", "acme-au"] {
            let text = try String(contentsOf: repositoryRoot.appendingPathComponent("tenants/\(name).yaml"), encoding: .utf8)
            #expect(text.hasPrefix("# yaml-language-server: $schema=../schemas/tenant.schema.json\n"))
        }
    }
}

import Foundation
import GenesysCloud
import GenesysEmulator
import TestSupport
import Testing

/// End to end (issue 13): supported content profiles as managed objects. A tenant file's
/// `supportedContents:` are created (POST), updated (PATCH), pruned behind the delete guard and made the
/// org's default (`PUT …/supportedcontent/default`); a deployment may name a profile the same file creates.
@Suite(.serialized) struct SupportedContentTests {
    static let t1 = CLIHarness.TenantSpec(
        name: "t1", region: "eu-west-1", organizationId: "5c2e2b3c-4d5e-4f60-8a7b-9c0d1e2f3a81", secret: "secret-sc1", yamlBody: "")

    static let configuration = """
        configurations:
          - name: support
            languages: [en-us]
            defaultLanguage: en-us
            messenger: { enabled: true }

        """

    /// A profile the org lacks, and a deployment that names it.
    static let body = """
        supportedContents:
          - name: Docs only
            mediaTypes:
              allow:
                inbound: [{ type: application/pdf }]
                outbound: [{ type: application/pdf }, { type: "image/*" }]
        """ + "\n" + configuration + """
        deployments:
          - name: web
            configuration: support
            allowedDomains: [www.example.com]
            supportedContent: { name: Docs only }

        """

    static func harness(body: String = body) async throws -> CLIHarness {
        var spec = t1
        spec.yamlBody = body
        return try await CLIHarness(tenants: [spec]) { _, orgs in orgs = orgs.map { $0.withDemoReferences() } }
    }

    static func profiles(_ h: CLIHarness) async throws -> [SupportedContent] {
        try await h.adminClient(tenant: "t1").listSupportedContentProfiles()
    }

    /// `file:line:column` of the `occurrence`-th `needle` (1-based) in the tenant file.
    static func location(_ h: CLIHarness, _ needle: String, occurrence: Int = 1) throws -> String {
        let text = try h.read(tenant: "t1")
        var seen = 0
        for (index, line) in text.components(separatedBy: "\n").enumerated() {
            if let range = line.range(of: needle) {
                seen += 1
                if seen == occurrence {
                    return "tenants/t1.yaml:\(index + 1):\(line.distance(from: line.startIndex, to: range.lowerBound) + 1)"
                }
            }
        }
        return "no \(needle)"
    }

    @Test func aProfileCreatedAndReferencedInOneApply() async throws {
        try await CLIHarness.with(await Self.harness()) { h in
            let plan = try await h.run(["plan", "--detailed-exitcode"])
            #expect(plan.status == 2, "\(plan.all)")
            #expect(plan.all.contains("supported content profile \"Docs only\""), "\(plan.all)")
            #expect(plan.all.contains("created by this apply"), "the deployment's reference reads as the new profile: \(plan.all)")
            let apply = try await h.run(["apply", "--auto-approve"])
            #expect(apply.status == 0, "\(apply.all)")
            let created = try #require(try await Self.profiles(h).first { $0.name == "Docs only" })
            #expect(created.fields["mediaTypes"]?["allow"]?["outbound"]?.arrayValue?.count == 2)
            let deployment = try #require(try await h.adminClient(tenant: "t1").listDeployments().first)
            #expect(deployment.fields["supportedContent"]?["id"]?.stringValue == created.id)
            let again = try await h.run(["plan", "--detailed-exitcode"])
            #expect(again.status == 0, "\(again.all)")
        }
    }

    @Test func aSavedPlanCreatesTheProfileBeforeTheDeployment() async throws {
        try await CLIHarness.with(await Self.harness()) { h in
            let plan = try await h.run(["plan", "--out", "plan.json"])
            #expect(plan.status == 0, "\(plan.all)")
            let apply = try await h.run(["apply", "plan.json"])
            #expect(apply.status == 0, "\(apply.all)")
            let created = try #require(try await Self.profiles(h).first { $0.name == "Docs only" })
            let deployment = try #require(try await h.adminClient(tenant: "t1").listDeployments().first)
            #expect(deployment.fields["supportedContent"]?["id"]?.stringValue == created.id)
        }
    }

    @Test func aProfilesMediaTypesAreUpdatedWithPatch() async throws {
        try await CLIHarness.with(await Self.harness()) { h in
            #expect(try await h.run(["apply", "--auto-approve"]).status == 0)
            let id = try #require(try await Self.profiles(h).first { $0.name == "Docs only" }?.id)
            try h.write(tenant: "t1", CLIHarness.header(Self.t1) + Self.body.replacingOccurrences(
                of: "outbound: [{ type: application/pdf }, { type: \"image/*\" }]", with: "outbound: [{ type: \"video/mpeg\" }]"))
            let plan = try await h.run(["plan", "--detailed-exitcode"])
            #expect(plan.status == 2, "\(plan.all)")
            #expect(plan.all.contains("mediaTypes.allow.outbound"), "\(plan.all)")
            let apply = try await h.run(["apply", "--auto-approve"])
            #expect(apply.status == 0, "\(apply.all)")
            let patched = try #require(try await Self.profiles(h).first { $0.name == "Docs only" })
            #expect(patched.id == id, "updated in place, not re-created")
            #expect(patched.fields["mediaTypes"]?["allow"]?["outbound"] == .array([["type": "video/mpeg"]]))
            #expect(patched.fields["mediaTypes"]?["allow"]?["inbound"] == .array([["type": "application/pdf"]]))
            let patches = await h.emulator.requestLog().filter { $0.method == "PATCH" && $0.path.contains("/supportedcontent/") }
            #expect(patches.count == 1, "\(patches)")
            #expect(try await h.run(["plan", "--detailed-exitcode"]).status == 0)
        }
    }

    @Test func profilesNoFileNamesArePrunedOnlyBehindTheDeleteGuard() async throws {
        // The org has Default (its default), Images only, Images and PDF; the file keeps Images only.
        let body = """
            prune: true
            supportedContents:
              - name: Images only
                mediaTypes:
                  allow:
                    inbound: [{ type: "image/*" }]
                    outbound: [{ type: "image/*" }]

            """
        try await CLIHarness.with(await Self.harness(body: body)) { h in
            let plan = try await h.run(["plan", "--detailed-exitcode"])
            #expect(plan.status == 2, "\(plan.all)")
            #expect(plan.all.contains("Images and PDF"), "\(plan.all)")
            // The org's default profile is never pruned (integrations created without a profile get it).
            #expect(!plan.all.contains("delete supported content profile \"Default\""), "\(plan.all)")
            #expect(plan.all.contains("supported content profile \"Default\" is in no file but is not pruned: it is the org's default profile"), "\(plan.all)")
            let guarded = try await h.run(["apply", "--auto-approve"])
            #expect(guarded.status == 4, "\(guarded.all)")
            #expect(try await Self.profiles(h).contains { $0.name == "Images and PDF" }, "nothing deleted behind the guard")
            let apply = try await h.run(["apply", "--auto-approve", "--allow", "delete"])
            #expect(apply.status == 0, "\(apply.all)")
            let names = try await Self.profiles(h).compactMap(\.name).sorted()
            #expect(names == ["Default", "Images only"], "\(names)")
            #expect(try await h.run(["plan", "--detailed-exitcode"]).status == 0)
        }
    }

    @Test func theFileSetsTheOrgsDefaultProfile() async throws {
        let body = """
            supportedContents:
              - name: Images and PDF
                default: true
                mediaTypes:
                  allow:
                    inbound: [{ type: "image/*" }]
                    outbound: [{ type: "image/*" }]

            """
        try await CLIHarness.with(await Self.harness(body: body)) { h in
            let client = try h.adminClient(tenant: "t1")
            #expect(try await client.defaultSupportedContent().name == "Default")
            let plan = try await h.run(["plan", "--detailed-exitcode"])
            #expect(plan.status == 2, "\(plan.all)")
            #expect(plan.all.contains("default"), "\(plan.all)")
            let apply = try await h.run(["apply", "--auto-approve"])
            #expect(apply.status == 0, "\(apply.all)")
            #expect(try await client.defaultSupportedContent().name == "Images and PDF")
            let puts = await h.emulator.requestLog().filter { $0.method == "PUT" && $0.path.hasSuffix("/supportedcontent/default") }
            #expect(puts.count == 1, "\(puts)")
            #expect(try await h.run(["plan", "--detailed-exitcode"]).status == 0)
        }
    }

    @Test func twoDefaultsAreRefusedAtTheSecondOnesLineAndColumn() async throws {
        let body = """
            supportedContents:
              - name: Images only
                default: true
              - name: Images and PDF
                default: true

            """
        try await CLIHarness.with(await Self.harness(body: body)) { h in
            let at = try Self.location(h, "true", occurrence: 2)
            let validate = try await h.run(["validate"])
            #expect(validate.status == 1, "\(validate.all)")
            #expect(validate.all.contains("\(at): error:"), "\(validate.all)")
            #expect(validate.all.contains("Images only"), "names the other default: \(validate.all)")
            let plan = try await h.run(["plan"])
            #expect(plan.status == 1, "\(plan.all)")
        }
    }

    @Test func anUnknownKeyInAProfileIsRefused() async throws {
        let body = """
            supportedContents:
              - name: Images only
                mediaTypes: { allow: { inbound: [{ type: "image/*" }] }, deny: {} }

            """
        try await CLIHarness.with(await Self.harness(body: body)) { h in
            let at = try Self.location(h, "deny")
            let validate = try await h.run(["validate"])
            #expect(validate.status == 1, "\(validate.all)")
            #expect(validate.all.contains("\(at): error: unknown key `deny`"), "\(validate.all)")
        }
    }

    @Test func aBasesProfilesMergeByName() async throws {
        let base = """
            supportedContents:
              - name: Shared images
                mediaTypes:
                  allow:
                    inbound: [{ type: "image/*" }]
                    outbound: [{ type: "image/*" }]
              - name: Shared docs
                mediaTypes: { allow: { inbound: [{ type: application/pdf }] } }

            """
        let body = """
            extends: ../bases/shared.yaml
            supportedContents:
              - name: Shared images
                mediaTypes: { allow: { outbound: [{ type: image/png }] } }
              - { name: Shared docs, remove: true }

            """
        try await CLIHarness.with(await Self.harness(body: body)) { h in
            try FileManager.default.createDirectory(at: h.directory.appendingPathComponent("bases"), withIntermediateDirectories: true)
            try base.write(to: h.directory.appendingPathComponent("bases/shared.yaml"), atomically: true, encoding: .utf8)
            let validateBase = try await h.run(["validate", "bases/shared.yaml"])
            #expect(validateBase.status == 0, "\(validateBase.all)")
            #expect(try await h.run(["apply", "--auto-approve"]).status == 0)
            let profiles = try await Self.profiles(h)
            #expect(!profiles.contains { $0.name == "Shared docs" }, "removed by the tenant")
            let merged = try #require(profiles.first { $0.name == "Shared images" })
            // The base's inbound stays; the tenant's outbound list replaces the base's (lists inside API objects replace).
            #expect(merged.fields["mediaTypes"]?["allow"]?["inbound"] == .array([["type": "image/*"]]))
            #expect(merged.fields["mediaTypes"]?["allow"]?["outbound"] == .array([["type": "image/png"]]))
            #expect(try await h.run(["plan", "--detailed-exitcode"]).status == 0)
        }
    }

    @Test func exportWritesTheProfilesAndTheRoundTripIsEmpty() async throws {
        try await CLIHarness.with(await Self.harness()) { h in
            #expect(try await h.run(["apply", "--auto-approve"]).status == 0)
            let export = try await h.run(["export", "t1", "--region", "eu-west-1", "--out", "tenants/t1.yaml"])
            #expect(export.status == 0, "\(export.all)")
            let exported = try h.read(tenant: "t1")
            #expect(exported.contains("supportedContents:"), "\(exported)")
            for profile in try await Self.profiles(h) {
                #expect(exported.contains("name: \(profile.name ?? "?")"), "\(exported)")
                #expect(!exported.contains(profile.id ?? "?"), "no ids: \(exported)")
            }
            let plan = try await h.run(["plan", "--detailed-exitcode"])
            #expect(plan.status == 0, "\(plan.all)\n\(exported)")

            try FileManager.default.createDirectory(at: h.directory.appendingPathComponent("bases"), withIntermediateDirectories: true)
            let base = try await h.run(["export", "t1", "--region", "eu-west-1", "--as-base", "--out", "bases/exported.yaml"])
            #expect(base.status == 0, "\(base.all)")
            let text = try String(contentsOf: h.directory.appendingPathComponent("bases/exported.yaml"), encoding: .utf8)
            #expect(text.contains("supportedContents:") && text.contains("Docs only"), "\(text)")
        }
    }
}

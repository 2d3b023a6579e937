import Foundation
import GenesysCloud
import GenesysEmulator
import TestSupport
import Testing

/// End to end (issue 10, "A rollback that lasts"): a tenant file pins a deployment to a published
/// version; `rollback` says which line to write; a pinned deployment is in sync and moves only
/// behind a guard.
@Suite(.serialized) struct PinnedDeploymentTests {
    static func serving(_ h: CLIHarness, org: String) async throws -> String? {
        let snapshot = try #require(await h.emulator.snapshot().org(named: org))
        return snapshot.deployments.first?["configuration"]?["version"]?.stringValue
    }

    static func recolour(_ h: CLIHarness, from: String, to: String) throws {
        let base = try String(contentsOf: URL(fileURLWithPath: h.path("bases/acme.yaml")), encoding: .utf8)
        try base.replacingOccurrences(of: from, with: to).write(toFile: h.path("bases/acme.yaml"), atomically: true, encoding: .utf8)
    }

    @Test func aRollbackLastsOnceTheFilePinsTheVersionItPrinted() async throws {
        try await CLIHarness.with(await CLIHarness.examples(activationDelay: .zero)) { h in
            #expect(try await h.run(["apply", "--auto-approve", "tenants/acme-au.yaml"]).status == 0)
            try Self.recolour(h, from: "#0052CC", to: "#0B3D91")
            #expect(try await h.run(["apply", "--auto-approve", "tenants/acme-au.yaml"]).status == 0)
            #expect(try await Self.serving(h, org: "acme-au") == "2")

            let rollback = try await h.run(["rollback", "acme-au", "--deployment", "acme-au-web", "--to-version", "1"])
            #expect(rollback.status == 0, "\(rollback.all)")
            #expect(rollback.stdout.contains("tenants/acme-au.yaml:12:20"), "\(rollback.stdout)")
            #expect(rollback.stdout.contains("configuration: { name: acme-support, version: 1 }"), "\(rollback.stdout)")

            // Export says the same: the deployment is exported pinned, so planning the export shows no change.
            let export = try await h.run([
                "export", "acme-au", "--region", "ap-southeast-2", "--client-id-env", "ACME_AU_CLIENT_ID",
                "--client-secret-env", "ACME_AU_CLIENT_SECRET", "--out", "exported/acme-au.yaml",
            ])
            #expect(export.status == 0, "\(export.all)")
            let exported = try String(contentsOf: URL(fileURLWithPath: h.path("exported/acme-au.yaml")), encoding: .utf8)
            #expect(exported.contains("version: 1"), "\(exported)")
            let planExport = try await h.run(["plan", "--detailed-exitcode", "exported/acme-au.yaml"])
            #expect(planExport.status == 0, "\(planExport.all)")

            // The line rollback printed, written where it said.
            let file = try h.read(tenant: "acme-au")
            try h.write(
                tenant: "acme-au",
                file.replacingOccurrences(of: "configuration: acme-support", with: "configuration: { name: acme-support, version: 1 }"))
            #expect(try await h.run(["validate", "tenants/acme-au.yaml"]).status == 0)
            let plan = try await h.run(["plan", "--detailed-exitcode", "tenants/acme-au.yaml"])
            #expect(plan.status == 0, "\(plan.all)")
            #expect(plan.stdout.contains("no changes"), "\(plan.stdout)")

            // A new configuration version is published; the pinned deployment stays where it is.
            try Self.recolour(h, from: "#0B3D91", to: "#1A237E")
            let publish = try await h.run(["apply", "--auto-approve", "tenants/acme-au.yaml"])
            #expect(publish.status == 0, "\(publish.all)")
            #expect(publish.stdout.contains("published version 3"), "\(publish.stdout)")
            #expect(try await Self.serving(h, org: "acme-au") == "1")
            #expect(try await h.run(["plan", "--detailed-exitcode", "tenants/acme-au.yaml"]).status == 0)

            // Moving a pinned deployment is a guarded change.
            try h.write(
                tenant: "acme-au",
                try h.read(tenant: "acme-au").replacingOccurrences(of: "version: 1 }", with: "version: 3 }"))
            let moved = try await h.run(["plan", "tenants/acme-au.yaml"])
            #expect(moved.stdout.contains("configuration.version: \"1\" → \"3\""), "\(moved.all)")
            #expect(moved.stdout.contains("guard pinned-version"), "\(moved.stdout)")  // plan shows its guards
            let blocked = try await h.run(["apply", "--auto-approve", "tenants/acme-au.yaml"])
            #expect(blocked.status == 4, "\(blocked.all)")
            #expect(try await Self.serving(h, org: "acme-au") == "1")
            let allowed = try await h.run(["apply", "--auto-approve", "--allow-risky", "tenants/acme-au.yaml"])
            #expect(allowed.status == 0, "\(allowed.all)")
            #expect(try await Self.serving(h, org: "acme-au") == "3")

            // A pin to a version that was never published is a plan error, not a write.
            try h.write(
                tenant: "acme-au",
                try h.read(tenant: "acme-au").replacingOccurrences(of: "version: 3 }", with: "version: 9 }"))
            let missing = try await h.run(["plan", "tenants/acme-au.yaml"])
            #expect(missing.status == 1, "\(missing.all)")
            #expect(missing.all.contains("no published version 9"), "\(missing.all)")
        }
    }

    @Test func validateChecksThePinnedForm() async throws {
        try await CLIHarness.with(await CLIHarness.examples(activationDelay: .zero)) { h in
            let file = try h.read(tenant: "acme-au")
            for (pin, message) in [
                ("{ name: acme-support, version: 0 }", "tenants/acme-au.yaml:12:51: error: `version` must be a published version number (1 or more)"),
                ("{ name: acme-support, version: two }", "tenants/acme-au.yaml:12:51: error: `version` must be a published version number"),
                ("{ name: acme-support, versoin: 2 }", "tenants/acme-au.yaml:12:42: error: unknown key `versoin`"),
                ("{ version: 2 }", "tenants/acme-au.yaml:12:20: error: this configuration reference has no `name`"),
                ("{ name: acme-helpdesk, version: 2 }", "tenants/acme-au.yaml:12:28: error: deployment names configuration `acme-helpdesk`"),
            ] {
                try h.write(tenant: "acme-au", file.replacingOccurrences(of: "configuration: acme-support", with: "configuration: \(pin)"))
                let result = try await h.run(["validate", "tenants/acme-au.yaml"])
                #expect(result.status == 1, "\(pin): \(result.all)")
                #expect(result.stderr.contains(message), "\(pin): \(result.stderr)")
            }
        }
    }
}

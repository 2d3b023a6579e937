import Foundation
import GenesysCloud
import TestSupport
import Testing

/// End to end: `messengerctl status` prints one line per tenant (region, org, in sync / drift /
/// error, the last change and who made it) and exits as drift does (issue 14).
@Suite(.serialized) struct StatusCommandTests {
    static func line(_ out: String, _ tenant: String) -> String {
        out.split(separator: "\n").first { $0.hasPrefix(tenant + " ") }.map(String.init) ?? "(no line for \(tenant))"
    }

    @Test func oneLinePerTenantWithStateAndLastChange() async throws {
        try await CLIHarness.with(await DriftHTMLTests.harness()) { h in
            try await DriftHTMLTests.history(h)

            let result = try await h.run(["status"], environment: ["T3_CLIENT_SECRET": "wrong-secret"])
            #expect(result.status == 1, "an error wins, as in drift: \(result.all)")
            let out = result.stdout
            #expect(out.hasPrefix("TENANT"), "\(out)")
            #expect(out.split(separator: "\n").filter { $0.hasPrefix("t") }.count == 4, "\(out)")

            let t1 = Self.line(out, "t1")
            #expect(t1.contains("eu-west-1") && t1.contains("6a1e2b3c-4d5e-4f60-8a7b-9c0d1e2f3a61"), "\(t1)")
            #expect(t1.contains("drift (2 objects)"), "\(t1)")
            #expect(t1.contains("by Admin UI user"), "the admin changed t1 last: \(t1)")
            let t2 = Self.line(out, "t2")
            #expect(t2.contains("in sync") && t2.contains("by GitOps CI (messengerctl's own client)"), "\(t2)")
            #expect(Self.line(out, "t3").contains("error") && Self.line(out, "t3").contains("401"), "\(out)")
            #expect(Self.line(out, "t4").contains("ignored") && Self.line(out, "t4").contains("by Admin UI user"), "\(out)")
            #expect(out.contains("1 in sync · 1 drifted · 1 error · 1 ignored · 0 not checked"), "\(out)")
            #expect(!result.all.contains(PlanApplyTests.sentinel))

            // Without the error, drift gives 2; after a repair, 0.
            #expect(try await h.run(["status"]).status == 2)
            #expect(try await h.run(["apply", "--auto-approve"]).status == 0)
            let repaired = try await h.run(["status", "tenants/t1.yaml", "tenants/t2.yaml", "--format", "json"])
            #expect(repaired.status == 0, "\(repaired.all)")
            let json = try JSONValue.parse(Data(repaired.stdout.utf8))
            #expect(json.arrayValue?.map { $0["state"] } == ["in sync", "in sync"], "\(repaired.stdout)")
            #expect(json.arrayValue?.first?["lastChange"]?["byThisTool"] == true, "the repair is the last change: \(repaired.stdout)")
        }
    }
}

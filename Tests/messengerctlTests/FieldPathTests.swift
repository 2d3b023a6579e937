import Foundation
import GenesysCloud
import TestSupport
import Testing

/// End to end: a configuration whose name holds `.`, `[` and `]` is one key from the file to the reports,
/// never a string split again: its by-name references resolve, an `ignore:` rule naming it holds, and
/// `plan --explain` points at the line that set each value.
@Suite struct FieldPathEndToEndTests {
    static let name = "support [eu].v2"

    static func tenant(_ base: String, ignorePath: String) -> String {
        base + """

            configurations:
              - name: "\(name)"
                description: a second messenger whose name holds a dot and brackets
                languages: [en-us]
                defaultLanguage: en-us
                messenger:
                  enabled: true
                  styles:
                    primaryColor: "#0052CC"
                  launcherButton:
                    visibility: On
                  apps:
                    knowledge:
                      enabled: true
                      knowledgeBase: { name: Support KB }
            ignore:
              - path: \(ignorePath)
                reason: the web team switches the launcher during campaigns

            """
    }

    @Test(arguments: ["configurations[\(name)].messenger.launcherButton", "configurations[\"\(name)\"].messenger[\"launcherButton\"]"])
    func aNameWithDotsAndBracketsIsOneKeyFromFileToReport(ignorePath: String) async throws {
        try await CLIHarness.with(await CLIHarness.examples()) { h in
            let text = Self.tenant(try h.read(tenant: "acme-eu"), ignorePath: ignorePath)
            try h.write(tenant: "acme-eu", text)
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            let colourLine = try #require(lines.lastIndex { $0.contains("primaryColor") }) + 1

            let plan = try await h.run(["plan", "--explain", "--detailed-exitcode", "tenants/acme-eu.yaml"])
            #expect(plan.status == 2, "\(plan.all)")
            let section = try #require(plan.stdout.components(separatedBy: "\"\(Self.name)\"").dropFirst().first)
            let colour = try #require(section.split(separator: "\n").first { $0.contains("messenger.styles.primaryColor") })
            #expect(colour.contains("(set in tenants/acme-eu.yaml:\(colourLine):"), "\(colour)")

            let apply = try await h.run(["apply", "--auto-approve", "tenants/acme-eu.yaml"])
            #expect(apply.status == 0, "\(apply.all)")
            let admin = try h.adminClient(tenant: "acme-eu")
            try await admin.uiEdit(configuration: Self.name) { $0.set("messenger.launcherButton.visibility", "Off") }

            let drift = try await h.run(["drift", "tenants/acme-eu.yaml"])
            #expect(drift.status == 0, "\(drift.all)")
            #expect(drift.stdout.contains("ignored: configuration \"\(Self.name)\" messenger.launcherButton.visibility"), "\(drift.stdout)")
        }
    }

    @Test func anIgnoreRuleNamingAnUnknownConfigurationStillSaysSo() async throws {
        try await CLIHarness.with(await CLIHarness.examples()) { h in
            try h.write(tenant: "acme-eu", Self.tenant(try h.read(tenant: "acme-eu"), ignorePath: "configurations[support [eu]].messenger"))
            let validate = try await h.run(["validate", "tenants/acme-eu.yaml"])
            #expect(validate.status == 1, "\(validate.all)")
            #expect(validate.stderr.contains("names configuration `support [eu]`, which this file does not define"), "\(validate.all)")
        }
    }
}

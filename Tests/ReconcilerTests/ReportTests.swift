import Foundation
import GenesysCloud
import Testing

@testable import Reconciler

@Suite struct ReportTests {
    static func plan(tenants count: Int, changesEach: Int, value: String = "x") -> Plan {
        let tenants = (0..<count).map { i in
            var object = ObjectPlan(kind: .configuration, name: "support", id: "c\(i)", action: .update)
            object.changes = (0..<changesEach).map {
                FieldChange(path: "messenger.field\($0)", before: .string(value), after: .string(value + "!"))
            }
            return TenantPlan(
                tenant: "tenant-\(i)", file: "tenants/tenant-\(i).yaml", region: "eu-west-1", organizationId: "org",
                credentials: CredentialNames(clientIdEnv: "A", clientSecretEnv: "B"), error: nil, objects: [object],
                warnings: [])
        }
        return Plan(generatedAt: "2026-11-25T00:00:00Z", tenants: tenants)
    }

    /// A user name from an audit record is the server's text: it cannot move the terminal's cursor
    /// or start a forged report line.
    @Test func driftAttributionEscapesControlCharactersInNames() {
        var attribution = FieldAttribution()
        attribution.by = "Mallory\u{1B}[2J\nconfiguration \"x\": in sync"
        attribution.at = "2026-11-25T09:14:03.120Z"
        let text = DriftTextRenderer.attribution(attribution) ?? ""
        #expect(!text.contains("\u{1B}") && !text.contains("\n"))
        #expect(text.hasPrefix("by Mallory\\u{1b}[2J\\u{a}configuration"))
        #expect(text.hasSuffix(", 2026-11-25 09:14 UTC"))
    }

    /// The drift comment stays under GitHub's limit like the plan comment, with its own marker.
    @Test func driftMarkdownStaysUnderGitHubsLimitWithItsOwnMarker() {
        let markdown = DriftMarkdownRenderer().render(Self.plan(tenants: 400, changesEach: 30))
        #expect(markdown.count <= PlanMarkdownRenderer.githubCommentLimit)
        #expect(markdown.hasPrefix(DriftMarkdownRenderer.commentMarker + "\n"))
        #expect(!markdown.contains(PlanMarkdownRenderer.commentMarker))
        #expect(markdown.contains("left out to stay under GitHub's"))
        #expect(markdown.components(separatedBy: "<details>").count == markdown.components(separatedBy: "</details>").count)
    }

    @Test func markdownStaysUnderGitHubsLimitAndNeverBreaksStructure() {
        let markdown = PlanMarkdownRenderer().render(Self.plan(tenants: 400, changesEach: 30))
        #expect(markdown.count <= PlanMarkdownRenderer.githubCommentLimit)
        #expect(markdown.contains("left out to stay under GitHub's"))
        // Every opened section and fence is closed.
        #expect(markdown.components(separatedBy: "<details>").count == markdown.components(separatedBy: "</details>").count)
        #expect(markdown.components(separatedBy: "```").count % 2 == 1)
    }

    @Test func markdownFenceCannotBeClosedByAValue() {
        let markdown = PlanMarkdownRenderer().render(Self.plan(tenants: 1, changesEach: 1, value: "a ``` b"))
        #expect(markdown.contains("````diff"))
    }

    @Test func smallPlanShowsEveryTenant() {
        let markdown = PlanMarkdownRenderer().render(Self.plan(tenants: 3, changesEach: 2))
        for i in 0..<3 { #expect(markdown.contains("| tenant-\(i) | eu-west-1 | 0 | 1 | 0 | changes |")) }
        #expect(!markdown.contains("left out"))
        // Markers stand in the first column so GitHub colours added and removed lines.
        #expect(markdown.contains("\n~   configuration \"support\""))
        #expect(markdown.contains("\n~       messenger.field0: \"x\" → \"x!\""))
    }

    @Test func textPlanUsesTerraformMarkersAndNoColourByDefault() {
        let text = PlanTextRenderer().render(Self.plan(tenants: 1, changesEach: 1))
        #expect(text.contains("~ configuration \"support\""))
        #expect(text.contains("~ messenger.field0: \"x\" → \"x!\""))
        #expect(!text.contains("\u{1B}["))
        #expect(text.contains("Plan: 0 to create, 1 to update, 0 to delete; 1 of 1 tenant to change."))
    }

    @Test func junitHasOneCaseForEachTenantAndFailsDrift() {
        var drift = Self.plan(tenants: 2, changesEach: 1)
        drift.kind = .drift
        let xml = DriftJUnitRenderer().render(drift)
        #expect(xml.contains("<testsuites name=\"messengerctl drift\""))
        #expect(xml.components(separatedBy: "<testcase ").count == 3)
        #expect(xml.contains("failures=\"2\""))
        #expect(xml.contains("`messenger.field0` &quot;x!&quot; → &quot;x&quot;"))
    }

    @Test func planJSONRoundTripsWithItsFormatVersion() throws {
        let plan = Self.plan(tenants: 2, changesEach: 2)
        let data = try ReportFiles.json(plan)
        let object = try JSONValue.parse(data)
        #expect(object["formatVersion"] == 2)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("plan-\(UUID()).json").path
        try ReportFiles.writeAtomically(data, to: path)
        let read = try ReportFiles.readPlan(path: path)
        #expect(read.tenants.count == 2)
        #expect(read.summary.update == 2)
    }
}

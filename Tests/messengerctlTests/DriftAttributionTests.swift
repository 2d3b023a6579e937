import Foundation
import GenesysCloud
import TestSupport
import Testing

/// End to end: `messengerctl drift` names, for each drifted field, the writer whose audit record
/// changed that field, says "published as version N" only for a publish the audit log records, and
/// never shows a version that does not exist (issue 10, "Drift names the right person").
@Suite(.serialized) struct DriftAttributionTests {
    static let body = """
        configurations:
          - name: support
            languages: [en-us, fr]
            defaultLanguage: en-us
            messenger:
              enabled: true
              styles: { primaryColor: "#0052CC" }
              launcherButton: { visibility: On }
        deployments:
          - name: web
            configuration: support
            allowedDomains: [www.example.com, shop.example.com]

        """

    static func harness() async throws -> CLIHarness {
        try await CLIHarness(tenants: [
            CLIHarness.TenantSpec(
                name: "t1", region: "eu-west-1", organizationId: "6a1e2b3c-4d5e-4f60-8a7b-9c0d1e2f3a51",
                secret: "secret-t1", yamlBody: body)
        ])
    }

    /// The history every test below reads:
    /// 1. messengerctl publishes version 1;
    /// 2. the admin writes an unmanaged `description` in the draft, and messengerctl publishes it as
    ///    version 2 (`--publish-foreign-draft`) while applying its own change; then the file starts
    ///    managing `description` with another value;
    /// 3. the admin changes `primaryColor` and publishes version 3;
    /// 4. the web team's script changes the launcher and publishes version 4;
    /// 5. the admin adds a language in the draft and does not publish;
    /// 6. the web team's script removes an allowed domain of the deployment.
    static func history(_ h: CLIHarness) async throws {
        #expect(try await h.run(["apply", "--auto-approve"]).status == 0)
        let admin = try h.writerClient(tenant: "t1", writer: "ui")
        let script = try h.writerClient(tenant: "t1", writer: "web")

        try await admin.uiEdit(configuration: "support", publish: false) { $0.set("description", "Words from the admin") }
        try h.write(tenant: "t1", try h.read(tenant: "t1").replacingOccurrences(of: "#0052CC", with: "#0052CD"))
        let own = try await h.run(["apply", "--auto-approve", "--publish-foreign-draft"])
        #expect(own.status == 0, "\(own.all)")
        try h.write(
            tenant: "t1",
            try h.read(tenant: "t1").replacingOccurrences(
                of: "  - name: support\n", with: "  - name: support\n    description: Support messenger\n"))

        try await admin.uiEdit(configuration: "support") { $0.set("messenger.styles.primaryColor", "#AA0000") }
        try await script.uiEdit(configuration: "support") { $0.set("messenger.launcherButton.visibility", "Off") }
        try await admin.uiEdit(configuration: "support", publish: false) {
            $0.set("languages", ["en-us", "fr", "de"])
        }
        // A PUT takes the single GET's model (`WebDeployment`), not the listing's (`ExpandableWebDeployment`,
        // reference §4.2), whose `configuration` the emulator refuses in a PUT as production does.
        let listed = try #require(try await script.listDeployments().first)
        let deployment = try await script.deployment(id: listed.fields["id"]!.stringValue!)
        var fields = JSONValue.object(deployment.fields)
        fields["allowedDomains"] = ["www.example.com"]
        for key in ["id", "snippet", "dateCreated", "dateModified", "lastModifiedUser", "selfUri", "status"] { fields[key] = nil }
        _ = try await script.replaceDeployment(id: deployment.fields["id"]!.stringValue!, with: Deployment(fields: fields.objectValue!))
    }

    /// The drift line of one field.
    static func line(_ text: String, _ path: String) -> String {
        text.split(separator: "\n").first { $0.contains("`\(path)`") }.map(String.init) ?? "(no line for \(path))"
    }

    @Test func eachDriftedFieldNamesTheWriterWhoChangedIt() async throws {
        try await CLIHarness.with(await Self.harness()) { h in
            try await Self.history(h)

            let drift = try await h.run(["drift"])
            #expect(drift.status == 2, "\(drift.all)")
            let out = drift.stdout

            // Published by messengerctl, changed by the admin: both are said, neither is blamed for the other.
            let description = Self.line(out, "description")
            #expect(description.contains("\"Support messenger\" → \"Words from the admin\""), "\(out)")
            #expect(description.contains("changed by Admin UI user"), "\(out)")
            #expect(description.contains("published as version 2 by GitOps CI (messengerctl's own client)"), "\(out)")

            let colour = Self.line(out, "messenger.styles.primaryColor")
            #expect(colour.contains("changed by Admin UI user"), "\(out)")
            #expect(colour.contains("published as version 3"), "\(out)")
            #expect(!colour.contains("Web team script") && !colour.contains("GitOps CI"), "\(out)")

            let launcher = Self.line(out, "messenger.launcherButton.visibility")
            #expect(launcher.contains("changed by Web team script"), "\(out)")
            #expect(launcher.contains("published as version 4"), "\(out)")

            // A draft edit nobody published is not "published as version" anything.
            let languages = Self.line(out, "languages")
            #expect(languages.contains("changed by Admin UI user"), "\(out)")
            #expect(languages.contains("in the draft, not published"), "\(out)")
            #expect(!languages.contains("published as version"), "\(out)")

            let domains = Self.line(out, "allowedDomains")
            #expect(domains.contains("changed by Web team script"), "\(out)")
            #expect(!domains.contains("published as version"), "\(out)")

            // JSON carries the same, per field.
            let json = try await h.run(["drift", "--format", "json"])
            let report = try JSONValue.parse(Data(json.stdout.utf8))
            let objects = report["tenants"]?.arrayValue?.first?["objects"]?.arrayValue ?? []
            let configuration = objects.first { $0["kind"] == "configuration" }
            let changes = configuration?["changes"]?.arrayValue ?? []
            let byPath = Dictionary(changes.compactMap { c in c["path"]?.stringValue.map { ($0, c) } }, uniquingKeysWith: { a, _ in a })
            #expect(byPath["messenger.launcherButton.visibility"]?["attribution"]?["by"] == "Web team script")
            #expect(byPath["messenger.styles.primaryColor"]?["attribution"]?["publishedVersion"] == "3")
            #expect(byPath["description"]?["attribution"]?["publishedByThisTool"] == true)
        }
    }

    @Test func aFieldIsBlamedOnItsOwnWriterAndAFieldNobodyWroteIsUnknown() async throws {
        try await CLIHarness.with(await Self.harness()) { h in
            let admin = try await h.appliedWithAdmin(tenant: "t1")
            // The admin is the configuration's latest writer, but not of `defaultLanguage` (messengerctl
            // wrote it) nor of `headlessMode` (nobody ever wrote it).
            try await admin.uiEdit(configuration: "support") { $0.set("messenger.styles.primaryColor", "#AA0000") }
            try h.write(
                tenant: "t1",
                try h.read(tenant: "t1").replacingOccurrences(
                    of: "    defaultLanguage: en-us\n", with: "    defaultLanguage: fr\n    headlessMode: { enabled: true }\n"))

            let drift = try await h.run(["drift"])
            #expect(drift.status == 2, "\(drift.all)")
            let language = Self.line(drift.stdout, "defaultLanguage")
            #expect(language.contains("\"fr\" → \"en-us\""), "\(drift.stdout)")
            #expect(language.contains("changed by GitOps CI (messengerctl's own client)"), "\(drift.stdout)")
            #expect(!language.contains("Admin UI user"), "\(drift.stdout)")
            let headless = Self.line(drift.stdout, "headlessMode.enabled")
            #expect(headless.contains("changed by unknown (no audit record names this field)"), "\(drift.stdout)")
            #expect(Self.line(drift.stdout, "messenger.styles.primaryColor").contains("changed by Admin UI user"), "\(drift.stdout)")
        }
    }

    @Test func markdownDriftCarriesWhoAndWhenUnderItsOwnMarker() async throws {
        try await CLIHarness.with(await Self.harness()) { h in
            try await Self.history(h)

            let markdown = try await h.run(["drift", "--format", "markdown"])
            #expect(markdown.status == 2, "\(markdown.all)")
            let text = markdown.stdout
            #expect(text.hasPrefix("<!-- messengerctl-drift -->\n"), "\(text)")
            #expect(!text.contains("<!-- messengerctl-plan -->"), "\(text)")
            #expect(Self.line(text, "messenger.launcherButton.visibility").contains("changed by Web team script"), "\(text)")
            #expect(Self.line(text, "messenger.styles.primaryColor").contains("changed by Admin UI user"), "\(text)")
            #expect(text.contains(" UTC"), "\(text)")

            // Drift shards merged into one comment keep the drift marker and the attribution.
            let json = try await h.run(["drift", "--format", "json"])
            try json.stdout.write(to: h.directory.appendingPathComponent("drift-1.json"), atomically: true, encoding: .utf8)
            let merged = try await h.run(["report", "merge", "drift-1.json", "--drift", "--format", "markdown"])
            #expect(merged.status == 0, "\(merged.all)")
            #expect(merged.stdout.hasPrefix("<!-- messengerctl-drift -->\n"), "\(merged.stdout)")
            #expect(Self.line(merged.stdout, "messenger.launcherButton.visibility").contains("changed by Web team script"), "\(merged.stdout)")

            // The plan comment keeps its own marker, so CI updates the two comments separately.
            let plan = try await h.run(["plan", "--format", "markdown"])
            #expect(plan.stdout.hasPrefix("<!-- messengerctl-plan -->"), "\(plan.stdout)")
        }
    }

    @Test func driftNeverShowsAVersionThatDoesNotExist() async throws {
        try await CLIHarness.with(await Self.harness()) { h in
            try await Self.history(h)
            // Versions 1 to 4 exist; apply would publish a 5th, which does not exist yet.
            for format in ["text", "markdown", "junit"] {
                let drift = try await h.run(["drift", "--format", format])
                #expect(drift.status == 2, "\(drift.all)")
                #expect(!drift.stdout.contains("\"5\"") && !drift.stdout.contains("version 5"), "\(format): \(drift.stdout)")
            }
            let drift = try await h.run(["drift"])
            #expect(
                Self.line(drift.stdout, "configuration.version").contains(
                    "`configuration.version` is \"2\"; apply will point it at the version it publishes"), "\(drift.stdout)")
        }
    }
}

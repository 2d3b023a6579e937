import Foundation
import GenesysCloud
import TestSupport
import Testing

/// End to end: a tenant that `extends` a base and lists one configuration to change one field
/// keeps every other configuration and field of the base (lists of named objects merge by `name`),
/// removes a base's element only when told, and `plan --explain` names the file behind each value
/// (issue 10, "Bases do what a reader expects").
@Suite(.serialized) struct BaseMergeTests {
    static let base = """
        configurations:
          - name: support
            description: Support messenger
            languages: [en-us, fr]
            defaultLanguage: en-us
            messenger:
              enabled: true
              styles: { primaryColor: "#0052CC" }
              launcherButton: { visibility: On }
          - name: sales
            description: Sales messenger
            languages: [en-us]
            defaultLanguage: en-us
        deployments:
          - name: web
            configuration: support
            allowedDomains: [www.example.com]

        """

    static let spec = CLIHarness.TenantSpec(
        name: "t1", region: "eu-west-1", organizationId: "6a1e2b3c-4d5e-4f60-8a7b-9c0d1e2f3a61", secret: "secret-t1",
        yamlBody: "")

    /// A harness whose `tenants/t1.yaml` extends `bases/acme.yaml` and adds `overrides`.
    static func harness(overrides: String) async throws -> CLIHarness {
        let h = try await CLIHarness(tenants: [spec], writeFiles: false)
        try FileManager.default.createDirectory(at: h.directory.appendingPathComponent("bases"), withIntermediateDirectories: true)
        try base.write(to: h.directory.appendingPathComponent("bases/acme.yaml"), atomically: true, encoding: .utf8)
        try h.write(tenant: "t1", tenantText(overrides))
        return h
    }

    static func tenantText(_ overrides: String) -> String {
        CLIHarness.header(spec) + "extends: ../bases/acme.yaml\n" + overrides
    }

    /// `file:line:column` of the first occurrence of `needle` in `text`.
    static func location(_ file: String, _ text: String, _ needle: String) -> String {
        let lines = text.components(separatedBy: "\n")
        for (index, line) in lines.enumerated() {
            if let range = line.range(of: needle) {
                return "\(file):\(index + 1):\(line.distance(from: line.startIndex, to: range.lowerBound) + 1)"
            }
        }
        return "\(file): no \(needle)"
    }

    static func line(_ text: String, _ needle: String) -> String {
        text.split(separator: "\n").first { $0.contains(needle) }.map(String.init) ?? "(no line with \(needle))"
    }

    @Test func overridingOneFieldKeepsTheBasesOtherConfigurationsAndFields() async throws {
        let overrides = """
            configurations:
              - name: support
                messenger:
                  styles: { primaryColor: "#0047B3" }
                languages: [en-us]
            deployments:
              - name: web
                allowedDomains: [www.example.eu]

            """
        try await CLIHarness.with(await Self.harness(overrides: overrides)) { h in
            let tenant = Self.tenantText(overrides)

            let plan = try await h.run(["plan", "--explain", "--detailed-exitcode"])
            #expect(plan.status == 2, "\(plan.all)")
            let out = plan.stdout
            // The base's other configuration is still managed.
            #expect(out.contains("+ configuration \"sales\""), "\(out)")
            // Each value names the file that set it: the tenant's override, the base's untouched fields.
            #expect(
                Self.line(out, "messenger.styles.primaryColor:").contains(
                    "(set in " + Self.location("tenants/t1.yaml", tenant, "\"#0047B3\"") + ")"), "\(out)")
            #expect(
                Self.line(out, "messenger.launcherButton.visibility:").contains(
                    "(set in " + Self.location("bases/acme.yaml", Self.base, "On }") + ")"), "\(out)")
            #expect(Self.line(out, "description: \"Support messenger\"").contains("(set in bases/acme.yaml:"), "\(out)")
            // A plain list replaces the base's whole list.
            #expect(Self.line(out, "languages:").contains("[\"en-us\"]"), "\(out)")
            #expect(Self.line(out, "languages:").contains("(set in tenants/t1.yaml:"), "\(out)")
            // The deployment keeps the base's `configuration` and takes the tenant's domains.
            #expect(Self.line(out, "allowedDomains:").contains("www.example.eu"), "\(out)")
            #expect(Self.line(out, "allowedDomains:").contains("(set in tenants/t1.yaml:"), "\(out)")

            #expect(try await h.run(["apply", "--auto-approve"]).status == 0)
            #expect(try await h.run(["drift"]).status == 0)

            // A base field the tenant did not repeat is still managed: changing it live is drift.
            let admin = try h.adminClient(tenant: "t1")
            try await admin.uiEdit(configuration: "support") { $0.set("messenger.launcherButton.visibility", "Off") }
            try await admin.uiEdit(configuration: "sales") { $0.set("description", "Changed by hand") }
            let drift = try await h.run(["drift"])
            #expect(drift.status == 2, "\(drift.all)")
            #expect(drift.stdout.contains("`messenger.launcherButton.visibility` \"On\" → \"Off\""), "\(drift.stdout)")
            #expect(drift.stdout.contains("`description` \"Sales messenger\" → \"Changed by hand\""), "\(drift.stdout)")
        }
    }

    @Test func removingABasesElementIsExplicitAndAMisspeltNameIsAnError() async throws {
        try await CLIHarness.with(await Self.harness(overrides: "configurations:\n  - { name: sales, remove: true }\n")) { h in
            let plan = try await h.run(["plan"])
            #expect(plan.status == 0, "\(plan.all)")
            #expect(!plan.stdout.contains("\"sales\""), "\(plan.stdout)")
            #expect(plan.stdout.contains("+ configuration \"support\""), "\(plan.stdout)")

            let misspelt = "configurations:\n  - { name: sails, remove: true }\n"
            try h.write(tenant: "t1", Self.tenantText(misspelt))
            let validate = try await h.run(["validate"])
            #expect(validate.status == 1, "\(validate.all)")
            let at = Self.location("tenants/t1.yaml", Self.tenantText(misspelt), "sails")
            #expect(validate.stderr.contains("\(at): error: `remove: true` names `sails`, but no base lists `sails` in `configurations`"), "\(validate.stderr)")
            #expect(validate.stderr.contains("did you mean `sales`?"), "\(validate.stderr)")
            #expect(try await h.run(["plan"]).status == 1)

            // `remove` with other keys, or with anything but `true`, says what is wrong where.
            let odd = "configurations:\n  - { name: sales, remove: yes }\n  - { name: support, remove: true, description: x }\n"
            try h.write(tenant: "t1", Self.tenantText(odd))
            let oddValidate = try await h.run(["validate"])
            #expect(oddValidate.status == 1)
            #expect(oddValidate.stderr.contains(Self.location("tenants/t1.yaml", Self.tenantText(odd), "yes }") + ": error: `remove` only takes `true`"), "\(oddValidate.stderr)")
            #expect(oddValidate.stderr.contains(Self.location("tenants/t1.yaml", Self.tenantText(odd), "description: x") + ": error: `description` has no effect beside `remove: true`"), "\(oddValidate.stderr)")
        }
    }

    @Test func errorsInsideAMergedElementPointAtTheFileThatWroteTheValue() async throws {
        let overrides = """
            configurations:
              - name: support
                messenger:
                  styles: { primaryColor: "#FFFF00" }
              - name: sales
                defaultLanguage: de

            """
        try await CLIHarness.with(await Self.harness(overrides: overrides)) { h in
            // The base's `sales` gets a field that is wrong in the base itself.
            let brokenBase = Self.base.replacingOccurrences(of: "    description: Sales messenger\n", with: "    description: Sales messenger\n    headlessMode: { enabled: maybe }\n")
            try brokenBase.write(to: h.directory.appendingPathComponent("bases/acme.yaml"), atomically: true, encoding: .utf8)
            let tenant = Self.tenantText(overrides)

            let validate = try await h.run(["validate"])
            #expect(validate.status == 1, "\(validate.all)")
            let err = validate.stderr
            #expect(err.contains(Self.location("tenants/t1.yaml", tenant, "\"#FFFF00\"") + ": error:"), "\(err)")
            let languageLine = tenant.components(separatedBy: "\n").firstIndex { $0.contains("defaultLanguage: de") }.map { $0 + 1 } ?? 0
            #expect(Self.line(err, "defaultLanguage `de`").hasPrefix("tenants/t1.yaml:\(languageLine):"), "\(err)")
            #expect(err.contains(Self.location("bases/acme.yaml", brokenBase, "maybe") + ": error:"), "\(err)")
        }
    }
}

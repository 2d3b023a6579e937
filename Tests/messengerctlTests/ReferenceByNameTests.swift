import Foundation
import GenesysCloud
import GenesysEmulator
import TestSupport
import Testing

/// End to end (issue 13): a deployment's flow, supported content profile, knowledge base, categories,
/// labels and integrations named in a tenant file and resolved to each org's own ids; names that match
/// nothing or two objects are errors at the file's line:column; a flow renamed in the org stays the
/// reference; export writes names, and a base exported from one org replicates to another.
@Suite(.serialized) struct ReferenceByNameTests {
    static let t1 = CLIHarness.TenantSpec(
        name: "t1", region: "eu-west-1", organizationId: "7b1e2b3c-4d5e-4f60-8a7b-9c0d1e2f3a71", secret: "secret-t1", yamlBody: "")
    static let t2 = CLIHarness.TenantSpec(
        name: "t2", region: "us-east-1", organizationId: "7b1e2b3c-4d5e-4f60-8a7b-9c0d1e2f3a72", secret: "secret-t2", yamlBody: "")
    static let t3 = CLIHarness.TenantSpec(
        name: "t3", region: "ap-southeast-2", organizationId: "7b1e2b3c-4d5e-4f60-8a7b-9c0d1e2f3a73", secret: "secret-t3", yamlBody: "")

    /// Every referring field of reference §8, by name.
    static let body = """
        configurations:
          - name: support
            languages: [en-us]
            defaultLanguage: en-us
            messenger:
              enabled: true
              apps:
                knowledge: { enabled: true, knowledgeBase: { name: Support KB } }
            supportCenter:
              enabled: false
              knowledgeBase: { name: Support KB }
              enabledCategories: [{ name: Billing }, { name: Returns }]
              labelFilter: { labels: [{ name: Public }] }
            authenticationSettings:
              enabled: true
              integration: { name: Okta SSO }
        deployments:
          - name: web
            configuration: support
            allowedDomains: [www.example.com]
            flow: { name: Web Messaging Inbound }
            supportedContent: { name: Images only }
            pushIntegrations: [{ name: Acme app push, provider: APNS }]

        """

    static func harness(
        _ tenants: [CLIHarness.TenantSpec] = [t1], body: String = body,
        configure: @escaping (inout EmulatorOptions, inout [EmulatorSeed.Org]) -> Void = { _, _ in }
    ) async throws -> CLIHarness {
        try await CLIHarness(tenants: tenants.map { var t = $0; t.yamlBody = body; return t }) { options, orgs in
            orgs = orgs.map { $0.withDemoReferences() }
            configure(&options, &orgs)
        }
    }

    static func id(_ h: CLIHarness, _ tenant: String, flow name: String) -> String? {
        h.orgs.first { $0.name == tenant }?.flows?.first { $0.name == name }?.id
    }

    static func client(_ h: CLIHarness, _ tenant: String) throws -> GenesysCloudClient {
        try h.adminClient(tenant: tenant)
    }

    /// `file:line:column` of the first `needle` in the tenant file.
    static func location(_ h: CLIHarness, _ tenant: String, _ needle: String) throws -> String {
        let text = try h.read(tenant: tenant)
        for (index, line) in text.components(separatedBy: "\n").enumerated() {
            if let range = line.range(of: needle) {
                return "tenants/\(tenant).yaml:\(index + 1):\(line.distance(from: line.startIndex, to: range.lowerBound) + 1)"
            }
        }
        return "no \(needle)"
    }

    @Test func namesResolveToEachOrgsOwnIdsAndASecondPlanIsEmpty() async throws {
        try await CLIHarness.with(await Self.harness([Self.t1, Self.t2, Self.t3])) { h in
            // Through a saved plan, as CI applies: apply checks the files' names against the ids the plan resolved.
            let plan = try await h.run(["plan", "--out", "plan.json"])
            #expect(plan.status == 0, "\(plan.all)")
            let apply = try await h.run(["apply", "plan.json"])
            #expect(apply.status == 0, "\(apply.all)")
            // A file that now names another flow than the one reviewed is a stale plan: nothing is written.
            try h.write(tenant: "t1", CLIHarness.header(Self.t1) + Self.body.replacingOccurrences(
                of: "{ name: Web Messaging Inbound }", with: "{ name: Web Messaging After Hours }"))
            #expect(try await h.run(["apply", "plan.json"]).status == 3)
            try h.write(tenant: "t1", CLIHarness.header(Self.t1) + Self.body)
            for tenant in ["t1", "t2", "t3"] {
                let org = try #require(h.orgs.first { $0.name == tenant })
                let client = try Self.client(h, tenant)
                let deployment = try #require(try await client.listDeployments().first)
                #expect(deployment.fields["flow"]?["id"]?.stringValue == Self.id(h, tenant, flow: "Web Messaging Inbound"))
                #expect(deployment.fields["supportedContent"]?["id"]?.stringValue == org.supportedContent?.first { $0.name == "Images only" }?.id)
                #expect(deployment.fields["pushIntegrations"]?[0]?["id"]?.stringValue == org.integrations?.first { $0.name == "Acme app push" }?.id)
                let published = try #require(try await client.published(configuration: "support"))
                let kb = try #require(org.knowledgeBases?.first)
                #expect(published["messenger"]?["apps"]?["knowledge"]?["knowledgeBase"]?["id"]?.stringValue == kb.id)
                #expect(published["supportCenter"]?["enabledCategories"]?[1]?["id"]?.stringValue == kb.categories.first { $0.name == "Returns" }?.id)
                #expect(published["supportCenter"]?["labelFilter"]?["labels"]?[0]?["id"]?.stringValue == kb.labels.first { $0.name == "Public" }?.id)
                #expect(published["authenticationSettings"]?["integrationId"]?.stringValue == org.integrations?.first { $0.name == "Okta SSO" }?.id)
            }
            // Ids differ per org, so one id could not have served them all.
            #expect(Set(["t1", "t2", "t3"].compactMap { Self.id(h, $0, flow: "Web Messaging Inbound") }).count == 3)
            let again = try await h.run(["plan", "--detailed-exitcode"])
            #expect(again.status == 0, "\(again.all)")
        }
    }

    @Test func aNameThatMatchesNothingIsAnErrorWithTheClosestNamesAndNothingIsWritten() async throws {
        try await CLIHarness.with(await Self.harness(body: Self.body.replacingOccurrences(of: "{ name: Web Messaging Inbound }", with: "{ name: Web Mesaging Inbound }"))) { h in
            let at = try Self.location(h, "t1", "Web Mesaging Inbound")
            let plan = try await h.run(["plan"])
            #expect(plan.status == 1, "\(plan.all)")
            #expect(plan.all.contains("\(at): deployment \"web\": no inbound message flow named \"Web Mesaging Inbound\""), "\(plan.all)")
            #expect(plan.all.contains("closest: \"Web Messaging Inbound\", \"Web Messaging After Hours\""), "\(plan.all)")
            let apply = try await h.run(["apply", "--auto-approve"])
            #expect(apply.status == 1, "\(apply.all)")
            let writes = await h.emulator.requestLog().filter { $0.method != "GET" && !$0.path.hasSuffix("/oauth/token") }
            #expect(writes.isEmpty, "\(writes)")
        }
    }

    @Test func aNameThatMatchesTwoObjectsIsAnErrorNamingBothIds() async throws {
        let twin = EmulatorSeed.NamedObject(id: "0f0e0d0c-0b0a-4909-8807-060504030201", name: "Web Messaging Inbound")
        try await CLIHarness.with(await Self.harness { _, orgs in orgs[0].flows?.append(twin) }) { h in
            let first = try #require(Self.id(h, "t1", flow: "Web Messaging Inbound"))
            let plan = try await h.run(["plan"])
            #expect(plan.status == 1, "\(plan.all)")
            let at = try Self.location(h, "t1", "Web Messaging Inbound")
            #expect(plan.all.contains("\(at): deployment \"web\": \"Web Messaging Inbound\" names 2 inbound message flows"), "\(plan.all)")
            #expect(plan.all.contains(first) && plan.all.contains(twin.id), "\(plan.all)")
        }
    }

    @Test func aFlowRenamedInTheOrgStaysTheReferenceAndShowsAsARename() async throws {
        let state = FileManager.default.temporaryDirectory.appendingPathComponent("refs-state-\(UUID().uuidString).json").path
        defer { try? FileManager.default.removeItem(atPath: state) }
        try await CLIHarness.with(await Self.harness { options, _ in options.statePath = state }) { h in
            let apply = try await h.run(["apply", "--auto-approve"])
            #expect(apply.status == 0, "\(apply.all)")
            let flowId = try #require(Self.id(h, "t1", flow: "Web Messaging Inbound"))

            // The same org after someone renamed the flow in Architect: same id, new name.
            await h.emulator.stop()
            var orgs = h.orgs
            orgs[0].flows = orgs[0].flows?.map { $0.id == flowId ? EmulatorSeed.NamedObject(id: $0.id, name: "Web Messaging Inbound v2") : $0 }
            var options = EmulatorOptions()
            options.statePath = state
            options.activationDelay = .milliseconds(50)
            try await withEmulator(seed: EmulatorSeed(orgs: orgs), options: options) { renamed in
            let endpoint = ["MESSENGERCTL_ENDPOINT": "\(renamed.baseURL)/{region}"]

            let drift = try await h.run(["drift"], environment: endpoint)
            #expect(drift.status == 0, "\(drift.all)")
            #expect(drift.all.contains("\"Web Messaging Inbound\" it uses (id \(flowId)) is now named \"Web Messaging Inbound v2\""), "\(drift.all)")
            // The markdown and JUnit reports say it too, though nothing drifted.
            for format in ["markdown", "junit"] {
                let report = try await h.run(["drift", "--format", format], environment: endpoint)
                #expect(report.status == 0, "\(report.all)")
                #expect(report.stdout.contains("Web Messaging Inbound v2"), "\(format): \(report.stdout)")
            }
            let plan = try await h.run(["plan", "--detailed-exitcode"], environment: endpoint)
            #expect(plan.status == 0, "a rename is not a change of reference: \(plan.all)")
            let at = try Self.location(h, "t1", "Web Messaging Inbound")
            #expect(plan.all.contains("Write `name: \"Web Messaging Inbound v2\"` at \(at)"), "\(plan.all)")

            // Pointing the deployment at the other flow is a change of reference, shown with both names.
            try h.write(tenant: "t1", CLIHarness.header(Self.t1) + Self.body.replacingOccurrences(
                of: "{ name: Web Messaging Inbound }", with: "{ name: Web Messaging After Hours }"))
            let moved = try await h.run(["plan", "--detailed-exitcode"], environment: endpoint)
            #expect(moved.status == 2, "\(moved.all)")
            #expect(moved.all.contains("(inbound message flow \"Web Messaging Inbound v2\" → \"Web Messaging After Hours\")"), "\(moved.all)")
            }
        }
    }

    @Test func exportWritesNamesAndPlansNoChange() async throws {
        try await CLIHarness.with(await Self.harness()) { h in
            #expect(try await h.run(["apply", "--auto-approve"]).status == 0)
            let export = try await h.run(["export", "t1", "--region", "eu-west-1", "--out", "tenants/t1.yaml"])
            #expect(export.status == 0, "\(export.all)")
            let exported = try h.read(tenant: "t1")
            let org = try #require(h.orgs.first)
            let ids = (org.flows ?? []) + (org.supportedContent ?? []) + (org.integrations ?? [])
                + (org.knowledgeBases ?? []).flatMap { [EmulatorSeed.NamedObject(id: $0.id, name: $0.name)] + $0.categories + $0.labels }
            for object in ids { #expect(!exported.contains(object.id), "raw id of \(object.name) in \(exported)") }
            for name in ["Web Messaging Inbound", "Images only", "Acme app push", "Okta SSO", "Support KB", "Billing", "Returns", "Public"] {
                #expect(exported.contains(name), "\(name) missing from \(exported)")
            }
            let plan = try await h.run(["plan", "--detailed-exitcode"])
            #expect(plan.status == 0, "\(plan.all)\n\(exported)")
        }
    }

    @Test func aBaseExportedFromOneOrgReplicatesToAnother() async throws {
        try await CLIHarness.with(await Self.harness([Self.t1, Self.t2])) { h in
            // Only t1 is set up; t2 starts empty and gets the base.
            #expect(try await h.run(["apply", "--auto-approve", "tenants/t1.yaml"]).status == 0)
            try FileManager.default.createDirectory(at: h.directory.appendingPathComponent("bases"), withIntermediateDirectories: true)
            let export = try await h.run(["export", "t1", "--region", "eu-west-1", "--as-base", "--out", "bases/exported.yaml"])
            #expect(export.status == 0, "\(export.all)")
            let base = try String(contentsOf: h.directory.appendingPathComponent("bases/exported.yaml"), encoding: .utf8)
            #expect(base.contains("Web Messaging Inbound") && base.contains("Images only") && base.contains("Okta SSO"), "\(base)")
            try h.write(tenant: "t2", CLIHarness.header(Self.t2) + "extends: ../bases/exported.yaml\n")
            let apply = try await h.run(["apply", "--auto-approve", "tenants/t2.yaml"])
            #expect(apply.status == 0, "\(apply.all)")
            let deployment = try #require(try await Self.client(h, "t2").listDeployments().first)
            #expect(deployment.fields["flow"]?["id"]?.stringValue == Self.id(h, "t2", flow: "Web Messaging Inbound"))
            #expect(Self.id(h, "t2", flow: "Web Messaging Inbound") != Self.id(h, "t1", flow: "Web Messaging Inbound"))
            let again = try await h.run(["plan", "--detailed-exitcode"])
            #expect(again.status == 0, "\(again.all)")
        }
    }

    @Test func validateAcceptsNamesAndIdsAndRefusesAnEmptyName() async throws {
        let body = Self.body + """
              - name: web2
                configuration: support
                flow: { id: 5c1e2b3c-4d5e-4f60-8a7b-9c0d1e2f3a71 }
                supportedContent: { name: "" }

            """
        try await CLIHarness.with(await Self.harness(body: body)) { h in
            let validate = try await h.run(["validate"])
            #expect(validate.status == 1, "\(validate.all)")
            let at = try Self.location(h, "t1", "\"\"")
            #expect(validate.all.contains("\(at): error: the supported content profile's `name` is empty"), "\(validate.all)")
            #expect(validate.all.components(separatedBy: "error:").count == 2, "only the empty name is wrong: \(validate.all)")
        }
    }
}

extension JSONValue {
    /// Element `index` of an array; nil otherwise.
    fileprivate subscript(index: Int) -> JSONValue? {
        guard let items = arrayValue, items.indices.contains(index) else { return nil }
        return items[index]
    }
}

import Foundation
import GenesysCloud
import GenesysEmulator
import Testing

@testable import Reconciler

/// The applier on its own, against an in-process emulator over loopback (no mock): the plan comes
/// from the Planner, the writes go through the real client, and what the org holds is read back.
@Suite(.serialized) struct TenantApplierTests {
    static let organizationId = "8d2e4f6a-1b3c-4d5e-8f9a-0b1c2d3e4f5a"

    static let body = """
        configurations:
          - name: support
            languages: [en-us]
            defaultLanguage: en-us
            messenger:
              enabled: true
              launcherButton: { visibility: On }
        deployments:
          - name: web
            configuration: support
            allowedDomains: [www.example.com]
        availability:
          - name: hours
            timeZone: Europe/Dublin
            open:
              - { days: [MO, TU], from: "09:00", to: "17:00" }

        """

    /// An emulator with the fixture's org (its options changed by `configure`), a context for it, the
    /// tenant, a second writer; stopped (awaited) when `body` returns or throws.
    static func withOrg(
        configure: (inout EmulatorOptions) -> Void = { _ in },
        _ body: (ReconcilerContext, Tenant, GenesysCloudClient, GenesysEmulator) async throws -> Void
    ) async throws {
        let seed = EmulatorSeed(orgs: [
            .init(
                id: organizationId, name: "t", region: "eu-west-1",
                clients: [
                    .init(id: "t-ci", secret: "t-ci-secret", name: "GitOps CI"),
                    .init(id: "t-ui", secret: "t-ui-secret", name: "Admin UI user"),
                ])
        ])
        var options = EmulatorOptions()
        options.activationDelay = .milliseconds(20)
        configure(&options)
        let emulator = try GenesysEmulator(seed: seed, options: options)
        _ = try await emulator.start()
        let transport = GenesysTransport()
        let fixture = try TenantFixture()
        do {
            let endpoints = try EndpointResolver(template: "\(emulator.baseURL)/{region}")
            let environment = ["T_ID": "t-ci", "T_SECRET": "t-ci-secret"]
            let context = ReconcilerContext(
                endpoints: endpoints, transport: transport, environment: { environment[$0] },
                activationTimeout: .seconds(10))
            let loaded = try fixture.load(body: Self.body)
            let tenant = try #require(loaded.tenants.first, "\(loaded.diagnostics)")
            let admin = GenesysCloudClient(
                region: Region.named("eu-west-1")!,
                credentials: ClientCredentials(clientId: "t-ui", clientSecret: Secret("t-ui-secret")),
                endpoints: endpoints, transport: transport)
            try await body(context, tenant, admin, emulator)
        } catch {
            fixture.remove()
            try? await transport.shutdown()
            await emulator.stop()
            throw error
        }
        fixture.remove()
        try? await transport.shutdown()
        await emulator.stop()
    }

    static func applier(_ plan: TenantPlan, _ context: ReconcilerContext, rebase: Bool = false) throws -> TenantApplier {
        TenantApplier(
            plan: plan, client: try context.client(region: plan.region, credentials: plan.credentials),
            options: ApplyOptions(rebase: rebase), activationTimeout: context.activationTimeout)
    }

    @Test func appliesEveryKindInOrderThenAReRunOfThePlanWritesNothing() async throws {
        try await Self.withOrg { context, tenant, _, emulator in
            let plan = try #require(await Fleet(context: context).plan([tenant]).tenants.first)
            #expect(plan.error == nil)
            let results = try await Self.applier(plan, context).apply()
            #expect(results.map(\.kind) == [.configuration, .deployment, .schedule, .scheduleGroup])
            #expect(results.allSatisfy { $0.outcome == .applied }, "\(results)")
            #expect(results.first?.publishedVersion == "1")

            // The deployment serves the version the configuration's apply published.
            let client = try context.client(region: plan.region, credentials: plan.credentials)
            let deployment = try #require(try await client.listDeployments().first)
            #expect(deployment.fields["configuration"]?["version"] == "1")

            // The same plan again: every object is found as the plan wants it; not one write.
            let before = await emulator.requestLog().count
            let again = try await Self.applier(plan, context).apply()
            #expect(again.allSatisfy { $0.outcome == .alreadyApplied }, "\(again)")
            let writes = await emulator.requestLog().dropFirst(before).filter { $0.method != "GET" && !$0.path.contains("oauth") }
            #expect(writes.isEmpty, "\(writes)")
        }
    }

    @Test func aManagedFieldAnotherWriterChangedIsAConflictAndIsNotOverwrittenEvenWithRebase() async throws {
        try await Self.withOrg { context, tenant, admin, emulator in
            let fleet = Fleet(context: context)
            let first = try #require(await fleet.plan([tenant]).tenants.first)
            _ = try await Self.applier(first, context).apply()

            // A plan that changes the description, then the admin edits a field the file manages.
            var edited = tenant
            edited.configurations[0].fields["description"] = "planned"
            let plan = try #require(await fleet.plan([edited]).tenants.first)
            let configuration = try #require(plan.objects.first { $0.kind == .configuration })
            #expect(configuration.action == .update)
            #expect(configuration.reasons == [.fields])
            let id = try #require(configuration.id)
            var draft = JSONValue.object(try await admin.configurationDraft(id: id).fields)
            draft["messenger"]?["launcherButton"]?["visibility"] = "Off"
            for key in ServerOwnedFields.configuration { draft[key] = nil }
            _ = try await admin.replaceConfigurationDraft(id: id, with: ConfigurationVersion(fields: draft.objectValue!))

            let before = await emulator.requestLog().count
            let results = try await Self.applier(plan, context, rebase: true).apply()
            let result = try #require(results.first { $0.kind == .configuration })
            #expect(result.outcome == .conflict, "\(result)")
            #expect(result.conflicts?.map(\.path) == ["messenger.launcherButton.visibility"])
            let ciWrites = await emulator.requestLog().dropFirst(before)
                .filter { $0.method != "GET" && $0.clientID == "t-ci" && !$0.path.contains("oauth") }
            #expect(ciWrites.isEmpty, "\(ciWrites)")
            let now = try await admin.configurationDraft(id: id).fields
            #expect(now["messenger"]?["launcherButton"]?["visibility"] == "Off")
        }
    }
}

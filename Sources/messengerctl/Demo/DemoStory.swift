import Foundation
import GenesysCloud
import GenesysEmulator
import Reconciler

/// The demo's narration: each step prints what it does and what messengerctl answered.
struct DemoStory {
    let paths: [String]
    let color: Bool

    private var style: ReportStyle { ReportStyle(color: color) }

    func run() async throws -> Bool {
        let clock = ContinuousClock()
        let started = clock.now

        step(1, "Validate the tenant files")
        let loaded = TenantLoader().load(paths: paths)
        for diagnostic in loaded.diagnostics { say(diagnostic.description) }
        let errors = loaded.diagnostics.filter { $0.severity == .error }.count
        say(loaded.summary)
        guard errors == 0, !loaded.tenants.isEmpty else {
            say("The demo needs valid example tenants; fix the errors above.")
            return false
        }
        let tenants = loaded.tenants

        step(2, "Start a local Genesys Cloud emulator with one org per tenant")
        var environment: [String: String] = [:]
        var orgs: [EmulatorSeed.Org] = []
        var adminSecrets: [String: String] = [:]
        for tenant in tenants {
            let ci = "\(tenant.name)-ci"
            let secret = Self.randomSecret()
            let adminSecret = Self.randomSecret()
            environment[tenant.credentials.clientIdEnv] = ci
            environment[tenant.credentials.clientSecretEnv] = secret
            adminSecrets[tenant.name] = adminSecret
            orgs.append(
                EmulatorSeed.Org(
                    id: tenant.organizationId, name: tenant.name, region: tenant.region,
                    clients: [
                        .init(id: ci, secret: secret, name: "GitOps CI"),
                        .init(id: "\(tenant.name)-ui", secret: adminSecret, name: "Admin UI user"),
                    ]
                ).withDemoReferences())
        }
        var options = EmulatorOptions()
        options.activationDelay = .milliseconds(150)
        let emulator = try GenesysEmulator(seed: EmulatorSeed(orgs: orgs), options: options)
        _ = try await emulator.start()
        say("listening on \(emulator.baseURL)  (\(tenants.map { "\($0.name) in \($0.region)" }.joined(separator: ", ")))")
        say(style.dim("every region R is served at \(emulator.baseURL)/R; messengerctl is pointed there with --endpoint"))

        let transport = GenesysTransport()
        let resolver = try EndpointResolver(template: "\(emulator.baseURL)/{region}")
        let env = environment
        let context = ReconcilerContext(
            endpoints: resolver, transport: transport, environment: { env[$0] }, concurrency: 8)
        let fleet = Fleet(context: context)
        var ok = true
        do {
            step(3, "Plan: what would change (exit code 2 = changes present)")
            let first = await fleet.plan(tenants)
            print(PlanTextRenderer(style: style).render(first), terminator: "")
            ok = ok && !first.hasErrors

            step(4, "Apply: write the changes, publish, point the deployments at the new versions")
            let applied = await fleet.apply(first)
            print(ApplyTextRenderer(style: style).render(applied), terminator: "")
            ok = ok && applied.summary.failed == 0 && applied.summary.conflict == 0

            step(5, "Plan again: nothing to do (exit code 0), and apply would write nothing")
            let second = await fleet.plan(tenants)
            print(PlanTextRenderer(style: style).render(second), terminator: "")
            ok = ok && !second.hasChanges
            say("The files name the flow, supported content profile and knowledge base; each org resolved them to its own ids:")
            for tenant in second.tenants {
                let names = (tenant.references ?? []).map { "\($0.kind.phrase) \"\($0.name)\" = \($0.id.prefix(8))…" }
                say("  \(tenant.tenant) (\(tenant.region)): " + (names.isEmpty ? "no references by name" : names.joined(separator: ", ")))
            }
            ok = ok && Set(second.tenants.flatMap { ($0.references ?? []).map(\.id) }).count
                == second.tenants.reduce(0) { $0 + ($1.references ?? []).count }

            let victim = tenants[tenants.count > 1 ? 1 : 0]
            step(6, "An admin edits \(victim.name) in the Genesys Cloud UI (a second OAuth client: \"Admin UI user\")")
            let edit = try await adminEdit(
                tenant: victim, secret: adminSecrets[victim.name]!, resolver: resolver, transport: transport)
            say(edit)

            step(7, "Drift check (the nightly CI job): what moved, who moved it, when")
            let drift = await fleet.plan(tenants, attribute: true)
            print(DriftTextRenderer(style: style).render(drift), terminator: "")
            ok = ok && drift.hasChanges

            step(8, "Apply restores the file's values; a last plan is empty")
            let repair = await fleet.apply(drift)
            print(ApplyTextRenderer(style: style).render(repair), terminator: "")
            let last = await fleet.plan(tenants)
            print(PlanTextRenderer(style: style).summaryLine(last))
            ok = ok && repair.summary.failed == 0 && !last.hasChanges
        } catch {
            say("demo failed: \(error)")
            ok = false
        }
        try? await transport.shutdown()
        await emulator.stop()
        let seconds = Double((clock.now - started).components.attoseconds) / 1e18 + Double((clock.now - started).components.seconds)
        print("")
        say(
            ok
                ? style.green("Demo finished in \(String(format: "%.1f", seconds)) s.")
                    + " Next: 'messengerctl emulator' to keep an emulator running, and 'messengerctl plan --endpoint http://127.0.0.1:8080/{region}'."
                : style.red("Demo finished with problems (see above)."))
        return ok
    }

    /// What a person does in the UI: edit the launcher button of the first configuration and publish.
    private func adminEdit(
        tenant: Tenant, secret: String, resolver: EndpointResolver, transport: GenesysTransport
    ) async throws -> String {
        guard let region = Region.named(tenant.region), let name = tenant.configurations.first?.name else {
            return "(nothing to edit: the tenant has no configuration)"
        }
        let admin = GenesysCloudClient(
            region: region, credentials: ClientCredentials(clientId: "\(tenant.name)-ui", clientSecret: Secret(secret)),
            endpoints: resolver, transport: transport)
        guard let configuration = try await admin.listConfigurations().first(where: { $0.fields["name"]?.stringValue == name }),
            let id = configuration.fields["id"]?.stringValue
        else { return "(configuration \(name) not found)" }
        var draft = JSONValue.object(try await admin.configurationDraft(id: id).fields)
        let before = draft["messenger"]?["launcherButton"]?["visibility"]?.stringValue ?? "(unset)"
        let after = before == "Off" ? "On" : "Off"
        var messenger = draft["messenger"] ?? .object([:])
        var launcher = messenger["launcherButton"] ?? .object([:])
        launcher["visibility"] = .string(after)
        messenger["launcherButton"] = launcher
        draft["messenger"] = messenger
        _ = try await admin.replaceConfigurationDraft(id: id, with: ConfigurationVersion(fields: draft.objectValue ?? [:]))
        try await Task.sleep(for: .milliseconds(300))
        let published = try await admin.publishConfigurationDraft(id: id)
        return "configuration \"\(name)\": messenger.launcherButton.visibility \(before) → \(after), published as version "
            + (published.fields["version"]?.stringValue ?? "?")
    }

    private func step(_ n: Int, _ title: String) {
        print("")
        print(style.bold("── \(n). \(title)"))
    }

    private func say(_ text: String) {
        print("   " + text.replacingOccurrences(of: "\n", with: "\n   "))
    }

    static func randomSecret() -> String {
        (0..<32).map { _ in String("abcdefghijklmnopqrstuvwxyz0123456789".randomElement()!) }.joined()
    }
}

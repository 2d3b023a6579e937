import Foundation
import GenesysCloud
import GenesysEmulator
import Reconciler
import Testing

/// Runs the real `messengerctl` executable against an in-process emulator over loopback HTTP,
/// with tenant files written to a temporary folder.
package final class CLIHarness: Sendable {
    package let emulator: GenesysEmulator
    package let directory: URL
    package let environment: [String: String]
    package let orgs: [EmulatorSeed.Org]
    /// The connection pool of the test's own API clients (`adminClient`, `writerClient`); shut down by `stop()`.
    package let transport = GenesysTransport()
    /// The emulator's clock when the test gave one (`clock:`), for tests that move time by hand.
    package let clock: ManualClock?

    package struct TenantSpec: Sendable {
        package var name: String
        package var region: String
        package var organizationId: String
        package var secret: String
        package var yamlBody: String

        package init(name: String, region: String, organizationId: String, secret: String, yamlBody: String) {
            self.name = name
            self.region = region
            self.organizationId = organizationId
            self.secret = secret
            self.yamlBody = yamlBody
        }
    }

    /// Starts an emulator with one org per tenant (a CI client and an "Admin UI user" client each)
    /// and writes `tenants/<name>.yaml`.
    /// `configure` adjusts the emulator's options and orgs (production quirks, roles) before it starts.
    package init(
        tenants: [TenantSpec], activationDelay: Duration = .milliseconds(50), writeFiles: Bool = true, clock: ManualClock? = nil,
        configure: (inout EmulatorOptions, inout [EmulatorSeed.Org]) -> Void = { _, _ in }
    ) async throws {
        var env: [String: String] = [:]
        var orgs: [EmulatorSeed.Org] = []
        for tenant in tenants {
            let prefix = Self.envPrefix(tenant.name)
            env["\(prefix)_CLIENT_ID"] = "\(tenant.name)-ci"
            env["\(prefix)_CLIENT_SECRET"] = tenant.secret
            orgs.append(
                EmulatorSeed.Org(
                    id: tenant.organizationId, name: tenant.name, region: tenant.region,
                    clients: [
                        .init(id: "\(tenant.name)-ci", secret: tenant.secret, name: "GitOps CI"),
                        .init(id: "\(tenant.name)-ui", secret: "ui-secret-\(tenant.name)", name: "Admin UI user"),
                        // A third writer, so drift can be checked to name each field's own changer.
                        .init(id: "\(tenant.name)-web", secret: "web-secret-\(tenant.name)", name: "Web team script"),
                    ]))
        }
        var options = EmulatorOptions()
        options.activationDelay = activationDelay
        self.clock = clock
        if let clock { options.clock = EmulatorClock(clock) }
        configure(&options, &orgs)
        self.orgs = orgs
        emulator = try GenesysEmulator(seed: EmulatorSeed(orgs: orgs), options: options)
        _ = try await emulator.start()
        env["MESSENGERCTL_ENDPOINT"] = "\(emulator.baseURL)/{region}"
        env["NO_COLOR"] = "1"
        environment = env
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("messengerctl-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(
            at: directory.appendingPathComponent("tenants"), withIntermediateDirectories: true)
        for tenant in tenants where writeFiles {
            try write(tenant: tenant.name, Self.header(tenant) + tenant.yamlBody)
        }
    }

    /// The repository's example tenants (`tenants/`, `bases/`), each with its org in the emulator.
    package static func examples(activationDelay: Duration = .milliseconds(50)) async throws -> CLIHarness {
        let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let loaded = TenantLoader().load(paths: [repo.appendingPathComponent("tenants").path])
        try #require(loaded.diagnostics.isEmpty, "\(loaded.diagnostics)")
        let specs = loaded.tenants.map { tenant in
            TenantSpec(
                name: tenant.name, region: tenant.region, organizationId: tenant.organizationId,
                secret: "secret-\(tenant.name)", yamlBody: "")
        }
        // The example files name flows, profiles and knowledge bases (reference §8): each org has its own.
        let harness = try await CLIHarness(tenants: specs, activationDelay: activationDelay, writeFiles: false) { _, orgs in
            orgs = orgs.map { $0.withDemoReferences() }
        }
        for folder in ["tenants", "bases"] {
            let target = harness.directory.appendingPathComponent(folder)
            try? FileManager.default.removeItem(at: target)
            try FileManager.default.copyItem(at: repo.appendingPathComponent(folder), to: target)
        }
        return harness
    }

    package static func envPrefix(_ tenant: String) -> String {
        tenant.uppercased().replacingOccurrences(of: "-", with: "_")
    }

    package static func header(_ tenant: TenantSpec) -> String {
        let prefix = envPrefix(tenant.name)
        return """
            tenant: \(tenant.name)
            region: \(tenant.region)
            organizationId: \(tenant.organizationId)
            credentials:
              clientIdEnv: \(prefix)_CLIENT_ID
              clientSecretEnv: \(prefix)_CLIENT_SECRET

            """
    }

    package func write(tenant: String, _ text: String) throws {
        try text.write(to: directory.appendingPathComponent("tenants/\(tenant).yaml"), atomically: true, encoding: .utf8)
    }

    package func read(tenant: String) throws -> String {
        try String(contentsOf: directory.appendingPathComponent("tenants/\(tenant).yaml"), encoding: .utf8)
    }

    package func path(_ relative: String) -> String { directory.appendingPathComponent(relative).path }

    /// Runs `messengerctl ARGS` in the tenant folder with no terminal attached.
    package func run(
        _ arguments: [String], environment extra: [String: String] = [:],
        whileRunning: (@Sendable (Process) -> Void)? = nil
    ) async throws -> ProcessRunner.Result {
        var env = ProcessInfo.processInfo.environment
        for (k, v) in environment { env[k] = v }
        for (k, v) in extra { env[k] = v }
        return try await ProcessRunner.run(arguments, in: directory, environment: env, whileRunning: whileRunning)
    }

    /// Applies the tenant files (`apply --auto-approve`, which must succeed) and returns the org's second
    /// writer, as most stories of another writer begin.
    package func appliedWithAdmin(tenant: String) async throws -> GenesysCloudClient {
        let apply = try await run(["apply", "--auto-approve"])
        #expect(apply.status == 0, "\(apply.all)")
        return try adminClient(tenant: tenant)
    }

    /// The tenant files of the folder, loaded as the CLI loads them.
    package func loadTenants() throws -> [Tenant] {
        let loaded = TenantLoader().load(paths: [path("tenants")])
        try #require(loaded.diagnostics.isEmpty, "\(loaded.diagnostics)")
        return loaded.tenants
    }

    /// The library's fleet runner against this emulator, its client's waits on `clock` (for tests that
    /// check what the reconciler waits for without waiting).
    package func fleet(clock: ManualClock) throws -> Fleet {
        var options = ClientOptions()
        options.clock = WaitClock(clock)
        let environment = self.environment
        struct NoEndpoint: Error {}
        guard let template = environment["MESSENGERCTL_ENDPOINT"] else { throw NoEndpoint() }
        return Fleet(context: ReconcilerContext(
            endpoints: try EndpointResolver(template: template),
            transport: transport, clientOptions: options, environment: { environment[$0] }))
    }

    /// An API client acting as the org's second writer ("Admin UI user").
    package func adminClient(tenant: String, transport: GenesysTransport? = nil) throws -> GenesysCloudClient {
        try writerClient(tenant: tenant, writer: "ui", transport: transport)
    }

    /// An API client acting as one of the org's other writers: `ui` ("Admin UI user") or `web`
    /// ("Web team script").
    package func writerClient(tenant: String, writer: String, transport: GenesysTransport? = nil) throws -> GenesysCloudClient {
        let org = orgs.first { $0.name == tenant }!
        return GenesysCloudClient(
            region: Region.named(org.region)!,
            credentials: ClientCredentials(clientId: "\(tenant)-\(writer)", clientSecret: Secret("\(writer)-secret-\(tenant)")),
            endpoints: try EndpointResolver(template: "\(emulator.baseURL)/{region}"), transport: transport ?? self.transport)
    }

    /// Runs `body` with the harness `make` builds and awaits its teardown (emulator, clients, files),
    /// also when `body` throws.
    package static func with<R>(
        _ make: @autoclosure () async throws -> CLIHarness, _ body: (CLIHarness) async throws -> R
    ) async throws -> R {
        try await withTeardown(try await make(), teardown: { await $0.stop() }, body)
    }

    package func stop() async {
        try? await transport.shutdown()
        await emulator.stop()
        try? FileManager.default.removeItem(at: directory)
    }
}

extension GenesysCloudClient {
    /// The admin's UI edit: change the draft of configuration `name` and (optionally) publish it.
    package func uiEdit(configuration name: String, publish: Bool = true, _ change: (inout JSONValue) -> Void) async throws {
        let configuration = try #require(
            try await listConfigurations().first { $0.fields["name"]?.stringValue == name })
        let id = try #require(configuration.fields["id"]?.stringValue)
        var draft = JSONValue.object(try await configurationDraft(id: id).fields)
        change(&draft)
        _ = try await replaceConfigurationDraft(id: id, with: ConfigurationVersion(fields: draft.objectValue!))
        guard publish else { return }
        // Publishing needs the draft to be Active first (reference §3.5 item 5).
        for _ in 0..<100 {
            if try await configurationDraft(id: id).fields["status"]?.stringValue == "Active" { break }
            try await Task.sleep(for: .milliseconds(20))
        }
        _ = try await publishConfigurationDraft(id: id)
    }

    /// What the UI does after a publish when the admin also updates the deployment: every deployment
    /// of the configuration serves its latest version.
    package func pointDeploymentsAtLatest(configuration name: String) async throws {
        let latest = try #require(try await published(configuration: name))
        for deployment in try await listDeployments() {
            var body = JSONValue.object(deployment.fields)
            guard body["configuration"]?["id"] == latest["id"] else { continue }
            body["configuration"] = ["id": latest["id"]!, "version": latest["version"]!]
            for key in ["id", "snippet", "dateCreated", "dateModified", "lastModifiedUser", "selfUri", "status"] { body[key] = nil }
            _ = try await replaceDeployment(id: deployment.fields["id"]!.stringValue!, with: Deployment(fields: body.objectValue!))
        }
    }

    /// The latest published version of configuration `name`, as JSON.
    package func published(configuration name: String) async throws -> JSONValue? {
        guard let configuration = try await listConfigurations().first(where: { $0.fields["name"]?.stringValue == name }),
            let id = configuration.fields["id"]?.stringValue
        else { return nil }
        let versions = try await configurationVersions(id: id)
        return versions.compactMap { v -> (Int, JSONValue)? in
            guard let n = v.fields["version"]?.stringValue.flatMap({ Int($0) }) else { return nil }
            return (n, .object(v.fields))
        }.max { $0.0 < $1.0 }?.1
    }
}

extension JSONValue {
    /// Sets a dotted path, creating objects on the way.
    package mutating func set(_ path: String, _ value: JSONValue) {
        let keys = path.split(separator: ".").map(String.init)
        self = Self.setting(value, keys[...], in: self)
    }

    private static func setting(_ value: JSONValue, _ keys: ArraySlice<String>, in root: JSONValue) -> JSONValue {
        guard let first = keys.first else { return value }
        var object = root.objectValue ?? [:]
        object[first] = setting(value, keys.dropFirst(), in: object[first] ?? .object([:]))
        return .object(object)
    }
}

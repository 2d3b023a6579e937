import Foundation
import Synchronization
import GenesysCloud
import GenesysEmulator
import Logging
import Reconciler

/// A generated fleet: N tenant files in a temporary folder and one emulator org per tenant, spread over
/// six regions, each org with a CI client (what messengerctl uses) and an "Admin UI user" client.
final class BenchFleet: Sendable {
    /// What a generated tenant file says; the fields a benchmark or the soak changes are variables.
    struct TenantFile: Sendable {
        var name: String
        var region: String
        var organizationId: String
        var description: String
        var primaryColor: String

        var configurationName: String { "\(name)-support" }
        var ciClientID: String { "\(name)-ci" }
        var uiClientID: String { "\(name)-ui" }
        var envPrefix: String { name.uppercased().replacingOccurrences(of: "-", with: "_") }

        /// One configuration and one deployment; no `availability`, so planning needs no Architect reads.
        var yaml: String {
            """
            tenant: \(name)
            region: \(region)
            organizationId: \(organizationId)
            credentials:
              clientIdEnv: \(envPrefix)_CLIENT_ID
              clientSecretEnv: \(envPrefix)_CLIENT_SECRET
            configurations:
              - name: \(configurationName)
                description: \(description)
                languages: [en-us, fr]
                defaultLanguage: en-us
                messenger:
                  enabled: true
                  styles: { primaryColor: "\(primaryColor)" }
                  launcherButton: { visibility: On }
                greetings:
                  en-us: { title: "Hello!", subtitle: "How can we help?", launcher: "Chat with us" }
                  fr: { title: "Bonjour !", subtitle: "Comment pouvons-nous vous aider ?" }
            deployments:
              - name: \(name)-web
                configuration: \(configurationName)
                allowedDomains: [www.\(name).example]

            """
        }
    }

    static let regions = ["us-east-1", "eu-west-1", "ap-southeast-2", "ca-central-1", "eu-central-1", "ap-northeast-1"]

    let emulator: GenesysEmulator
    let directory: URL
    let files: Mutex<[TenantFile]>
    /// Secrets live only in this process and in the children's environment; they are never printed.
    private let secrets: [String: (ci: String, ui: String)]

    var tenantsDirectory: URL { directory.appendingPathComponent("tenants") }
    var endpointTemplate: String { "\(emulator.baseURL)/{region}" }

    init(count: Int, activationDelay: Duration) async throws {
        var files: [TenantFile] = []
        var secrets: [String: (ci: String, ui: String)] = [:]
        var orgs: [EmulatorSeed.Org] = []
        for index in 1...max(1, count) {
            let name = String(format: "t-%04d", index)
            let file = TenantFile(
                name: name, region: Self.regions[(index - 1) % Self.regions.count],
                organizationId: String(format: "%08x-4b3c-4d5e-8f9a-%012x", index, index),
                description: "Support messenger", primaryColor: "#0052CC")
            let pair = (ci: Self.randomSecret(), ui: Self.randomSecret())
            secrets[name] = pair
            files.append(file)
            orgs.append(
                EmulatorSeed.Org(
                    id: file.organizationId, name: name, region: file.region,
                    clients: [
                        .init(id: file.ciClientID, secret: pair.ci, name: "GitOps CI"),
                        .init(id: file.uiClientID, secret: pair.ui, name: "Admin UI user"),
                    ]))
        }
        self.secrets = secrets
        self.files = Mutex(files)
        var options = EmulatorOptions()
        options.activationDelay = activationDelay
        emulator = try GenesysEmulator(seed: EmulatorSeed(orgs: orgs), options: options)
        _ = try await emulator.start()
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("messengerctl-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(
            at: directory.appendingPathComponent("tenants"), withIntermediateDirectories: true)
        for file in files { try write(file) }
    }

    var tenantFiles: [TenantFile] { files.withLock { $0 } }

    /// Rewrites one tenant file (atomically, as an editor or `git checkout` would).
    func write(_ file: TenantFile) throws {
        try file.yaml.write(to: tenantsDirectory.appendingPathComponent("\(file.name).yaml"), atomically: true, encoding: .utf8)
    }

    /// Changes tenant files in memory and on disk.
    func update(_ names: Set<String>, _ change: (inout TenantFile) -> Void) throws {
        let changed: [TenantFile] = files.withLock { all in
            var out: [TenantFile] = []
            for index in all.indices where names.contains(all[index].name) {
                change(&all[index])
                out.append(all[index])
            }
            return out
        }
        for file in changed { try write(file) }
    }

    /// The environment a child `messengerctl` needs: endpoint template and every tenant's CI credentials.
    var environment: [String: String] {
        var env = ["MESSENGERCTL_ENDPOINT": endpointTemplate, "NO_COLOR": "1"]
        for file in tenantFiles {
            env["\(file.envPrefix)_CLIENT_ID"] = file.ciClientID
            env["\(file.envPrefix)_CLIENT_SECRET"] = secrets[file.name]?.ci
        }
        return env
    }

    /// Brings every org to the files' state in this process, without latency or faults, so later
    /// measurements start from a fleet that is in sync.
    func applyInProcess() async throws {
        await emulator.setFaults(FaultPlan())
        let loaded = TenantLoader().load(paths: [tenantsDirectory.path])
        guard loaded.diagnostics.isEmpty else {
            throw BenchError("generated tenant files are invalid: \(loaded.diagnostics.map(\.description).joined(separator: "\n"))")
        }
        let env = environment
        let transport = GenesysTransport()
        let context = ReconcilerContext(
            endpoints: try EndpointResolver(template: endpointTemplate), transport: transport,
            environment: { env[$0] }, concurrency: 16)
        let fleet = Fleet(context: context)
        let plan = await fleet.plan(loaded.tenants)
        let report = await fleet.apply(plan)
        try? await transport.shutdown()
        guard !plan.hasErrors, report.summary.failed == 0, report.summary.conflict == 0, report.summary.tenantErrors == 0 else {
            throw BenchError("setting up the fleet failed: \(report.summary)")
        }
    }

    /// An API client acting as the org's second writer, the "Admin UI user".
    func adminClient(_ file: TenantFile, transport: GenesysTransport, options: ClientOptions = .init()) throws -> GenesysCloudClient {
        GenesysCloudClient(
            region: Region.named(file.region)!,
            credentials: ClientCredentials(clientId: file.uiClientID, clientSecret: Secret(secrets[file.name]!.ui)),
            endpoints: try EndpointResolver(template: endpointTemplate), transport: transport, options: options,
            logger: Self.quietLogger)
    }

    /// The admins' retries under injected faults are expected; their warnings would drown the figures.
    static var quietLogger: Logger {
        var logger = Logger(label: "messengerctl-bench.admin")
        logger.logLevel = .critical
        return logger
    }

    func stop() async {
        await emulator.stop()
        try? FileManager.default.removeItem(at: directory)
    }

    /// Runs `body` with this fleet, then stops it (awaited) whether `body` returns or throws, so no
    /// benchmark leaves an emulator or a folder of tenant files behind.
    func run<T>(_ body: (BenchFleet) async throws -> T) async throws -> T {
        do {
            let result = try await body(self)
            await stop()
            return result
        } catch {
            await stop()
            throw error
        }
    }

    static func randomSecret() -> String {
        (0..<32).map { _ in String("abcdefghijklmnopqrstuvwxyz0123456789".randomElement()!) }.joined()
    }
}

/// A benchmark could not run; the message says why.
struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

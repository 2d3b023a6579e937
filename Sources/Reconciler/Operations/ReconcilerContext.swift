import Synchronization
import Foundation
import GenesysCloud
import Logging

/// Everything plan and apply need from outside the tenant files: where the API is, how to reach
/// it, and how to find a tenant's credentials.
public struct ReconcilerContext: Sendable {
    public var endpoints: EndpointResolver
    public var transport: GenesysTransport
    public var clientOptions: ClientOptions
    /// Looks up an environment variable; the CLI passes the process environment, the demo its own.
    public var environment: @Sendable (String) -> String?
    /// Tenants handled at once (`--concurrency`).
    public var concurrency: Int
    public var logger: Logger
    /// How long apply waits for `Pending → Active` before giving up on an object (reference §3.5 item 5:
    /// Terraform budgets 30 s for configurations and 70 s for deployments).
    public var activationTimeout: Duration
    let clients: ClientPool
    /// Referred objects by org, listed once per run (reference §8).
    let referenceCatalogs = ReferenceCatalogs()

    public init(
        endpoints: EndpointResolver, transport: GenesysTransport, clientOptions: ClientOptions = ClientOptions(),
        environment: @escaping @Sendable (String) -> String? = ReconcilerContext.processEnvironment(),
        concurrency: Int = 8, logger: Logger = Logger(label: "messengerctl"), activationTimeout: Duration = .seconds(90)
    ) {
        self.endpoints = endpoints
        self.transport = transport
        self.clientOptions = clientOptions
        self.environment = environment
        self.concurrency = max(1, concurrency)
        self.logger = logger
        self.activationTimeout = activationTimeout
        self.clients = ClientPool()
    }

    /// The process environment as it is now, read once. `ProcessInfo.environment` builds a new dictionary
    /// of every variable on each call; looked up twice per tenant, that was 40 % of a 500-tenant plan's CPU
    /// (a fleet's CI job holds two variables per tenant, so the cost grew with the square of the fleet).
    public static func processEnvironment() -> @Sendable (String) -> String? {
        let snapshot = ProcessInfo.processInfo.environment
        return { snapshot[$0] }
    }

    /// The API client for a tenant: one per (region, OAuth client), shared by plan and apply so a
    /// token is fetched once.
    func client(region regionId: String, credentials names: CredentialNames) throws(ReconcilerError) -> GenesysCloudClient {
        guard let region = Region.named(regionId) else {
            throw ReconcilerError("unknown region `\(regionId)`")
        }
        guard let clientId = environment(names.clientIdEnv), !clientId.isEmpty else {
            throw ReconcilerError("environment variable \(names.clientIdEnv) (the OAuth client id) is not set")
        }
        guard let secret = environment(names.clientSecretEnv), !secret.isEmpty else {
            throw ReconcilerError("environment variable \(names.clientSecretEnv) (the OAuth client secret) is not set")
        }
        return clients.client(key: "\(region.id)|\(clientId)") {
            GenesysCloudClient(
                region: region, credentials: ClientCredentials(
                    clientId: clientId, clientSecret: Secret(secret), clientIdSource: names.clientIdEnv),
                endpoints: endpoints, transport: transport, options: clientOptions, logger: logger)
        }
    }
}

/// API clients by (region, client id).
final class ClientPool: Sendable {
    private let clients = Mutex<[String: GenesysCloudClient]>([:])

    func client(key: String, make: () -> GenesysCloudClient) -> GenesysCloudClient {
        clients.withLock { all in
            if let existing = all[key] { return existing }
            let created = make()
            all[key] = created
            return created
        }
    }
}

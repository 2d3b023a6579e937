import Foundation

/// The orgs and OAuth clients the emulator serves (DESIGN.md "The emulator", seed file).
public struct EmulatorSeed: Sendable, Codable, Equatable {
    /// One OAuth client-credentials client; each acts as its own user (DESIGN.md "Two writers").
    public struct Client: Sendable, Codable, Equatable {
        public var id: String
        public var secret: String
        public var name: String
        /// Token lifetime; `nil` means the real default of 86400 s (reference §2.2).
        public var tokenLifetimeSeconds: Int?
        /// The permissions of the client's role (reference §2.3, §2.5); `nil` grants every permission.
        public var permissions: [String]?

        public init(
            id: String, secret: String, name: String, tokenLifetimeSeconds: Int? = nil, permissions: [String]? = nil
        ) {
            self.id = id
            self.secret = secret
            self.name = name
            self.tokenLifetimeSeconds = tokenLifetimeSeconds
            self.permissions = permissions
        }
    }

    /// One organization in one region (region names as in reference §1, e.g. `eu-west-1`).
    public struct Org: Sendable, Codable, Equatable {
        public var id: String
        public var name: String
        public var region: String
        public var clients: [Client]
        /// Inbound message flows a deployment's `flow.id` may name (reference §8); none by default.
        public var flows: [NamedObject]?
        /// Supported content profiles a deployment's `supportedContent.id` may name (reference §8); the
        /// first is the org's default. Profiles created over the API join them (the state keeps both).
        public var supportedContent: [NamedObject]?
        /// Knowledge bases with their categories and labels (reference §8), served read-only.
        public var knowledgeBases: [KnowledgeBase]?
        /// Integrations (OpenID Connect Messenger configurations, push providers; reference §8), read-only.
        public var integrations: [NamedObject]?
        /// Top-level configuration fields this org's feature set lacks: a body that sets one answers 400 with
        /// "feature is not yet implemented" (reference §3.5 item 7).
        public var featuresNotImplemented: [String]?

        public init(
            id: String, name: String, region: String, clients: [Client], flows: [NamedObject]? = nil,
            supportedContent: [NamedObject]? = nil
        ) {
            self.id = id
            self.name = name
            self.region = region
            self.clients = clients
            self.flows = flows
            self.supportedContent = supportedContent
        }

        /// The first field of `body` this org's feature set lacks.
        func unimplementedFeature(in body: [String: EmulatorJSON]) -> String? {
            (featuresNotImplemented ?? []).first { body[$0] != nil && body[$0] != .null }
        }
    }

    /// An object of the org that deployments and configurations refer to: an id and a name, and for
    /// flows and integrations a type (`inboundshortmessage` when a flow gives none; an integration type id).
    public struct NamedObject: Sendable, Codable, Equatable {
        public var id: String
        public var name: String
        public var type: String?

        public init(id: String, name: String, type: String? = nil) {
            self.id = id
            self.name = name
            self.type = type
        }
    }

    /// A knowledge base and the categories and labels a support center may name (reference §8).
    public struct KnowledgeBase: Sendable, Codable, Equatable {
        public var id: String
        public var name: String
        public var categories: [NamedObject]
        public var labels: [NamedObject]

        public init(id: String, name: String, categories: [NamedObject] = [], labels: [NamedObject] = []) {
            self.id = id
            self.name = name
            self.categories = categories
            self.labels = labels
        }
    }

    public var orgs: [Org]
    /// `timing: {asyncDeleteRequests: N}` in the seed file: as `--async-delete-requests` (the larger wins).
    public var asyncDeleteRequests: Int?
    /// `timing: {transientPublish400: true}`: as `--transient-publish-400`.
    public var transientPublish400: Bool?
    /// `timing: {auditDelaySeconds: S}`: as `--audit-delay-seconds` (the larger wins).
    public var auditDelaySeconds: Double?

    public init(orgs: [Org], asyncDeleteRequests: Int? = nil) {
        self.orgs = orgs
        self.asyncDeleteRequests = asyncDeleteRequests
    }

    /// Reads a seed file: YAML as DESIGN.md "The emulator" shows it (JSON, being YAML, works too).
    /// - Throws: ``SeedError`` naming the file and what is wrong with it.
    public static func load(path: String) throws -> EmulatorSeed {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw SeedError(path: path, problem: "cannot be read (\(error.localizedDescription)); check the --seed path")
        }
        let seed = try parseYAML(String(decoding: data, as: UTF8.self), path: path)
        try seed.validate(path: path)
        return seed
    }

    /// Rejects seeds the emulator cannot serve unambiguously.
    func validate(path: String) throws {
        var clientIDs = Set<String>()
        for org in orgs {
            if org.region.isEmpty || org.region.contains("/") {
                throw SeedError(path: path, problem: "org \(org.name) has region '\(org.region)'; use a region name like eu-west-1")
            }
            for client in org.clients {
                // Token requests name only the client, so a client id must identify one org per region.
                if !clientIDs.insert("\(org.region)/\(client.id)").inserted {
                    throw SeedError(path: path, problem: "client id \(client.id) appears twice in region \(org.region)")
                }
                if let lifetime = client.tokenLifetimeSeconds, lifetime <= 0 {
                    throw SeedError(path: path, problem: "client \(client.id) has tokenLifetimeSeconds \(lifetime); use a positive number")
                }
            }
        }
    }

    /// The demo orgs served when no seed file is given: the example tenants of the project.
    public static let demo = EmulatorSeed(orgs: [
        Org(
            id: "3f6a8c1e-2b4d-4e5f-9a7b-1c2d3e4f5a6b", name: "acme-us", region: "us-east-1",
            clients: [
                Client(id: "acme-us-ci", secret: "acme-us-ci-secret", name: "GitOps CI"),
                Client(id: "acme-us-ui", secret: "acme-us-ui-secret", name: "Admin UI user"),
            ]).withDemoReferences(),
        Org(
            id: "8d2e4f6a-1b3c-4d5e-8f9a-0b1c2d3e4f5a", name: "acme-eu", region: "eu-west-1",
            clients: [
                Client(id: "acme-eu-ci", secret: "acme-eu-ci-secret", name: "GitOps CI"),
                Client(id: "acme-eu-ui", secret: "acme-eu-ui-secret", name: "Admin UI user"),
            ]).withDemoReferences(),
        Org(
            id: "5b7c9d1e-3f4a-4b6c-8d9e-2f3a4b5c6d7e", name: "acme-au", region: "ap-southeast-2",
            clients: [
                Client(id: "acme-au-ci", secret: "acme-au-ci-secret", name: "GitOps CI"),
                Client(id: "acme-au-ui", secret: "acme-au-ui-secret", name: "Admin UI user"),
            ]).withDemoReferences(),
    ])
}

extension EmulatorSeed.Org {
    /// The objects a deployment refers to (reference §8), with the same names in every demo org and ids
    /// that differ per org, as in real orgs: what replicating one base across orgs has to resolve.
    public func withDemoReferences() -> EmulatorSeed.Org {
        func object(_ name: String, type: String? = nil) -> EmulatorSeed.NamedObject {
            EmulatorSeed.NamedObject(id: StableID.uuid4("\(id):\(name)"), name: name, type: type)
        }
        var org = self
        org.flows = [object("Web Messaging Inbound"), object("Web Messaging After Hours")]
        org.supportedContent = [object("Default"), object("Images only"), object("Images and PDF")]
        org.knowledgeBases = [
            EmulatorSeed.KnowledgeBase(
                id: StableID.uuid4("\(id):Support KB"), name: "Support KB",
                categories: [object("Billing"), object("Returns"), object("Shipping")],
                labels: [object("Public"), object("Premium")])
        ]
        org.integrations = [object("Okta SSO", type: "messenger-openid-connect"), object("Acme app push", type: "messenger-push")]
        return org
    }
}

/// A seed file that cannot be used.
public struct SeedError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var problem: String
    public var description: String { "seed file \(path) \(problem)" }
}

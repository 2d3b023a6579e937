import Foundation

/// The objects of one org; this is what `--state` persists.
struct OrgObjects: Sendable, Codable {
    var configurations: [StoredConfiguration] = []
    var deployments: [StoredDeployment] = []
    var schedules: [EmulatorJSON] = []
    var scheduleGroups: [EmulatorJSON] = []
    var audits: [EmulatorJSON] = []
    /// Supported content profiles once the API has written one; until then the seed's (reference §8).
    var supportedContents: [EmulatorJSON]?
    /// The id `PUT …/supportedcontent/default` chose; the first profile until then.
    var defaultSupportedContent: String?
}

/// A web deployment configuration: one mutable draft plus immutable published versions (reference §3.5 item 1).
struct StoredConfiguration: Sendable, Codable {
    var id: String
    /// The draft with every server field except `status`, which is derived from `draftActiveAt`.
    var draft: EmulatorJSON
    var draftActiveAt: Date
    /// Published versions, oldest first; version N is at index N-1.
    var versions: [StoredVersion]
}

/// One published configuration version.
struct StoredVersion: Sendable, Codable {
    var body: EmulatorJSON
    var activeAt: Date
}

/// A deployment with its activation time (status is `Pending` until then, reference §3.5 item 5).
struct StoredDeployment: Sendable, Codable {
    var body: EmulatorJSON
    var activeAt: Date
}

/// The file `--state` writes.
struct PersistedState: Sendable, Codable {
    var orgs: [String: OrgObjects]
}

/// An issued access token (not persisted: clients ask for a new one after a restart, as after expiry).
struct IssuedToken: Sendable {
    var orgID: String
    var region: String
    var clientID: String
    var clientName: String
    var expiresAt: Date
}

/// A submitted asynchronous audit query (reference §3.2).
struct AuditQueryJob: Sendable {
    var orgID: String
    var request: EmulatorJSON
    var submittedAt: Date
    var results: [EmulatorJSON]
}

/// A fixed one-minute window of requests for one token (reference §5.2).
struct RateWindow: Sendable {
    var start: Date
    var count: Int
}

/// The objects of every org at one moment, for assertions in tests and demos (JSON-encodable).
public struct EmulatorSnapshot: Sendable, Codable, Equatable {
    public struct Configuration: Sendable, Codable, Equatable {
        public var id: String
        /// The draft's name.
        public var name: String
        /// The draft as `GET …/versions/draft` answers it.
        public var draft: EmulatorJSON
        /// Published versions, oldest first.
        public var versions: [EmulatorJSON]
    }

    public struct Org: Sendable, Codable, Equatable {
        public var id: String
        public var name: String
        public var region: String
        public var configurations: [Configuration]
        public var deployments: [EmulatorJSON]
        public var schedules: [EmulatorJSON]
        public var scheduleGroups: [EmulatorJSON]
        /// Every `AuditLogMessage` recorded, oldest first.
        public var audits: [EmulatorJSON]
    }

    public var orgs: [Org]

    /// The org named `name` (seed `name`, e.g. `acme-eu`).
    public func org(named name: String) -> Org? { orgs.first { $0.name == name } }
}

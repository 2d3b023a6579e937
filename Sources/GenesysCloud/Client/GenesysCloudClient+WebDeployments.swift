extension GenesysCloudClient {
    static let configurationsPath = "/api/v2/webdeployments/configurations"
    static let deploymentsPath = "/api/v2/webdeployments/deployments"

    static func configurationPath(_ id: String) -> String { configurationsPath + "/" + segment(id) }
    static func deploymentPath(_ id: String) -> String { deploymentsPath + "/" + segment(id) }

    // MARK: Configurations (reference §3.1 #1–#8)

    /// Every configuration (all pages, #1). `showOnlyPublished` filters by published status.
    public func listConfigurations(showOnlyPublished: Bool? = nil) async throws(GenesysError) -> [ConfigurationVersion] {
        var query: [(String, String)] = []
        if let showOnlyPublished { query.append(("showOnlyPublished", showOnlyPublished ? "true" : "false")) }
        return try await cursorPages(Self.configurationsPath, query: query).map(ConfigurationVersion.init(fields:))
    }

    /// The draft of a configuration (#6).
    public func configurationDraft(id: String) async throws(GenesysError) -> ConfigurationVersion {
        try await getObject(Self.configurationPath(id) + "/versions/draft")
    }

    /// Replaces the whole draft (#7, a full-body PUT). Send the live draft with the desired fields laid over
    /// it so fields this tool does not manage survive; read-only fields are left out of the body.
    public func replaceConfigurationDraft(id: String, with body: ConfigurationVersion) async throws(GenesysError) -> ConfigurationVersion {
        try await sendObject(.PUT, Self.configurationPath(id) + "/versions/draft", body: body.writableFields)
    }

    /// Creates a configuration (its draft, #2). Never creates two: see `createOnce`.
    public func createConfiguration(_ body: ConfigurationVersion) async throws(GenesysError) -> ConfigurationVersion {
        try await createOnce(path: Self.configurationsPath, body: body.writableFields, name: body.name) { () async throws(GenesysError) in
            try await self.listConfigurations()
        }
    }

    /// Publishes the draft as a new version (#8). Never publishes twice: see `publishOnce`.
    public func publishConfigurationDraft(id: String) async throws(GenesysError) -> ConfigurationVersion {
        try await publishOnce(configurationId: id)
    }

    /// Every version of a configuration (all pages, #4).
    public func configurationVersions(id: String) async throws(GenesysError) -> [ConfigurationVersion] {
        try await cursorPages(Self.configurationPath(id) + "/versions").map(ConfigurationVersion.init(fields:))
    }

    /// One version of a configuration (#5).
    public func configurationVersion(id: String, version: String) async throws(GenesysError) -> ConfigurationVersion {
        try await getObject(Self.configurationPath(id) + "/versions/" + Self.segment(version))
    }

    /// Deletes a configuration and all its versions (#3). 409 `resource.conflict` while a deployment uses it.
    public func deleteConfiguration(id: String) async throws(GenesysError) {
        try await send(.DELETE, Self.configurationPath(id))
    }

    // MARK: Deployments (reference §3.1 #9–#14)

    /// Every deployment (all pages, #9).
    public func listDeployments() async throws(GenesysError) -> [Deployment] {
        try await cursorPages(Self.deploymentsPath).map(Deployment.init(fields:))
    }

    /// One deployment (#11).
    public func deployment(id: String) async throws(GenesysError) -> Deployment {
        try await getObject(Self.deploymentPath(id))
    }

    /// Creates a deployment (#10). Never creates two: see `createOnce`.
    public func createDeployment(_ body: Deployment) async throws(GenesysError) -> Deployment {
        try await createOnce(path: Self.deploymentsPath, body: body.writableFields, name: body.name) { () async throws(GenesysError) in
            try await self.listDeployments()
        }
    }

    /// Replaces a deployment (#12, full-body PUT); read-only fields are left out of the body.
    public func replaceDeployment(id: String, with body: Deployment) async throws(GenesysError) -> Deployment {
        try await sendObject(.PUT, Self.deploymentPath(id), body: body.writableFields)
    }

    /// Deletes a deployment (#13).
    public func deleteDeployment(id: String) async throws(GenesysError) {
        try await send(.DELETE, Self.deploymentPath(id))
    }

    /// The configuration a deployment is serving (#14).
    public func activeConfiguration(deploymentId: String) async throws(GenesysError) -> ActiveConfiguration {
        try await getObject(Self.deploymentPath(deploymentId) + "/configurations")
    }
}

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

    /// Replaces the draft (#7: a full replace).
    ///
    /// - Parameter base: the draft `body` was built from. With it, a PUT whose answer was lost is not
    ///   re-sent blindly: drafts have no lock (reference §5.4), and re-sending an older full body would
    ///   overwrite whatever another writer put in the draft meanwhile. The draft is read back: if it
    ///   holds what was sent, that is the answer; if it is still `base`, the PUT is sent again; else
    ///   the error says so and nothing more is sent. Without `base`, the PUT is retried as idempotent.
    public func replaceConfigurationDraft(
        id: String, with body: ConfigurationVersion, basedOn base: ConfigurationVersion? = nil
    ) async throws(GenesysError) -> ConfigurationVersion {
        let path = Self.configurationPath(id) + "/versions/draft"
        let sent = body.writableFields
        guard let base else { return try await sendObject(.PUT, path, body: sent) }
        var resent = 0
        while true {
            do {
                return try await sendObject(.PUT, path, body: sent, mode: .writeOnce)
            } catch let error where error.isOutcomeUnknown {
                let now = try await configurationDraft(id: id)
                if Self.draftContent(now) == Self.draftContent(sent) { return now }
                guard Self.draftContent(now) == Self.draftContent(base), resent < retry.maxRetries else {
                    var refused = error
                    refused.hint =
                        Self.draftContent(now) == Self.draftContent(base)
                        ? "the draft was not changed after \(resent + 1) attempts; try again later"
                        : "the draft changed since it was read (another writer?), so the PUT was not re-sent; re-run plan"
                    throw refused
                }
                resent += 1
                try await sleep(retry.backoff(attempt: resent), method: "PUT", path: path)
            }
        }
    }

    /// What a draft says, without what the server sets or moves by itself (`status`).
    static func draftContent(_ draft: ConfigurationVersion) -> [String: JSONValue] {
        draft.writableFields.fields.filter { $0.key != "status" }
    }

    /// Creates a configuration (its draft, #2). Never creates two: see `createOnce`.
    public func createConfiguration(_ body: ConfigurationVersion) async throws(GenesysError) -> ConfigurationVersion {
        try await createOnce(path: Self.configurationsPath, body: body.writableFields, name: body.name) { () async throws(GenesysError) in
            try await self.listConfigurations()
        }
    }

    /// Publishes the draft as a new version (#8). Never publishes twice: see `publishOnce`.
    /// - Parameter knownLatest: the latest published version number (0 for none) as a read made right
    ///   before showed it, with the draft `Active`; without it both are read first.
    public func publishConfigurationDraft(id: String, knownLatest: Int? = nil) async throws(GenesysError) -> ConfigurationVersion {
        try await publishOnce(configurationId: id, knownLatest: knownLatest)
    }

    /// Every version of a configuration (all pages, #4).
    public func configurationVersions(id: String) async throws(GenesysError) -> [ConfigurationVersion] {
        let path = Self.configurationPath(id) + "/versions"
        let versions = try await cursorPages(path).map(ConfigurationVersion.init(fields:))
        // A published version is a decimal count of publishes; one this client cannot count from (say
        // "9223372036854775807") would make the next version overflow, so the listing is refused.
        for version in versions {
            if let text = version.version, text.first?.isNumber == true, ConfigurationVersion.number(text) == nil {
                throw listingError(path, "configuration \(id) has a published version \"\(text.prefix(40))\" that is not a believable version number")
            }
        }
        return versions
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

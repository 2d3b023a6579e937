import Foundation

extension EmulatorState {
    /// `/api/v2/webdeployments/...` (reference §3.1).
    func routeWebDeployments(_ request: APIRequest, _ path: [String], caller: Caller) -> APIResponse {
        switch (request.method, path.first, path.count) {
        case (_, "configurations", _):
            return routeConfigurations(request, Array(path.dropFirst()), caller: caller)
        case (_, "deployments", _):
            return routeDeployments(request, Array(path.dropFirst()), caller: caller)
        default:
            return .notFound()
        }
    }

    private func routeConfigurations(_ request: APIRequest, _ path: [String], caller: Caller) -> APIResponse {
        switch (request.method, path.count) {
        case ("GET", 0): return listConfigurations(request, caller: caller)
        case ("POST", 0): return createConfiguration(request, caller: caller)
        case ("DELETE", 1): return deleteConfiguration(id: path[0], caller: caller)
        case ("GET", 2) where path[1] == "versions": return listVersions(request, id: path[0], caller: caller)
        case ("GET", 3) where path[1] == "versions" && path[2] == "draft": return getDraft(id: path[0], caller: caller)
        case ("PUT", 3) where path[1] == "versions" && path[2] == "draft":
            return putDraft(request, id: path[0], caller: caller)
        case ("POST", 4) where path[1] == "versions" && path[2] == "draft" && path[3] == "publish":
            return publish(id: path[0], caller: caller)
        case ("GET", 3) where path[1] == "versions": return getVersion(id: path[0], version: path[2], caller: caller)
        default: return .notFound()
        }
    }

    // MARK: Rendering

    func configurationSelfUri(_ id: String) -> String { "/api/v2/webdeployments/configurations/\(id)" }

    /// The draft as served: stored fields plus the derived `status` (reference §3.5 items 2 and 4).
    func renderDraft(_ config: StoredConfiguration) -> EmulatorJSON {
        var draft = config.draft
        draft["status"] = .string(isDeleting(config.id) ? "Deleting" : status(activeAt: config.draftActiveAt))
        return draft
    }

    func renderVersion(_ version: StoredVersion) -> EmulatorJSON {
        var body = version.body
        body["status"] = .string(status(activeAt: version.activeAt))
        return body
    }

    func configurationIndex(_ id: String, org: String) -> Int? {
        objects[org]?.configurations.firstIndex { $0.id == id }
    }

    /// reference §3.5 item 7: `details[].errorCode` says "feature is not yet implemented", `fieldName` the field.
    private func featureNotImplemented(_ field: String) -> APIResponse {
        .badRequest(
            "The request could not be processed.", code: "bad.request",
            details: [SchemaViolation(fieldName: field, errorCode: "feature is not yet implemented")])
    }

    private func configurationNotFound(_ id: String) -> APIResponse {
        .notFound("Configuration \(id) was not found.")
    }

    // MARK: Handlers

    /// Lists drafts ("View configuration drafts"), optionally only those with a published version.
    private func listConfigurations(_ request: APIRequest, caller: Caller) -> APIResponse {
        var configs = (objects[caller.org.id]?.configurations ?? []).filter { !isDeleting($0.id) }
        if let text = request.query["showOnlyPublished"], text != "true", text != "false" {
            return .badRequest(
                "Value [\(text)] is not valid for parameter [showOnlyPublished]. Allowable values are: true, false",
                code: "invalid.query.param.value",
                details: [SchemaViolation(fieldName: "showOnlyPublished", errorCode: "invalid.query.param.value")])
        }
        let onlyPublished = request.query["showOnlyPublished"] == "true"
        if onlyPublished { configs = configs.filter { !$0.versions.isEmpty } }
        let base = "/api/v2/webdeployments/configurations"
        let extra = onlyPublished ? "&showOnlyPublished=true" : ""
        switch CursorPage.make(
            configs.map(renderDraft), cursorOf: { $0["id"]?.stringValue ?? "" }, query: request.query,
            basePath: base, extraQuery: extra)
        {
        case .failure(let error): return error.response
        case .success(let page): return APIResponse(status: 200, body: page.body(selfUri: base))
        }
    }

    /// `POST /configurations` creates a draft (reference §3.1 #2, §3.5 item 1); the draft's version is the
    /// literal `"DRAFT"` as Genesys' Terraform provider reads it (reference §3.5 item 2; UNVERIFIED §7.5).
    private func createConfiguration(_ request: APIRequest, caller: Caller) -> APIResponse {
        let body: EmulatorJSON
        switch validated(request, as: "WebDeploymentConfigurationVersion") {
        case .failure(let error): return error.response
        case .success(let value): body = value
        }
        if let feature = caller.org.unimplementedFeature(in: body.objectValue ?? [:]) { return featureNotImplemented(feature) }
        let id = UUID().uuidString.lowercased()
        let now = APIDate.string(clock.now)
        var draft = body
        draft["status"] = nil
        draft["id"] = .string(id)
        draft["version"] = "DRAFT"
        draft["dateCreated"] = .string(now)
        draft["dateModified"] = .string(now)
        draft["createdUser"] = caller.userRef
        draft["lastModifiedUser"] = caller.userRef
        draft["selfUri"] = .string(configurationSelfUri(id))
        let config = StoredConfiguration(id: id, draft: draft, draftActiveAt: activationTime, versions: [])
        objects[caller.org.id, default: OrgObjects()].configurations.append(config)
        recordAudit(
            caller: caller, service: "WebDeployments", entityType: "Configuration", action: "Create",
            entityID: id, entityName: body["name"]?.stringValue, old: nil, new: body)
        persist()
        return APIResponse(status: 200, body: renderDraft(config))
    }

    private func getDraft(id: String, caller: Caller) -> APIResponse {
        guard let index = configurationIndex(id, org: caller.org.id) else { return configurationNotFound(id) }
        return APIResponse(status: 200, body: renderDraft(objects[caller.org.id]!.configurations[index]))
    }

    /// Full replacement of the draft, last write wins: the API has no version check on drafts (reference §5.4).
    private func putDraft(_ request: APIRequest, id: String, caller: Caller) -> APIResponse {
        guard let index = configurationIndex(id, org: caller.org.id) else { return configurationNotFound(id) }
        let body: EmulatorJSON
        switch validated(request, as: "WebDeploymentConfigurationVersion") {
        case .failure(let error): return error.response
        case .success(let value): body = value
        }
        if let feature = caller.org.unimplementedFeature(in: body.objectValue ?? [:]) { return featureNotImplemented(feature) }
        var config = objects[caller.org.id]!.configurations[index]
        let old = userFields(config.draft)
        var draft = body
        draft["status"] = nil
        for key in ["id", "version", "dateCreated", "createdUser", "datePublished", "publishedUser", "selfUri"] {
            draft[key] = config.draft[key]
        }
        draft["dateModified"] = .string(APIDate.string(clock.now))
        draft["lastModifiedUser"] = caller.userRef
        config.draft = draft
        config.draftActiveAt = activationTime
        objects[caller.org.id]!.configurations[index] = config
        // `propertyChanges` lists the properties that changed (reference §4.3): server-owned fields a
        // client echoes back (`id`, `dateModified`, …) are not changes, so both sides are compared
        // without them.
        recordAudit(
            caller: caller, service: "WebDeployments", entityType: "Configuration", action: "Update",
            entityID: id, entityName: body["name"]?.stringValue, old: old, new: userFields(draft))
        persist()
        return APIResponse(status: 200, body: renderDraft(config))
    }

    /// Publishes the draft as a new immutable version "1", "2", … and answers that version (reference §3.1 #8).
    ///
    /// Publishing a draft that is still `Pending` answers 400: Genesys' Terraform waits for the draft to be
    /// `Active` before publishing and retries publish on 400 (reference §3.5 item 5).
    private func publish(id: String, caller: Caller) -> APIResponse {
        guard let index = configurationIndex(id, org: caller.org.id) else { return configurationNotFound(id) }
        var config = objects[caller.org.id]!.configurations[index]
        guard status(activeAt: config.draftActiveAt) == "Active" else {
            return .badRequest("The configuration draft is still being processed (status Pending); publish it once it is Active.")
        }
        let edit = "\(id)@\(config.draft["dateModified"]?.stringValue ?? "")"
        if transientPublish400, transientPublishServed.insert(edit).inserted {
            return .badRequest("The configuration could not be published at this time; try again.")
        }
        let previous = config.versions.isEmpty ? nil : String(config.versions.count)
        let number = String(config.versions.count + 1)
        let now = APIDate.string(clock.now)
        var version = config.draft
        version["version"] = .string(number)
        version["datePublished"] = .string(now)
        version["publishedUser"] = caller.userRef
        version["selfUri"] = .string("\(configurationSelfUri(id))/versions/\(number)")
        let stored = StoredVersion(body: version, activeAt: activationTime)
        config.versions.append(stored)
        config.draft["datePublished"] = .string(now)
        config.draft["publishedUser"] = caller.userRef
        objects[caller.org.id]!.configurations[index] = config
        recordAudit(
            caller: caller, service: "WebDeployments", entityType: "ConfigurationVersion", action: "Publish",
            entityID: id, entityName: config.draft["name"]?.stringValue,
            old: previous.map { ["version": .string($0)] }, new: ["version": .string(number)])
        persist()
        return APIResponse(status: 200, body: renderVersion(stored))
    }

    /// Lists the draft (version "DRAFT") then published versions, newest first (reference §3.1 #4, §3.5 item 2:
    /// Terraform skips "DRAFT" while scanning this list).
    private func listVersions(_ request: APIRequest, id: String, caller: Caller) -> APIResponse {
        guard let index = configurationIndex(id, org: caller.org.id) else { return configurationNotFound(id) }
        let config = objects[caller.org.id]!.configurations[index]
        let items = [renderDraft(config)] + config.versions.reversed().map(renderVersion)
        let base = "\(configurationSelfUri(id))/versions"
        switch CursorPage.make(items, cursorOf: { $0["version"]?.stringValue ?? "" }, query: request.query, basePath: base) {
        case .failure(let error): return error.response
        case .success(let page): return APIResponse(status: 200, body: page.body(selfUri: base))
        }
    }

    private func getVersion(id: String, version: String, caller: Caller) -> APIResponse {
        guard let index = configurationIndex(id, org: caller.org.id) else { return configurationNotFound(id) }
        let config = objects[caller.org.id]!.configurations[index]
        guard let number = Int(version), number >= 1, number <= config.versions.count else {
            return .notFound("Version \(version) of configuration \(id) was not found.")
        }
        return APIResponse(status: 200, body: renderVersion(config.versions[number - 1]))
    }

    /// Deletes all versions (reference §3.1 #3); 409 `resource.conflict` while a deployment uses it (§3.5 item 6).
    private func deleteConfiguration(id: String, caller: Caller) -> APIResponse {
        guard let index = configurationIndex(id, org: caller.org.id) else { return configurationNotFound(id) }
        if isDeleting(id) { return APIResponse(status: 204) }
        let inUse = (objects[caller.org.id]?.deployments ?? []).contains { $0.body["configuration"]?["id"]?.stringValue == id }
        if inUse { return .error(409, code: "resource.conflict", message: "Resource is used by another") }
        let removed = objects[caller.org.id]!.configurations[index]
        if deferDelete(id, org: caller.org.id) { objects[caller.org.id]!.configurations.remove(at: index) }
        recordAudit(
            caller: caller, service: "WebDeployments", entityType: "Configuration", action: "Delete",
            entityID: id, entityName: removed.draft["name"]?.stringValue, old: userFields(removed.draft), new: nil)
        persist()
        return APIResponse(status: 204)
    }

    /// The fields a client set, without the server-managed ones, for audit property changes.
    func userFields(_ value: EmulatorJSON) -> EmulatorJSON {
        guard case .object(var members) = value else { return value }
        for key in [
            "id", "version", "dateCreated", "dateModified", "datePublished", "createdUser", "lastModifiedUser",
            "publishedUser", "selfUri", "status", "snippet", "createdBy", "modifiedBy", "state",
        ] {
            members[key] = nil
        }
        return .object(members)
    }
}

import Foundation

extension EmulatorState {
    func routeDeployments(_ request: APIRequest, _ path: [String], caller: Caller) -> APIResponse {
        // reference §3.1 #9, #11, #14: the `expand` values each operation documents.
        let expandable: [String]? = switch (request.method, path.count) {
        case ("GET", 0): ["Configuration", "SupportedContent", "identityresolution"]
        case ("GET", 1): ["supportedContent", "flowDetails"]
        case ("GET", 2): ["supportedContent"]
        default: nil
        }
        if let expandable, let expand = request.query["expand"],
            !expand.split(separator: ",", omittingEmptySubsequences: false).allSatisfy({ expandable.contains(String($0)) })
        {
            return .badRequest(
                "Value [\(expand)] is not valid for parameter [expand]. Allowable values are: \(expandable.joined(separator: ", "))",
                code: "invalid.query.param.value",
                details: [SchemaViolation(fieldName: "expand", errorCode: "invalid.query.param.value")])
        }
        switch (request.method, path.count) {
        case ("GET", 0): return listDeployments(request, caller: caller)
        case ("POST", 0): return createDeployment(request, caller: caller)
        case ("GET", 1): return getDeployment(id: path[0], caller: caller)
        case ("PUT", 1): return putDeployment(request, id: path[0], caller: caller)
        case ("DELETE", 1): return deleteDeployment(id: path[0], caller: caller)
        case ("GET", 2) where path[1] == "configurations": return activeConfiguration(id: path[0], caller: caller)
        default: return .notFound()
        }
    }

    func renderDeployment(_ deployment: StoredDeployment) -> EmulatorJSON {
        var body = deployment.body
        let id = body["id"]?.stringValue ?? ""
        body["status"] = .string(isDeleting(id) ? "Deleting" : status(activeAt: deployment.activeAt))
        return body
    }

    private func deploymentIndex(_ id: String, org: String) -> Int? {
        objects[org]?.deployments.firstIndex { $0.body["id"]?.stringValue == id }
    }

    /// The published version a deployment names, for `configuration {id, version}` checks and expansion.
    private func publishedVersion(of reference: EmulatorJSON?, org: String) -> StoredVersion? {
        guard let id = reference?["id"]?.stringValue, let version = reference?["version"]?.stringValue,
            let number = Int(version), let index = configurationIndex(id, org: org)
        else { return nil }
        let versions = objects[org]!.configurations[index].versions
        return number >= 1 && number <= versions.count ? versions[number - 1] : nil
    }

    /// Validates a deployment body (reference §4.2 WebDeployment) and its rules: `configuration` must name
    /// an existing published version (§3.5 item 3) and `allowAllDomains` excludes `allowedDomains` (§3.5 item 10).
    private func validatedDeployment(_ request: APIRequest, caller: Caller) -> Result<EmulatorJSON, APIResponseError> {
        let body: EmulatorJSON
        switch validated(request, as: "WebDeployment") {
        case .failure(let error): return .failure(error)
        case .success(let value): body = value
        }
        if body["allowAllDomains"]?.boolValue == true, let domains = body["allowedDomains"]?.arrayValue, !domains.isEmpty {
            return .failure(APIResponseError(response: .badRequest(
                "allowedDomains must be empty when allowAllDomains is set as true.", code: "invalid.value",
                details: [SchemaViolation(fieldName: "allowedDomains", errorCode: "invalid.value")])))
        }
        // reference §3.5 item 7, §8: a flow or supported content profile the org does not have.
        if let flow = body["flow"]?["id"]?.stringValue,
            !(caller.org.flows ?? []).contains(where: { $0.id == flow && Self.flowType($0) == "inboundshortmessage" })
        {
            return .failure(APIResponseError(response: .badRequest(
                "The flow is not eligible for use here.", code: "bad.flow.id",
                details: [SchemaViolation(fieldName: "flow.id", errorCode: "bad.flow.id")])))
        }
        if let profile = body["supportedContent"]?["id"]?.stringValue,
            !supportedContents(caller.org).contains(where: { $0["id"]?.stringValue == profile })
        {
            return .failure(APIResponseError(response: .error(
                404, code: "scp.id.not.found", message: "The Supported Content Profile ID is not found",
                details: [SchemaViolation(fieldName: "supportedContent.id", errorCode: "scp.id.not.found")])))
        }
        guard let version = publishedVersion(of: body["configuration"], org: caller.org.id) else {
            let named = "\(body["configuration"]?["id"]?.stringValue ?? "?") version \(body["configuration"]?["version"]?.stringValue ?? "?")"
            return .failure(APIResponseError(response: .badRequest(
                "The configuration \(named) is not a published configuration version.", code: "invalid.value",
                details: [SchemaViolation(fieldName: "configuration", errorCode: "invalid.value")])))
        }
        var cleaned = body
        let configID = body["configuration"]!["id"]!.stringValue!
        let number = body["configuration"]!["version"]!.stringValue!
        cleaned["configuration"] = [
            "id": .string(configID), "name": version.body["name"] ?? .null, "version": .string(number),
            "selfUri": .string("\(configurationSelfUri(configID))/versions/\(number)"),
        ]
        cleaned["status"] = nil
        return .success(cleaned)
    }

    /// `ExpandableWebDeploymentEntityListing`; `expand=Configuration` embeds the full version (reference §3.1 #9).
    private func listDeployments(_ request: APIRequest, caller: Caller) -> APIResponse {
        let expand = (request.query["expand"] ?? "").split(separator: ",").contains { $0.lowercased() == "configuration" }
        let live = (objects[caller.org.id]?.deployments ?? []).filter { !isDeleting($0.body["id"]?.stringValue ?? "") }
        let items = live.map { deployment -> EmulatorJSON in
            var body = renderDeployment(deployment)
            if let version = publishedVersion(of: deployment.body["configuration"], org: caller.org.id) {
                if expand {
                    body["configuration"] = renderVersion(version)
                } else {
                    // reference §4.2: listing entities are `ExpandableWebDeployment`, whose `configuration` is a
                    // `WebDeploymentConfigurationVersionResponse`, not the `EntityRef` of a single GET; without
                    // `expand` it carries the reference's fields and the version's `status`.
                    body["configuration"]?["status"] = .string(status(activeAt: version.activeAt))
                }
            }
            return body
        }
        let base = "/api/v2/webdeployments/deployments"
        switch CursorPage.make(
            items, cursorOf: { $0["id"]?.stringValue ?? "" }, query: request.query, basePath: base,
            extraQuery: expand ? "&expand=Configuration" : "")
        {
        case .failure(let error): return error.response
        case .success(let page): return APIResponse(status: 200, body: page.body(selfUri: base))
        }
    }

    private func createDeployment(_ request: APIRequest, caller: Caller) -> APIResponse {
        let body: EmulatorJSON
        switch validatedDeployment(request, caller: caller) {
        case .failure(let error): return error.response
        case .success(let value): body = value
        }
        let id = UUID().uuidString.lowercased()
        let now = APIDate.string(clock.now)
        var stored = body
        stored["id"] = .string(id)
        stored["dateCreated"] = .string(now)
        stored["dateModified"] = .string(now)
        stored["lastModifiedUser"] = caller.userRef
        stored["selfUri"] = .string("/api/v2/webdeployments/deployments/\(id)")
        stored["snippet"] = .string(snippet(deploymentID: id, region: caller.region))
        let deployment = StoredDeployment(body: stored, activeAt: activationTime)
        objects[caller.org.id, default: OrgObjects()].deployments.append(deployment)
        recordAudit(
            caller: caller, service: "WebDeployments", entityType: "Deployment", action: "Create",
            entityID: id, entityName: body["name"]?.stringValue, old: nil, new: body)
        persist()
        return APIResponse(status: 200, body: renderDeployment(deployment))
    }

    private func getDeployment(id: String, caller: Caller) -> APIResponse {
        guard let index = deploymentIndex(id, org: caller.org.id) else { return .notFound("Deployment \(id) was not found.") }
        return APIResponse(status: 200, body: renderDeployment(objects[caller.org.id]!.deployments[index]))
    }

    /// Full replacement; publishing does not move deployments, a PUT does (reference §3.5 item 3).
    private func putDeployment(_ request: APIRequest, id: String, caller: Caller) -> APIResponse {
        guard let index = deploymentIndex(id, org: caller.org.id) else { return .notFound("Deployment \(id) was not found.") }
        let body: EmulatorJSON
        switch validatedDeployment(request, caller: caller) {
        case .failure(let error): return error.response
        case .success(let value): body = value
        }
        var deployment = objects[caller.org.id]!.deployments[index]
        let old = userFields(deployment.body)
        var stored = body
        for key in ["id", "dateCreated", "selfUri", "snippet"] { stored[key] = deployment.body[key] }
        stored["dateModified"] = .string(APIDate.string(clock.now))
        stored["lastModifiedUser"] = caller.userRef
        deployment.body = stored
        deployment.activeAt = activationTime
        objects[caller.org.id]!.deployments[index] = deployment
        recordAudit(
            caller: caller, service: "WebDeployments", entityType: "Deployment", action: "Update",
            entityID: id, entityName: body["name"]?.stringValue, old: old, new: userFields(stored))
        persist()
        return APIResponse(status: 200, body: renderDeployment(deployment))
    }

    private func deleteDeployment(id: String, caller: Caller) -> APIResponse {
        guard let index = deploymentIndex(id, org: caller.org.id) else { return .notFound("Deployment \(id) was not found.") }
        if isDeleting(id) { return APIResponse(status: 204) }
        let removed = objects[caller.org.id]!.deployments[index]
        if deferDelete(id, org: caller.org.id) { objects[caller.org.id]!.deployments.remove(at: index) }
        recordAudit(
            caller: caller, service: "WebDeployments", entityType: "Deployment", action: "Delete",
            entityID: id, entityName: removed.body["name"]?.stringValue, old: userFields(removed.body), new: nil)
        persist()
        return APIResponse(status: 204)
    }

    /// `WebDeploymentActiveConfigurationOnDeployment {configurationVersion, deployment}` (reference §3.1 #14).
    private func activeConfiguration(id: String, caller: Caller) -> APIResponse {
        guard let index = deploymentIndex(id, org: caller.org.id) else { return .notFound("Deployment \(id) was not found.") }
        let deployment = objects[caller.org.id]!.deployments[index]
        var body: EmulatorJSON = ["deployment": renderDeployment(deployment)]
        if let version = publishedVersion(of: deployment.body["configuration"], org: caller.org.id) {
            body["configurationVersion"] = renderVersion(version)
        }
        return APIResponse(status: 200, body: body)
    }

    /// The read-only loader snippet (reference §4.2 WebDeployment.snippet); its text is illustrative.
    private func snippet(deploymentID: String, region: String) -> String {
        """
        <script type="text/javascript" charset="utf-8">(function (g, e, n, es, ys) { g['_genesysJs'] = e; \
        g[e] = g[e] || function () { (g[e].q = g[e].q || []).push(arguments) }; g[e].t = 1 * new Date(); \
        g[e].c = es; ys = document.createElement('script'); ys.async = 1; ys.src = n; ys.charset = 'utf-8'; \
        document.head.appendChild(ys); })(window, 'Genesys', 'genesys.min.js', \
        { environment: '\(region)', deploymentId: '\(deploymentID)' });</script>
        """
    }
}

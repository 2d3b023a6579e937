import Foundation

/// The objects a deployment or configuration refers to by id (reference §8): Architect flows, supported
/// content profiles (full CRUD and the org's default), knowledge bases with their categories and labels,
/// and integrations. Flows, knowledge bases and integrations come from the seed and are read-only here;
/// supported content profiles live in the org's state, seeded from the seed file.
extension EmulatorState {
    static let supportedContentPath = "/api/v2/conversations/messaging/supportedcontent"

    // MARK: Flows (reference §8, [SPEC flows.yml] getFlows, getFlow)

    func routeFlows(_ request: APIRequest, _ path: [String], caller: Caller) -> APIResponse {
        if let problem = Self.queryProblem(
            request, booleans: ["deleted", "includeSchemas", "virtualAgentEnabled"], enums: ["secure": ["any", "checkedin", "published"]])
        {
            return problem
        }
        switch (request.method, path.count) {
        case ("GET", 0): return listFlows(request, caller: caller)
        case ("GET", 1):
            guard let flow = (caller.org.flows ?? []).first(where: { $0.id == path[0] }) else {
                return .error(404, code: "architect.flow.not.found", message: "Could not find flow with ID \(path[0]).")
            }
            return APIResponse(status: 200, body: renderFlow(flow))
        default: return .notFound()
        }
    }

    /// `FlowEntityListing`: page numbers; `type` (repeatable), `name` (`*` wildcard), `id` (repeatable)
    /// filters; sorted by `sortBy` (`id` by default, or `name`) and `sortOrder`.
    private func listFlows(_ request: APIRequest, caller: Caller) -> APIResponse {
        var flows = (caller.org.flows ?? []).map { (flow: $0, type: Self.flowType($0)) }
        if let types = request.query["type"], !types.isEmpty {
            let wanted = types.split(separator: ",").map { $0.lowercased() }
            guard wanted.allSatisfy(Self.flowTypes.contains) else {
                return .badRequest(
                    "An invalid flow type was specified.", code: "architect.invalid.flow.type",
                    details: [SchemaViolation(fieldName: "type", errorCode: "architect.invalid.flow.type")])
            }
            flows = flows.filter { wanted.contains($0.type) }
        }
        if let ids = request.query["id"], !ids.isEmpty {
            // [SPEC flows.yml] getFlows: with ids, the other filters are not used.
            let wanted = Set(ids.split(separator: ",").map(String.init))
            flows = (caller.org.flows ?? []).filter { wanted.contains($0.id) }.map { (flow: $0, type: Self.flowType($0)) }
        } else if let name = request.query["name"], !name.isEmpty {
            flows = flows.filter { NameFilter.matches($0.flow.name, pattern: name) }
        }
        let byName = request.query["sortBy"]?.lowercased() == "name"
        let descending = request.query["sortOrder"]?.lowercased().hasPrefix("desc") == true
        flows.sort {
            let a = byName ? $0.flow.name.lowercased() : $0.flow.id
            let b = byName ? $1.flow.name.lowercased() : $1.flow.id
            return descending ? a > b : a < b
        }
        return numberedListing(flows.map { renderFlow($0.flow) }, request, path: "/api/v2/flows")
    }

    /// The flow types of [SPEC flows.yml] getFlows `type`, lower case as the query takes them.
    static let flowTypes: Set<String> = [
        "bot", "commonmodule", "digitalbot", "emailsend", "inboundcall", "inboundchat", "inboundemail",
        "inboundshortmessage", "outboundcall", "inqueuecall", "inqueueemail", "inqueueshortmessage", "speech",
        "securecall", "surveyinvite", "voice", "voicemail", "voicesurvey", "workflow", "workitem",
    ]

    static func flowType(_ flow: EmulatorSeed.NamedObject) -> String { (flow.type ?? "inboundshortmessage").lowercased() }

    private func renderFlow(_ flow: EmulatorSeed.NamedObject) -> EmulatorJSON {
        [
            "id": .string(flow.id), "name": .string(flow.name), "type": .string(Self.flowType(flow).uppercased()),
            "active": true, "system": false, "deleted": false, "selfUri": .string("/api/v2/flows/\(flow.id)"),
        ]
    }

    // MARK: Supported content profiles (reference §8, [SPEC supported-content.yml])

    func routeSupportedContent(_ request: APIRequest, _ path: [String], caller: Caller) -> APIResponse {
        switch (request.method, path.first) {
        case ("GET", nil):
            return numberedListing(supportedContents(caller.org), request, path: Self.supportedContentPath)
        case ("POST", nil): return createSupportedContent(request, caller: caller)
        case ("GET", "default") where path.count == 1:
            let profiles = supportedContents(caller.org)
            let id = objects[caller.org.id]?.defaultSupportedContent
            guard let profile = profiles.first(where: { $0["id"]?.stringValue == id }) ?? profiles.first else {
                return .notFound("This organization has no default supported content profile.")
            }
            return APIResponse(status: 200, body: profile)
        case ("PUT", "default") where path.count == 1: return setDefaultSupportedContent(request, caller: caller)
        case (_, let id?) where path.count == 1:
            guard let index = supportedContents(caller.org).firstIndex(where: { $0["id"]?.stringValue == id }) else {
                return .notFound("The supported content profile \(id) was not found.")
            }
            switch request.method {
            case "GET": return APIResponse(status: 200, body: supportedContents(caller.org)[index])
            case "PATCH": return patchSupportedContent(request, index: index, caller: caller)
            case "DELETE": return deleteSupportedContent(index: index, caller: caller)
            default: return .notFound()
            }
        default: return .notFound()
        }
    }

    /// The org's profiles: the state's once written, the seed's before.
    func supportedContents(_ org: EmulatorSeed.Org) -> [EmulatorJSON] {
        if let stored = objects[org.id]?.supportedContents { return stored }
        return (org.supportedContent ?? []).map { profile in
            [
                "id": .string(profile.id), "name": .string(profile.name), "version": 1,
                "mediaTypes": ["allow": ["inbound": [["type": "image/*"]], "outbound": [["type": "image/*"]]]],
                "selfUri": .string("\(Self.supportedContentPath)/\(profile.id)"),
            ]
        }
    }

    private func storeSupportedContents(_ profiles: [EmulatorJSON], org: String) {
        objects[org, default: OrgObjects()].supportedContents = profiles
    }

    /// `mediaTypes.allow.inbound/outbound[].type` are RFC 2046 media types, wildcards allowed (reference §8):
    /// `type/subtype` where either part may be `*`.
    private func mediaTypeViolations(_ body: EmulatorJSON) -> [SchemaViolation] {
        var violations: [SchemaViolation] = []
        for direction in ["inbound", "outbound"] {
            for (index, item) in (body["mediaTypes"]?["allow"]?[direction]?.arrayValue ?? []).enumerated() {
                let type = item["type"]?.stringValue ?? ""
                let parts = type.split(separator: "/", omittingEmptySubsequences: false)
                let token = { (part: Substring) in !part.isEmpty && part.allSatisfy { $0.isLetter || $0.isNumber || "*.+-_".contains($0) } }
                if parts.count != 2 || !parts.allSatisfy(token) {
                    violations.append(SchemaViolation(
                        fieldName: "mediaTypes.allow.\(direction)[\(index)].type", errorCode: "invalid.media.type"))
                }
            }
        }
        return violations
    }

    private func createSupportedContent(_ request: APIRequest, caller: Caller) -> APIResponse {
        let body: EmulatorJSON
        switch validated(request, as: "SupportedContent") {
        case .failure(let error): return error.response
        case .success(let value): body = value
        }
        guard body["name"]?.stringValue != nil else {
            return .invalidBody([SchemaViolation(fieldName: "name", errorCode: "missing.required.field")])
        }
        let problems = mediaTypeViolations(body)
        if !problems.isEmpty {
            return .error(400, code: "invalid.media.type", message: "A media type is not valid.", details: problems)
        }
        let id = UUID().uuidString.lowercased()
        let now = APIDate.string(Date())
        var stored = body
        stored["id"] = .string(id)
        stored["version"] = 1
        stored["dateCreated"] = .string(now)
        stored["dateModified"] = .string(now)
        stored["createdBy"] = caller.userRef
        stored["modifiedBy"] = caller.userRef
        stored["selfUri"] = .string("\(Self.supportedContentPath)/\(id)")
        storeSupportedContents(supportedContents(caller.org) + [stored], org: caller.org.id)
        persist()
        return APIResponse(status: 200, body: stored)
    }

    /// A partial update (reference §8: "PATCH … (partial update)"): the fields sent replace the stored ones.
    private func patchSupportedContent(_ request: APIRequest, index: Int, caller: Caller) -> APIResponse {
        let body: EmulatorJSON
        switch validated(request, as: "SupportedContent") {
        case .failure(let error): return error.response
        case .success(let value): body = value
        }
        let problems = mediaTypeViolations(body)
        if !problems.isEmpty {
            return .error(400, code: "invalid.media.type", message: "A media type is not valid.", details: problems)
        }
        var profiles = supportedContents(caller.org)
        var stored = profiles[index]
        for (key, value) in body.objectValue ?? [:] where key != "id" { stored[key] = value }
        stored["version"] = .number(Double((stored["version"]?.intValue ?? 1) + 1))
        stored["dateModified"] = .string(APIDate.string(Date()))
        stored["modifiedBy"] = caller.userRef
        profiles[index] = stored
        storeSupportedContents(profiles, org: caller.org.id)
        persist()
        return APIResponse(status: 200, body: stored)
    }

    /// 400 `supported.content.in.use` while a deployment refers to it ([SPEC supported-content.yml]).
    private func deleteSupportedContent(index: Int, caller: Caller) -> APIResponse {
        var profiles = supportedContents(caller.org)
        let id = profiles[index]["id"]?.stringValue ?? ""
        let inUse = (objects[caller.org.id]?.deployments ?? []).contains { $0.body["supportedContent"]?["id"]?.stringValue == id }
        if inUse {
            return .badRequest(
                "The supported content profile is in use by a deployment.", code: "supported.content.in.use",
                details: [SchemaViolation(fieldName: "supportedContentId", errorCode: "supported.content.in.use")])
        }
        profiles.remove(at: index)
        storeSupportedContents(profiles, org: caller.org.id)
        persist()
        return APIResponse(status: 204)
    }

    private func setDefaultSupportedContent(_ request: APIRequest, caller: Caller) -> APIResponse {
        let body: EmulatorJSON
        switch validated(request, as: "SupportedContentReference") {
        case .failure(let error): return error.response
        case .success(let value): body = value
        }
        guard let id = body["id"]?.stringValue, !id.isEmpty else {
            return .badRequest(
                "A supported content id is required.", code: "supported.content.id.required",
                details: [SchemaViolation(fieldName: "id", errorCode: "supported.content.id.required")])
        }
        guard let profile = supportedContents(caller.org).first(where: { $0["id"]?.stringValue == id }) else {
            return .notFound("The supported content profile \(id) was not found.")
        }
        if objects[caller.org.id]?.supportedContents == nil { storeSupportedContents(supportedContents(caller.org), org: caller.org.id) }
        objects[caller.org.id, default: OrgObjects()].defaultSupportedContent = id
        persist()
        return APIResponse(status: 200, body: profile)
    }

    // MARK: Knowledge (reference §8, [SPEC knowledge.yml]): cursor paging, `name` filters

    func routeKnowledge(_ request: APIRequest, _ path: [String], caller: Caller) -> APIResponse {
        guard request.method == "GET", path.first == "knowledgebases" else { return .notFound() }
        if let problem = Self.queryProblem(
            request, booleans: ["published", "isRoot", "includeDocumentCount"],
            enums: path.count == 1
                ? ["coreLanguage": Self.knowledgeLanguages, "sortBy": ["Name", "Date"], "sortOrder": ["ASC", "ascending", "DESC", "descending"]]
                : ["sortBy": ["Name", "Hierarchy"]])
        {
            return problem
        }
        let bases = caller.org.knowledgeBases ?? []
        let rest = Array(path.dropFirst())
        if rest.isEmpty {
            var items = bases
            if let name = request.query["name"], !name.isEmpty {
                items = items.filter { $0.name.lowercased().hasPrefix(name.lowercased()) }
            }
            if let sortBy = request.query["sortBy"], sortBy == "Name" {
                let descending = request.query["sortOrder"]?.lowercased().hasPrefix("desc") == true
                items.sort { descending ? $0.name.lowercased() > $1.name.lowercased() : $0.name.lowercased() < $1.name.lowercased() }
            }
            return cursorListing(items.map(renderKnowledgeBase), request, path: "/api/v2/knowledge/knowledgebases", maximum: 100)
        }
        guard let base = bases.first(where: { $0.id == rest[0] }) else {
            return .error(404, code: "knowledgebase.not.found", message: "Knowledge base \(rest[0]) was not found.")
        }
        let basePath = "/api/v2/knowledge/knowledgebases/\(base.id)"
        switch rest.count == 2 ? rest[1] : (rest.count == 1 ? "" : nil) {
        case "": return APIResponse(status: 200, body: renderKnowledgeBase(base))
        case "categories":
            // [SPEC knowledge.yml]: "categories that starts with the given category name".
            let name = (request.query["name"] ?? "").lowercased()
            let items = base.categories.filter { name.isEmpty || $0.name.lowercased().hasPrefix(name) }.sorted { $0.name < $1.name }
            let rendered = items.map { category -> EmulatorJSON in
                [
                    "id": .string(category.id), "name": .string(category.name),
                    "knowledgeBase": ["id": .string(base.id), "selfUri": .string(basePath)],
                    "selfUri": .string("\(basePath)/categories/\(category.id)"),
                ]
            }
            return cursorListing(rendered, request, path: basePath + "/categories", maximum: 200)
        case "labels":
            // [SPEC knowledge.yml]: "labels that contains the given phrase in the name" (not a prefix, as
            // for categories).
            let name = (request.query["name"] ?? "").lowercased()
            let items = base.labels.filter { name.isEmpty || $0.name.lowercased().contains(name) }.sorted { $0.name < $1.name }
            let rendered = items.map { label -> EmulatorJSON in
                ["id": .string(label.id), "name": .string(label.name), "color": "#1A73E8", "selfUri": .string("\(basePath)/labels/\(label.id)")]
            }
            return cursorListing(rendered, request, path: basePath + "/labels", maximum: 100)
        default: return .notFound()
        }
    }

    private func renderKnowledgeBase(_ base: EmulatorSeed.KnowledgeBase) -> EmulatorJSON {
        [
            "id": .string(base.id), "name": .string(base.name), "coreLanguage": "en-US", "published": true,
            "faqCount": 0, "articleCount": .number(Double(base.categories.count)), "contentSearchEnabled": false,
            "selfUri": .string("/api/v2/knowledge/knowledgebases/\(base.id)"),
        ]
    }

    /// Knowledge listings are cursor-paged (`before`/`after`, `pageSize` up to `maximum`) and carry
    /// `entities`, `nextUri`, `previousUri`, `selfUri` ([SPEC knowledge.yml] `KnowledgeBaseListing`).
    private func cursorListing(_ items: [EmulatorJSON], _ request: APIRequest, path: String, maximum: Int) -> APIResponse {
        var query = request.query
        if query["pageSize"] == nil, let limit = query["limit"] { query["pageSize"] = limit }
        if let size = query["pageSize"], let value = Int(size), value > maximum {
            return .badRequest(
                "Value [\(size)] is not valid for parameter [pageSize]. Allowable values are: 1 to \(maximum)",
                code: "invalid.query.param.value", details: [SchemaViolation(fieldName: "pageSize", errorCode: "invalid.query.param.value")])
        }
        switch CursorPage.make(items, cursorOf: { $0["id"]?.stringValue ?? "" }, query: query, basePath: path, defaultPageSize: 25) {
        case .failure(let error): return error.response
        case .success(let page):
            var body = page.body(selfUri: path)
            body["total"] = nil  // not a field of these listings
            return APIResponse(status: 200, body: body)
        }
    }

    // MARK: Integrations (reference §8, [SPEC integrations.yml] getIntegrations, getIntegration)

    func routeIntegrations(_ request: APIRequest, _ path: [String], caller: Caller) -> APIResponse {
        let integrations = caller.org.integrations ?? []
        if let problem = Self.queryProblem(request, integers: ["pageSize", "pageNumber"]) { return problem }
        if let state = request.query["reportedState"],
            !["ACTIVE", "ACTIVATING", "INACTIVE", "DEACTIVATING", "ERROR"].contains(state.uppercased())
        {
            return Self.invalidQuery("reportedState", state, allowed: "ACTIVE, ACTIVATING, INACTIVE, DEACTIVATING, ERROR")
        }
        switch (request.method, path.count) {
        case ("GET", 0):
            var items = integrations
            if let type = request.query["integrationType"], !type.isEmpty { items = items.filter { $0.type == type } }
            if let ids = request.query["ids"], !ids.isEmpty {
                let wanted = Set(ids.split(separator: ",").map(String.init))
                // [SPEC integrations.yml] getIntegrations: `ids` has at most 100 items.
                if ids.split(separator: ",", omittingEmptySubsequences: false).count > 100 {
                    return Self.invalidQuery("ids", String(ids.prefix(40)), allowed: "at most 100 integration ids")
                }
                items = items.filter { wanted.contains($0.id) }
            }
            return numberedListing(items.map(renderIntegration), request, path: "/api/v2/integrations")
        case ("GET", 1):
            guard let integration = integrations.first(where: { $0.id == path[0] }) else {
                return .notFound("The integration \(path[0]) was not found.")
            }
            return APIResponse(status: 200, body: renderIntegration(integration))
        default: return .notFound()
        }
    }

    private func renderIntegration(_ integration: EmulatorSeed.NamedObject) -> EmulatorJSON {
        [
            "id": .string(integration.id), "name": .string(integration.name),
            "integrationType": ["id": .string(integration.type ?? "custom")], "intendedState": "ENABLED",
            "reportedState": ["code": "ACTIVE"], "selfUri": .string("/api/v2/integrations/\(integration.id)"),
        ]
    }

    // MARK: Query parameters

    /// 400 `invalid.query.param.value` for a boolean, integer or enum query parameter the OpenAPI would
    /// not accept (reference §5.1), so a malformed query is never read as "no filter".
    static func queryProblem(
        _ request: APIRequest, booleans: [String] = [], integers: [String] = [], enums: [String: Set<String>] = [:]
    ) -> APIResponse? {
        for name in booleans {
            if let text = request.query[name], text != "true", text != "false" { return invalidQuery(name, text, allowed: "true, false") }
        }
        for name in integers {
            if let text = request.query[name], Int32(text) == nil { return invalidQuery(name, text, allowed: "integers") }
        }
        for (name, allowed) in enums.sorted(by: { $0.key < $1.key }) {
            if let text = request.query[name], !allowed.contains(text) {
                return invalidQuery(name, text, allowed: allowed.sorted().joined(separator: ", "))
            }
        }
        return nil
    }

    static func invalidQuery(_ name: String, _ value: String, allowed: String) -> APIResponse {
        .badRequest(
            "Value [\(value)] is not valid for parameter [\(name)]. Allowable values are: \(allowed)",
            code: "invalid.query.param.value", details: [SchemaViolation(fieldName: name, errorCode: "invalid.query.param.value")])
    }

    /// `coreLanguage` values of [SPEC knowledge.yml] getKnowledgeKnowledgebases.
    static let knowledgeLanguages: Set<String> = [
        "en-US", "en-UK", "en-AU", "en-CA", "en-HK", "en-IN", "en-IE", "en-NZ", "en-PH", "en-SG", "en-ZA", "de-DE", "de-AT",
        "de-CH", "es-AR", "es-CO", "es-MX", "es-US", "es-ES", "fr-FR", "fr-BE", "fr-CA", "fr-CH", "pt-BR", "pt-PT", "nl-NL",
        "nl-BE", "it-IT", "ca-ES", "tr-TR", "sv-SE", "fi-FI", "nb-NO", "da-DK", "ja-JP", "ar-AE", "zh-CN", "zh-TW", "zh-HK",
        "ko-KR", "pl-PL", "hi-IN", "th-TH", "hu-HU", "vi-VN", "uk-UA", "cs-CZ", "fil-PH", "ms-MY", "he-IL", "el-GR",
    ]

    // MARK: Page-number listings

    /// An `…EntityListing` paged by `pageNumber`/`pageSize` (int32, at least 1; defaults 1 and 25).
    func numberedListing(_ items: [EmulatorJSON], _ request: APIRequest, path: String) -> APIResponse {
        var pageNumber = 1
        var pageSize = 25
        for name in ["pageNumber", "pageSize"] {
            guard let text = request.query[name] else { continue }
            guard let value = Int(text), value >= 1, value <= Int(Int32.max) else {
                return .badRequest(
                    "Value [\(text)] is not valid for parameter [\(name)]. Allowable values are: positive integers",
                    code: "invalid.query.param.value", details: [SchemaViolation(fieldName: name, errorCode: "invalid.query.param.value")])
            }
            if name == "pageNumber" { pageNumber = value } else { pageSize = value }
        }
        let total = items.count
        let pageCount = PageWindow.pageCount(pageSize: pageSize, count: total)
        let page = Array(items[PageWindow.range(pageNumber: pageNumber, pageSize: pageSize, count: total)])
        func uri(_ number: Int) -> EmulatorJSON { .string("\(path)?pageSize=\(pageSize)&pageNumber=\(number)") }
        var body: EmulatorJSON = [
            "entities": .array(page), "pageSize": .number(Double(pageSize)), "pageNumber": .number(Double(pageNumber)),
            "total": .number(Double(total)), "pageCount": .number(Double(pageCount)), "firstUri": uri(1),
            "lastUri": uri(pageCount), "selfUri": uri(pageNumber),
        ]
        if pageNumber < pageCount { body["nextUri"] = uri(pageNumber + 1) }
        if pageNumber > 1 { body["previousUri"] = uri(pageNumber - 1) }
        return APIResponse(status: 200, body: body)
    }
}

extension StableID {
    /// A stable id shaped as a version 4 UUID (version nibble 4, variant 8–b): the form the API's
    /// patterns ask for (reference §4.1 `SupportCenterCategory.id`).
    static func uuid4(_ text: String) -> String {
        var chars = Array(uuid(text))
        chars[14] = "4"
        chars[19] = ["8", "9", "a", "b"][Int(chars[19].hexDigitValue ?? 0) % 4]
        return String(chars)
    }
}

import Foundation

extension EmulatorState {
    /// The services, entity types and actions this emulator records (answered by both servicemapping
    /// endpoints, reference §3.2). Architect schedules are reported under `Architect`; the real service name is
    /// UNVERIFIED (reference §7.1), `Architect` is in the historical serviceName enum (§3.2).
    static let serviceMapping: EmulatorJSON = [
        "services": [
            [
                "name": "WebDeployments",
                "entities": [
                    ["name": "Configuration", "actions": ["Create", "Update", "Delete"]],
                    ["name": "ConfigurationVersion", "actions": ["Publish"]],
                    ["name": "Deployment", "actions": ["Create", "Update", "Delete"]],
                ],
            ],
            [
                "name": "Architect",
                "entities": [
                    ["name": "Schedule", "actions": ["Create", "Update", "Delete"]],
                    ["name": "ScheduleGroup", "actions": ["Create", "Update", "Delete"]],
                ],
            ],
        ]
    ]

    /// Records one `AuditLogMessage` (reference §4.3) for a change made by `caller`.
    func recordAudit(
        caller: Caller, service: String, entityType: String, action: String, entityID: String, entityName: String?,
        old: EmulatorJSON?, new: EmulatorJSON?
    ) {
        let changes = PropertyChanges.between(old: old, new: new)
        let verb = ["Create": "created", "Update": "updated", "Delete": "deleted", "Publish": "published"][action] ?? action
        let text = "\(caller.clientName) \(verb) \(entityType) \(entityName ?? entityID)"
        let audit: EmulatorJSON = [
            "id": .string(UUID().uuidString.lowercased()),
            "userHomeOrgId": .string(caller.org.id),
            "user": ["id": .string(caller.userID), "name": .string(caller.clientName), "selfUri": .string("/api/v2/users/\(caller.userID)")],
            "client": ["id": .string(caller.clientID), "selfUri": .string("/api/v2/oauth/clients/\(caller.clientID)")],
            "remoteIp": ["127.0.0.1"],
            "serviceName": .string(service),
            "level": "USER",
            "eventDate": .string(APIDate.string(clock.now)),
            "message": [
                "localizableMessageCode": .string("\(service).\(entityType).\(action)"),
                "message": .string(text),
                "messageWithParams": "{user} {action} {entityType} {entityName}",
                "messageParams": [
                    "user": .string(caller.clientName), "action": .string(action), "entityType": .string(entityType),
                    "entityName": .string(entityName ?? entityID),
                ],
            ],
            "action": .string(action),
            "entity": ["id": .string(entityID), "name": entityName.map { .string($0) } ?? .null],
            "entityType": .string(entityType),
            "status": "SUCCESS",
            "transactionInitiator": true,
            "propertyChanges": .array(changes),
            "context": ["region": .string(caller.region)],
        ]
        objects[caller.org.id, default: OrgObjects()].audits.append(audit)
    }

    func routeAudits(_ request: APIRequest, _ path: [String], caller: Caller) -> APIResponse {
        if let expand = request.query["expand"], !expand.split(separator: ",").allSatisfy({ $0 == "user" }) {
            return .badRequest(
                "Value [\(expand)] is not valid for parameter [expand]. Allowable values are: user",
                code: "invalid.query.param.value",
                details: [SchemaViolation(fieldName: "expand", errorCode: "invalid.query.param.value")])
        }
        switch (request.method, path) {
        case ("GET", ["query", "servicemapping"]), ("GET", ["query", "realtime", "servicemapping"]):
            return APIResponse(status: 200, body: Self.serviceMapping)
        case ("POST", ["query", "realtime"]):
            return realtimeQuery(request, caller: caller)
        case ("POST", ["query", "realtime", "related"]):
            return relatedQuery(request, caller: caller)
        case ("POST", ["query"]):
            return submitQuery(request, caller: caller)
        case ("GET", let parts) where parts.count == 2 && parts[0] == "query":
            return queryStatus(id: parts[1], caller: caller)
        case ("GET", let parts) where parts.count == 3 && parts[0] == "query" && parts[2] == "results":
            return queryResults(request, id: parts[1], caller: caller)
        default:
            return .notFound()
        }
    }

    /// An audit record as served: `user` carries only `id` and `selfUri` unless the query asks `expand=user`
    /// (reference §3.2, `expand` Values: `user`), as production answers.
    func presented(_ audits: [EmulatorJSON], _ request: APIRequest) -> EmulatorJSON {
        let expand = (request.query["expand"] ?? "").split(separator: ",").contains("user")
        return .array(audits.map { audit in
            guard !expand else { return audit }
            var plain = audit
            plain["user"]?["name"] = nil
            return plain
        })
    }

    /// The org's audit records that queries can see: with an audit delay (`--audit-delay-seconds`, seed
    /// `timing.auditDelaySeconds`) a record shows up only that long after its `eventDate`, as production's
    /// audit log lags behind the change (issue 15; reference §3.2 documents the queries, not the lag, so
    /// how long it is in production is UNVERIFIED: the delay is the seed's choice). The record keeps the
    /// date of the change, so a late record still sorts where the change happened.
    func visibleAudits(org: String) -> [EmulatorJSON] {
        let all = objects[org]?.audits ?? []
        guard auditDelay > 0 else { return all }
        let cutoff = clock.now.addingTimeInterval(-auditDelay)
        return all.filter { audit in
            guard let date = audit["eventDate"]?.stringValue.flatMap(APIDate.parse) else { return false }
            return date <= cutoff
        }
    }

    /// Audits of the caller's org matching interval, service and filters (reference §4.3 AuditQueryFilter),
    /// sorted by `eventDate`. Without `sort` the newest come first; the real default order is UNVERIFIED.
    private func matchingAudits(_ body: EmulatorJSON, org: String) -> Result<[EmulatorJSON], APIResponseError> {
        let interval = body["interval"]?.stringValue ?? ""
        let ends = interval.split(separator: "/").map(String.init)
        guard ends.count == 2, let from = APIDate.parse(ends[0]), let to = APIDate.parse(ends[1]), from <= to else {
            return .failure(APIResponseError(response: .badRequest(
                "The interval [\(interval)] is not an ISO-8601 interval like 2026-07-01T00:00:00Z/2026-07-08T00:00:00Z.",
                code: "invalid.date", details: [SchemaViolation(fieldName: "interval", errorCode: "invalid.date")])))
        }
        var audits = visibleAudits(org: org).filter { audit in
            guard let date = audit["eventDate"]?.stringValue.flatMap(APIDate.parse) else { return false }
            return date >= from && date < to
        }
        if let service = body["serviceName"]?.stringValue {
            audits = audits.filter { $0["serviceName"]?.stringValue == service }
        }
        for filter in body["filters"]?.arrayValue ?? [] {
            guard let property = filter["property"]?.stringValue, let value = filter["value"]?.stringValue else { continue }
            audits = audits.filter { audit in
                switch property {
                case "UserId": audit["user"]?["id"]?.stringValue == value
                case "ClientId": audit["client"]?["id"]?.stringValue == value
                case "Action": audit["action"]?.stringValue == value
                case "EntityType": audit["entityType"]?.stringValue == value
                case "EntityId": audit["entity"]?["id"]?.stringValue == value
                case "TrusteeOrganizationId": false  // no trustee access in the emulator
                default: true
                }
            }
        }
        let ascending = body["sort"]?.arrayValue?.first?["sortOrder"]?.stringValue == "ascending"
        // Records are appended in time order; ties keep that order.
        return .success(ascending ? audits : audits.reversed())
    }

    /// Synchronous query paged with `pageNumber`/`pageSize` in the body (reference §3.2); defaults 1 and 25.
    private func realtimeQuery(_ request: APIRequest, caller: Caller) -> APIResponse {
        let body: EmulatorJSON
        switch validated(request, as: "AuditRealtimeQueryRequest") {
        case .failure(let error): return error.response
        case .success(let value): body = value
        }
        let audits: [EmulatorJSON]
        switch matchingAudits(body, org: caller.org.id) {
        case .failure(let error): return error.response
        case .success(let found): audits = found
        }
        let pageNumber = max(1, body["pageNumber"]?.intValue ?? 1)
        let pageSize = max(1, body["pageSize"]?.intValue ?? 25)
        let page = Array(audits[PageWindow.range(pageNumber: pageNumber, pageSize: pageSize, count: audits.count)])
        return APIResponse(status: 200, body: [
            "entities": presented(page, request), "pageSize": .number(Double(pageSize)), "pageNumber": .number(Double(pageNumber)),
            "total": .number(Double(audits.count)),
            "pageCount": .number(Double(PageWindow.pageCount(pageSize: pageSize, count: audits.count))),
        ])
    }

    /// `POST /api/v2/audits/query/realtime/related` (reference §3.2): every change here is one audit, so the
    /// related audits of an audit are that audit alone.
    private func relatedQuery(_ request: APIRequest, caller: Caller) -> APIResponse {
        switch parseBody(request) {
        case .failure(let error): return error.response
        case .success(let body):
            guard let auditID = body["auditId"]?.stringValue else {
                return .invalidBody([SchemaViolation(fieldName: "auditId", errorCode: "missing.required.field")])
            }
            guard let audit = visibleAudits(org: caller.org.id).first(where: { $0["id"]?.stringValue == auditID }) else {
                return .notFound("Audit \(auditID) was not found.")
            }
            return APIResponse(status: 200, body: ["entities": presented([audit], request)])
        }
    }

    /// Asynchronous query: 202 with a transaction id in state `Queued` (reference §3.2). Results are taken when
    /// submitted; the query reports `Running` until the activation delay has passed, then `Succeeded`.
    private func submitQuery(_ request: APIRequest, caller: Caller) -> APIResponse {
        let body: EmulatorJSON
        switch validated(request, as: "AuditQueryRequest") {
        case .failure(let error): return error.response
        case .success(let value): body = value
        }
        let audits: [EmulatorJSON]
        switch matchingAudits(body, org: caller.org.id) {
        case .failure(let error): return error.response
        case .success(let found): audits = found
        }
        let id = UUID().uuidString.lowercased()
        let job = AuditQueryJob(orgID: caller.org.id, request: body, submittedAt: clock.now, results: audits)
        auditQueries[id] = job
        return APIResponse(status: 202, body: statusBody(id: id, job: job, state: "Queued"))
    }

    private func statusBody(id: String, job: AuditQueryJob, state: String) -> EmulatorJSON {
        var body: EmulatorJSON = [
            "id": .string(id), "state": .string(state), "startDate": .string(APIDate.string(job.submittedAt)),
        ]
        for key in ["interval", "serviceName", "filters", "sort"] where job.request[key] != nil {
            body[key] = job.request[key]
        }
        return body
    }

    private func isFinished(_ job: AuditQueryJob) -> Bool {
        clock.now.timeIntervalSince(job.submittedAt) >= activationDelay
    }

    /// 202 while running, 200 once `Succeeded` (reference §3.2).
    private func queryStatus(id: String, caller: Caller) -> APIResponse {
        guard let job = auditQueries[id], job.orgID == caller.org.id else {
            return .notFound("Audit query \(id) was not found.")
        }
        return isFinished(job)
            ? APIResponse(status: 200, body: statusBody(id: id, job: job, state: "Succeeded"))
            : APIResponse(status: 202, body: statusBody(id: id, job: job, state: "Running"))
    }

    /// Results paged by an opaque `cursor`; `pageSize` defaults to 25, at most 500 (reference §3.2).
    private func queryResults(_ request: APIRequest, id: String, caller: Caller) -> APIResponse {
        guard let job = auditQueries[id], job.orgID == caller.org.id else {
            return .notFound("Audit query \(id) was not found.")
        }
        guard isFinished(job) else {
            return .badRequest("Audit query \(id) has not succeeded yet; poll GET /api/v2/audits/query/\(id) first.")
        }
        var pageSize = 25
        if let text = request.query["pageSize"] {
            guard let value = Int(text), (1...500).contains(value) else {
                return .badRequest(
                    "Value [\(text)] is not valid for parameter [pageSize]. Allowable values are: 1-500",
                    code: "invalid.query.param.value", details: [SchemaViolation(fieldName: "pageSize", errorCode: "invalid.query.param.value")])
            }
            pageSize = value
        }
        var start = 0
        if let cursor = request.query["cursor"], !cursor.isEmpty {
            guard let data = Data(base64Encoded: cursor), let offset = Int(String(decoding: data, as: UTF8.self)),
                offset >= 0, offset <= job.results.count
            else {
                return .badRequest(
                    "Value [\(cursor)] is not valid for parameter [cursor].", code: "invalid.query.param.value",
                    details: [SchemaViolation(fieldName: "cursor", errorCode: "invalid.query.param.value")])
            }
            start = offset
        }
        let end = min(job.results.count, start + pageSize)
        var body: EmulatorJSON = [
            "id": .string(id), "pageSize": .number(Double(pageSize)), "entities": presented(Array(job.results[start..<end]), request),
        ]
        if end < job.results.count { body["cursor"] = .string(Data(String(end).utf8).base64EncodedString()) }
        return APIResponse(status: 200, body: body)
    }
}

/// `PropertyChange` records (reference §4.3): one per changed leaf, values as compact JSON text.
enum PropertyChanges {
    static func between(old: EmulatorJSON?, new: EmulatorJSON?) -> [EmulatorJSON] {
        var before: [String: EmulatorJSON] = [:]
        var after: [String: EmulatorJSON] = [:]
        if let old { flatten(old, prefix: "", into: &before) }
        if let new { flatten(new, prefix: "", into: &after) }
        return Set(before.keys).union(after.keys).sorted().compactMap { key in
            guard before[key] != after[key] else { return nil }
            return [
                "property": .string(key),
                "oldValues": .array(before[key].map { [.string(text($0))] } ?? []),
                "newValues": .array(after[key].map { [.string(text($0))] } ?? []),
            ]
        }
    }

    private static func flatten(_ value: EmulatorJSON, prefix: String, into result: inout [String: EmulatorJSON]) {
        if case .object(let members) = value, !members.isEmpty {
            for (key, member) in members { flatten(member, prefix: prefix.isEmpty ? key : "\(prefix).\(key)", into: &result) }
        } else if !prefix.isEmpty {
            result[prefix] = value
        }
    }

    private static func text(_ value: EmulatorJSON) -> String {
        if case .string(let string) = value { return string }
        return String(decoding: value.encoded(), as: UTF8.self)
    }
}

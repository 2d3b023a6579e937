import Foundation

/// Which Architect collection a request addresses.
enum ArchitectKind: Sendable {
    case schedule, scheduleGroup

    var model: String { self == .schedule ? "Schedule" : "ScheduleGroup" }
    var pathName: String { self == .schedule ? "schedules" : "schedulegroups" }
    /// Messages of reference §3.3 / §5.1 for this kind.
    var conflictMessage: String {
        self == .schedule
            ? "2 or more modifications of the schedule were made at the same time."
            : "2 or more modifications of the schedule group were made at the same time."
    }
    var notFoundMessage: String {
        self == .schedule ? "The requested schedule could not be found." : "The specified scheduleGroupId was not found."
    }
}

extension EmulatorState {
    /// `/api/v2/architect/schedules` and `/schedulegroups` (reference §3.3, §4.4).
    func routeArchitect(_ request: APIRequest, _ path: [String], caller: Caller) -> APIResponse {
        let kind: ArchitectKind
        switch path.first {
        case "schedules": kind = .schedule
        case "schedulegroups": kind = .scheduleGroup
        default: return .notFound()
        }
        switch (request.method, path.count) {
        case ("GET", 1): return listArchitect(kind, request, caller: caller)
        case ("POST", 1): return createArchitect(kind, request, caller: caller)
        case ("GET", 2): return getArchitect(kind, id: path[1], caller: caller)
        case ("PUT", 2): return putArchitect(kind, request, id: path[1], caller: caller)
        case ("DELETE", 2): return deleteArchitect(kind, id: path[1], caller: caller)
        default: return .notFound()
        }
    }

    private func collection(_ kind: ArchitectKind, org: String) -> [EmulatorJSON] {
        kind == .schedule ? objects[org]?.schedules ?? [] : objects[org]?.scheduleGroups ?? []
    }

    private func setCollection(_ kind: ArchitectKind, org: String, _ items: [EmulatorJSON]) {
        if kind == .schedule { objects[org, default: OrgObjects()].schedules = items }
        else { objects[org, default: OrgObjects()].scheduleGroups = items }
    }

    private func notFound(_ kind: ArchitectKind) -> APIResponse {
        .error(404, code: "general.resource.not.found", message: kind.notFoundMessage)
    }

    /// A schedule group may only reference schedules of its org.
    private func checkScheduleReferences(_ body: EmulatorJSON, org: String) -> APIResponse? {
        let known = Set((objects[org]?.schedules ?? []).compactMap { $0["id"]?.stringValue })
        for field in ["openSchedules", "closedSchedules", "holidaySchedules"] {
            for (index, ref) in (body[field]?.arrayValue ?? []).enumerated() {
                guard let id = ref["id"]?.stringValue, known.contains(id) else {
                    return .badRequest(
                        "\(field)[\(index)] does not name a schedule of this organization.", code: "invalid.value",
                        details: [SchemaViolation(fieldName: "\(field)[\(index)].id", errorCode: "invalid.value")])
                }
            }
        }
        return nil
    }

    /// Paged with `pageNumber`/`pageSize` (defaults 1 and 25), `name` filter (`*` wildcard), `scheduleIds` for
    /// groups, sorted by name (reference §3.3, listing fields §4.4).
    private func listArchitect(_ kind: ArchitectKind, _ request: APIRequest, caller: Caller) -> APIResponse {
        var items = collection(kind, org: caller.org.id).filter { !isDeleting($0["id"]?.stringValue ?? "") }
        let everything = items.count
        if let name = request.query["name"], !name.isEmpty {
            items = items.filter { NameFilter.matches($0["name"]?.stringValue ?? "", pattern: name) }
        }
        if kind == .scheduleGroup, let ids = request.query["scheduleIds"], !ids.isEmpty {
            let wanted = Set(ids.split(separator: ",").map(String.init))
            items = items.filter { group in
                ["openSchedules", "closedSchedules", "holidaySchedules"].contains { field in
                    (group[field]?.arrayValue ?? []).contains { wanted.contains($0["id"]?.stringValue ?? "") }
                }
            }
        }
        let descending = request.query["sortOrder"]?.lowercased() == "desc"
        items.sort {
            let a = ($0["name"]?.stringValue ?? "").lowercased()
            let b = ($1["name"]?.stringValue ?? "").lowercased()
            return descending ? a > b : a < b
        }
        // reference §3.3: `pageNumber`/`pageSize` are int32 query parameters (checked by `numberedListing`).
        var response = numberedListing(items, request, path: "/api/v2/architect/\(kind.pathName)")
        if response.status == 200 { response.body?["totalNumberOfEntities"] = .number(Double(everything)) }
        return response
    }

    private func createArchitect(_ kind: ArchitectKind, _ request: APIRequest, caller: Caller) -> APIResponse {
        let body: EmulatorJSON
        switch validated(request, as: kind.model) {
        case .failure(let error): return error.response
        case .success(let value): body = value
        }
        if kind == .scheduleGroup, let problem = checkScheduleReferences(body, org: caller.org.id) { return problem }
        let id = UUID().uuidString.lowercased()
        let now = APIDate.string(clock.now)
        var stored = body
        stored["id"] = .string(id)
        stored["version"] = 1
        stored["dateCreated"] = .string(now)
        stored["dateModified"] = .string(now)
        stored["createdBy"] = .string(caller.userID)
        stored["modifiedBy"] = .string(caller.userID)
        stored["state"] = "active"
        stored["selfUri"] = .string("/api/v2/architect/\(kind.pathName)/\(id)")
        if stored["division"] == nil || stored["division"] == .null { stored["division"] = homeDivision(caller) }
        setCollection(kind, org: caller.org.id, collection(kind, org: caller.org.id) + [stored])
        recordAudit(
            caller: caller, service: "Architect", entityType: kind.model, action: "Create",
            entityID: id, entityName: body["name"]?.stringValue, old: nil, new: body)
        persist()
        return APIResponse(status: 200, body: stored)
    }

    /// Objects without a division land in the org's Home division, as in a real org.
    private func homeDivision(_ caller: Caller) -> EmulatorJSON {
        let id = StableID.uuid("division:\(caller.org.id):home")
        return ["id": .string(id), "name": "Home", "selfUri": .string("/api/v2/authorization/divisions/\(id)")]
    }

    private func getArchitect(_ kind: ArchitectKind, id: String, caller: Caller) -> APIResponse {
        guard var found = collection(kind, org: caller.org.id).first(where: { $0["id"]?.stringValue == id }) else {
            return notFound(kind)
        }
        if isDeleting(id) { found["state"] = "deleted" }
        return APIResponse(status: 200, body: found)
    }

    /// Optimistic locking on the integer `version` (reference §5.4): a stale version → 409 `general.conflict`.
    ///
    /// A PUT without `version` is answered 400 naming the field. Whether the real API requires it is
    /// UNVERIFIED (reference §7.7); requiring it is the conservative reading, since a client that omits it
    /// would silently overwrite a concurrent edit if the server accepted it, and Genesys' Terraform always sends it.
    private func putArchitect(_ kind: ArchitectKind, _ request: APIRequest, id: String, caller: Caller) -> APIResponse {
        var items = collection(kind, org: caller.org.id)
        guard let index = items.firstIndex(where: { $0["id"]?.stringValue == id }) else { return notFound(kind) }
        let body: EmulatorJSON
        switch validated(request, as: kind.model) {
        case .failure(let error): return error.response
        case .success(let value): body = value
        }
        guard let sent = body["version"]?.intValue else {
            return .badRequest(
                "The \(kind.model) version is required to update it; GET the object and send its current version.",
                code: "invalid.value", details: [SchemaViolation(fieldName: "version", errorCode: "missing.required.field")])
        }
        let current = items[index]["version"]?.intValue ?? 1
        guard sent == current else {
            if staleVersionAs400 {
                return .badRequest(
                    "The version \(sent) does not match the current version \(current) of the \(kind.model).", code: "bad.request",
                    details: [SchemaViolation(fieldName: "version", errorCode: "invalid.value")])
            }
            return .error(409, code: "general.conflict", message: kind.conflictMessage)
        }
        if kind == .scheduleGroup, let problem = checkScheduleReferences(body, org: caller.org.id) { return problem }
        let old = userFields(items[index])
        var stored = body
        for key in ["id", "dateCreated", "createdBy", "state", "selfUri"] { stored[key] = items[index][key] }
        if stored["division"] == nil || stored["division"] == .null { stored["division"] = items[index]["division"] }
        stored["version"] = .number(Double(current + 1))
        stored["dateModified"] = .string(APIDate.string(clock.now))
        stored["modifiedBy"] = .string(caller.userID)
        items[index] = stored
        setCollection(kind, org: caller.org.id, items)
        var oldCompared = old
        oldCompared["version"] = nil
        var newCompared = userFields(stored)
        newCompared["version"] = nil
        recordAudit(
            caller: caller, service: "Architect", entityType: kind.model, action: "Update",
            entityID: id, entityName: body["name"]?.stringValue, old: oldCompared, new: newCompared)
        persist()
        return APIResponse(status: 200, body: stored)
    }

    /// 200 without a body (reference §3.3); a schedule used by a group → 409 `general.conflict`. Schedule groups
    /// are never assigned to IVRs or Sites here, so they can always be deleted.
    private func deleteArchitect(_ kind: ArchitectKind, id: String, caller: Caller) -> APIResponse {
        var items = collection(kind, org: caller.org.id)
        guard let index = items.firstIndex(where: { $0["id"]?.stringValue == id }) else { return notFound(kind) }
        if isDeleting(id) { return APIResponse(status: 200) }
        if kind == .schedule {
            let used = (objects[caller.org.id]?.scheduleGroups ?? []).contains { group in
                ["openSchedules", "closedSchedules", "holidaySchedules"].contains { field in
                    (group[field]?.arrayValue ?? []).contains { $0["id"]?.stringValue == id }
                }
            }
            if used {
                return .error(
                    409, code: "general.conflict",
                    message: "The schedule could not be completed because it is assigned to one or more schedule groups.")
            }
        }
        let removed = items[index]
        if deferDelete(id, org: caller.org.id) {
            items.remove(at: index)
            setCollection(kind, org: caller.org.id, items)
        }
        recordAudit(
            caller: caller, service: "Architect", entityType: kind.model, action: "Delete",
            entityID: id, entityName: removed["name"]?.stringValue, old: userFields(removed), new: nil)
        persist()
        return APIResponse(status: 200)
    }
}

/// The `name` query filter: case-insensitive, `*` matches any run of characters.
enum NameFilter {
    static func matches(_ name: String, pattern: String) -> Bool {
        let parts = pattern.lowercased().split(separator: "*", omittingEmptySubsequences: false).map(String.init)
        let text = name.lowercased()
        if parts.count == 1 { return text == parts[0] }
        var rest = Substring(text)
        for (index, part) in parts.enumerated() where !part.isEmpty {
            if index == 0 {
                guard rest.hasPrefix(part) else { return false }
                rest = rest.dropFirst(part.count)
            } else if index == parts.count - 1 {
                return rest.hasSuffix(part)
            } else {
                guard let range = rest.range(of: part) else { return false }
                rest = rest[range.upperBound...]
            }
        }
        return true
    }
}

import Foundation
import Logging

/// Everything the emulator knows, held by one actor so concurrent requests see consistent objects.
actor EmulatorState {
    let seed: EmulatorSeed
    let activationDelay: TimeInterval
    /// Seconds an audit record stays invisible to queries after its change (`EmulatorOptions.auditDelay`).
    let auditDelay: TimeInterval
    let clock: EmulatorClock
    let statePath: String?
    let validator = SchemaValidator()
    let logger = Logger(label: "messengerctl.emulator")

    var objects: [String: OrgObjects] = [:]
    var tokens: [String: IssuedToken] = [:]
    var rateWindows: [String: RateWindow] = [:]
    var auditQueries: [String: AuditQueryJob] = [:]
    var faults: FaultPlan
    /// Requests held by `FaultPlan.holdFirst`, and how many eligible ones arrived since the plan was set.
    private var held: [CheckedContinuation<Void, Never>] = []
    private var heldArrivals = 0
    var log: [LoggedRequest] = []
    /// Whether the last write of the state file failed (said once, not on every change).
    var persistFailed = false
    let asyncDeleteRequests: Int
    let staleVersionAs400: Bool
    let transientPublish400: Bool
    /// Draft edits (`id@dateModified`) whose transient publish 400 was already served.
    var transientPublishServed: Set<String> = []
    var pendingDeletes: [String: PendingDelete] = [:]

    init(seed: EmulatorSeed, options: EmulatorOptions) throws {
        self.seed = seed
        let delay = options.activationDelay.components
        self.activationDelay = Double(delay.seconds) + Double(delay.attoseconds) / 1e18
        let lag = options.auditDelay.components
        self.auditDelay = max(0, Double(lag.seconds) + Double(lag.attoseconds) / 1e18, seed.auditDelaySeconds ?? 0)
        self.clock = options.clock
        self.statePath = options.statePath
        self.staleVersionAs400 = options.staleVersionAs400
        self.transientPublish400 = options.transientPublish400 || seed.transientPublish400 == true
        self.asyncDeleteRequests = max(0, options.asyncDeleteRequests, seed.asyncDeleteRequests ?? 0)
        self.faults = FaultPlan(options: options)
        for org in seed.orgs { objects[org.id] = OrgObjects() }
        if let statePath = options.statePath, FileManager.default.fileExists(atPath: statePath) {
            let persisted: PersistedState
            do {
                let data = try Data(contentsOf: URL(fileURLWithPath: statePath))
                let decoder = JSONDecoder()
                decoder.dateDecodingStrategy = .iso8601
                persisted = try decoder.decode(PersistedState.self, from: data)
            } catch {
                throw EmulatorError.unreadableState(path: statePath, reason: "\(error)")
            }
            for (orgID, orgObjects) in persisted.orgs where objects[orgID] != nil {
                objects[orgID] = orgObjects
            }
        }
        if let statePath = options.statePath, let reason = Self.write(objects, to: statePath) {
            // Found at start, once, rather than after start-up on every change.
            throw EmulatorError.unwritableState(path: statePath, reason: reason)
        }
    }

    // MARK: Controls used by GenesysEmulator

    func setFaults(_ plan: FaultPlan) {
        faults = plan
        heldArrivals = 0
        releaseHeld()
    }

    /// `FaultPlan.holdFirst`: returns once `count` eligible requests have arrived since the plan was set,
    /// or after a 10 s bound (a real-time fail-safe so a client that never sends them together cannot hang
    /// a test; the test then sees that they did not overlap).
    func hold(untilArrivals count: Int) async {
        heldArrivals += 1
        guard heldArrivals < count else { return releaseHeld() }
        if held.isEmpty {
            Task { [weak self] in
                try? await Task.sleep(for: .seconds(10))
                await self?.releaseHeld()
            }
        }
        await withCheckedContinuation { held.append($0) }
    }

    private func releaseHeld() {
        let waiting = held
        held = []
        for continuation in waiting { continuation.resume() }
    }

    func currentFaults() -> FaultPlan { faults }

    func expireTokens() {
        let past = clock.now.addingTimeInterval(-1)
        for key in tokens.keys { tokens[key]?.expiresAt = past }
    }

    /// Keeps the newest 100 000 entries so a long-running emulator does not grow without bound.
    func record(_ entry: LoggedRequest) {
        log.append(entry)
        if log.count > 110_000 { log.removeFirst(log.count - 100_000) }
    }

    func requestLog() -> [LoggedRequest] { log }

    func snapshot() -> EmulatorSnapshot {
        EmulatorSnapshot(orgs: seed.orgs.map { org in
            let objs = objects[org.id] ?? OrgObjects()
            return EmulatorSnapshot.Org(
                id: org.id, name: org.name, region: org.region,
                configurations: objs.configurations.map { config in
                    EmulatorSnapshot.Configuration(
                        id: config.id, name: config.draft["name"]?.stringValue ?? "",
                        draft: renderDraft(config), versions: config.versions.map(renderVersion))
                },
                deployments: objs.deployments.map(renderDeployment),
                schedules: objs.schedules, scheduleGroups: objs.scheduleGroups, audits: objs.audits)
        })
    }

    // MARK: Request handling

    /// Answers one API request (everything after fault injection).
    func handle(_ request: APIRequest) -> APIResponse {
        guard seed.orgs.contains(where: { $0.region == request.region }) else {
            return .notFound("No region \(request.region) is served here.")
        }
        if request.path == "/oauth/token" {
            guard request.method == "POST" else { return .notFound() }
            return issueToken(request)
        }
        guard request.path.hasPrefix("/api/v2/") else { return .notFound() }
        let token: IssuedToken
        switch authenticate(request) {
        case .failure(let error): return error.response
        case .success(let found): token = found
        }
        if let limited = rateLimit(request) {
            var response = limited
            response.clientID = token.clientID
            return response
        }
        guard let org = seed.orgs.first(where: { $0.id == token.orgID }) else { return .notFound() }
        let caller = Caller(org: org, clientID: token.clientID, clientName: token.clientName, region: request.region)
        if !pendingDeletes.isEmpty { advanceDeletes(org: org.id) }
        var response = checkPermissions(request, caller: caller) ?? route(request, caller: caller)
        response.clientID = token.clientID
        return response
    }

    private func route(_ request: APIRequest, caller: Caller) -> APIResponse {
        let parts = request.path.split(separator: "/").map(String.init).dropFirst(2)  // drop "api", "v2"
        let segments = Array(parts)
        switch (request.method, segments.first) {
        case ("GET", "tokens") where segments == ["tokens", "me"]:
            return tokenInfo(request, caller: caller)
        case ("HEAD", "tokens") where segments == ["tokens", "me"]:
            return APIResponse(status: 200)  // reference §3.4: "also HEAD", a cheap token check
        case (_, "webdeployments"):
            return routeWebDeployments(request, Array(segments.dropFirst()), caller: caller)
        case (_, "architect"):
            return routeArchitect(request, Array(segments.dropFirst()), caller: caller)
        case (_, "audits"):
            return routeAudits(request, Array(segments.dropFirst()), caller: caller)
        case (_, "flows"):
            return routeFlows(request, Array(segments.dropFirst()), caller: caller)
        case (_, "conversations") where segments.starts(with: ["conversations", "messaging", "supportedcontent"]):
            return routeSupportedContent(request, Array(segments.dropFirst(3)), caller: caller)
        case (_, "knowledge"):
            return routeKnowledge(request, Array(segments.dropFirst()), caller: caller)
        case (_, "integrations"):
            return routeIntegrations(request, Array(segments.dropFirst()), caller: caller)
        default:
            return .notFound()
        }
    }

    /// 403 `missing.permissions` naming what the client's role lacks (reference §2.3, §2.5, §5.1), from each
    /// operation's `x-inin-requires-permissions`. A seed client without `permissions` has them all.
    private func checkPermissions(_ request: APIRequest, caller: Caller) -> APIResponse? {
        guard let client = caller.org.clients.first(where: { $0.id == caller.clientID }),
            let granted = client.permissions
        else { return nil }
        let missing = PermissionTable.required(method: request.method, path: request.path).filter { needed in
            !granted.contains { Self.grants($0, needed) }
        }
        guard !missing.isEmpty else { return nil }
        return .error(
            403, code: "missing.permissions",
            message: "You are missing the following permission(s): \(missing.joined(separator: ", "))",
            details: missing.map { SchemaViolation(fieldName: $0, errorCode: "missing.permissions") })
    }

    /// Whether a role permission grants `needed`; `*` stands for any one part (`webDeployments:*:*`).
    static func grants(_ permission: String, _ needed: String) -> Bool {
        let have = permission.split(separator: ":")
        let want = needed.split(separator: ":")
        guard have.count == want.count else { return false }
        return zip(have, want).allSatisfy { $0 == "*" || $0 == $1 }
    }

    // MARK: Shared helpers

    /// Parses a JSON object body; `nil` with the 400 answer otherwise.
    func parseBody(_ request: APIRequest) -> Result<EmulatorJSON, APIResponseError> {
        // reference §3 conventions and §5.1: bodies are `application/json`; anything else is 415
        // `unsupported.media.type`. A missing header is refused too (the SDKs always send it).
        let mediaType = (request.contentType ?? "").split(separator: ";").first.map {
            $0.trimmingCharacters(in: .whitespaces).lowercased()
        }
        guard mediaType == "application/json" else {
            return .failure(APIResponseError(response: .error(
                415, code: "unsupported.media.type",
                message: "Content-Type [\(request.contentType ?? "none")] is not supported; send application/json.")))
        }
        guard let value = EmulatorJSON.parse(request.body), case .object = value else {
            return .failure(APIResponseError(response: .badRequest(
                "The request body is not a JSON object.", details: [SchemaViolation(fieldName: "body", errorCode: "invalid.json")])))
        }
        return .success(value)
    }

    /// Validates a body against model `model` (reference §4); read-only fields are dropped.
    func validated(_ request: APIRequest, as model: String) -> Result<EmulatorJSON, APIResponseError> {
        switch parseBody(request) {
        case .failure(let error): return .failure(error)
        case .success(let value):
            let (cleaned, found) = validator.clean(value, as: model)
            var violations = found
            if violations.isEmpty {
                switch model {
                case "WebDeploymentConfigurationVersion": violations = BusinessRules.configuration(cleaned)
                case "Schedule": violations = BusinessRules.schedule(cleaned)
                case "ScheduleGroup": violations = BusinessRules.scheduleGroup(cleaned)
                default: break
                }
            }
            if !violations.isEmpty { return .failure(APIResponseError(response: .invalidBody(violations))) }
            return .success(cleaned)
        }
    }

    func status(activeAt: Date) -> String {
        clock.now >= activeAt ? "Active" : "Pending"
    }

    var activationTime: Date { clock.now.addingTimeInterval(activationDelay) }

    /// Writes the state file atomically (temporary file + rename) after each change.
    func persist() {
        guard let statePath else { return }
        if let reason = Self.write(objects, to: statePath) {
            // Said once: it was writable at start, so something changed under us; repeating it on
            // every change would bury the rest of the log.
            if !persistFailed { logger.error("cannot write state file \(statePath): \(reason); changes live in memory only") }
            persistFailed = true
        } else {
            persistFailed = false
        }
    }

    /// Writes `objects` to `path` atomically (temporary file, then rename); the reason on failure.
    static func write(_ objects: [String: OrgObjects], to path: String) -> String? {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        let temporary = path + ".tmp-\(UUID().uuidString)"
        do {
            let data = try encoder.encode(PersistedState(orgs: objects))
            try data.write(to: URL(fileURLWithPath: temporary))
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            let posix = ((error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError)?.code
            return posix.map { String(cString: strerror(Int32($0))).lowercased() } ?? (error as NSError).localizedDescription
        }
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno)).lowercased()
            try? FileManager.default.removeItem(atPath: temporary)
            return reason
        }
        return nil
    }
}

/// A 4xx/5xx answer carried through `Result`.
struct APIResponseError: Error, Sendable {
    var response: APIResponse
}

/// Who is calling: the org, the OAuth client and the user that client acts as (DESIGN.md "Two writers").
struct Caller: Sendable {
    var org: EmulatorSeed.Org
    var clientID: String
    var clientName: String
    var region: String

    /// A stable user id per client, so `lastModifiedUser` and audit records name the same user across restarts.
    var userID: String { StableID.uuid("user:\(org.id):\(clientID)") }

    /// `AddressableEntityRef` has only `id` and `selfUri` (reference §4.1, AddressableEntityRef).
    var userRef: EmulatorJSON {
        ["id": .string(userID), "selfUri": .string("/api/v2/users/\(userID)")]
    }
}

/// Deterministic UUID-shaped ids derived from text (FNV-1a, two lanes).
enum StableID {
    static func uuid(_ text: String) -> String {
        var first: UInt64 = 0xcbf2_9ce4_8422_2325
        var second: UInt64 = 0x8422_2325_cbf2_9ce4
        for byte in text.utf8 {
            first = (first ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
            second = (second ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 &+ 0x9e37_79b9
        }
        let hex = String(format: "%016llx%016llx", first, second)
        let chars = Array(hex)
        let groups = [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { String(chars[$0]) }
        return groups.joined(separator: "-")
    }
}

/// ISO-8601 dates as the API writes them: `yyyy-MM-ddTHH:mm:ss.SSSZ` (reference §4.1 date fields).
enum APIDate {
    static func string(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }

    static func parse(_ text: String) -> Date? {
        if let date = try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(text) { return date }
        return try? Date.ISO8601FormatStyle().parse(text)
    }
}

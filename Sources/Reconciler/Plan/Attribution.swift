import Foundation
import GenesysCloud

/// Finds who changed drifted objects: the newest audit record for the object's id, preferring
/// changes by anyone other than messengerctl's own OAuth client.
///
/// The realtime query covers the last 14 days (reference §3.2, "will only retrieve 14 days worth of
/// audits for certain services"); an object last modified before that is looked up with the
/// asynchronous query around its `dateModified`.
struct Attribution: Sendable {
    let client: GenesysCloudClient
    /// The tenant's own OAuth client id: its changes are messengerctl's.
    let ownClientId: String?
    let now: Date

    func lastChange(for object: ObjectPlan, live: JSONValue?) async -> LastChange? {
        guard let id = object.id else { return nil }
        var change = LastChange()
        change.at = live?["dateModified"]?.stringValue
        change.publishedVersion = object.kind == .configuration ? object.precondition?.publishedVersion : nil
        // reference §3.2 / §7.1 (UNVERIFIED): web deployment changes are audited under `WebDeployments`;
        // Architect schedules are assumed under `Architect` (the servicemapping endpoint is authoritative).
        let service = object.kind == .configuration || object.kind == .deployment ? "WebDeployments" : "Architect"
        let formatter = ISO8601DateFormatter()
        let fourteenDays: TimeInterval = 14 * 86_400
        var records: [AuditLogMessage] = []
        do {
            let interval = "\(formatter.string(from: now.addingTimeInterval(-fourteenDays)))/\(formatter.string(from: now.addingTimeInterval(60)))"
            records = try await client.realtimeAudits(
                AuditRealtimeQuery(
                    interval: interval, serviceName: service, filters: [AuditQueryFilter(property: "EntityId", value: id)],
                    sort: [AuditQuerySort(name: "Timestamp", sortOrder: "descending")], pageSize: 100))
            if records.isEmpty, let modified = change.at.flatMap(Self.parseDate), modified < now.addingTimeInterval(-fourteenDays) {
                let window = "\(formatter.string(from: modified.addingTimeInterval(-3600)))/\(formatter.string(from: modified.addingTimeInterval(3600)))"
                records = try await client.audits(
                    AuditQuery(interval: window, serviceName: service, filters: [AuditQueryFilter(property: "EntityId", value: id)]))
            }
        } catch {
            // Attribution is a courtesy: a missing audit permission must not fail the drift check.
            change.by = live?["lastModifiedUser"]?["id"]?.stringValue.map { "user \($0)" }
            return change
        }
        let newestFirst = records.sorted { ($0.eventDateText ?? "") > ($1.eventDateText ?? "") }
        let pick = newestFirst.first { $0.client?.id != ownClientId } ?? newestFirst.first
        if let pick {
            change.by = pick.user?.name ?? pick.user?.id ?? pick.client?.id
            change.clientId = pick.client?.id
            change.at = pick.eventDateText ?? change.at
            change.action = pick.action
            change.byThisTool = pick.client?.id == ownClientId
        } else {
            change.by = live?["lastModifiedUser"]?["id"]?.stringValue.map { "user \($0)" }
        }
        return change
    }

    static func parseDate(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.date(from: text) ?? ISO8601DateFormatter().date(from: text)
    }
}

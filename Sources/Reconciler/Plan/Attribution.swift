import Foundation
import GenesysCloud

/// Finds who changed each drifted field: the newest audit record whose `propertyChanges` name that
/// field (reference §4.3), never the object's latest change in general, and never a guess: without
/// such a record the field's changer is "unknown".
///
/// The realtime query covers the last 14 days (reference §3.2, "will only retrieve 14 days worth of
/// audits for certain services"); an object last modified before that is looked up with the
/// asynchronous query around its `dateModified`.
struct Attribution: Sendable {
    let client: GenesysCloudClient
    /// The tenant's own OAuth client id: its changes are messengerctl's.
    let ownClientId: String?
    let now: Date

    /// Sets `lastChange` (the object's newest audited change, for JSON readers) and every drifted
    /// field's `attribution`.
    func attribute(_ object: inout ObjectPlan, live: JSONValue?) async {
        guard let id = object.id else { return }
        var change = LastChange()
        change.at = live?["dateModified"]?.stringValue
        var records: [AuditLogMessage]
        let changed = Self.lastChanged(live)
        do {
            records = try await self.records(entity: id, kind: object.kind, dateModified: change.at)
            // A late record must not leave the newest change to the previous writer (Attribution+Lag.swift).
            guard let caughtUp = try await waitForRecords(changed: changed, first: records, {
                () async throws(GenesysError) in try await self.records(entity: id, kind: object.kind, dateModified: change.at)
            }) else {
                object.lastChange = change
                for index in object.changes.indices where !FieldChange.derivedPaths.contains(object.changes[index].path) {
                    object.changes[index].attribution = .unknown(Self.lagReason(changed))
                }
                return
            }
            records = caughtUp
        } catch {
            // Attribution is a courtesy: a missing audit permission must not fail the drift check.
            // The object's `lastModifiedUser` is not evidence of who changed a given field.
            object.lastChange = change
            let reason = "the audit log could not be read (\(TenantApplier.describe(error)))"
            for index in object.changes.indices where !FieldChange.derivedPaths.contains(object.changes[index].path) {
                object.changes[index].attribution = .unknown(reason)
            }
            return
        }
        // Oldest first; records of one instant keep the order the service gave (newest first).
        let chronological = records.enumerated().sorted { a, b in
            let (da, db) = (a.element.eventDateText ?? "", b.element.eventDateText ?? "")
            return da == db ? a.offset > b.offset : da < db
        }.map(\.element)
        if let newest = chronological.last {
            change.by = Self.who(newest)
            change.clientId = newest.client?.id
            change.at = newest.eventDateText ?? change.at
            change.action = newest.action
            change.byThisTool = newest.client?.id != nil && newest.client?.id == ownClientId
            change.publishedVersion = newest.action == "Publish" ? newest.publishedVersionNumber : nil
        }
        object.lastChange = change
        for index in object.changes.indices where !FieldChange.derivedPaths.contains(object.changes[index].path) {
            object.changes[index].attribution = attribution(
                of: FieldPath(object.changes[index].keys), kind: object.kind, chronological: chronological)
        }
    }

    /// The attribution of one field from the object's records, oldest first.
    func attribution(of field: FieldPath, kind: ObjectKind, chronological: [AuditLogMessage]) -> FieldAttribution {
        guard let index = chronological.lastIndex(where: { $0.names(field) }) else {
            return .unknown("no audit record names this field")
        }
        let record = chronological[index]
        var result = FieldAttribution()
        result.by = Self.who(record)
        result.clientId = record.client?.id
        result.at = record.eventDateText
        result.action = record.action
        result.byThisTool = isOwn(record)
        if record.action == "Publish" {
            result.publishedVersion = record.publishedVersionNumber
        } else if kind == .configuration {
            // A draft edit reaches visitors with the next publish (reference §3.5 item 1).
            if let publish = chronological[(index + 1)...].first(where: { $0.action == "Publish" }) {
                result.publishedVersion = publish.publishedVersionNumber
                result.publishedBy = Self.who(publish)
                result.publishedAt = publish.eventDateText
                result.publishedByThisTool = isOwn(publish)
            } else {
                result.unpublished = true
            }
        }
        return result
    }

    private func isOwn(_ record: AuditLogMessage) -> Bool {
        record.client?.id != nil && record.client?.id == ownClientId
    }

    static func who(_ record: AuditLogMessage) -> String? {
        record.user?.name ?? record.user?.id ?? record.client?.id
    }

    private func records(entity id: String, kind: ObjectKind, dateModified: String?) async throws(GenesysError)
        -> [AuditLogMessage]
    {
        // The kind says which service audits it (ManagedKind.auditService); none known, no records.
        guard let service = kind.managed.auditService else { return [] }
        let formatter = ISO8601DateFormatter()
        let fourteenDays: TimeInterval = 14 * 86_400
        let interval = "\(formatter.string(from: now.addingTimeInterval(-fourteenDays)))/\(formatter.string(from: now.addingTimeInterval(60)))"
        var records = try await client.realtimeAudits(
            AuditRealtimeQuery(
                interval: interval, serviceName: service, filters: [AuditQueryFilter(property: "EntityId", value: id)],
                sort: [AuditQuerySort(name: "Timestamp", sortOrder: "descending")], pageSize: 100))
        if records.isEmpty, let modified = dateModified.flatMap(Self.parseDate), modified < now.addingTimeInterval(-fourteenDays) {
            let window = "\(formatter.string(from: modified.addingTimeInterval(-3600)))/\(formatter.string(from: modified.addingTimeInterval(3600)))"
            records = try await client.audits(
                AuditQuery(interval: window, serviceName: service, filters: [AuditQueryFilter(property: "EntityId", value: id)]))
        }
        return records
    }

    static func parseDate(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.date(from: text) ?? ISO8601DateFormatter().date(from: text)
    }
}

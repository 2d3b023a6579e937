import Foundation
import GenesysCloud

/// Audit records can appear some time after the change they record (issue 15: production's audit log
/// lags; reference §3.2 documents the queries but not how soon a change shows up, so the lag is
/// UNVERIFIED). Drift must then neither blame the previous writer for the newest change nor say
/// "unknown" only because it asked too early: when the object changed after its newest audit record,
/// attribution asks again, with backoff on the client's clock, for a bounded time; if the record still
/// has not come, every drifted field of that object says why its changer is unknown.
extension Attribution {
    /// How long drift waits for an object's newest change to reach the audit log.
    static let auditLagWait: Duration = .seconds(15)
    /// A record dated up to this long before the object's last change is taken as that change's record
    /// (`dateModified` and `eventDate` are written by different services, a moment apart).
    static let auditDateTolerance: TimeInterval = 1

    /// When the object last changed, as the object itself says: `dateModified`, or for a configuration
    /// `datePublished` when a publish came later (a publish does not touch the draft's `dateModified`).
    static func lastChanged(_ live: JSONValue?) -> Date? {
        ["dateModified", "datePublished"].compactMap { live?[$0]?.stringValue.flatMap(parseDate) }.max()
    }

    /// Whether the newest record is older than the object's last change: the log has not caught up.
    static func lags(_ records: [AuditLogMessage], behind changed: Date?) -> Bool {
        guard let changed else { return false }
        let newest = records.compactMap { $0.eventDateText.flatMap(parseDate) }.max()
        guard let newest else { return true }
        return newest < changed.addingTimeInterval(-auditDateTolerance)
    }

    /// Reads the object's records again until they cover `changed`, for at most `auditLagWait`; `nil`
    /// when they still do not.
    func waitForRecords(
        changed: Date?, first: [AuditLogMessage], _ read: () async throws(GenesysError) -> [AuditLogMessage]
    ) async throws(GenesysError) -> [AuditLogMessage]? {
        var records = first
        var waited = Duration.zero
        var delay = Duration.milliseconds(500)
        while Self.lags(records, behind: changed) {
            guard waited + delay <= Self.auditLagWait else { return nil }
            do { try await client.options.clock.sleep(for: delay) } catch {
                throw GenesysError(kind: .cancelled, message: "cancelled while waiting for the audit log")
            }
            waited += delay
            delay = min(delay * 2, .seconds(4))
            records = try await read()
        }
        return records
    }

    /// Why a field's changer is unknown when the log never caught up.
    static func lagReason(_ changed: Date?) -> String {
        let when = changed.map { " at \(ISO8601DateFormatter().string(from: $0))" } ?? ""
        return "the audit log has no record yet of the change\(when); "
            + "audit records can appear late, run drift again in a few minutes"
    }
}

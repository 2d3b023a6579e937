import Foundation
import GenesysCloud

/// One line of `messengerctl status`: where a tenant stands, and the last change anyone made to an
/// object it manages.
public struct TenantStatus: Sendable, Codable {
    public var tenant: String
    public var region: String
    public var organizationId: String
    /// `in sync`, `drift`, `ignored` or `error`.
    public var state: String
    /// Objects that differ from the file.
    public var drifted: Int
    public var error: String?
    /// The newest audited change to any managed object in the last 14 days (nil when none is recorded).
    public var lastChange: LastChange?
    /// The object that change was made to (`configuration "support"`).
    public var lastChangeObject: String?
    /// Why the last change is not known (the audit log could not be read).
    public var lastChangeUnknown: String?
}

extension Fleet {
    /// The drift check of every tenant, then for each checked tenant the newest audit record of an
    /// object it manages (one realtime query per audit service, reference §3.2: the last 14 days).
    public func status(_ tenants: [Tenant], now: Date = Date()) async -> (plan: Plan, status: [TenantStatus]) {
        var plan = await self.plan(tenants, attribute: true)
        plan.kind = .drift
        let checked = plan.tenants
        let lines = await withTaskGroup(of: (Int, TenantStatus).self) { group in
            var results = [TenantStatus?](repeating: nil, count: checked.count)
            var next = 0
            func launch() {
                let index = next
                let tenant = checked[index]
                group.addTask { (index, await status(of: tenant, now: now)) }
                next += 1
            }
            while next < min(context.concurrency, checked.count) { launch() }
            while let (index, line) = await group.next() {
                results[index] = line
                if next < checked.count { launch() }
            }
            return results.map { $0! }
        }
        return (plan, lines)
    }

    func status(of tenant: TenantPlan, now: Date) async -> TenantStatus {
        var line = TenantStatus(
            tenant: tenant.tenant, region: tenant.region, organizationId: tenant.organizationId,
            state: TenantDriftState(tenant).rawValue, drifted: tenant.changedObjects.count, error: tenant.error)
        guard tenant.error == nil else { return line }
        let managed = Dictionary(
            tenant.objects.compactMap { object in object.id.map { ($0, object) } }, uniquingKeysWith: { a, _ in a })
        guard !managed.isEmpty else { return line }
        do {
            let client = try context.client(region: tenant.region, credentials: tenant.credentials)
            let own = context.environment(tenant.credentials.clientIdEnv)
            let formatter = ISO8601DateFormatter()
            let interval = "\(formatter.string(from: now.addingTimeInterval(-14 * 86_400)))/\(formatter.string(from: now.addingTimeInterval(60)))"
            // The services the managed kinds are audited under (ManagedKind.auditService), web deployments'
            // always; the newest record of a managed object wins.
            var services = ["WebDeployments"]
            for kind in Set(managed.values.map(\.kind)).sorted() {
                if let service = kind.managed.auditService, !services.contains(service) { services.append(service) }
            }
            var newest: (record: AuditLogMessage, object: ObjectPlan)?
            for service in services {
                let records = try await client.realtimeAudits(
                    AuditRealtimeQuery(
                        interval: interval, serviceName: service,
                        sort: [AuditQuerySort(name: "Timestamp", sortOrder: "descending")], pageSize: 100))
                for record in records {
                    guard let id = record.entity?.id, let object = managed[id] else { continue }
                    if newest == nil || (record.eventDateText ?? "") > (newest!.record.eventDateText ?? "") {
                        newest = (record, object)
                    }
                }
            }
            if let (record, object) = newest {
                var change = LastChange()
                change.by = Attribution.who(record)
                change.clientId = record.client?.id
                change.at = record.eventDateText
                change.action = record.action
                change.byThisTool = record.client?.id != nil && record.client?.id == own
                change.publishedVersion = record.action == "Publish" ? record.publishedVersionNumber : nil
                line.lastChange = change
                line.lastChangeObject = "\(object.kind.displayName) \"\(object.name)\""
            }
        } catch {
            // Like drift's attribution, a missing audit permission does not fail the status line.
            line.lastChangeUnknown = "the audit log could not be read (\(TenantApplier.describe(error)))"
        }
        return line
    }
}

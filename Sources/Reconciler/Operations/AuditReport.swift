import Foundation
import GenesysCloud

/// Who changed what, per tenant, from the Genesys audit log (reference §3.2).
public struct AuditReport: Sendable, Codable {
    public var since: String
    public var until: String
    public var tenants: [TenantAudit]
}

public struct TenantAudit: Sendable, Codable {
    public var tenant: String
    public var region: String
    public var error: String?
    public var entries: [AuditEntry]
}

public struct AuditEntry: Sendable, Codable, Hashable {
    public var at: String
    public var service: String
    public var entityType: String
    public var entity: String
    public var action: String
    public var user: String?
    public var clientId: String?
    /// True when the change came from the OAuth client this tenant file gives messengerctl.
    public var byMessengerctl: Bool
    public var changes: [String]
}

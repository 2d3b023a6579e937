import Foundation
import GenesysCloud

/// The audit report as text.
public struct AuditTextRenderer: Sendable {
    public init() {}

    public func render(_ report: AuditReport) -> String {
        var lines: [String] = []
        for tenant in report.tenants {
            lines.append("\(tenant.tenant) · \(tenant.region)")
            if let error = tenant.error { lines.append("  error: \(error)") }
            if tenant.error == nil && tenant.entries.isEmpty { lines.append("  no changes between \(report.since) and \(report.until)") }
            for entry in tenant.entries {
                let who = (entry.user ?? entry.clientId ?? "unknown") + (entry.byMessengerctl ? " [messengerctl]" : "")
                lines.append(
                    "  \(DriftTextRenderer.humanDate(entry.at))  \(who)  \(entry.action) \(entry.entityType) \(entry.entity)")
                for change in entry.changes { lines.append("      \(change)") }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

import ArgumentParser
import Foundation
import Reconciler

struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "List who changed the tenants' messenger configurations, deployments and schedules.",
        discussion: """
            Reads the Genesys Cloud audit log of each tenant's org (permission audits:audit:view). \
            Changes made by the OAuth client the tenant file names are marked [messengerctl]; \
            anything else was done by someone else.

            Examples:
              messengerctl audit --since 7d
              messengerctl audit tenants/acme-eu.yaml --since 2026-10-01 --until 2026-10-31 --format json
            """)

    @Argument(help: "Tenant files or folders (default: tenants/).")
    var paths: [String] = []

    @Option(name: .long, help: "Start of the window: a duration back from now (7d, 12h, 30m) or a date (2026-11-01 or ISO-8601).")
    var since: String = "7d"

    @Option(name: .long, help: "End of the window (default: now); same forms as --since.")
    var until: String?

    @Option(name: .long, help: "Output format: text or json.")
    var format: AuditFormat = .text

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var fleet: FleetOptions
    var global: GlobalOptions { GlobalOptions(connection: connection, fleet: fleet) }

    func run() async throws {
        let now = Date()
        guard let start = Self.parseTime(since, now: now) else {
            throw ValidationError("--since: expected 7d, 12h, 30m, 2026-11-01 or an ISO-8601 time, got `\(since)`")
        }
        let end = try until.map { text in
            guard let date = Self.parseTime(text, now: now) else {
                throw ValidationError("--until: expected 7d, 12h, 30m, 2026-11-01 or an ISO-8601 time, got `\(text)`")
            }
            return date
        } ?? now
        guard start < end else { throw ValidationError("--since must be before --until") }
        guard let (tenants, _) = TenantFiles.load(paths, shard: global.shard) else { throw ExitCode.error }
        let report = try await global.withTransport { transport in
            await Fleet(context: try global.makeContext(transport: transport)).audit(tenants, since: start, until: end, now: now)
        }
        switch format {
        case .text: printOut(AuditTextRenderer().render(report))
        case .json: printOut(String(decoding: try ReportFiles.json(report), as: UTF8.self))
        }
        if report.tenants.contains(where: { $0.error != nil }) { throw ExitCode.error }
    }

    /// `7d` / `12h` / `30m` back from now, a `YYYY-MM-DD` date (UTC midnight) or an ISO-8601 time.
    static func parseTime(_ text: String, now: Date) -> Date? {
        if let unit = text.last, let amount = Double(text.dropLast()), amount >= 0 {
            switch unit {
            case "d": return now.addingTimeInterval(-amount * 86_400)
            case "h": return now.addingTimeInterval(-amount * 3_600)
            case "m": return now.addingTimeInterval(-amount * 60)
            default: break
            }
        }
        let iso = ISO8601DateFormatter()
        if let date = iso.date(from: text) { return date }
        iso.formatOptions = [.withFullDate]
        return iso.date(from: text)
    }
}

enum AuditFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

import ArgumentParser
import Foundation
import GenesysCloud
import Reconciler

struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "One line per tenant: region, org, in sync / drift / error, and the last change with who made it.",
        discussion: """
            A read-only drift check of every tenant, then the newest audit record of any object the \
            tenant's file manages (the last 14 days). 'messengerctl drift' says field by field what moved.

            Exit codes (as drift): 0 in sync, 2 drift, 1 error.

            Examples:
              messengerctl status
              messengerctl status tenants/acme-eu.yaml --format json
            """)

    @Argument(help: "Tenant files or folders (default: tenants/).")
    var paths: [String] = []

    @Option(name: .long, help: "Output format: text or json.")
    var format: StatusFormat = .text

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var fleet: FleetOptions
    var global: GlobalOptions { GlobalOptions(connection: connection, fleet: fleet) }

    func run() async throws {
        guard let (tenants, _) = TenantFiles.load(paths, shard: global.shard) else { throw ExitCode.error }
        let all = global.shard == nil ? tenants.count : TenantLoader().load(paths: paths.isEmpty ? ["tenants"] : paths).tenants.count
        let (plan, lines): (Plan, [TenantStatus])
        do {
            (plan, lines) = try await global.withTransport { transport in
                let fleet = Fleet(context: try global.makeContext(transport: transport))
                return await fleet.status(tenants)
            }
        } catch {
            printError("error: \(error)")
            throw ExitCode.error
        }
        switch format {
        case .text: printOut(StatusTextRenderer(style: global.style()).render(lines, notChecked: max(0, all - tenants.count)))
        case .json: printOut(String(decoding: try ReportFiles.json(lines), as: UTF8.self))
        }
        if plan.hasErrors { throw ExitCode.error }
        if plan.hasChanges { throw ExitCode.changes }
    }
}

enum StatusFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

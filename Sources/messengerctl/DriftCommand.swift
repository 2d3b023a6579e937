import ArgumentParser
import Foundation
import GenesysCloud
import Reconciler

struct DriftCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "drift",
        abstract: "Check that every org still matches its file, and say who changed what (for scheduled CI).",
        discussion: """
            A read-only plan over all tenants. For each drifted field it names who changed that \
            field and when, from the audit record whose property changes name it (the realtime query \
            for the last 14 days, the asynchronous query before that), and says "unknown" when no \
            record does. Fields listed under 'ignore:' in a tenant file are reported as ignored, \
            never hidden. The markdown report starts with <!-- messengerctl-drift -->, so CI can \
            update a drift comment apart from the plan comment.

            Exit codes: 0 in sync, 2 drift, 1 error.

            Examples:
              messengerctl drift
              messengerctl drift --format junit > drift.xml     # one test case per tenant
              messengerctl drift --format markdown              # for an issue or PR comment
              messengerctl drift --format html --out drift.html # a status page for a CI artifact
            """)

    @Argument(help: "Tenant files or folders (default: tenants/).")
    var paths: [String] = []

    @Option(name: .long, help: "Output format: text, json, markdown, junit or html (one self-contained page).")
    var format: DriftFormat = .text

    @Option(name: .long, help: "Write the report to this file (atomically) instead of standard output.")
    var out: String?

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var fleet: FleetOptions
    var global: GlobalOptions { GlobalOptions(connection: connection, fleet: fleet) }

    func run() async throws {
        if let out {
            do { try ReportFiles.checkWritable(out) } catch {
                printError("error: \(error)")
                throw ExitCode.error
            }
        }
        guard let (tenants, _) = TenantFiles.load(paths, shard: global.shard) else { throw ExitCode.error }
        var plan = try await global.planFleet(tenants, attribute: true, label: "checking")
        plan.kind = .drift  // so `apply` can refuse it

        let report: String
        switch format {
        case .text: report = DriftTextRenderer(style: out == nil ? global.style() : ReportStyle()).render(plan)
        case .json: report = String(decoding: try ReportFiles.json(plan), as: UTF8.self)
        case .markdown: report = DriftMarkdownRenderer().render(plan)
        case .junit: report = DriftJUnitRenderer().render(plan)
        case .html:
            // The other shards' tenants are counted as "not checked" on the page.
            let all = global.shard == nil ? tenants.count : TenantLoader().load(paths: paths.isEmpty ? ["tenants"] : paths).tenants.count
            let policies = Dictionary(tenants.map { ($0.name, $0.policy) }, uniquingKeysWith: { a, _ in a })
            report = DriftHTMLRenderer(notChecked: max(0, all - tenants.count), policies: policies).render(plan)
        }
        if let out {
            do { try ReportFiles.writeAtomically(Data(report.utf8), to: out) } catch {
                printError("error: \(error)")
                throw ExitCode.error
            }
            printError("wrote \(out): \(DriftCounts(plan).line)")
        } else {
            printOut(report)
        }
        if plan.hasErrors { throw ExitCode.error }
        if plan.hasChanges { throw ExitCode.changes }
    }
}

enum DriftFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, markdown, junit, html
}

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
            """)

    @Argument(help: "Tenant files or folders (default: tenants/).")
    var paths: [String] = []

    @Option(name: .long, help: "Output format: text, json, markdown or junit.")
    var format: DriftFormat = .text

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        guard let (tenants, _) = TenantFiles.load(paths, shard: global.shard) else { throw ExitCode.error }
        var plan = try await global.planFleet(tenants, attribute: true, label: "checking")
        plan.kind = .drift  // so `apply` can refuse it

        switch format {
        case .text: printOut(DriftTextRenderer(style: global.style()).render(plan))
        case .json: printOut(String(decoding: try ReportFiles.json(plan), as: UTF8.self))
        case .markdown: printOut(DriftMarkdownRenderer().render(plan))
        case .junit: printOut(DriftJUnitRenderer().render(plan))
        }
        if plan.hasErrors { throw ExitCode.error }
        if plan.hasChanges { throw ExitCode.changes }
    }
}

enum DriftFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, markdown, junit
}

import ArgumentParser
import Foundation
import GenesysCloud
import Reconciler

struct PlanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Show what apply would change in each tenant's org, without writing anything.",
        discussion: """
            Reads the live objects of every tenant (configurations with their draft and latest \
            published version, deployments, Architect schedules) and compares them with the files. \
            Only fields a file mentions are compared.

            Examples:
              messengerctl plan                                  # every file in tenants/
              messengerctl plan tenants/acme-eu.yaml --out plan.json
              messengerctl plan --format markdown > comment.md   # for a pull request
              messengerctl plan --detailed-exitcode              # exit 0 no changes, 2 changes, 1 error
              messengerctl plan --explain                        # which file set each value (bases too)
              messengerctl plan --preview previews/              # the Messenger before and after, as SVG sketches
              messengerctl plan --format html > plan.html        # one page, previews side by side
            """)

    @Argument(help: "Tenant files or folders (default: tenants/).")
    var paths: [String] = []

    @Option(name: .long, help: "Output format: text, json, markdown or html (one self-contained page with previews).")
    var format: PlanFormat = .text

    @Option(name: .long, help: "Save the plan as JSON for a later 'apply PLAN.json'.")
    var out: String?

    @Option(name: .long, help: ArgumentHelp("Draw each changed configuration before and after, per language, as SVG sketches in this folder.", valueName: "folder"))
    var preview: String?

    @Flag(name: .long, help: "Show which file (a base or the tenant file), line and column set each wanted value.")
    var explain = false

    @Flag(name: .long, help: "Exit 2 when there are changes, 0 when there are none, 1 on error.")
    var detailedExitcode = false

    @Flag(name: .long, help: "Plan deleting live objects that share a managed object's name (the oldest is kept; deletes need --allow delete or --allow-risky at apply).")
    var removeDuplicates = false

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var fleet: FleetOptions
    var global: GlobalOptions { GlobalOptions(connection: connection, fleet: fleet) }

    func run() async throws {
        guard let (tenants, _) = TenantFiles.load(paths, shard: global.shard) else { throw ExitCode.error }
        let plan = try await global.planFleet(tenants, removeDuplicates: removeDuplicates, label: "planning")
        if let out {
            try ReportFiles.writeAtomically(try ReportFiles.json(plan), to: out)
        }
        let policies = Dictionary(tenants.map { ($0.name, $0.policy) }, uniquingKeysWith: { a, _ in a })
        if let preview {
            do {
                for path in try PreviewFiles.writePlanPreviews(plan, policies: policies, to: preview) { printError("wrote \(path)") }
            } catch {
                printError("error: \(error)")
                throw ExitCode.error
            }
        }
        switch format {
        case .html: printOut(PlanHTMLRenderer(policies: policies).render(plan))
        case .text: printOut(PlanTextRenderer(style: global.style(), explain: explain).render(plan))
        case .json: printOut(String(decoding: try ReportFiles.json(plan), as: UTF8.self))
        case .markdown: printOut(PlanMarkdownRenderer().render(plan))
        }
        // Text and markdown show the guards in the plan itself; JSON readers get them on stderr.
        if format == .json {
            for line in PlanTextRenderer().guardLines(plan) { printError("warning: \(line)") }
        }
        if plan.hasErrors { throw ExitCode.error }
        if detailedExitcode && plan.hasChanges { throw ExitCode.changes }
    }
}

enum PlanFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, markdown, html
}

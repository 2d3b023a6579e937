import ArgumentParser
import Foundation
import Reconciler

struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Work with saved JSON plans and drift reports.",
        subcommands: [Merge.self])

    struct Merge: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Combine the JSON plans or drift reports of several shards into one.",
            discussion: """
                Example (a CI matrix ran 'plan --shard K/4 --out plan-K.json'):
                  messengerctl report merge plan-*.json --out plan.json --format markdown
                Drift shards ('drift --shard K/4 --format json > drift-K.json'):
                  messengerctl report merge drift-*.json --drift --format markdown
                """)

        @Argument(help: "JSON plans or drift reports.")
        var inputs: [String]

        @Option(name: .long, help: "Write the merged JSON here (atomically).")
        var out: String?

        @Option(name: .long, help: "Print the merged report as text, json, markdown, junit or html.")
        var format: DriftFormat = .text

        @Flag(name: .long, help: "The inputs are drift reports: text and markdown say who changed what, under the drift comment's own marker.")
        var drift = false

        func run() async throws {
            do {
                var merged = try ReportMerge.merge(try inputs.map { try ReportFiles.readPlan(path: $0) })
                if drift { merged.kind = .drift }
                if merged.kind == .mixed {
                    printError("warning: the merge mixes plans and drift reports; the result can be read but not applied")
                }
                if let out { try ReportFiles.writeAtomically(try ReportFiles.json(merged), to: out) }
                let isDrift = merged.kind == .drift
                switch format {
                case .text: printOut(isDrift ? DriftTextRenderer().render(merged) : PlanTextRenderer().render(merged))
                case .json: printOut(String(decoding: try ReportFiles.json(merged), as: UTF8.self))
                case .markdown: printOut(isDrift ? DriftMarkdownRenderer().render(merged) : PlanMarkdownRenderer().render(merged))
                case .junit: printOut(DriftJUnitRenderer().render(merged))
                case .html: printOut(isDrift ? DriftHTMLRenderer().render(merged) : PlanHTMLRenderer().render(merged))
                }
            } catch {
                printError("error: \(error)")
                throw ExitCode.error
            }
        }
    }
}

import ArgumentParser
import Foundation
import GenesysCloud
import Reconciler

struct ApplyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apply",
        abstract: "Make each tenant's org match its file, writing only the changes.",
        discussion: """
            Given a saved plan (from 'plan --out'), applies exactly that plan; given files or \
            folders, plans first and asks for confirmation on a terminal (or needs --auto-approve).

            Every write is checked against what the plan saw. If someone changed an object since, \
            nothing is written to it and apply exits 3 with both values; --rebase re-plans such an \
            object and goes on when the other writer touched no field the file manages, and lists \
            the fields it re-based.

            A saved plan is checked before anything is written: it must be a plan (not a drift \
            report), have no tenant errors, agree with itself, and match the tenant files in this \
            working tree (tenant, org, region, credentials, and what each object asks for). \
            Applied again after it succeeded, it reports "already applied" and writes nothing.

            Guards (exit 4 unless allowed with --allow RULE,... or --allow-risky):
            \(SafetyGuards.rules.map { "  \($0.name): \($0.summary)" }.joined(separator: "\n"))

            Exit codes: 0 applied, 1 error, 3 conflict or stale plan, 4 blocked by a safety guard, \
            5 cancelled at the confirmation prompt (nothing applied), 64 a mistake on the command line.

            Examples:
              messengerctl apply plan.json
              messengerctl apply plan.json --allow delete,remove-domains
              messengerctl apply tenants/ --auto-approve --report apply-report.json
            """)

    @Argument(help: "A saved plan (PLAN.json), or tenant files or folders (default: tenants/).")
    var paths: [String] = []

    @Flag(name: .long, help: "Apply without asking for confirmation.")
    var autoApprove = false

    @Flag(name: .long, help: "On a moved precondition, re-plan and apply when the other writer changed no field the file manages.")
    var rebase = false

    @Flag(name: .long, help: "Publish a draft even when it holds someone else's unpublished edits.")
    var publishForeignDraft = false

    @Flag(name: .long, help: "Apply even when a safety guard objects (deletes, allowAllDomains on, removed domains, messenger or authentication disabled, older versions, too many tenants).")
    var allowRisky = false

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Let these guards through, comma-separated: "
                + SafetyGuards.rules.map(\.name).joined(separator: ", ") + ".",
            valueName: "rule,..."))
    var allow: [String] = []

    @Flag(name: .long, help: "Delete live objects that share a managed object's name (the oldest is kept); a delete, so it also needs --allow delete or --allow-risky.")
    var removeDuplicates = false

    @Option(name: .long, help: "Also write the apply report as JSON to this file (atomically); checked before anything is written.")
    var report: String?

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var fleet: FleetOptions
    var global: GlobalOptions { GlobalOptions(connection: connection, fleet: fleet) }

    func run() async throws {
        try await global.withTransport { transport in try await run(transport: transport) }
    }

    private func run(transport: GenesysTransport) async throws {
        // Ctrl-C from the start: during planning nothing has been written, so apply stops before
        // writing; during apply, the step in flight finishes and nothing more is attempted.
        let cancellation = ApplyCancellation()
        let signals = InterruptHandler { cancellation.cancel() }
        defer { signals.cancel() }
        let context: ReconcilerContext
        do {
            context = try global.makeContext(transport: transport)
        } catch {
            printError("error: \(error)")
            throw ExitCode.error
        }
        let settings = ApplyWorkflow.Settings(
            autoApprove: autoApprove, rebase: rebase, publishForeignDraft: publishForeignDraft, allowRisky: allowRisky,
            allow: allow, removeDuplicates: removeDuplicates, reportPath: report, style: global.style())
        // The prompt is answered on a terminal only: piped input is no confirmation.
        let answer: (@Sendable () -> String?)? = isatty(STDIN_FILENO) == 1 ? { @Sendable in readLine() } : nil
        let interaction = ApplyWorkflow.Interaction(
            output: { printOut($0) }, errors: { printError($0) }, answer: answer,
            progress: { label, step in
                let line = ProgressLine(label: label)
                if let step { line.update(step) } else { line.finish() }
            })
        let (paths, shard) = (paths, global.shard)
        let source: ApplyWorkflow.Source =
            paths.count == 1 && paths[0].hasSuffix(".json")
            ? .savedPlan(path: paths[0]) : .tenants { TenantFiles.load(paths, shard: shard)?.tenants }
        let outcome = await ApplyWorkflow(
            fleet: Fleet(context: context), settings: settings, interaction: interaction, cancellation: cancellation
        ).run(source)
        if outcome.status != .success { throw ExitCode(outcome.status) }
    }
}

/// Turns SIGINT (Ctrl-C) and SIGTERM (what CI runners send on cancel) into a flag, so apply stops
/// between steps instead of dying mid-write: the step in flight finishes (a hanging request ends at its
/// --request-timeout), the report is written, and the rest is listed as not attempted. A second signal
/// of the same kind ends the process at once.
final class InterruptHandler {
    private let sources: [any DispatchSourceSignal]
    static let signals: [Int32] = [SIGINT, SIGTERM]

    init(_ handler: @escaping @Sendable () -> Void) {
        var sources: [any DispatchSourceSignal] = []
        for number in Self.signals {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                let again = number == SIGINT ? "Ctrl-C again" : "a second SIGTERM"
                printError("\nStopping after the step in flight (\(again) aborts at once)…")
                signal(number, SIG_DFL)
                handler()
            }
            source.resume()
            sources.append(source)
        }
        self.sources = sources
    }

    func cancel() {
        for source in sources { source.cancel() }
        for number in Self.signals { signal(number, SIG_DFL) }
    }
}

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
            object and goes on when the other writer touched none of the same fields.

            Exit codes: 0 applied, 1 error, 3 conflict or stale plan, 4 blocked by a safety guard.

            Examples:
              messengerctl apply plan.json
              messengerctl apply tenants/ --auto-approve --report apply-report.json
            """)

    @Argument(help: "A saved plan (PLAN.json), or tenant files or folders (default: tenants/).")
    var paths: [String] = []

    @Flag(name: .long, help: "Apply without asking for confirmation.")
    var autoApprove = false

    @Flag(name: .long, help: "On a moved precondition, re-plan and apply when the other writer changed none of the same fields.")
    var rebase = false

    @Flag(name: .long, help: "Publish a draft even when it holds someone else's unpublished edits.")
    var publishForeignDraft = false

    @Flag(name: .long, help: "Apply even when a safety guard objects (deletes, allowAllDomains on, removed domains, messenger or authentication disabled, older versions, too many tenants).")
    var allowRisky = false

    @Flag(name: .long, help: "Delete live objects that share a managed object's name (the oldest is kept); a delete, so it also needs --allow-risky.")
    var removeDuplicates = false

    @Option(name: .long, help: "Also write the apply report as JSON to this file (atomically).")
    var report: String?

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        try await global.withTransport { transport in try await run(transport: transport) }
    }

    private func run(transport: GenesysTransport) async throws {
        // Ctrl-C from the start: during planning nothing has been written, so apply stops before
        // writing; during apply, the step in flight finishes and nothing more is attempted.
        let stop = StopFlag()
        let signals = InterruptHandler { stop.raise() }
        defer { signals.cancel() }
        let context: ReconcilerContext
        do {
            context = try global.makeContext(transport: transport)
        } catch {
            printError("error: \(error)")
            throw ExitCode(ExitStatus.error)
        }
        let fleet = Fleet(context: context)

        let plan: Plan
        if paths.count == 1, paths[0].hasSuffix(".json") {
            if removeDuplicates {
                printError(
                    "error: --remove-duplicates decides what a plan contains; save a plan with "
                        + "'plan --remove-duplicates --out plan.json' and apply that file")
                throw ExitCode(ExitStatus.error)
            }
            do {
                plan = try ReportFiles.readPlan(path: paths[0])
            } catch {
                printError("error: \(error)")
                throw ExitCode(ExitStatus.error)
            }
        } else {
            guard let (tenants, _) = TenantFiles.load(paths, shard: global.shard) else { throw ExitCode(ExitStatus.error) }
            let progress = ProgressLine(label: "planning")
            plan = await fleet.plan(tenants, removeDuplicates: removeDuplicates) { progress.update($0) }
            progress.finish()
            printOut(PlanTextRenderer(style: global.style()).render(plan))
            if plan.hasErrors {
                printError("error: some tenants could not be planned; nothing was applied")
                throw ExitCode(ExitStatus.error)
            }
            if !plan.hasChanges {
                printOut("Nothing to apply: every tenant is in sync.\n")
                return
            }
            try checkGuards(plan)
            if !autoApprove {
                guard isatty(STDIN_FILENO) == 1 else {
                    printError(
                        "error: refusing to apply without confirmation: no terminal to ask on. "
                            + "Review the plan and pass --auto-approve, or save it with 'plan --out' and apply that file.")
                    throw ExitCode(ExitStatus.error)
                }
                printOut("\nApply these changes? Only 'yes' is accepted: ")
                guard readLine()?.trimmingCharacters(in: .whitespaces) == "yes" else {
                    printError("Apply cancelled; nothing was written.")
                    throw ExitCode(ExitStatus.error)
                }
            }
        }

        if paths.count == 1, paths[0].hasSuffix(".json") { try checkGuards(plan) }
        if stop.isRaised {
            printError("Interrupted before anything was written.")
            throw ExitCode(ExitStatus.error)
        }
        let progress = ProgressLine(label: "applying")
        let result = await fleet.apply(
            plan, options: ApplyOptions(rebase: rebase, publishForeignDraft: publishForeignDraft, stop: stop)
        ) { progress.update($0) }
        progress.finish()

        printOut(ApplyTextRenderer(style: global.style()).render(result))
        if stop.isRaised {
            printError("Interrupted: the step in flight finished; the report above says what was not attempted.")
        }
        if let report {
            do {
                try ReportFiles.writeAtomically(try ReportFiles.json(result), to: report)
            } catch {
                printError("error: \(error)")
                throw ExitCode(ExitStatus.error)
            }
        }
        let code = Self.exitCode(result, interrupted: stop.isRaised)
        if code != ExitStatus.success { throw ExitCode(code) }
    }

    /// Refuses (exit 4) a plan a safety guard objects to, unless `--allow-risky`.
    private func checkGuards(_ plan: Plan) throws {
        let violations = SafetyGuards().check(plan)
        guard !violations.isEmpty else { return }
        for violation in violations {
            printError("\(allowRisky ? "warning" : "error"): guard \(violation.rule): \(violation)")
        }
        if !allowRisky {
            printError("Nothing was written. Review the plan; apply with --allow-risky if these changes are intended.")
            throw ExitCode(ExitStatus.blocked)
        }
    }

    /// The most severe outcome decides: a failure (1) over a conflict (3) over a guard (4).
    static func exitCode(_ report: ApplyReport, interrupted: Bool) -> Int32 {
        let s = report.summary
        if s.failed > 0 || s.tenantErrors > 0 || interrupted { return ExitStatus.error }
        if s.conflict > 0 { return ExitStatus.conflict }
        if s.blocked > 0 { return ExitStatus.blocked }
        if s.notAttempted > 0 { return ExitStatus.error }
        return ExitStatus.success
    }
}

/// Turns SIGINT into a flag so apply can stop between steps instead of dying mid-write.
final class InterruptHandler {
    private let source: any DispatchSourceSignal

    init(_ handler: @escaping @Sendable () -> Void) {
        signal(SIGINT, SIG_IGN)
        source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        source.setEventHandler {
            printError("\nStopping after the step in flight (Ctrl-C again to abort at once)…")
            signal(SIGINT, SIG_DFL)
            handler()
        }
        source.resume()
    }

    func cancel() {
        source.cancel()
        signal(SIGINT, SIG_DFL)
    }
}

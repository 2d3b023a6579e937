import ArgumentParser
import Foundation
import GenesysCloud
import Reconciler
import Synchronization

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

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        try await global.withTransport { transport in try await run(transport: transport) }
    }

    private func run(transport: GenesysTransport) async throws {
        // Ctrl-C from the start: during planning nothing has been written, so apply stops before
        // writing; during apply, the step in flight finishes and nothing more is attempted.
        let stop = StopFlag()
        // While planning nothing has been written, so a signal may cut a hanging request short.
        let planning = PlanningTask()
        let signals = InterruptHandler {
            stop.raise()
            planning.cancel()
        }
        defer { signals.cancel() }
        if let report {
            // Found out now, not after every org has been written.
            do {
                try ReportFiles.checkWritable(report)
            } catch {
                printError("error: --report: \(error); nothing was applied")
                throw ExitCode.error
            }
        }
        let context: ReconcilerContext
        do {
            context = try global.makeContext(transport: transport)
        } catch {
            printError("error: \(error)")
            throw ExitCode.error
        }
        let fleet = Fleet(context: context)
        let allowed = try allowedRules()

        let plan: Plan
        if paths.count == 1, paths[0].hasSuffix(".json") {
            if removeDuplicates {
                printError(
                    "error: --remove-duplicates decides what a plan contains; save a plan with "
                        + "'plan --remove-duplicates --out plan.json' and apply that file")
                throw ExitCode.error
            }
            do {
                plan = try ReportFiles.readPlan(path: paths[0])
                try SavedPlanCheck().verify(plan, path: paths[0])
            } catch let refusal as SavedPlanCheck.Refusal {
                printError("error: \(refusal)")
                throw ExitCode(refusal.exitStatus)
            } catch {
                printError("error: \(error)")
                throw ExitCode.error
            }
        } else {
            guard let (tenants, _) = TenantFiles.load(paths, shard: global.shard) else { throw ExitCode.error }
            let progress = ProgressLine(label: "planning")
            let removeDuplicates = removeDuplicates
            let task = Task { await fleet.plan(tenants, removeDuplicates: removeDuplicates) { progress.update($0) } }
            planning.set(task)
            if stop.isRaised { task.cancel() }
            plan = await task.value
            planning.set(nil)
            progress.finish()
            printOut(PlanTextRenderer(style: global.style()).render(plan))
            if stop.isRaised {
                // Straight to the report: every planned step is listed as not attempted.
            } else if plan.hasErrors {
                printError("error: some tenants could not be planned; nothing was applied")
                throw ExitCode.error
            } else if !plan.hasChanges {
                printOut("Nothing to apply: every tenant is in sync.\n")
                return
            }
            if !stop.isRaised { try checkGuards(plan, allowed: allowed) }
            if !autoApprove, !stop.isRaised {
                guard isatty(STDIN_FILENO) == 1 else {
                    printError(
                        "error: refusing to apply without confirmation: no terminal to ask on. "
                            + "Review the plan and pass --auto-approve, or save it with 'plan --out' and apply that file.")
                    throw ExitCode.error
                }
                printOut("\nApply these changes? Only 'yes' is accepted: ")
                guard readLine()?.trimmingCharacters(in: .whitespaces) == "yes" else {
                    printError("Apply cancelled at the prompt: nothing applied.")
                    throw ExitCode.cancelled
                }
            }
        }

        if paths.count == 1, paths[0].hasSuffix(".json") { try checkGuards(plan, allowed: allowed) }
        if stop.isRaised {
            // The report still lists every step, all not attempted, so CI shows what a cancel left undone.
            printError("Interrupted before anything was written.")
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
        if let report { try writeReport(result, to: report) }
        let code = result.exitStatus(interrupted: stop.isRaised)
        if code != .success { throw ExitCode(code) }
    }

    private func writeReport(_ result: ApplyReport, to path: String) throws {
        do {
            try ReportFiles.writeAtomically(try ReportFiles.json(result), to: path)
        } catch {
            printError("error: \(error)")
            throw ExitCode.error
        }
    }

    /// The guard names of `--allow` (commas or repeats); an unknown name is a usage error (exit 1).
    private func allowedRules() throws -> Set<String> {
        let names = Set(allow.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) })
            .subtracting([""])
        let known = Set(SafetyGuards.rules.map(\.name))
        let unknown = names.subtracting(known)
        if !unknown.isEmpty {
            printError(
                "error: --allow names no guard " + unknown.sorted().map { "`\($0)`" }.joined(separator: ", ")
                    + "; the guards are " + SafetyGuards.rules.map(\.name).joined(separator: ", "))
            throw ExitCode.error
        }
        return names
    }

    /// Refuses (exit 4) a plan a safety guard objects to, unless that guard is allowed by name
    /// (`--allow RULE`) or all are (`--allow-risky`).
    private func checkGuards(_ plan: Plan, allowed: Set<String>) throws {
        let violations = SafetyGuards().check(plan)
        guard !violations.isEmpty else { return }
        let blocking = violations.filter { !allowRisky && !allowed.contains($0.rule) }
        for violation in violations {
            let isBlocking = blocking.contains(violation)
            printError("\(isBlocking ? "error" : "warning"): guard \(violation.rule): \(violation)"
                + (isBlocking ? "" : " (allowed)"))
        }
        if !blocking.isEmpty {
            let rules = Set(blocking.map(\.rule)).sorted().joined(separator: ",")
            printError(
                "Nothing was written. Review the plan; apply with --allow \(rules) (or --allow-risky) if these changes are intended.")
            throw ExitCode.blocked
        }
    }
}

/// The planning task of an apply, for the signal handler to cancel.
final class PlanningTask: Sendable {
    private let task = Mutex<Task<Plan, Never>?>(nil)
    func set(_ value: Task<Plan, Never>?) { task.withLock { $0 = value } }
    func cancel() { task.withLock { $0?.cancel() } }
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

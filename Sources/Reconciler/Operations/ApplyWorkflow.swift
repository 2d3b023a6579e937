import Foundation
import Synchronization

/// What `messengerctl apply` does between its flags and its exit code: plan the tenants now or load a
/// saved plan (and check it), run the safety guards, show the plan, ask for confirmation, apply with
/// Ctrl-C honoured between steps, write the report, and decide the exit status.
///
/// Everything outside the library comes in as a value or a closure (what to print, how to read the
/// answer to the prompt, the progress line, the cancellation), so the whole workflow runs in a test
/// against the in-process emulator exactly as it runs behind the command line.
public struct ApplyWorkflow: Sendable {
    /// Where the plan comes from.
    public enum Source: Sendable {
        /// A plan saved by `plan --out`: read, then checked against itself and the tenant files.
        case savedPlan(path: String)
        /// Tenants to plan now. `load` reports its own problems (diagnostics with `file:line:column`)
        /// and returns `nil` when the files cannot be planned; the run then ends with an error.
        case tenants(load: @Sendable () -> [Tenant]?)
    }

    /// The choices of the apply command's flags.
    public struct Settings: Sendable {
        /// Apply without asking for confirmation.
        public var autoApprove: Bool
        public var rebase: Bool
        public var publishForeignDraft: Bool
        /// Let every guard through.
        public var allowRisky: Bool
        /// Guards let through by name, as given (`--allow delete,remove-domains`, repeatable).
        public var allow: [String]
        /// Asked of a fresh plan; refused with a saved one (the saved plan already decided).
        public var removeDuplicates: Bool
        /// Also write the apply report as JSON here, checked before anything is written.
        public var reportPath: String?
        public var style: ReportStyle
        /// The waits between polls during apply (``ApplyOptions/pause``); `nil`: the client's clock.
        public var pause: (@Sendable (Duration) async throws -> Void)?

        public init(
            autoApprove: Bool = false, rebase: Bool = false, publishForeignDraft: Bool = false, allowRisky: Bool = false,
            allow: [String] = [], removeDuplicates: Bool = false, reportPath: String? = nil,
            style: ReportStyle = ReportStyle(), pause: (@Sendable (Duration) async throws -> Void)? = nil
        ) {
            self.autoApprove = autoApprove
            self.rebase = rebase
            self.publishForeignDraft = publishForeignDraft
            self.allowRisky = allowRisky
            self.allow = allow
            self.removeDuplicates = removeDuplicates
            self.reportPath = reportPath
            self.style = style
            self.pause = pause
        }
    }

    /// How the workflow talks to whoever runs it.
    public struct Interaction: Sendable {
        /// Standard output: the plan, the prompt, the apply report (text as is).
        public var output: @Sendable (String) -> Void
        /// Standard error: errors, guard lines, interruption notes (one message a call).
        public var errors: @Sendable (String) -> Void
        /// Reads the answer to the confirmation prompt; `nil` when there is no terminal to ask on.
        public var answer: (@Sendable () -> String?)?
        /// A progress line: `label` ("planning", "applying") with a step, or `nil` when it ends.
        public var progress: @Sendable (_ label: String, _ step: Fleet.Progress?) -> Void

        public init(
            output: @escaping @Sendable (String) -> Void, errors: @escaping @Sendable (String) -> Void,
            answer: (@Sendable () -> String?)?,
            progress: @escaping @Sendable (_ label: String, _ step: Fleet.Progress?) -> Void = { _, _ in }
        ) {
            self.output = output
            self.errors = errors
            self.answer = answer
            self.progress = progress
        }
    }

    /// How a run ended: the exit status, and the plan and apply report when it got that far.
    public struct Outcome: Sendable {
        public var status: ExitStatus
        public var plan: Plan?
        public var report: ApplyReport?
    }

    public let fleet: Fleet
    public let settings: Settings
    public let interaction: Interaction
    public let cancellation: ApplyCancellation

    public init(fleet: Fleet, settings: Settings, interaction: Interaction, cancellation: ApplyCancellation = ApplyCancellation()) {
        self.fleet = fleet
        self.settings = settings
        self.interaction = interaction
        self.cancellation = cancellation
    }

    public func run(_ source: Source) async -> Outcome {
        let stop = cancellation.stop
        let output = interaction.output
        let errors = interaction.errors
        func ended(_ status: ExitStatus, _ plan: Plan? = nil) -> Outcome { Outcome(status: status, plan: plan) }
        if let report = settings.reportPath {
            // Found out now, not after every org has been written.
            do {
                try ReportFiles.checkWritable(report)
            } catch {
                errors("error: --report: \(error); nothing was applied")
                return ended(.error)
            }
        }
        let allowed: Set<String>
        switch SafetyGuards.allowedRules(settings.allow) {
        case .success(let names): allowed = names
        case .failure(let error):
            errors("error: \(error)")
            return ended(.error)
        }

        let plan: Plan
        switch source {
        case .savedPlan(let path):
            if settings.removeDuplicates {
                errors(
                    "error: --remove-duplicates decides what a plan contains; save a plan with "
                        + "'plan --remove-duplicates --out plan.json' and apply that file")
                return ended(.error)
            }
            do {
                plan = try ReportFiles.readPlan(path: path)
                try SavedPlanCheck().verify(plan, path: path)
            } catch let refusal as SavedPlanCheck.Refusal {
                errors("error: \(refusal)")
                return ended(refusal.exitStatus)
            } catch {
                errors("error: \(error)")
                return ended(.error)
            }
            if let blocked = checkGuards(plan, allowed: allowed) { return ended(blocked, plan) }
        case .tenants(let load):
            guard let tenants = load() else { return ended(.error) }
            let fleet = fleet
            let removeDuplicates = settings.removeDuplicates
            let progress = interaction.progress
            let task = Task { await fleet.plan(tenants, removeDuplicates: removeDuplicates) { progress("planning", $0) } }
            cancellation.planning(task)
            plan = await task.value
            cancellation.planning(nil)
            progress("planning", nil)
            output(PlanTextRenderer(style: settings.style).render(plan))
            if stop.isRaised {
                // Straight to the report: every planned step is listed as not attempted.
            } else if plan.hasErrors {
                errors("error: some tenants could not be planned; nothing was applied")
                return ended(.error, plan)
            } else if !plan.hasChanges {
                output("Nothing to apply: every tenant is in sync.\n")
                return ended(.success, plan)
            }
            if !stop.isRaised, let blocked = checkGuards(plan, allowed: allowed) { return ended(blocked, plan) }
            if !settings.autoApprove, !stop.isRaised {
                guard let answer = interaction.answer else {
                    errors(
                        "error: refusing to apply without confirmation: no terminal to ask on. "
                            + "Review the plan and pass --auto-approve, or save it with 'plan --out' and apply that file.")
                    return ended(.error, plan)
                }
                output("\nApply these changes? Only 'yes' is accepted: ")
                guard answer()?.trimmingCharacters(in: .whitespaces) == "yes" else {
                    errors("Apply cancelled at the prompt: nothing applied.")
                    return ended(.cancelled, plan)
                }
            }
        }

        if stop.isRaised {
            // The report still lists every step, all not attempted, so CI shows what a cancel left undone.
            errors("Interrupted before anything was written.")
        }
        let progress = interaction.progress
        let options = ApplyOptions(
            rebase: settings.rebase, publishForeignDraft: settings.publishForeignDraft, stop: stop, pause: settings.pause)
        let result = await fleet.apply(plan, options: options) { progress("applying", $0) }
        progress("applying", nil)

        output(ApplyTextRenderer(style: settings.style).render(result))
        if stop.isRaised {
            errors("Interrupted: the step in flight finished; the report above says what was not attempted.")
        }
        var outcome = Outcome(status: result.exitStatus(interrupted: stop.isRaised), plan: plan, report: result)
        if let report = settings.reportPath {
            do {
                try ReportFiles.writeAtomically(try ReportFiles.json(result), to: report)
            } catch {
                errors("error: \(error)")
                outcome.status = .error
            }
        }
        return outcome
    }

    /// Blocks (exit 4) a plan a safety guard objects to, unless that guard is allowed by name
    /// (`--allow RULE`) or all are (`--allow-risky`); allowed objections are shown as warnings.
    private func checkGuards(_ plan: Plan, allowed: Set<String>) -> ExitStatus? {
        let violations = SafetyGuards().check(plan)
        guard !violations.isEmpty else { return nil }
        let blocking = violations.filter { !settings.allowRisky && !allowed.contains($0.rule) }
        for violation in violations {
            let isBlocking = blocking.contains(violation)
            interaction.errors("\(isBlocking ? "error" : "warning"): guard \(violation.rule): \(violation)"
                + (isBlocking ? "" : " (allowed)"))
        }
        guard !blocking.isEmpty else { return nil }
        let rules = Set(blocking.map(\.rule)).sorted().joined(separator: ",")
        interaction.errors(
            "Nothing was written. Review the plan; apply with --allow \(rules) (or --allow-risky) if these changes are intended.")
        return .blocked
    }
}

/// Ctrl-C (or SIGTERM) for an apply: while planning nothing has been written, so the planning task is
/// cancelled and may cut a hanging request short; during apply the step in flight finishes and nothing
/// more is attempted (``ApplyOptions/stop``).
public final class ApplyCancellation: Sendable {
    public let stop: StopFlag
    private let planningTask = Mutex<Task<Plan, Never>?>(nil)

    public init(stop: StopFlag = StopFlag()) {
        self.stop = stop
    }

    public func cancel() {
        stop.raise()
        planningTask.withLock { $0?.cancel() }
    }

    /// The planning task in flight, for `cancel` to end; one set after a cancel is cancelled at once.
    func planning(_ task: Task<Plan, Never>?) {
        planningTask.withLock { $0 = task }
        if stop.isRaised { task?.cancel() }
    }
}

extension SafetyGuards {
    /// The guard names of `--allow` (commas or repeats); an unknown name is refused with the known ones.
    public static func allowedRules(_ given: [String]) -> Result<Set<String>, ReconcilerError> {
        let names = Set(given.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) })
            .subtracting([""])
        let unknown = names.subtracting(rules.map(\.name))
        guard unknown.isEmpty else {
            return .failure(
                ReconcilerError(
                    "--allow names no guard " + unknown.sorted().map { "`\($0)`" }.joined(separator: ", ")
                        + "; the guards are " + rules.map(\.name).joined(separator: ", ")))
        }
        return .success(names)
    }
}

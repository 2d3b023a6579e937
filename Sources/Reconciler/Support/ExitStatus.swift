/// Exit codes of DESIGN.md "Commands and exit codes" (Terraform's `-detailed-exitcode` habit), and 5
/// for a cancelled confirmation. The library decides them (an apply's outcome, a refused plan); the
/// CLI names them as swift-argument-parser `ExitCode` constants and sets them. A mistake on the
/// command line exits 64 (sysexits' EX_USAGE), set by swift-argument-parser itself.
public enum ExitStatus: Int32, Sendable {
    /// Nothing to do, or done.
    case success = 0
    case error = 1
    /// Changes present (plan with `--detailed-exitcode`, drift).
    case changes = 2
    /// A conflict, or a stale plan.
    case conflict = 3
    /// Blocked by a safety guard.
    case blocked = 4
    /// `apply` asked for confirmation and was not told `yes`: nothing was applied.
    case cancelled = 5
}

extension ApplyReport {
    /// The most severe outcome decides: a failure (1) over a conflict (3) over a guard (4).
    public func exitStatus(interrupted: Bool) -> ExitStatus {
        let s = summary
        if s.failed > 0 || s.tenantErrors > 0 || interrupted { return .error }
        if s.conflict > 0 { return .conflict }
        if s.blocked > 0 { return .blocked }
        if s.notAttempted > 0 { return .error }
        return .success
    }
}

extension SavedPlanCheck.Refusal {
    /// A stale plan (or one of another format version) exits 3: re-running plan makes a good one.
    public var exitStatus: ExitStatus { isStale ? .conflict : .error }
}

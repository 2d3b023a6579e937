import GenesysEmulator
import Reconciler

/// The soak's invariants, checked from what the emulator holds and what each `messengerctl apply` said.
/// Pure functions over recorded data, so a failure names the tenant and the round.
struct SoakChecker {
    /// One `messengerctl apply` run of the soak.
    struct ApplyRun: Sendable {
        var round: Int
        var exitStatus: Int32
        /// The `--report` JSON, when apply wrote one (it does not when nothing was planned to change or
        /// the plan failed).
        var report: ApplyReport?
        /// Printed "Nothing to apply" (every tenant in sync).
        var nothingToApply: Bool
        /// POST/PUT/DELETE by the CI clients during the run, token requests excluded.
        var ciWrites: Int
        /// Versions the CI user published during the run, per configuration id.
        var ciPublishes: [String: Int]
    }

    /// The exit code DESIGN.md "Commands and exit codes" gives an apply report: a failure (1) over a
    /// conflict (3) over a guard (4); objects not attempted make it 1.
    static func expectedExitStatus(_ report: ApplyReport) -> Int32 {
        let s = report.summary
        if s.failed > 0 || s.tenantErrors > 0 { return 1 }
        if s.conflict > 0 { return 3 }
        if s.blocked > 0 { return 4 }
        if s.notAttempted > 0 { return 1 }
        return 0
    }

    /// Why a run's exit code does not match what it reported, or nil when it does.
    static func exitMismatch(_ run: ApplyRun) -> String? {
        if let report = run.report {
            let expected = expectedExitStatus(report)
            return expected == run.exitStatus
                ? nil : "round \(run.round): exit \(run.exitStatus) but the report's outcomes mean \(expected)"
        }
        // Without a report nothing may have been written: in sync (0), plan failed (1), guard refused (4).
        switch run.exitStatus {
        case 0 where run.nothingToApply && run.ciWrites == 0: return nil
        case 1 where run.ciWrites == 0, 4 where run.ciWrites == 0: return nil
        default:
            return "round \(run.round): exit \(run.exitStatus) without a report, \(run.ciWrites) writes"
        }
    }

    /// Configurations the CI user published more than once within one apply run.
    static func doublePublishes(_ run: ApplyRun) -> [String] {
        run.ciPublishes.filter { $0.value > 1 }.map { "round \(run.round): configuration \($0.key) published \($0.value) times" }
    }

    /// Configuration names that appear more than once in an org.
    static func duplicatedConfigurations(_ snapshot: EmulatorSnapshot) -> [String] {
        snapshot.orgs.flatMap { org in
            Dictionary(grouping: org.configurations, by: \.name).filter { $0.value.count > 1 }
                .map { "\(org.name): configuration \($0.key) exists \($0.value.count) times" }
        }
    }

    /// Versions published by `userId`, per configuration id.
    static func publishes(by userIds: Set<String>, in snapshot: EmulatorSnapshot) -> [String: Int] {
        var counts: [String: Int] = [:]
        for org in snapshot.orgs {
            for configuration in org.configurations {
                counts[configuration.id] = configuration.versions.filter {
                    $0["publishedUser"]?["id"]?.stringValue.map(userIds.contains) ?? false
                }.count
            }
        }
        return counts
    }

    /// New publishes between two counts.
    static func difference(_ after: [String: Int], _ before: [String: Int]) -> [String: Int] {
        after.compactMapValues { $0 }.reduce(into: [:]) { result, entry in
            let delta = entry.value - (before[entry.key] ?? 0)
            if delta > 0 { result[entry.key] = delta }
        }
    }

    /// Unmanaged admin edits that the final draft or latest published version no longer holds.
    /// - Parameters:
    ///   - expected: per org name, the configuration name and the values the field may hold: the one the
    ///     admin last wrote successfully, plus one whose write never got an answer (it may have been applied).
    ///   - path: the unmanaged field's path in the configuration.
    static func lostUnmanagedEdits(
        _ expected: [String: (configuration: String, values: [EmulatorJSON])], path: [String], in snapshot: EmulatorSnapshot
    ) -> [String] {
        var lost: [String] = []
        for (orgName, edit) in expected.sorted(by: { $0.key < $1.key }) {
            guard let org = snapshot.org(named: orgName),
                let configuration = org.configurations.first(where: { $0.name == edit.configuration })
            else {
                lost.append("\(orgName): configuration \(edit.configuration) is gone")
                continue
            }
            let dotted = path.joined(separator: ".")
            let wanted = edit.values.map { describe($0) }.joined(separator: " or ")
            let draft = value(configuration.draft, path)
            if !edit.values.contains(where: { $0 == draft }) {
                lost.append("\(orgName): draft \(dotted) is \(describe(draft)), the admin last set \(wanted)")
            }
            let latest = configuration.versions.last.flatMap { value($0, path) }
            if !edit.values.contains(where: { $0 == latest }) {
                lost.append("\(orgName): latest version \(dotted) is \(describe(latest)), the admin last set \(wanted)")
            }
        }
        return lost
    }

    static func value(_ json: EmulatorJSON, _ path: [String]) -> EmulatorJSON? {
        path.reduce(Optional(json)) { $0?[$1] }
    }

    private static func describe(_ value: EmulatorJSON?) -> String {
        value.map { String(decoding: $0.encoded(), as: UTF8.self) } ?? "(absent)"
    }
}

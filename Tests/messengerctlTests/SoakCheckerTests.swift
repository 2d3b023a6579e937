import Foundation
import GenesysEmulator
@testable import messengerctl_bench
import Reconciler
import Testing

/// The fault soak's invariant checker must flag what it exists to catch; a checker that passes
/// everything would make the soak's PASS lines worthless.
@Suite struct SoakCheckerTests {
    /// A snapshot as the emulator encodes it, with the configurations given as (id, name, sideSpace of
    /// the draft, sideSpace of the latest version).
    private func snapshot(_ configurations: [(String, String, Int, Int)]) throws -> EmulatorSnapshot {
        let items = configurations.map { id, name, draft, latest in
            """
            {"id": "\(id)", "name": "\(name)", "draft": {"name": "\(name)", "position": {"sideSpace": \(draft)}},
             "versions": [{"version": "1", "position": {"sideSpace": \(latest)}}]}
            """
        }
        let json = """
            {"orgs": [{"id": "o1", "name": "t-0001", "region": "eu-west-1", "configurations": [\(items.joined(separator: ","))],
                       "deployments": [], "schedules": [], "scheduleGroups": [], "audits": []}]}
            """
        return try JSONDecoder().decode(EmulatorSnapshot.self, from: Data(json.utf8))
    }

    @Test func flagsAConfigurationDuplicatedInAnOrg() throws {
        let duplicated = try snapshot([("a", "t-0001-support", 1, 1), ("b", "t-0001-support", 1, 1)])
        #expect(SoakChecker.duplicatedConfigurations(duplicated) == ["t-0001: configuration t-0001-support exists 2 times"])
        let unique = try snapshot([("a", "t-0001-support", 1, 1), ("b", "t-0001-other", 1, 1)])
        #expect(SoakChecker.duplicatedConfigurations(unique).isEmpty)
    }

    @Test func flagsAnUnmanagedEditTheDraftOrLatestVersionLost() throws {
        let expected: [String: (configuration: String, values: [EmulatorJSON])] = ["t-0001": ("t-0001-support", [.number(40)])]
        let kept = try snapshot([("a", "t-0001-support", 40, 40)])
        #expect(SoakChecker.lostUnmanagedEdits(expected, path: ["position", "sideSpace"], in: kept).isEmpty)
        let lost = try snapshot([("a", "t-0001-support", 40, 7)])
        let problems = SoakChecker.lostUnmanagedEdits(expected, path: ["position", "sideSpace"], in: lost)
        #expect(problems.count == 1)
        #expect(problems.first?.contains("latest version position.sideSpace is 7") == true)
    }

    @Test func flagsAnExitCodeThatHidesAConflictAndASecondPublish() {
        let conflict = TenantApplyReport(
            tenant: "t-0001", region: "eu-west-1",
            objects: [ObjectApplyResult(kind: .configuration, name: "t-0001-support", action: .update, outcome: .conflict)])
        let report = ApplyReport(startedAt: "", finishedAt: "", tenants: [conflict])
        let hidden = SoakChecker.ApplyRun(
            round: 1, exitStatus: 0, report: report, nothingToApply: false, ciWrites: 0, ciPublishes: ["a": 2])
        #expect(SoakChecker.exitMismatch(hidden) == "round 1: exit 0 but the report's outcomes mean 3")
        #expect(SoakChecker.doublePublishes(hidden) == ["round 1: configuration a published 2 times"])
        var honest = hidden
        honest.exitStatus = 3
        honest.ciPublishes = ["a": 1]
        #expect(SoakChecker.exitMismatch(honest) == nil)
        #expect(SoakChecker.doublePublishes(honest).isEmpty)
        // Without a report, exit 1 is right only when nothing was written.
        let wrote = SoakChecker.ApplyRun(round: 2, exitStatus: 1, report: nil, nothingToApply: false, ciWrites: 3, ciPublishes: [:])
        #expect(SoakChecker.exitMismatch(wrote) != nil)
    }
}

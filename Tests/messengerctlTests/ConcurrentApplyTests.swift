import Foundation
import GenesysCloud
import GenesysEmulator
import TestSupport
import Testing

/// End to end (issue 10, "Duplicates" and "Concurrent updates"): two `messengerctl apply` processes
/// at once against one emulator, round after round. The API has no lock (reference §5.4), so the
/// applies must converge by themselves: each object once, every deployment on the latest published
/// version, and exit codes that say what happened.
@Suite(.serialized) struct ConcurrentApplyTests {
    /// Rounds per test: 5 in the suite (each round runs two `messengerctl` processes, and the suite runs in
    /// parallel on 2 cores); `MESSENGERCTL_RACE_ROUNDS=20` for the longer run the README reports.
    static let rounds = ProcessInfo.processInfo.environment["MESSENGERCTL_RACE_ROUNDS"].flatMap { Int($0) } ?? 5

    /// Both applies of one round, started together.
    static func race(_ h: CLIHarness, _ arguments: [String]) async throws -> (ProcessRunner.Result, ProcessRunner.Result) {
        async let first = h.run(arguments)
        async let second = h.run(arguments)
        return (try await first, try await second)
    }

    /// Every object of the org exists once; every deployment serves its configuration's latest
    /// published version; every group names schedules that exist.
    static func checkConverged(_ org: EmulatorSnapshot.Org, round: Int, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        var names: [String: Int] = [:]
        for name in org.configurations.map({ "configuration \($0.name)" })
            + org.deployments.map({ "deployment \($0["name"]?.stringValue ?? "?")" })
            + org.schedules.map({ "schedule \($0["name"]?.stringValue ?? "?")" })
            + org.scheduleGroups.map({ "group \($0["name"]?.stringValue ?? "?")" })
        {
            names[name, default: 0] += 1
        }
        for (name, count) in names where count != 1 {
            Issue.record("round \(round), \(org.name): \(name) exists \(count) times", sourceLocation: sourceLocation)
        }
        for deployment in org.deployments {
            let id = deployment["configuration"]?["id"]?.stringValue
            guard let configuration = org.configurations.first(where: { $0.id == id }) else {
                Issue.record("round \(round), \(org.name): deployment serves a configuration that is gone", sourceLocation: sourceLocation)
                continue
            }
            let serving = deployment["configuration"]?["version"]?.stringValue
            if serving != String(configuration.versions.count) {
                Issue.record(
                    "round \(round), \(org.name): deployment serves version \(serving ?? "none") of \(configuration.versions.count)",
                    sourceLocation: sourceLocation)
            }
        }
        let scheduleIds = Set(org.schedules.compactMap { $0["id"]?.stringValue })
        for group in org.scheduleGroups {
            let named = ((group["openSchedules"]?.arrayValue ?? []) + (group["holidaySchedules"]?.arrayValue ?? []))
                .compactMap { $0["id"]?.stringValue }
            if !named.allSatisfy(scheduleIds.contains) || named.count != org.schedules.count {
                Issue.record("round \(round), \(org.name): the group names schedules that are not the org's", sourceLocation: sourceLocation)
            }
        }
    }

    @Test func twoAppliesOfANewOrgAtOnceLeaveEachObjectOnce() async throws {
        let specs = (0..<Self.rounds).map { i in
            CLIHarness.TenantSpec(
                name: "new\(i)", region: "eu-west-1",
                organizationId: String(format: "7b2e3c4d-5e6f-4a70-8b9c-%012d", i), secret: "secret-\(i)",
                yamlBody: PlanApplyTests.body)
        }
        try await CLIHarness.with(await CLIHarness(tenants: specs, activationDelay: .zero)) { h in
            let started = ContinuousClock.now
            var raced = 0
            for round in 0..<Self.rounds {
                let (a, b) = try await Self.race(h, ["apply", "--auto-approve", "tenants/new\(round).yaml"])
                #expect(a.status == 0, "round \(round): \(a.all)")
                #expect(b.status == 0, "round \(round): \(b.all)")
                let org = try #require(await h.emulator.snapshot().org(named: "new\(round)"))
                Self.checkConverged(org, round: round)
                #expect(org.configurations.first?.versions.count == 1, "round \(round): published \(org.configurations.first?.versions.count ?? 0) times")
                let creates = org.audits.filter { $0["action"]?.stringValue == "Create" && $0["entityType"]?.stringValue == "Configuration" }
                if creates.count > 1 { raced += 1 }
            }
            // The test means something only if the two applies did overlap.
            #expect(raced > 0, "no round had both applies create the configuration")
            print("concurrent first applies: \(Self.rounds) rounds, \(raced) raced on creation, \(ContinuousClock.now - started)")
        }
    }

    @Test func twoAppliesUpdatingTheSameFleetAtOnceConvergeEveryRound() async throws {
        let regions = ["eu-west-1", "us-east-1", "ap-southeast-2"]
        let specs = (0..<3).map { i in
            CLIHarness.TenantSpec(
                name: "f\(i)", region: regions[i], organizationId: String(format: "8c3f4d5e-6f70-4b81-9cad-%012d", i),
                secret: "secret-\(i)", yamlBody: PlanApplyTests.body)
        }
        try await CLIHarness.with(await CLIHarness(tenants: specs, activationDelay: .zero)) { h in
            let first = try await h.run(["apply", "--auto-approve"])
            #expect(first.status == 0, "\(first.all)")

            let started = ContinuousClock.now
            var colour = "#0052CC"
            var extraPublishes = 0
            for round in 1...Self.rounds {
                let next = String(format: "#00%02X%02X", round * 2, 0x80 + round)
                for spec in specs {
                    try h.write(tenant: spec.name, try h.read(tenant: spec.name).replacingOccurrences(of: colour, with: next))
                }
                colour = next
                let before = await h.emulator.snapshot()
                let (a, b) = try await Self.race(h, ["apply", "--auto-approve"])
                // Both applies asked for the same end state and it was reached: both are done.
                #expect(a.status == 0, "round \(round): \(a.all)")
                #expect(b.status == 0, "round \(round): \(b.all)")
                let after = await h.emulator.snapshot()
                for org in after.orgs {
                    Self.checkConverged(org, round: round)
                    let configuration = try #require(org.configurations.first)
                    let latest = try #require(configuration.versions.last)
                    #expect(latest["messenger"]?["styles"]?["primaryColor"]?.stringValue == colour, "round \(round)")
                    let published = configuration.versions.count
                        - (before.org(named: org.name)?.configurations.first?.versions.count ?? 0)
                    #expect(published >= 1, "round \(round), \(org.name): nothing published")
                    extraPublishes += max(0, published - 1)
                    if published > 1 {
                        // Both publishes landed in one round trip (no lock, reference §5.4): the apply that
                        // spent the version says so, and it repeats the values of the one before.
                        #expect((a.stdout + b.stdout).contains("repeats them"), "round \(round): \(a.stdout)\n\(b.stdout)")
                        let previous = configuration.versions[configuration.versions.count - 2]
                        #expect(previous["messenger"]?["styles"]?["primaryColor"] == latest["messenger"]?["styles"]?["primaryColor"])
                    }
                }
            }
            // Without the re-reads before publishing, both applies publish whenever both write the draft.
            #expect(extraPublishes * 5 <= Self.rounds * specs.count, "a version was published twice \(extraPublishes) times")
            print("concurrent updates: \(Self.rounds) rounds × 3 tenants, \(extraPublishes) extra publishes, \(ContinuousClock.now - started)")
        }
    }
}

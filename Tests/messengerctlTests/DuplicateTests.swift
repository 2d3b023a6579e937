import Foundation
import GenesysCloud
import GenesysEmulator
import TestSupport
import Testing

/// End to end (issue 10, "Duplicates"): a tenant is one tenant however its file is named, derived
/// schedule names never collide, and duplicates already in an org are explained and removed only
/// when asked.
@Suite(.serialized) struct DuplicateTests {
    static let org = "6a1e2b3c-4d5e-4f60-8a7b-9c0d1e2f3a40"

    static func harness(body: String = PlanApplyTests.body) async throws -> CLIHarness {
        try await CLIHarness(
            tenants: [
                CLIHarness.TenantSpec(name: "t1", region: "eu-west-1", organizationId: org, secret: "secret-1", yamlBody: body)
            ], activationDelay: .zero)
    }

    /// Names of every object of the org, by kind, with how often each occurs.
    static func counts(_ h: CLIHarness, org name: String = "t1") async throws -> [String: [String: Int]] {
        let org = try #require(await h.emulator.snapshot().org(named: name))
        func count(_ names: [String]) -> [String: Int] { names.reduce(into: [:]) { $0[$1, default: 0] += 1 } }
        return [
            "configuration": count(org.configurations.map(\.name)),
            "deployment": count(org.deployments.compactMap { $0["name"]?.stringValue }),
            "schedule": count(org.schedules.compactMap { $0["name"]?.stringValue }),
            "scheduleGroup": count(org.scheduleGroups.compactMap { $0["name"]?.stringValue }),
        ]
    }

    static func expectEachOnce(_ counts: [String: [String: Int]], sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        for (kind, names) in counts {
            for (name, n) in names where n != 1 {
                Issue.record("\(kind) `\(name)` exists \(n) times", sourceLocation: sourceLocation)
            }
        }
    }

    @Test func aTenantFileNamedTwiceIsOneTenantPlannedAndAppliedOnce() async throws {
        try await CLIHarness.with(await Self.harness()) { h in

            let validate = try await h.run(["validate", "tenants/t1.yaml", "tenants/", "./tenants/t1.yaml"])
            #expect(validate.status == 0, "\(validate.all)")
            #expect(validate.all.contains("1 file"), "\(validate.all)")

            let plan = try await h.run(["plan", "tenants/t1.yaml", "tenants/", "--format", "json"])
            #expect(plan.status == 0, "\(plan.all)")
            let json = try JSONDecoder().decode(JSONValue.self, from: Data(plan.stdout.utf8))
            #expect(json["tenants"]?.arrayValue?.count == 1, "\(plan.stdout)")

            let apply = try await h.run(["apply", "--auto-approve", "tenants/t1.yaml", "tenants/"])
            #expect(apply.status == 0, "\(apply.all)")
            let counts = try await Self.counts(h)
            Self.expectEachOnce(counts)
            #expect(counts["configuration"]?["support"] == 1)
            #expect(counts["scheduleGroup"]?["support-hours"] == 1)
            let versions = try #require(await h.emulator.snapshot().org(named: "t1")?.configurations.first?.versions)
            #expect(versions.count == 1, "published \(versions.count) times")

            let drift = try await h.run(["drift", "tenants/t1.yaml", "tenants/"])
            #expect(drift.status == 0, "\(drift.all)")
            #expect(drift.stdout.components(separatedBy: "t1 ·").count == 2, "\(drift.stdout)")
        }
    }

    @Test func twoFilesForOneOrgAreRefusedNamingBothBeforeAnyRequest() async throws {
        try await CLIHarness.with(await Self.harness()) { h in
            // A copy under another name, as happens when a tenant is renamed and the old file stays.
            let copy = try h.read(tenant: "t1").replacingOccurrences(of: "tenant: t1", with: "tenant: t1-old")
            try h.write(tenant: "t1-old", copy)

            for command in [["validate"], ["plan"], ["apply", "--auto-approve"], ["drift"]] {
                let result = try await h.run(command + ["tenants/"])
                #expect(result.status == 1, "\(command): \(result.all)")
                #expect(result.stderr.contains("tenants/t1-old.yaml:3:17: error: organizationId"), "\(result.stderr)")
                #expect(result.stderr.contains("tenants/t1.yaml"), "\(result.stderr)")
            }
            let requests = await h.emulator.requestLog()
            #expect(requests.isEmpty, "\(requests.map(\.path))")
        }
    }

    static let holidays = """
        availability:
          - name: hours
            timeZone: Europe/London
            open:
              - { days: [MO, TU, WE, TH, FR], from: "09:00", to: "17:00" }
            closed:
              - { name: Christmas Day, date: 2026-12-25 }
              - { name: Christmas Day, date: 2027-12-25 }
              - { name: Bank Holiday, date: 2027-05-03 }
              - { name: Bank holiday!, date: 2027-05-31 }

        """

    @Test func holidaysOfOneNameInTwoYearsAreTwoSchedulesEachOnce() async throws {
        try await CLIHarness.with(await Self.harness(body: Self.holidays)) { h in
            let apply = try await h.run(["apply", "--auto-approve"])
            #expect(apply.status == 0, "\(apply.all)")
            let counts = try await Self.counts(h)
            Self.expectEachOnce(counts)
            let holidays = (counts["schedule"] ?? [:]).keys.filter { $0.contains("-holiday-") }.sorted()
            #expect(
                holidays == [
                    "hours-holiday-2026-12-25-christmas-day", "hours-holiday-2027-05-03-bank-holiday",
                    "hours-holiday-2027-05-31-bank-holiday", "hours-holiday-2027-12-25-christmas-day",
                ], "\(holidays)")
            let group = try #require(await h.emulator.snapshot().org(named: "t1")?.scheduleGroups.first)
            #expect(group["holidaySchedules"]?.arrayValue?.count == 4)
            let again = try await h.run(["plan", "--detailed-exitcode"])
            #expect(again.status == 0, "\(again.all)")
        }
    }

    @Test func holidaysThatWouldShareAScheduleAreRefusedAtTheirLine() async throws {
        let body = Self.holidays.replacingOccurrences(
            of: "{ name: Bank holiday!, date: 2027-05-31 }", with: "{ name: Bank holiday!, date: 2027-05-03 }")
        try await CLIHarness.with(await Self.harness(body: body)) { h in
            let validate = try await h.run(["validate"])
            #expect(validate.status == 1, "\(validate.all)")
            // Line 16 of the file (6 header lines + the 10th line of the body), the entry's column.
            #expect(validate.stderr.contains("tenants/t1.yaml:16:9: error: closed day `Bank holiday!`"), "\(validate.stderr)")
            #expect(validate.stderr.contains("at line 15"), "\(validate.stderr)")
        }
    }

    /// Orgs applied when holiday schedules were named `<name>-holiday-<slug>`: the schedules are
    /// renamed in place (same id, same group), never created again beside the old ones.
    @Test func holidaySchedulesNamedTheOldWayAreRenamedNotDuplicated() async throws {
        try await CLIHarness.with(await Self.harness(body: Self.holidays)) { h in
            let admin = try h.adminClient(tenant: "t1")
            // What an older messengerctl wrote: two `hours-holiday-christmas-day` (one a year) and one bank holiday.
            var legacy: [String] = []
            for (name, date, next) in [
                ("hours-holiday-christmas-day", "2026-12-25", "2026-12-26"),
                ("hours-holiday-christmas-day", "2027-12-25", "2027-12-26"),
                ("hours-holiday-bank-holiday", "2027-05-03", "2027-05-04"),
            ] {
                let created = try await admin.createSchedule(
                    Schedule(fields: ["name": .string(name), "start": .string("\(date)T00:00:00.000"), "end": .string("\(next)T00:00:00.000")]))
                legacy.append(try #require(created.fields["id"]?.stringValue))
            }
            let plan = try await h.run(["plan"])
            #expect(plan.status == 0, "\(plan.all)")
            #expect(plan.stdout.contains("hours-holiday-christmas-day"), "\(plan.stdout)")

            let apply = try await h.run(["apply", "--auto-approve"])
            #expect(apply.status == 0, "\(apply.all)")
            let counts = try await Self.counts(h)
            Self.expectEachOnce(counts)
            let org = try #require(await h.emulator.snapshot().org(named: "t1"))
            #expect(org.schedules.count == 5, "\(counts)")
            let byId = Dictionary(uniqueKeysWithValues: org.schedules.map { ($0["id"]!.stringValue!, $0["name"]!.stringValue!) })
            #expect(byId[legacy[0]] == "hours-holiday-2026-12-25-christmas-day")
            #expect(byId[legacy[1]] == "hours-holiday-2027-12-25-christmas-day")
            #expect(byId[legacy[2]] == "hours-holiday-2027-05-03-bank-holiday")
            #expect(try await h.run(["plan", "--detailed-exitcode"]).status == 0)
        }
    }

    @Test func duplicatesAlreadyInTheOrgAreExplainedAndRemovedOnlyWhenAsked() async throws {
        try await CLIHarness.with(await Self.harness()) { h in
            let admin = try await h.appliedWithAdmin(tenant: "t1")
            let kept = try #require(try await admin.listConfigurations().first?.fields["id"]?.stringValue)
            // Made by hand (or by an older version): a second `support` configuration and a second schedule.
            let extra = try #require(
                try await admin.createConfiguration(ConfigurationVersion(fields: ["name": "support"])).fields["id"]?.stringValue)
            let schedule = try #require(try await admin.listSchedules().first { $0.fields["name"]?.stringValue == "support-hours-open-1" })
            var copy = schedule.fields
            for key in ["id", "version", "dateCreated", "dateModified", "selfUri", "createdBy", "modifiedBy", "state"] { copy[key] = nil }
            let extraSchedule = try #require(try await admin.createSchedule(Schedule(fields: copy)).fields["id"]?.stringValue)

            let plan = try await h.run(["plan", "--detailed-exitcode"])
            #expect(plan.status == 0, "\(plan.all)")
            #expect(plan.stdout.contains("configuration `support` matches 2 live objects"), "\(plan.stdout)")
            #expect(plan.stdout.contains("keeps \(kept)"), "\(plan.stdout)")
            #expect(plan.stdout.contains(extra), "\(plan.stdout)")
            #expect(plan.stdout.contains("created 20"), "\(plan.stdout)")
            #expect(plan.stdout.contains("--remove-duplicates"), "\(plan.stdout)")

            // Never automatic: a plain apply leaves them.
            #expect(try await h.run(["apply", "--auto-approve"]).status == 0)
            #expect(try await admin.listConfigurations().count == 2)

            let guarded = try await h.run(["apply", "--auto-approve", "--remove-duplicates"])
            #expect(guarded.status == 4, "\(guarded.all)")
            #expect(try await admin.listConfigurations().count == 2)

            let removed = try await h.run(["apply", "--auto-approve", "--remove-duplicates", "--allow-risky"])
            #expect(removed.status == 0, "\(removed.all)")
            let left = try await admin.listConfigurations().compactMap { $0.fields["id"]?.stringValue }
            #expect(left == [kept])
            #expect(try await admin.listSchedules().contains { $0.fields["id"]?.stringValue == extraSchedule } == false)
            Self.expectEachOnce(try await Self.counts(h))
            #expect(try await h.run(["plan", "--detailed-exitcode"]).status == 0)
        }
    }
}

import Foundation
import GenesysEmulator
import Testing

@Suite struct ArchitectTests {
    let schedules = "/api/v2/architect/schedules"
    let groups = "/api/v2/architect/schedulegroups"

    private func schedule(_ name: String) -> EmulatorJSON {
        ["name": .string(name), "start": "2026-01-01T08:00:00.000", "end": "2026-01-01T17:00:00.000",
         "rrule": "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR"]
    }

    @Test func versionStartsAt1AndAStaleVersionIs409() async throws {
        try await EmulatorHarness.withEmulator { emulator in
            let ci = try await EmulatorHarness.euCI(emulator)
            let ui = try await EmulatorHarness.euUI(emulator)
            let created = try await ci.post(schedules, schedule("Weekdays"))
            #expect(created.status == 200)
            #expect(OpenAPISchemas.shared.problems(created.json, as: "Schedule") == [])
            #expect(created.json?["version"]?.intValue == 1)
            let id = try #require(created.json?["id"]?.stringValue)

            var edit = schedule("Weekdays")
            edit["version"] = 1
            edit["description"] = "edited in the UI"
            let updated = try await ui.put("\(schedules)/\(id)", edit)
            #expect(updated.status == 200)
            #expect(updated.json?["version"]?.intValue == 2)

            var stale = schedule("Weekdays")
            stale["version"] = 1
            let conflict = try await ci.put("\(schedules)/\(id)", stale)
            #expect(conflict.status == 409)
            #expect(conflict.json?["code"] == "general.conflict")
            #expect(conflict.json?["message"] == "2 or more modifications of the schedule were made at the same time.")
            #expect(conflict.json?["version"] == nil)
            #expect(try await ci.get("\(schedules)/\(id)").json?["description"] == "edited in the UI")

            let noVersion = try await ci.put("\(schedules)/\(id)", schedule("Weekdays"))
            #expect(noVersion.status == 400)
            #expect(noVersion.json?["details"]?.arrayValue?.first?["fieldName"] == "version")

            let missingStart = try await ci.post(schedules, ["name": "x", "end": "2026-01-01T17:00:00.000"])
            #expect(missingStart.json?["details"]?.arrayValue?.first?["fieldName"] == "start")
        }
    }

    @Test func aScheduleUsedByAGroupCannotBeDeleted() async throws {
        try await EmulatorHarness.withEmulator { emulator in
            let client = try await EmulatorHarness.euCI(emulator)
            let id = try #require(try await client.post(schedules, schedule("Open")).json?["id"]?.stringValue)
            let group = try await client.post(groups, [
                "name": "Support hours", "timeZone": "Europe/Dublin", "openSchedules": [["id": .string(id)]],
            ])
            #expect(group.status == 200)
            #expect(OpenAPISchemas.shared.problems(group.json, as: "ScheduleGroup") == [])
            let groupID = try #require(group.json?["id"]?.stringValue)

            let conflict = try await client.delete("\(schedules)/\(id)")
            #expect(conflict.status == 409)
            #expect(conflict.json?["code"] == "general.conflict")

            var stale = try #require(group.json)
            stale["version"] = 5
            #expect(try await client.put("\(groups)/\(groupID)", stale).status == 409)
            let badReference = try await client.post(groups, ["name": "Bad", "openSchedules": [["id": "no-such-schedule"]]])
            #expect(badReference.status == 400)

            #expect(try await client.delete("\(groups)/\(groupID)").status == 200)
            #expect(try await client.delete("\(schedules)/\(id)").status == 200)
            let gone = try await client.get("\(schedules)/\(id)")
            #expect(gone.status == 404)
            #expect(gone.json?["code"] == "general.resource.not.found")
        }
    }

    @Test func listingPagesByNumberAndFiltersByName() async throws {
        try await EmulatorHarness.withEmulator { emulator in
            let client = try await EmulatorHarness.euCI(emulator)
            for index in 0..<5 { _ = try await client.post(schedules, schedule("Hours \(index)")) }
            _ = try await client.post(schedules, schedule("Holiday"))
            let first = try await client.get("\(schedules)?pageSize=2&pageNumber=1&name=Hours*")
            #expect(OpenAPISchemas.shared.problems(first.json, as: "ScheduleEntityListing") == [])
            #expect(first.json?["total"]?.intValue == 5)
            #expect(first.json?["pageCount"]?.intValue == 3)
            #expect(first.json?["entities"]?.arrayValue?.count == 2)
            let nextUri = try #require(first.json?["nextUri"]?.stringValue)
            #expect(nextUri.contains("pageNumber=2"))
            let last = try await client.get("\(schedules)?pageSize=2&pageNumber=3&name=Hours*")
            #expect(last.json?["entities"]?.arrayValue?.first?["name"] == "Hours 4")
            #expect(last.json?["nextUri"] == nil)
            let exact = try await client.get("\(schedules)?name=Holiday")
            #expect(exact.json?["total"]?.intValue == 1)
        }
    }
}

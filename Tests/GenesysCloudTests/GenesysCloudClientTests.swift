import Foundation
import GenesysCloud
import GenesysEmulator
import Testing

/// The client's operations against the emulator over real HTTP.
@Suite struct GenesysCloudClientTests {
    @Test func theOrganizationIsCheckedBeforeAnythingIsWritten() async throws {
        try await EmulatorHarness.with { h in
            let client = h.client()
            try await client.verifyOrganization(EmulatorHarness.euOrg)
            try await client.verifyOrganization(EmulatorHarness.euOrg.uppercased())
            let error = await #expect(throws: GenesysError.self) { try await client.verifyOrganization(EmulatorHarness.usOrg) }
            let failure = try #require(error)
            #expect(failure.kind == .organizationMismatch)
            #expect(failure.description.contains(EmulatorHarness.usOrg))
            #expect(failure.description.contains(EmulatorHarness.euOrg))
            #expect(failure.description.contains("acme-eu"))
        }
    }

    @Test func regionsAreIsolated() async throws {
        try await EmulatorHarness.with { h in
            let eu = h.client("eu-ci", region: EmulatorHarness.eu)
            let us = h.client("us-ci", region: EmulatorHarness.us)
            let created = try await eu.createConfiguration(EmulatorHarness.configurationBody(name: "only-in-eu"))
            #expect(try await eu.listConfigurations().map(\.name) == ["only-in-eu"])
            #expect(try await us.listConfigurations().isEmpty)
            #expect(try await us.tokenInfo().organization?.id == EmulatorHarness.usOrg)
            // The EU org's credentials are unknown to the US region.
            let stray = h.client("eu-ci", region: EmulatorHarness.us)
            let error = await #expect(throws: GenesysError.self) { try await stray.tokenInfo() }
            #expect(error?.isUnauthorized == true || error?.status == 400)
            // Every EU request went to the EU prefix.
            let paths = await h.emulator.requestLog().filter { $0.clientID == "eu-ci" }.map(\.path)
            #expect(paths.allSatisfy { $0.hasPrefix("/eu-west-1/") })
            _ = created
        }
    }

    @Test func fieldsTheClientDoesNotModelSurviveReadModifyWrite() async throws {
        try await EmulatorHarness.with { h in
            let client = h.client()
            let created = try await client.createConfiguration(EmulatorHarness.configurationBody(name: "round-trip"))
            let id = try #require(created.id)
            var draft = try await client.configurationDraft(id: id)
            let before = draft.fields
            draft.description = "Changed description"
            let written = try await client.replaceConfigurationDraft(id: id, with: draft)
            #expect(written.description == "Changed description")
            let after = try await client.configurationDraft(id: id).fields
            for key in ["messenger", "position", "languages", "defaultLanguage", "name"] {
                #expect(after[key] == before[key], "field \(key) changed")
            }
            #expect(after["messenger"]?["fileUpload"]?["modes"]?.arrayValue?.first?["maxFileSizeKB"] == 10240)
        }
    }

    @Test func configurationLifecycleDraftPublishDeploy() async throws {
        try await EmulatorHarness.with { h in
            let client = h.client()
            let created = try await client.createConfiguration(EmulatorHarness.configurationBody(name: "lifecycle"))
            let id = try #require(created.id)
            let v1 = try await client.publishConfigurationDraft(id: id)
            #expect(v1.publishedVersionNumber == 1)
            var draft = try await client.configurationDraft(id: id)
            draft.description = "v2"
            _ = try await client.replaceConfigurationDraft(id: id, with: draft)
            let v2 = try await client.publishConfigurationDraft(id: id)
            #expect(v2.publishedVersionNumber == 2)
            #expect(try await client.configurationVersion(id: id, version: "2").description == "v2")
            #expect(try await client.configurationVersions(id: id).compactMap(\.publishedVersionNumber).sorted() == [1, 2])

            var deployment = Deployment(fields: ["name": "web", "allowedDomains": ["www.acme.example"]])
            deployment.configuration = ConfigurationRef(id: id, version: "1")
            let made = try await client.createDeployment(deployment)
            let deploymentId = try #require(made.id)
            var live = try await client.deployment(id: deploymentId)
            #expect(live.configuration?.version == "1")
            live.configuration = ConfigurationRef(id: id, version: "2")
            _ = try await client.replaceDeployment(id: deploymentId, with: live)
            #expect(try await client.deployment(id: deploymentId).configuration?.version == "2")
            #expect(try await client.listDeployments().map(\.id) == [deploymentId])
            _ = try await client.activeConfiguration(deploymentId: deploymentId)

            let conflict = await #expect(throws: GenesysError.self) { try await client.deleteConfiguration(id: id) }
            #expect(conflict?.isConflict == true)
            try await client.deleteDeployment(id: deploymentId)
            let missing = await #expect(throws: GenesysError.self) { try await client.deployment(id: deploymentId) }
            #expect(missing?.isNotFound == true)
        }
    }

    @Test func staleScheduleVersionIsAConflict() async throws {
        try await EmulatorHarness.with { h in
            let client = h.client()
            let schedule = try await client.createSchedule(Schedule(fields: [
                "name": "weekdays", "start": "2026-01-05T09:00:00.000", "end": "2026-01-05T17:00:00.000",
                "rrule": "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR",
            ]))
            let id = try #require(schedule.id)
            var first = try await client.schedule(id: id)
            var stale = first
            first.description = "first writer"
            let updated = try await client.replaceSchedule(id: id, with: first)
            #expect(updated.version == (first.version ?? 0) + 1)
            stale.description = "second writer"
            let error = await #expect(throws: GenesysError.self) { try await client.replaceSchedule(id: id, with: stale) }
            #expect(error?.isConflict == true)

            var group = ScheduleGroup(fields: ["name": "hours", "timeZone": "Europe/Dublin"])
            group.openSchedules = [EntityRef(id: id)]
            let madeGroup = try await client.createScheduleGroup(group)
            #expect(try await client.scheduleGroup(id: try #require(madeGroup.id)).openSchedules?.first?.id == id)
        }
    }

    @Test func everyPageOfEveryListingIsRead() async throws {
        try await EmulatorHarness.with { h in
            var options = EmulatorHarness.fastOptions
            options.listPageSize = 2
            let client = h.client(options: options)
            for n in 0..<5 {
                _ = try await client.createConfiguration(EmulatorHarness.configurationBody(name: "paged-\(n)"))
                _ = try await client.createSchedule(Schedule(fields: [
                    "name": .string("schedule-\(n)"), "start": "2026-01-05T09:00:00.000", "end": "2026-01-05T17:00:00.000",
                    "rrule": "FREQ=DAILY",
                ]))
            }
            // Cursor paging (nextUri → after), 3 pages of 2.
            #expect(Set(try await client.listConfigurations().compactMap(\.name)) == Set((0..<5).map { "paged-\($0)" }))
            #expect(await h.requests(method: "GET", pathSuffix: "/api/v2/webdeployments/configurations").count == 3)
            // pageNumber paging.
            #expect(try await client.listSchedules().count == 5)
            #expect(await h.requests(method: "GET", pathSuffix: "/api/v2/architect/schedules").count == 3)
            // Realtime audits: pageNumber in the body; async audits: cursor.
            let now = Date()
            let interval = "\(iso(now.addingTimeInterval(-3600)))/\(iso(now.addingTimeInterval(3600)))"
            let realtime = try await client.realtimeAudits(AuditRealtimeQuery(interval: interval, serviceName: "WebDeployments"))
            #expect(realtime.count == 5)
            #expect(realtime.allSatisfy { $0.action == "Create" })
            let queued = try await client.audits(
                AuditQuery(interval: interval, serviceName: "WebDeployments"), pollInterval: .milliseconds(20))
            #expect(queued.count == 5)
            #expect(await h.requests(method: "GET", pathSuffix: "/results").count == 3)
            let mapping = try await client.auditServiceMapping(realtime: false)
            #expect(mapping["services"]?.arrayValue?.isEmpty == false)
        }
    }

    private func iso(_ date: Date) -> String {
        ISO8601DateFormatter().string(from: date)
    }
}

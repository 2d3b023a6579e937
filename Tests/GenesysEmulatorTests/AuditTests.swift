import Foundation
import GenesysEmulator
import TestSupport
import Testing

@Suite struct AuditTests {
    let interval: EmulatorJSON = "2000-01-01T00:00:00Z/2100-01-01T00:00:00Z"

    /// Creates, edits (as the UI user) and publishes one configuration; returns its id.
    private func makeHistory(_ emulator: GenesysEmulator) async throws -> String {
        let ci = try await EmulatorHarness.euCI(emulator)
        let ui = try await EmulatorHarness.euUI(emulator)
        let base = "/api/v2/webdeployments/configurations"
        let id = try #require(try await ci.post(base, EmulatorHarness.configuration("Audited")).json?["id"]?.stringValue)
        _ = try await ui.put("\(base)/\(id)/versions/draft", EmulatorHarness.configuration("Audited", color: "#ff0000"))
        _ = try await ci.post("\(base)/\(id)/versions/draft/publish")
        _ = try await ci.post("/api/v2/architect/schedules", [
            "name": "s", "start": "2026-01-01T08:00:00.000", "end": "2026-01-01T17:00:00.000",
        ])
        return id
    }

    @Test func realtimeQueryFindsWhoChangedWhat() async throws {
        try await EmulatorHarness.withEmulator { emulator in
            let id = try await makeHistory(emulator)
            let client = try await EmulatorHarness.euCI(emulator)
            let answer = try await client.post("/api/v2/audits/query/realtime?expand=user", [
                "interval": interval, "serviceName": "WebDeployments",
                "filters": [["property": "EntityId", "value": .string(id)]],
                "sort": [["name": "Timestamp", "sortOrder": "ascending"]], "pageNumber": 1, "pageSize": 2,
            ])
            #expect(answer.status == 200)
            #expect(OpenAPISchemas.shared.problems(answer.json, as: "AuditRealtimeQueryResultsResponse") == [])
            #expect(answer.json?["total"]?.intValue == 3)
            #expect(answer.json?["pageCount"]?.intValue == 2)
            let entities = answer.json?["entities"]?.arrayValue ?? []
            #expect(entities.map { $0["action"]?.stringValue } == ["Create", "Update"])
            let update = try #require(entities.last)
            #expect(update["client"]?["id"] == "eu-ui")
            #expect(update["user"]?["name"] == "Admin UI user")
            #expect(update["entityType"] == "Configuration")
            let change = update["propertyChanges"]?.arrayValue?.first { $0["property"] == "messenger.styles.primaryColor" }
            #expect(change?["oldValues"] == ["#0055aa"])
            #expect(change?["newValues"] == ["#ff0000"])

            let related = try await client.post("/api/v2/audits/query/realtime/related", ["auditId": update["id"] ?? .null])
            #expect(OpenAPISchemas.shared.problems(related.json, as: "AuditRealtimeRelatedResultsResponse") == [])
            #expect(related.json?["entities"]?.arrayValue?.first?["id"] == update["id"])

            let byClient = try await client.post("/api/v2/audits/query/realtime", [
                "interval": interval, "filters": [["property": "ClientId", "value": "eu-ui"]],
            ])
            #expect(byClient.json?["total"]?.intValue == 1)
            let architect = try await client.post("/api/v2/audits/query/realtime", ["interval": interval, "serviceName": "Architect"])
            #expect(architect.json?["entities"]?.arrayValue?.first?["entityType"] == "Schedule")

            let badInterval = try await client.post("/api/v2/audits/query/realtime", ["interval": "yesterday"])
            #expect(badInterval.status == 400)
            let badFilter = try await client.post("/api/v2/audits/query/realtime", [
                "interval": interval, "filters": [["property": "Colour", "value": "x"]],
            ])
            #expect(badFilter.json?["details"]?.arrayValue?.first?["fieldName"] == "filters[0].property")
        }
    }

    /// A client sends back the draft it read (`id`, `version`, `dateModified`, `lastModifiedUser`, …)
    /// with one field changed: the audit record lists that field alone (reference §4.3: "properties
    /// that were changed"), so drift can name who changed which field.
    @Test func updateRecordsOnlyThePropertiesThatChanged() async throws {
        try await EmulatorHarness.withEmulator { emulator in
            let ci = try await EmulatorHarness.euCI(emulator)
            let ui = try await EmulatorHarness.euUI(emulator)
            let base = "/api/v2/webdeployments/configurations"
            let id = try #require(try await ci.post(base, EmulatorHarness.configuration("Echo")).json?["id"]?.stringValue)
            var draft = try #require(try await ui.get("\(base)/\(id)/versions/draft").json)
            draft["description"] = "changed in the UI"
            #expect(try await ui.put("\(base)/\(id)/versions/draft", draft).status == 200)
            _ = try await ci.post("\(base)/\(id)/versions/draft/publish")
            let answer = try await ci.post("/api/v2/audits/query/realtime", [
                "interval": interval, "filters": [["property": "EntityId", "value": .string(id)]],
                "sort": [["name": "Timestamp", "sortOrder": "ascending"]],
            ])
            let records = answer.json?["entities"]?.arrayValue ?? []
            #expect(records.map { $0["action"]?.stringValue } == ["Create", "Update", "Publish"])
            let update = records.count > 1 ? records[1] : [:]
            #expect(update["propertyChanges"]?.arrayValue?.compactMap { $0["property"]?.stringValue } == ["description"])
            #expect(update["propertyChanges"]?.arrayValue?.first?["newValues"] == ["changed in the UI"])
            let publish = records.last ?? [:]
            #expect(publish["propertyChanges"]?.arrayValue?.first?["property"] == "version")
            #expect(publish["propertyChanges"]?.arrayValue?.first?["newValues"] == ["1"])
        }
    }

    @Test func asyncQueryIsPolledThenPagedWithACursor() async throws {
        // Long enough that the first poll sees `Running` even on a loaded machine.
        let clock = ManualClock()
        var options = EmulatorOptions(activationDelay: .seconds(2))
        options.clock = EmulatorClock(clock)
        try await EmulatorHarness.withEmulator(options: options) { emulator in
            let client = try await EmulatorHarness.euCI(emulator)
            let base = "/api/v2/webdeployments/configurations"
            for index in 0..<3 { _ = try await client.post(base, EmulatorHarness.configuration("Q\(index)")) }
            let submitted = try await client.post("/api/v2/audits/query", [
                "interval": interval, "serviceName": "WebDeployments",
                "filters": [["property": "Action", "value": "Create"]],
            ])
            #expect(submitted.status == 202)
            #expect(OpenAPISchemas.shared.problems(submitted.json, as: "AuditQueryExecutionStatusResponse") == [])
            #expect(submitted.json?["state"] == "Queued")
            let transaction = try #require(submitted.json?["id"]?.stringValue)
            let running = try await client.get("/api/v2/audits/query/\(transaction)")
            #expect(running.status == 202)
            #expect(running.json?["state"] == "Running")
            clock.advance(by: .milliseconds(1980))
            #expect(try await client.get("/api/v2/audits/query/\(transaction)").status == 202)
            clock.advance(by: .milliseconds(30))
            let done = try await client.get("/api/v2/audits/query/\(transaction)")
            #expect(done.status == 200)
            #expect(done.json?["state"] == "Succeeded")

            var names: [String] = []
            var cursor: String? = nil
            var pages = 0
            repeat {
                let suffix = cursor.map { "&cursor=\($0.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)" } ?? ""
                let page = try await client.get("/api/v2/audits/query/\(transaction)/results?pageSize=2\(suffix)")
                #expect(page.status == 200)
                #expect(OpenAPISchemas.shared.problems(page.json, as: "AuditQueryExecutionResultsResponse") == [])
                names += page.json?["entities"]?.arrayValue?.compactMap { $0["entity"]?["name"]?.stringValue } ?? []
                cursor = page.json?["cursor"]?.stringValue
                pages += 1
            } while cursor != nil && pages < 10
            #expect(pages == 2)
            #expect(Set(names) == ["Q0", "Q1", "Q2"])
        }
    }

    @Test func serviceMappingListsTheRecordedVocabulary() async throws {
        try await EmulatorHarness.withEmulator { emulator in
            let client = try await EmulatorHarness.euCI(emulator)
            for path in ["/api/v2/audits/query/servicemapping", "/api/v2/audits/query/realtime/servicemapping"] {
                let answer = try await client.get(path)
                #expect(answer.status == 200)
                #expect(OpenAPISchemas.shared.problems(answer.json, as: "AuditQueryServiceMapping") == [])
                let services = answer.json?["services"]?.arrayValue?.compactMap { $0["name"]?.stringValue }
                #expect(services == ["WebDeployments", "Architect"])
            }
        }
    }
}

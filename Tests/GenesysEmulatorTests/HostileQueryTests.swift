import Foundation
import GenesysEmulator
import Testing

/// Query values are the caller's: absurd page numbers and sizes give an empty page or a 400, never a
/// trap in the emulator (`pageNumber × pageSize`, `start + pageSize` overflow).
@Suite struct HostileQueryTests {
    @Test func absurdPageNumbersAndSizesDoNotCrashTheEmulator() async throws {
        try await EmulatorHarness.withEmulator { emulator in
            let ci = try await EmulatorHarness.euCI(emulator)
            let schedule: EmulatorJSON = [
                "name": "Weekdays", "start": "2026-01-01T08:00:00.000", "end": "2026-01-01T17:00:00.000",
                "rrule": "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR",
            ]
            #expect(try await ci.post("/api/v2/architect/schedules", schedule).status == 200)
            // Page values are int32 in the OpenAPI: past that the answer is a 400; within it, absurd
            // products (2³¹−1 × 2³¹−1) still give an empty page, never a trap.
            let max = String(Int.max)
            for query in ["pageNumber=\(max)&pageSize=\(max)", "pageNumber=2&pageSize=\(max)", "pageNumber=\(max)"] {
                let page = try await ci.get("/api/v2/architect/schedules?\(query)")
                #expect(page.status == 400, "\(query)")
            }
            let int32Max = String(Int32.max)
            for query in ["pageNumber=\(int32Max)&pageSize=\(int32Max)", "pageNumber=\(int32Max)", "pageNumber=2&pageSize=\(int32Max)"] {
                let page = try await ci.get("/api/v2/architect/schedules?\(query)")
                #expect(page.status == 200, "\(query)")
                #expect(page.json?["entities"]?.arrayValue?.isEmpty == true, "\(query)")
            }
            let first = try await ci.get("/api/v2/architect/schedules?pageSize=\(int32Max)")
            #expect(first.json?["entities"]?.arrayValue?.count == 1)
            #expect(first.json?["pageCount"]?.intValue == 1)

            let created = try await ci.post("/api/v2/webdeployments/configurations", ["name": "c", "languages": ["en-us"], "defaultLanguage": "en-us"])
            #expect(created.status == 200)
            let listing = try await ci.get("/api/v2/webdeployments/configurations?pageSize=1")
            let cursor = try #require(listing.json?["entities"]?.arrayValue?.first?["id"]?.stringValue)
            let next = try await ci.get("/api/v2/webdeployments/configurations?pageSize=\(max)&after=\(cursor)")
            #expect(next.status == 200 || next.status == 400)

            let audits = try await ci.post(
                "/api/v2/audits/query/realtime",
                ["interval": "2026-01-01T00:00:00Z/2030-01-01T00:00:00Z", "serviceName": "Architect", "pageNumber": .number(9.0e15), "pageSize": .number(9.0e15)])
            #expect(audits.status == 200 || audits.status == 400)
        }
    }
}

import Foundation
import GenesysCloud
import TestSupport
import Testing

/// End to end: plans a reviewer can read (issue 14). A change to one German subtitle is one line
/// naming the language and the label, in text and markdown; a long holiday list diffs by element;
/// the markdown plan leads with a summary; colours stay `#RRGGBB` in backticks.
@Suite(.serialized) struct ReadablePlanTests {
    static let holidays = (1...14).map { day in "      - { name: Holiday \(day), date: 2027-01-\(String(format: "%02d", day)) }" }

    static func harness() async throws -> CLIHarness {
        let availability = """
            availability:
              - name: hours
                timeZone: Europe/Berlin
                open:
                  - { days: [MO, TU, WE, TH, FR], from: "09:00", to: "17:00" }
                closed:
            \(holidays.joined(separator: "\n"))

            """
        return try await CLIHarness(tenants: [
            .init(
                name: "t1", region: "eu-west-1", organizationId: "6a1e2b3c-4d5e-4f60-8a7b-9c0d1e2f3a71", secret: "secret-t1",
                yamlBody: DriftHTMLTests.body(colour: "#0052CC") + availability)
        ])
    }

    @Test func oneGermanSubtitleIsOneLineAndHolidaysDiffByElement() async throws {
        try await CLIHarness.with(await Self.harness()) { h in
            let applied = try await h.run(["apply", "--auto-approve"])
            #expect(applied.status == 0, "\(applied.all)")

            var file = try h.read(tenant: "t1")
            file = file.replacingOccurrences(of: "Wie können wir helfen?", with: "Wie kann ich helfen?")
            file = file.replacingOccurrences(of: "#0052CC", with: "#0b3d91")
            file = file.replacingOccurrences(
                of: "      - { name: Holiday 14, date: 2027-01-14 }",
                with: "      - { name: Holiday 14, date: 2027-01-14 }\n      - { name: Holiday 15, date: 2027-01-15 }")
            try h.write(tenant: "t1", file)

            let text = try await h.run(["plan"])
            #expect(text.status == 0, "\(text.all)")
            let lines = text.stdout.split(separator: "\n").map(String.init)
            let german = lines.filter { $0.contains("MessengerHomeHeaderSubTitle") }
            #expect(german.count == 1, "\(text.stdout)")
            #expect(german.first?.contains("[de]") == true, "\(text.stdout)")
            #expect(german.first?.contains("\"Wie können wir helfen?\" → \"Wie kann ich helfen?\"") == true, "\(text.stdout)")
            #expect(!lines.contains { $0.contains("MessengerHomeHeaderTitle") }, "unchanged labels are not shown: \(text.stdout)")
            #expect(!lines.contains { $0.hasSuffix("…") }, "no value is cut short: \(text.stdout)")
            // The holiday list: the new schedule as one element, not the whole list twice.
            let added = lines.filter { $0.contains("hours-holiday-2027-01-15-holiday-15") }
            #expect(added.contains { $0.trimmingCharacters(in: .whitespaces).hasPrefix("+ \"hours-holiday-2027-01-15") }, "\(text.stdout)")
            #expect(!lines.contains { $0.contains("hours-holiday-2027-01-01") }, "unchanged holidays are not listed: \(text.stdout)")

            let markdown = try await h.run(["plan", "--format", "markdown"]).stdout
            let md = markdown.split(separator: "\n").map(String.init)
            #expect(md.contains { $0.hasPrefix("~") && $0.contains("[de] MessengerHomeHeaderSubTitle") }, "\(markdown)")
            // The summary comes before any detail: counts, tenants with changes, guards, colours.
            let summary = try #require(markdown.range(of: "### Summary")).lowerBound
            let detail = try #require(markdown.range(of: "<details>")).lowerBound
            #expect(summary < detail, "\(markdown)")
            let head = String(markdown[summary..<detail])
            #expect(head.contains("to update") && head.contains("Tenants with changes: t1"), "\(head)")
            #expect(head.contains("Guards: none"), "\(head)")
            #expect(head.contains("`#0052CC` → `#0B3D91`"), "colours as swatches: \(head)")

            // JSON keeps everything: the whole label list, before and after.
            let json = try JSONValue.parse(Data(try await h.run(["plan", "--format", "json"]).stdout.utf8))
            let changes = json["tenants"]?[0]?["objects"]?.arrayValue?.flatMap { $0["changes"]?.arrayValue ?? [] } ?? []
            let labels = try #require(changes.first { $0["path"] == "customI18nLabels" })
            #expect(labels["after"]?.arrayValue?.count == 2)

            // Drift says the same per label: the org has the new subtitle, the file goes back to the old one.
            #expect(try await h.run(["apply", "--auto-approve"]).status == 0)
            try h.write(tenant: "t1", try h.read(tenant: "t1").replacingOccurrences(of: "Wie kann ich helfen?", with: "Wie können wir helfen?"))
            let drift = try await h.run(["drift"])
            let drifted = drift.stdout.split(separator: "\n").filter { $0.contains("MessengerHomeHeaderSubTitle") }
            #expect(drifted.count == 1 && drifted[0].contains("[de]"), "\(drift.stdout)")
            let page = try await h.run(["drift", "--format", "html", "--out", "drift.html"])
            #expect(page.status == 2, "\(page.all)")
            let html = try String(contentsOfFile: h.path("drift.html"), encoding: .utf8)
            #expect(html.contains("<code>[de] MessengerHomeHeaderSubTitle</code>"), "the page shows the label too")
            #expect(html.contains("&quot;Wie kann ich helfen?&quot;</code> → <code>&quot;Wie können wir helfen?&quot;"), "live → file")
            #expect(drifted.first?.contains("\"Wie können wir helfen?\" → \"Wie kann ich helfen?\"") == true, "file → live, as drift says: \(drift.stdout)")
        }
    }
}

extension JSONValue {
    fileprivate subscript(index: Int) -> JSONValue? { arrayValue.flatMap { index < $0.count ? $0[index] : nil } }
}

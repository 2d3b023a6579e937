import GenesysCloud
import Testing

@testable import Reconciler

/// Lists in reports read element by element (issue 14, "Plans a reviewer can read").
@Suite struct ListDiffTests {
    static func labels(_ entries: [(String, [(String, String)])]) -> JSONValue {
        .array(entries.map { language, labels in
            ["language": .string(language), "localizedLabels": .array(labels.map { ["key": .string($0.0), "value": .string($0.1)] })]
        })
    }

    @Test func aNewLanguageIsOneLinePerLabelAndARemovedLabelIsNamed() throws {
        let before = Self.labels([("en-us", [("MessengerHomeHeaderTitle", "Hello"), ("PushNotificationTitle", "New")])])
        let after = Self.labels([
            ("en-us", [("MessengerHomeHeaderTitle", "Hello")]),
            ("fr", [("MessengerHomeHeaderTitle", "Bonjour"), ("MessengerHomeHeaderSubTitle", "Aide")]),
        ])
        let lines = try #require(ListDiff.lines(before: before, after: after, style: ReportStyle()))
        let text = ListDiff.render(lines, indent: "", style: ReportStyle())
        #expect(text == [
            "- [en-us] PushNotificationTitle: \"New\"",
            "+ [fr] MessengerHomeHeaderTitle: \"Bonjour\"",
            "+ [fr] MessengerHomeHeaderSubTitle: \"Aide\"",
        ], "\(text)")
    }

    @Test func shortPlainListsStayOnOneLineAndReorderedLongListsSaySo() {
        #expect(ListDiff.lines(before: ["a", "b"], after: ["a", "c"], style: ReportStyle()) == nil)
        let long: [JSONValue] = (1...8).map { .string("h\($0)") }
        let lines = ListDiff.lines(before: .array(long), after: .array(long.reversed()), style: ReportStyle())
        #expect(lines?.first?.label == "(same elements, new order)")
    }

    @Test func controlCharactersInALabelAreEscaped() throws {
        let before = Self.labels([("de", [("MessengerHomeHeaderTitle", "a")])])
        let after = Self.labels([("de\u{1b}[2J", [("MessengerHomeHeaderTitle", "a")])])
        let text = ListDiff.render(try #require(ListDiff.lines(before: before, after: after, style: ReportStyle())), indent: "", style: ReportStyle())
        #expect(!text.joined().contains("\u{1b}"), "\(text)")
    }
}

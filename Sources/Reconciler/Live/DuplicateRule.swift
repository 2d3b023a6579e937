import Foundation
import GenesysCloud

/// Which of several live objects of one kind and one name is kept.
///
/// The API has no lock and no unique names (reference §5.4), so two applies that create the same
/// object at the same moment both succeed. One rule, applied by every apply and by plan, picks the
/// same survivor everywhere: the earliest `dateCreated`, then the smallest id. A racer that finds its
/// own object is not the survivor removes it and uses the survivor; plan shows duplicates that
/// already exist with the same choice, and removes the others only when asked.
enum DuplicateRule {
    /// The objects in keeping order: the survivor first.
    static func ordered(_ objects: [[String: JSONValue]]) -> [[String: JSONValue]] {
        objects.sorted { a, b in
            let (ca, cb) = (created(a), created(b))
            if ca != cb { return (ca ?? .distantFuture) < (cb ?? .distantFuture) }
            return (a["id"]?.stringValue ?? "") < (b["id"]?.stringValue ?? "")
        }
    }

    /// `dateCreated` as a date (ISO-8601 with or without fractional seconds); `nil` sorts last.
    static func created(_ object: [String: JSONValue]) -> Date? {
        guard let text = object["dateCreated"]?.stringValue else { return nil }
        if let date = try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(text) { return date }
        return try? Date.ISO8601FormatStyle().parse(text)
    }

    /// `id (created 2026-11-30T02:31:07.112Z)` for plans and reports; text from the server is escaped.
    static func describe(_ object: [String: JSONValue]) -> String {
        let id = object["id"]?.stringValue ?? "?"
        let date = object["dateCreated"]?.stringValue ?? "unknown"
        return "\(printable(id)) (created \(printable(date)))"
    }

    /// Control characters from a server shown as `\u{…}`, never sent to a terminal as they are.
    static func printable(_ text: String) -> String {
        text.unicodeScalars.map { scalar in
            scalar.properties.generalCategory == .control ? "\\u{\(String(scalar.value, radix: 16))}" : String(scalar)
        }.joined()
    }
}

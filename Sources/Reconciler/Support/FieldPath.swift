import Foundation
import GenesysCloud

/// Where a field sits: its keys from the root, as keys (never a string to split).
///
/// One type from tenant decoding to reports: the decoder records where each value was set under its
/// path (`configurations`, the configuration's name, then the API's keys; a list element's index is its
/// key), the planner diffs, ignores and explains by it, and only a report turns it into ``text``.
///
/// Its ``text`` is what people and the plan's `path` read: keys joined by `.`, and a key that holds
/// `.`, `[`, `]`, `"` (or is empty) written as `["…"]` with JSON escaping, so `labels["a.b"]` and
/// `labels.a.b` stay two fields. Paths of ordinary keys read exactly as before (`messenger.styles`).
public struct FieldPath: Hashable, Sendable, Comparable, Codable, CustomStringConvertible {
    public var components: [String]

    public init(_ components: [String]) { self.components = components }

    /// The text form; code compares and looks up by it, and never parses it back.
    public var text: String {
        var result = ""
        for key in components {
            if Self.isPlain(key) {
                result += (result.isEmpty ? "" : ".") + key
            } else {
                result += "[" + JSONValue.string(key).jsonText + "]"
            }
        }
        return result
    }

    public var description: String { text }

    /// Whether `self` is `other` or encloses it.
    public func encloses(_ other: FieldPath) -> Bool {
        other.components.count >= components.count && Array(other.components.prefix(components.count)) == components
    }

    public static func < (a: FieldPath, b: FieldPath) -> Bool { a.text < b.text }

    public init(from decoder: any Decoder) throws { components = try [String](from: decoder) }
    public func encode(to encoder: any Encoder) throws { try components.encode(to: encoder) }

    private static func isPlain(_ key: String) -> Bool {
        !key.isEmpty && !key.contains { $0 == "." || $0 == "[" || $0 == "]" || $0 == "\"" }
    }
}

// MARK: - Building

extension FieldPath {
    public func appending(_ key: String) -> FieldPath { FieldPath(components + [key]) }
    public func appending(_ keys: [String]) -> FieldPath { FieldPath(components + keys) }
    public func appending(_ path: FieldPath) -> FieldPath { FieldPath(components + path.components) }

    /// A list element: its index is its key. A node is a list or a mapping, never both, so the index
    /// cannot be taken for a key of the same node.
    public func appending(index: Int) -> FieldPath { appending(String(index)) }

    /// The enclosing path; nil at the root.
    public var parent: FieldPath? { components.isEmpty ? nil : FieldPath(Array(components.dropLast())) }

    /// A configuration of a tenant file, `configurations[NAME]`: the keys `configurations` and its name.
    public static func configuration(_ name: String) -> FieldPath { FieldPath(["configurations", name]) }
    /// A deployment of a tenant file, `deployments[NAME]`.
    public static func deployment(_ name: String) -> FieldPath { FieldPath(["deployments", name]) }
    /// An availability entry of a tenant file, `availability[NAME]`.
    public static func availability(_ name: String) -> FieldPath { FieldPath(["availability", name]) }
}

// MARK: - Reading a path a person wrote

extension FieldPath: ExpressibleByStringLiteral {
    /// Why a path written by a person could not be read.
    public struct SyntaxError: Error, Sendable, Hashable, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    /// Reads a path as people write it in an `ignore:` rule: keys joined by `.`, and `[…]` holding an
    /// object's name (`configurations[acme-support]`), a list index (`modes[0]`), or a key written as a
    /// JSON string (`["a.b"]`, as ``text`` writes keys that hold `.`). An unquoted name may hold `.` and
    /// brackets that pair up (`configurations[web [eu].v2]`); any other name is written quoted.
    ///
    /// Only text from outside is read this way (a tenant file, a literal in code); a path the code
    /// builds stays a `FieldPath` and is never turned into text and back.
    public init(parsing text: String) throws(SyntaxError) {
        let characters = Array(text)
        var keys: [String] = []
        var i = 0
        var afterDot = false
        while i < characters.count {
            let c = characters[i]
            if c == "[" && !afterDot {
                i += 1
                if i < characters.count, characters[i] == "\"" {
                    var end = i + 1
                    while end < characters.count, characters[end] != "\"" { end += characters[end] == "\\" ? 2 : 1 }
                    guard end < characters.count,
                        let key = try? JSONDecoder().decode(String.self, from: Data(String(characters[i...end]).utf8))
                    else { throw SyntaxError(message: "has a quoted key without its closing `\"`") }
                    i = end + 1
                    guard i < characters.count, characters[i] == "]" else { throw SyntaxError(message: "has no closing `]` after a quoted key") }
                    keys.append(key)
                } else {
                    var depth = 1
                    var end = i
                    while end < characters.count {
                        if characters[end] == "[" { depth += 1 }
                        if characters[end] == "]" { depth -= 1; if depth == 0 { break } }
                        end += 1
                    }
                    guard end < characters.count else { throw SyntaxError(message: "has no closing `]` after the name") }
                    keys.append(String(characters[i..<end]))
                    i = end
                }
                i += 1
                if i < characters.count, characters[i] != ".", characters[i] != "[" {
                    throw SyntaxError(message: "needs a `.` between the name and the field")
                }
            } else if c == "." && !afterDot && !keys.isEmpty {
                afterDot = true
                i += 1
            } else {
                var end = i
                while end < characters.count, characters[end] != ".", characters[end] != "[" { end += 1 }
                guard end > i else { throw SyntaxError(message: "has an empty key") }
                keys.append(String(characters[i..<end]))
                afterDot = false
                i = end
            }
        }
        guard !afterDot, !keys.isEmpty else { throw SyntaxError(message: "has an empty key") }
        self.init(keys)
    }

    /// A path literal in code reads as ``init(parsing:)``; one that does not parse is one key.
    public init(stringLiteral value: String) {
        self = (try? FieldPath(parsing: value)) ?? FieldPath([value])
    }
}

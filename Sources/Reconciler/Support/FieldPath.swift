import GenesysCloud

/// Where a field sits in an API object: its keys from the root, as keys (never a string to split).
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

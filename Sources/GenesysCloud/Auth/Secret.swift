/// A secret value (OAuth client secret, access token) that never prints itself.
///
/// `description`, `debugDescription`, string interpolation, `dump` and `Mirror` all show `<redacted>`;
/// only `reveal()` gives the value, and only the transport calls it to build an `Authorization` header.
public struct Secret: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable
{
    private let value: String

    public init(_ value: String) { self.value = value }

    /// The secret itself. Call it only where the value must leave the process (an HTTP header).
    public func reveal() -> String { value }

    /// Whether the secret is empty (a missing environment variable, usually).
    public var isEmpty: Bool { value.isEmpty }

    public var description: String { "<redacted>" }
    public var debugDescription: String { "<redacted>" }
    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }
}

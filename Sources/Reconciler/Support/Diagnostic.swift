// The one file:line:column type lives in YAML, the lowest layer; Diagnostic and Tenant carry it, so
// whoever imports Reconciler gets it too.
@_exported import struct YAML.SourceLocation

/// One problem found in a tenant file, printed as `file:line:column: error: message`.
public struct Diagnostic: Sendable, Hashable, Error, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable, Codable { case error, warning }

    public var severity: Severity
    public var location: SourceLocation
    public var message: String
    /// A short suggestion for the fix ("did you mean `primaryColor`?"), printed on its own line.
    public var hint: String?

    public init(_ severity: Severity = .error, at location: SourceLocation, _ message: String, hint: String? = nil) {
        self.severity = severity
        self.location = location
        self.message = message
        self.hint = hint
    }

    public var description: String {
        var text = "\(location): \(severity.rawValue): \(message)"
        if let hint { text += "\n\(location): note: \(hint)" }
        return text
    }
}

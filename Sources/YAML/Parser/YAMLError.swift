/// Why YAML text could not be read: a syntax error, or input refused by `YAMLLimits`.
public struct YAMLError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Where: the file as the caller named it, line and column.
    public var location: SourceLocation
    public var message: String

    public init(file: String, mark: Mark, message: String) {
        self.location = SourceLocation(file: file, mark: mark)
        self.message = message
    }

    /// The file as the caller named it.
    public var file: String { location.file }
    /// The position in the file.
    public var mark: Mark { location.mark }

    /// `file:line:column: error: message`, the form editors and CI annotate.
    public var description: String { "\(location): error: \(message)" }
}

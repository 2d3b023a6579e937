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
    public var file: String {
        get { location.file }
        set { location.file = newValue }
    }

    /// The position in the file.
    public var mark: Mark {
        get { location.mark }
        set { location.mark = newValue }
    }

    /// `file:line:column: error: message`, the form editors and CI annotate.
    public var description: String { "\(location): error: \(message)" }
}

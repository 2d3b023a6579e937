/// Why YAML text could not be read: a syntax error, or input refused by `YAMLLimits`.
public struct YAMLError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file as the caller named it.
    public var file: String
    public var mark: Mark
    public var message: String

    public init(file: String, mark: Mark, message: String) {
        self.file = file
        self.mark = mark
        self.message = message
    }

    /// `file:line:column: error: message`, the form editors and CI annotate.
    public var description: String { "\(file):\(mark.line):\(mark.column): error: \(message)" }
}

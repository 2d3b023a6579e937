/// A place in a file: the file as the caller named it and a ``Mark`` in it. The one file:line:column
/// type: a ``YAMLError``, every problem found in a tenant file and every decoded value's origin use it,
/// and all print it as `file:line:column`.
public struct SourceLocation: Sendable, Hashable, Codable, CustomStringConvertible {
    public var file: String
    public var mark: Mark

    public init(file: String, mark: Mark) {
        self.file = file
        self.mark = mark
    }

    public init(file: String, line: Int, column: Int) {
        self.init(file: file, mark: Mark(line: line, column: column))
    }

    /// 1-based line.
    public var line: Int { mark.line }
    /// 1-based column, counting characters (Unicode scalars), not bytes.
    public var column: Int { mark.column }

    /// `file:line:column`, the form editors and CI annotate.
    public var description: String { "\(file):\(mark)" }

    // Encoded flat (`file`, `line`, `column`), as reports have always carried it.
    private enum CodingKeys: String, CodingKey { case file, line, column }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            file: try container.decode(String.self, forKey: .file), line: try container.decode(Int.self, forKey: .line),
            column: try container.decode(Int.self, forKey: .column))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(file, forKey: .file)
        try container.encode(line, forKey: .line)
        try container.encode(column, forKey: .column)
    }
}

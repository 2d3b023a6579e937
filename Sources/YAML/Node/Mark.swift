/// A position in a text: 1-based line and column, where columns count characters (Unicode
/// scalars), not bytes, so an editor's "go to line:column" lands on the right place. Nodes carry it
/// alone (the parser knows the file once); ``SourceLocation`` is a file and a mark.
public struct Mark: Sendable, Hashable, CustomStringConvertible {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public var description: String { "\(line):\(column)" }
}

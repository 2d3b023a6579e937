/// A failure of plan or apply that is not an API error: a message for the user.
public struct ReconcilerError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

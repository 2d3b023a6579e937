/// One property of an API model: its JSON name, type and whether the server owns it.
public struct SchemaField: Sendable, Hashable {
    public var name: String
    public var type: SchemaType
    /// Set by the server (reference §4 RO column); a tenant file that sets it is refused.
    public var readOnly: Bool

    public init(_ name: String, _ type: SchemaType, readOnly: Bool = false) {
        self.name = name
        self.type = type
        self.readOnly = readOnly
    }
}

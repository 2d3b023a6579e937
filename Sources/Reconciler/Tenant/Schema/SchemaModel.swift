/// An API model (a JSON object type) and its fields in the spec's order.
public struct SchemaModel: Sendable, Hashable {
    public var name: String
    public var fields: [SchemaField]

    public init(name: String, fields: [SchemaField]) {
        self.name = name
        self.fields = fields
    }

    public func field(_ name: String) -> SchemaField? { fields.first { $0.name == name } }

    /// Names a tenant file may set.
    public var writableFieldNames: [String] { fields.filter { !$0.readOnly }.map(\.name) }
}

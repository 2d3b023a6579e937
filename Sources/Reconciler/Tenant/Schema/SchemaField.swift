/// One property of an API model: its JSON name, type and whether the server owns it.
public struct SchemaField: Sendable, Hashable {
    public var name: String
    public var type: SchemaType
    /// Set by the server (reference §4 RO column); a tenant file that sets it is refused.
    public var readOnly: Bool
    /// `required` in the OpenAPI model (for `SupportCenter*` models: only when the support center is
    /// enabled, reference §4 "Required-ness drift").
    public var required: Bool
    /// The OpenAPI `pattern` (ECMA-262, anchored by the pattern itself).
    public var pattern: String?
    public var maxLength: Int?
    /// `minimum`/`maximum`, or the bounds of an `int32` field.
    public var range: ClosedRange<Int64>?

    public init(
        _ name: String, _ type: SchemaType, readOnly: Bool = false, required: Bool = false, pattern: String? = nil,
        maxLength: Int? = nil, range: ClosedRange<Int64>? = nil
    ) {
        self.name = name
        self.type = type
        self.readOnly = readOnly
        self.required = required
        self.pattern = pattern
        self.maxLength = maxLength
        self.range = range
    }
}

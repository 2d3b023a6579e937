/// A supported content profile (`SupportedContent`, reference §8): which media types messages may carry
/// in (`mediaTypes.allow.inbound`) and out (`mediaTypes.allow.outbound`). Keeps every field.
public struct SupportedContent: WritableAPIObject {
    public var fields: [String: JSONValue]

    public init(fields: [String: JSONValue]) { self.fields = fields }

    /// The read-only fields (reference §8, and `version`, `selfUri` marked readOnly in the spec text).
    public static let readOnlyFields: Set<String> = [
        "id", "dateCreated", "dateModified", "createdBy", "modifiedBy", "version", "selfUri",
    ]
}

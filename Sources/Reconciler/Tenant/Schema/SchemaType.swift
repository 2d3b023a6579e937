/// The JSON type of an API field, as the OpenAPI text of the reference declares it.
public indirect enum SchemaType: Sendable, Hashable {
    /// A string, optionally limited to `enumValues`; `format` is the spec's (`date-time`, `uri`, …).
    case string(enumValues: [String] = [], format: String? = nil)
    case bool
    case integer
    case number
    /// A nested object described by the model of that name.
    case object(String)
    case array(SchemaType)
    /// An object with free keys whose values have this type.
    case map(SchemaType)
    /// Anything (the spec says `type: object` without properties).
    case any
}

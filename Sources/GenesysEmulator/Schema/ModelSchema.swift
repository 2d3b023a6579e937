/// The shape of one OpenAPI model (reference §4): property types, required and read-only names.
struct ModelSchema: Sendable {
    let properties: [String: SchemaType]
    let required: Set<String>
    let readOnly: Set<String>
}

/// The type of one property as the OpenAPI text declares it.
indirect enum SchemaType: Sendable {
    /// A string, optionally restricted to enum values.
    case string([String]?)
    case integer
    case number
    case boolean
    /// A nested model, by its definition name.
    case object(String)
    case array(SchemaType)
    /// `additionalProperties`: a map of string keys to values of one type.
    case map(SchemaType)
    case any
}

/// Namespace for the generated model table (`SchemaTable.generated`).
enum SchemaTable {}

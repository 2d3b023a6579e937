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

    /// How a user reads the type in a diagnostic: "a string", "a list of strings", "a mapping".
    public var phrase: String {
        switch self {
        case .string(let values, _): values.isEmpty ? "a string" : "one of the allowed values"
        case .bool: "true or false"
        case .integer: "a whole number"
        case .number: "a number"
        case .object: "a mapping"
        case .array(let items): "a list of " + items.pluralPhrase
        case .map: "a mapping"
        case .any: "a value"
        }
    }

    var pluralPhrase: String {
        switch self {
        case .string: "strings"
        case .bool: "booleans"
        case .integer: "whole numbers"
        case .number: "numbers"
        case .object, .map: "mappings"
        case .array: "lists"
        case .any: "values"
        }
    }
}

/// The shape of one OpenAPI model (reference §4): property types, required and read-only names, and the
/// keywords beyond the type (pattern, length, range, format) where the OpenAPI text gives them.
struct ModelSchema: Sendable {
    let properties: [String: SchemaType]
    let required: Set<String>
    let readOnly: Set<String>
    let limits: [String: PropertyLimits]

    init(
        properties: [String: SchemaType], required: Set<String>, readOnly: Set<String>,
        limits: [String: PropertyLimits] = [:]
    ) {
        self.properties = properties
        self.required = required
        self.readOnly = readOnly
        self.limits = limits
    }
}

/// `pattern`, `minLength`/`maxLength`, `minimum`/`maximum` (integer formats bound these too) and the date
/// formats of one property.
struct PropertyLimits: Sendable {
    enum Format: Sendable {
        /// `yyyy-MM-ddTHH:mm:ss[.SSS]` without a zone (reference §3.3, Schedule `start`/`end`).
        case localDateTime
        /// ISO-8601 with a zone.
        case dateTime
    }

    var pattern: String?
    var minLength: Int?
    var maxLength: Int?
    var minimum: Int64?
    var maximum: Int64?
    var format: Format?

    init(
        pattern: String? = nil, minLength: Int? = nil, maxLength: Int? = nil, minimum: Int64? = nil,
        maximum: Int64? = nil, format: Format? = nil
    ) {
        self.pattern = pattern
        self.minLength = minLength
        self.maxLength = maxLength
        self.minimum = minimum
        self.maximum = maximum
        self.format = format
    }
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

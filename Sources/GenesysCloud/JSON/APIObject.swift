import Foundation

/// An object read from or written to the API, kept as its full JSON object.
///
/// Every field is kept, including ones this version does not know, so GET → modify → PUT never drops a
/// field Genesys added later (reference §4: the Python SDK's models drop them). Typed accessors read and write
/// the fields messengerctl needs; everything else passes through untouched.
public protocol APIObject: Sendable, Hashable, Codable {
    /// The object's JSON members.
    var fields: [String: JSONValue] { get set }
    init(fields: [String: JSONValue])
}

extension APIObject {
    /// Decodes the plain JSON object, keeping every member.
    public init(from decoder: any Decoder) throws { self.init(fields: try APIObjectCoding.decode(from: decoder)) }

    /// Encodes the plain JSON object.
    public func encode(to encoder: any Encoder) throws { try APIObjectCoding.encode(fields, to: encoder) }

    /// An empty object.
    public init() { self.init(fields: [:]) }

    /// The object as one JSON value.
    public var json: JSONValue { .object(fields) }

    /// Decodes the object from JSON bytes (a JSON object is required).
    public static func decode(_ data: Data) throws -> Self {
        guard case .object(let members) = try JSONValue.parse(data) else {
            throw DecodingError.typeMismatch(
                [String: JSONValue].self,
                .init(codingPath: [], debugDescription: "expected a JSON object"))
        }
        return Self(fields: members)
    }

    /// The field `key` as a string.
    public func string(_ key: String) -> String? { fields[key]?.stringValue }

    /// Sets (or with `nil` removes) the string field `key`.
    public mutating func setString(_ key: String, _ value: String?) {
        fields[key] = value.map(JSONValue.string)
    }

    /// The field `key` as an entity reference `{id, name, selfUri}`.
    public func reference(_ key: String) -> EntityRef? { fields[key].flatMap(EntityRef.init(json:)) }

    /// The list field `key` as entity references.
    public func references(_ key: String) -> [EntityRef]? {
        fields[key]?.arrayValue?.compactMap(EntityRef.init(json:))
    }

    /// A date field (ISO-8601, reference §4) parsed; `nil` when missing or unreadable.
    public func date(_ key: String) -> Date? { string(key).flatMap(ISO8601.parse) }
}

/// Decodes and encodes an `APIObject` as the plain JSON object (no wrapper).
enum APIObjectCoding {
    static func decode(from decoder: any Decoder) throws -> [String: JSONValue] {
        try decoder.singleValueContainer().decode([String: JSONValue].self)
    }

    static func encode(_ fields: [String: JSONValue], to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(fields)
    }
}

/// A reference to another entity: `AddressableEntityRef` / `DomainEntityRef` (reference §4.3).
public struct EntityRef: Sendable, Hashable, Codable {
    public var id: String?
    public var name: String?
    public var selfUri: String?

    public init(id: String?, name: String? = nil, selfUri: String? = nil) {
        self.id = id
        self.name = name
        self.selfUri = selfUri
    }

    init?(json: JSONValue) {
        guard let object = json.objectValue else { return nil }
        self.init(id: object["id"]?.stringValue, name: object["name"]?.stringValue, selfUri: object["selfUri"]?.stringValue)
    }

    /// The reference as JSON (absent members left out).
    public var json: JSONValue {
        var object: [String: JSONValue] = [:]
        if let id { object["id"] = .string(id) }
        if let name { object["name"] = .string(name) }
        if let selfUri { object["selfUri"] = .string(selfUri) }
        return .object(object)
    }
}

/// ISO-8601 date parsing for `yyyy-MM-ddTHH:mm:ss[.mmm]Z` (reference §4).
enum ISO8601 {
    static func parse(_ text: String) -> Date? {
        if let date = try? Date(text, strategy: .iso8601) { return date }
        let fractional = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
        return try? fractional.parse(text)
    }
}

/// Stable JSON encoding for request bodies: sorted keys, unescaped slashes (STYLE.md build facts).
enum StableJSON {
    static func encode<T: Encodable>(_ value: T) -> Data? {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try? encoder.encode(value)
    }
}

/// An API entity with an id, a name and a description: configurations, deployments, schedules and
/// schedule groups. The name is messengerctl's identity of an object within an org.
public protocol NamedAPIObject: APIObject {}

/// An object the API creates and replaces: a write sends it without the fields the server owns.
public protocol WritableAPIObject: NamedAPIObject {
    /// The read-only fields the reference lists for this object.
    static var readOnlyFields: Set<String> { get }
}

extension WritableAPIObject {
    /// This object without the read-only fields (what a create or replace sends).
    public var writableFields: Self { Self(fields: fields.filter { !Self.readOnlyFields.contains($0.key) }) }
}

extension NamedAPIObject {
    public var id: String? { string("id") }
    public var name: String? {
        get { string("name") }
        set { setString("name", newValue) }
    }
    public var description: String? {
        get { string("description") }
        set { setString("description", newValue) }
    }
}

import Foundation

/// A web deployment configuration version: the draft or one published version
/// (`WebDeploymentConfigurationVersion`, reference §4.1). Keeps every field it was read with.
public struct ConfigurationVersion: WritableAPIObject {
    public var fields: [String: JSONValue]

    public init(fields: [String: JSONValue]) { self.fields = fields }

    /// The version: a string, read-only (reference §3.5.2); integer strings for published versions.
    public var version: String? { string("version") }
    /// The version as a number when it is a published one; `nil` for the draft (and for a number no real
    /// configuration reaches, see `number(_:)`).
    public var publishedVersionNumber: Int? { Self.number(version) }

    /// The highest version number believed. Versions count publishes, so a server claiming more is
    /// broken or hostile; staying far below `Int.max` also keeps `version + 1` from overflowing.
    public static let maxVersionNumber = Int(Int32.max)

    /// A published version's number: decimal digits only, 1 … `maxVersionNumber`; anything else `nil`.
    public static func number(_ text: String?) -> Int? {
        guard let text, !text.isEmpty, text.count <= 10, text.utf8.allSatisfy({ (0x30...0x39).contains($0) }),
            let value = Int(text), (1...maxVersionNumber).contains(value)
        else { return nil }
        return value
    }

    /// The version a publish after `published` creates (`"1"` when nothing was published), or `nil` when
    /// `published` is not a version number this client believes.
    public static func successor(of published: String?) -> String? {
        guard let published else { return "1" }
        guard let value = number(published), value < maxVersionNumber else { return nil }
        return String(value + 1)
    }
    /// `Pending`, `Active`, `Inactive`, `Error` or `Deleting` (reference §3.5.4).
    public var status: String? { string("status") }
    public var dateCreated: Date? { date("dateCreated") }
    public var dateModified: Date? { date("dateModified") }
    public var datePublished: Date? { date("datePublished") }
    /// The raw `dateModified` text, for exact comparisons in preconditions.
    public var dateModifiedText: String? { string("dateModified") }
    public var lastModifiedUser: EntityRef? { reference("lastModifiedUser") }
    public var createdUser: EntityRef? { reference("createdUser") }
    public var publishedUser: EntityRef? { reference("publishedUser") }
    public var languages: [String]? { fields["languages"]?.arrayValue?.compactMap(\.stringValue) }
    public var defaultLanguage: String? { string("defaultLanguage") }

    /// The read-only fields of reference §4.1; a body for POST/PUT is sent without them.
    public static let readOnlyFields: Set<String> = [
        "id", "version", "dateCreated", "dateModified", "datePublished", "lastModifiedUser", "createdUser",
        "publishedUser", "selfUri",
    ]
}

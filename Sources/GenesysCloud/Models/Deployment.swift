import Foundation

/// A web deployment (`WebDeployment` / `ExpandableWebDeployment`, reference §4.2). Keeps every field.
public struct Deployment: WritableAPIObject {
    public var fields: [String: JSONValue]

    public init(fields: [String: JSONValue]) { self.fields = fields }

    /// `Pending`, `Active`, `Inactive`, `Error` or `Deleting` (reference §3.5.4).
    public var status: String? { string("status") }
    public var allowAllDomains: Bool? {
        get { fields["allowAllDomains"]?.boolValue }
        set { fields["allowAllDomains"] = newValue.map(JSONValue.bool) }
    }
    public var allowedDomains: [String]? {
        get { fields["allowedDomains"]?.arrayValue?.compactMap(\.stringValue) }
        set { fields["allowedDomains"] = newValue.map { .array($0.map(JSONValue.string)) } }
    }
    /// The configuration version this deployment uses: `{id, version}` (required, reference §3.5.3).
    /// Setting it keeps any other members of the live reference (e.g. `name`, `selfUri`).
    public var configuration: ConfigurationRef? {
        get { fields["configuration"].flatMap(ConfigurationRef.init(json:)) }
        set {
            guard let newValue else {
                fields["configuration"] = nil
                return
            }
            var object = fields["configuration"]?.objectValue ?? [:]
            object["id"] = .string(newValue.id)
            object["version"] = .string(newValue.version)
            if let name = newValue.name { object["name"] = .string(name) }
            fields["configuration"] = .object(object)
        }
    }
    public var dateCreated: Date? { date("dateCreated") }
    public var dateModified: Date? { date("dateModified") }
    public var dateModifiedText: String? { string("dateModified") }
    public var lastModifiedUser: EntityRef? { reference("lastModifiedUser") }

    /// The read-only fields of reference §4.2; a body for POST/PUT is sent without them.
    public static let readOnlyFields: Set<String> = [
        "id", "snippet", "dateCreated", "dateModified", "lastModifiedUser", "selfUri",
    ]
}

/// `WebDeploymentConfigurationVersionEntityRef`: which configuration version a deployment uses (reference §4.2).
public struct ConfigurationRef: Sendable, Hashable {
    public var id: String
    /// A published version number as a string (reference §3.5.2).
    public var version: String
    public var name: String?

    public init(id: String, version: String, name: String? = nil) {
        self.id = id
        self.version = version
        self.name = name
    }

    init?(json: JSONValue) {
        guard let id = json["id"]?.stringValue else { return nil }
        // An expanded reference may carry the version as a number; accept both.
        let version = json["version"]?.stringValue ?? json["version"]?.intValue.map(String.init) ?? ""
        self.init(id: id, version: version, name: json["name"]?.stringValue)
    }
}

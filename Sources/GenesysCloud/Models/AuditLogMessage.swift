import Foundation

/// One audit record (`AuditLogMessage`, reference §4.3). Keeps every field.
public struct AuditLogMessage: APIObject {
    public var fields: [String: JSONValue]

    public init(fields: [String: JSONValue]) { self.fields = fields }

    public var id: String? { string("id") }
    public var serviceName: String? { string("serviceName") }
    /// Single word: `Create`, `Update`, `Delete`, `Publish`, ... (reference §3.2).
    public var action: String? { string("action") }
    public var entityType: String? { string("entityType") }
    public var entity: EntityRef? { reference("entity") }
    public var user: EntityRef? { reference("user") }
    public var client: EntityRef? { reference("client") }
    public var eventDate: Date? { date("eventDate") }
    public var eventDateText: String? { string("eventDate") }
    /// `SUCCESS`, `FAILURE` or `WARNING`.
    public var status: String? { string("status") }
    public var level: String? { string("level") }
    /// `propertyChanges[]`: `{property, oldValues[], newValues[]}`.
    public var propertyChanges: [PropertyChange] {
        (fields["propertyChanges"]?.arrayValue ?? []).compactMap { value in
            guard let property = value["property"]?.stringValue else { return nil }
            return PropertyChange(
                property: property,
                oldValues: value["oldValues"]?.arrayValue?.compactMap(\.stringValue) ?? [],
                newValues: value["newValues"]?.arrayValue?.compactMap(\.stringValue) ?? [])
        }
    }

    /// `PropertyChange` (reference §4.3).
    public struct PropertyChange: Sendable, Hashable {
        public var property: String
        public var oldValues: [String]
        public var newValues: [String]
    }
}

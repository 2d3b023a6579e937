import Foundation

/// An Architect schedule (`Schedule`, reference §4.4). Keeps every field.
public struct Schedule: WritableAPIObject {
    public var fields: [String: JSONValue]

    public init(fields: [String: JSONValue]) { self.fields = fields }

    /// The integer version; writable, and a PUT carrying a stale one gets 409 (reference §5.4).
    public var version: Int? {
        get { fields["version"]?.intValue }
        set { fields["version"] = newValue.map { .number(Double($0)) } }
    }
    /// Local date-time without a zone, `yyyy-MM-ddTHH:mm:ss.SSS` (reference §3.3).
    public var start: String? {
        get { string("start") }
        set { setString("start", newValue) }
    }
    public var end: String? {
        get { string("end") }
        set { setString("end", newValue) }
    }
    /// An iCal RRULE, e.g. `FREQ=WEEKLY;BYDAY=MO,TU`.
    public var rrule: String? {
        get { string("rrule") }
        set { setString("rrule", newValue) }
    }
    /// `active`, `inactive` or `deleted` (read-only).
    public var state: String? { string("state") }
    public var dateCreated: Date? { date("dateCreated") }
    public var dateModified: Date? { date("dateModified") }
    public var dateModifiedText: String? { string("dateModified") }
    /// The id of the user (or client) that last modified it.
    public var modifiedBy: String? { string("modifiedBy") }
    public var createdBy: String? { string("createdBy") }
    public var division: EntityRef? { reference("division") }

    /// The read-only fields of reference §4.4.
    public static let readOnlyFields: Set<String> = [
        "id", "dateCreated", "dateModified", "modifiedBy", "createdBy", "state", "modifiedByApp", "createdByApp",
        "selfUri",
    ]
}

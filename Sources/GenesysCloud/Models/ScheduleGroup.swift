import Foundation

/// An Architect schedule group (`ScheduleGroup`, reference §4.4). Keeps every field.
public struct ScheduleGroup: WritableAPIObject {
    public var fields: [String: JSONValue]

    public init(fields: [String: JSONValue]) { self.fields = fields }

    /// The integer version; a PUT carrying a stale one gets 409 (reference §5.4).
    public var version: Int? {
        get { fields["version"]?.intValue }
        set { fields["version"] = newValue.map { .number(Double($0)) } }
    }
    /// The IANA time zone the schedules are read in (reference §3.3).
    public var timeZone: String? {
        get { string("timeZone") }
        set { setString("timeZone", newValue) }
    }
    public var openSchedules: [EntityRef]? {
        get { references("openSchedules") }
        set { fields["openSchedules"] = newValue.map { .array($0.map(\.json)) } }
    }
    public var closedSchedules: [EntityRef]? {
        get { references("closedSchedules") }
        set { fields["closedSchedules"] = newValue.map { .array($0.map(\.json)) } }
    }
    public var holidaySchedules: [EntityRef]? {
        get { references("holidaySchedules") }
        set { fields["holidaySchedules"] = newValue.map { .array($0.map(\.json)) } }
    }
    public var state: String? { string("state") }
    public var dateCreated: Date? { date("dateCreated") }
    public var dateModified: Date? { date("dateModified") }
    public var dateModifiedText: String? { string("dateModified") }
    public var modifiedBy: String? { string("modifiedBy") }
    public var createdBy: String? { string("createdBy") }
    public var division: EntityRef? { reference("division") }

    /// The read-only fields of reference §4.4.
    public static let readOnlyFields: Set<String> = Schedule.readOnlyFields
}

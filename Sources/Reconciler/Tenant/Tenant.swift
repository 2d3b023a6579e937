import GenesysCloud

/// One tenant's desired state, decoded from `tenants/<tenant>.yaml` with its `extends` bases merged.
///
/// Field names of API objects are the API's own JSON names (DESIGN.md "Tenant file"), so desired
/// API fields are kept as `JSONValue` trees; only the sugar (`greetings`, `availability`) is typed.
public struct Tenant: Sendable {
    /// `tenant:`; equals the file name without `.yaml`.
    public var name: String
    /// Path of the tenant file as the user named it (used in diagnostics).
    public var file: String
    /// Region id from the reference's table (§1), e.g. `eu-west-1`.
    public var region: String
    public var organizationId: String
    public var credentials: CredentialReferences
    public var prune: Bool
    public var policy: Policy
    public var configurations: [DesiredConfiguration]
    public var deployments: [DesiredDeployment]
    public var availability: [DesiredAvailability]
    /// `supportedContents:`; nil when the file (with its bases) has no such key: then the org's profiles
    /// are not managed, read or pruned. Decoded by ``SupportedContentKind`` (a kind's own section).
    public var supportedContents: [DesiredSupportedContent]? = nil
    /// Fields owned elsewhere: drift there is listed as ignored, never hidden.
    public var ignore: [IgnoreRule]
    /// Where each value was set, by its path: `["configurations", "acme-support", "messenger", "styles",
    /// "primaryColor"]` (written `configurations[acme-support].messenger.styles.primaryColor`) → file:line:column.
    /// A list element's key is its index. With `extends`, the location names the file (base or tenant)
    /// that set the winning value.
    public var origins: [FieldPath: SourceLocation]

    public init(
        name: String, file: String, region: String, organizationId: String, credentials: CredentialReferences,
        prune: Bool = false, policy: Policy = Policy(), configurations: [DesiredConfiguration] = [],
        deployments: [DesiredDeployment] = [], availability: [DesiredAvailability] = [],
        ignore: [IgnoreRule] = [], origins: [FieldPath: SourceLocation] = [:]
    ) {
        self.name = name
        self.file = file
        self.region = region
        self.organizationId = organizationId
        self.credentials = credentials
        self.prune = prune
        self.policy = policy
        self.configurations = configurations
        self.deployments = deployments
        self.availability = availability
        self.ignore = ignore
        self.origins = origins
    }
}

/// The tenant file's `credentials`: the same names a plan carries (``CredentialNames``); one type.
public typealias CredentialReferences = CredentialNames

/// Validation policy (DESIGN.md defaults).
public struct Policy: Sendable, Hashable {
    public var minContrast: Double = 4.5
    public var contrastWith: String = "#FFFFFF"
    public var maxGreetingLength: Int = 150
    public init(minContrast: Double = 4.5, contrastWith: String = "#FFFFFF", maxGreetingLength: Int = 150) {
        self.minContrast = minContrast
        self.contrastWith = contrastWith
        self.maxGreetingLength = maxGreetingLength
    }
}

/// A web deployment configuration as the file wants it.
public struct DesiredConfiguration: Sendable {
    public var name: String
    /// The API fields the file sets (JSON names, nesting as in `WebDeploymentConfigurationVersion`),
    /// including `name`; never `greetings`, and never read-only fields (validation refuses them).
    /// Fields left out are not managed.
    public var fields: [String: JSONValue]
    /// Sugar for `customI18nLabels`, by language.
    public var greetings: [String: Greeting]
    public var location: SourceLocation

    public init(name: String, fields: [String: JSONValue], greetings: [String: Greeting] = [:], location: SourceLocation) {
        self.name = name
        self.fields = fields
        self.greetings = greetings
        self.location = location
    }
}

/// `greetings.<lang>`: title → MessengerHomeHeaderTitle, subtitle → MessengerHomeHeaderSubTitle,
/// launcher → MessengerLauncherButtonText (DESIGN.md).
public struct Greeting: Sendable, Hashable {
    public var title: String?
    public var subtitle: String?
    public var launcher: String?
    public init(title: String? = nil, subtitle: String? = nil, launcher: String? = nil) {
        self.title = title
        self.subtitle = subtitle
        self.launcher = launcher
    }
}

/// A web deployment as the file wants it.
public struct DesiredDeployment: Sendable {
    public var name: String
    /// The configuration this deployment serves, by name; apply points it at the version it publishes.
    public var configuration: String
    /// `configuration: { name: x, version: N }`: the deployment stays on published version N (after a
    /// rollback, say) instead of following the latest; nil follows the latest.
    public var pinnedVersion: Int?
    /// Other `WebDeployment` fields the file sets (JSON names), including `name`, never `configuration`.
    public var fields: [String: JSONValue]
    public var location: SourceLocation

    public init(
        name: String, configuration: String, pinnedVersion: Int? = nil, fields: [String: JSONValue], location: SourceLocation
    ) {
        self.name = name
        self.configuration = configuration
        self.pinnedVersion = pinnedVersion
        self.fields = fields
        self.location = location
    }
}

/// `availability` entry: one schedule group (with `timeZone`) and its open/closed schedules.
public struct DesiredAvailability: Sendable {
    public var name: String
    /// An IANA time zone name that exists in the system tz database.
    public var timeZone: String
    public var open: [OpenWindow]
    public var closed: [ClosedDay]
    public var location: SourceLocation

    public init(name: String, timeZone: String, open: [OpenWindow], closed: [ClosedDay], location: SourceLocation) {
        self.name = name
        self.timeZone = timeZone
        self.open = open
        self.closed = closed
        self.location = location
    }
}

public enum Weekday: String, Sendable, Hashable, CaseIterable, Codable {
    case MO, TU, WE, TH, FR, SA, SU
}

/// A wall-clock time of day in the availability's time zone.
public struct LocalTime: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var hour: Int
    public var minute: Int
    public init(hour: Int, minute: Int) {
        self.hour = hour
        self.minute = minute
    }
    public var minutesSinceMidnight: Int { hour * 60 + minute }
    public static func < (a: LocalTime, b: LocalTime) -> Bool { a.minutesSinceMidnight < b.minutesSinceMidnight }
    public var description: String {
        (hour < 10 ? "0" : "") + "\(hour):" + (minute < 10 ? "0" : "") + "\(minute)"
    }
}

/// `open: - { days: [MO, …], from: "09:00", to: "17:00" }`.
public struct OpenWindow: Sendable, Hashable {
    public var days: [Weekday]
    public var from: LocalTime
    public var to: LocalTime
    public var location: SourceLocation
    public init(days: [Weekday], from: LocalTime, to: LocalTime, location: SourceLocation) {
        self.days = days
        self.from = from
        self.to = to
        self.location = location
    }
}

/// A calendar date (no time zone; it is read in the availability's zone).
public struct LocalDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int
    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }
    public static func < (a: LocalDate, b: LocalDate) -> Bool { (a.year, a.month, a.day) < (b.year, b.month, b.day) }
    public var description: String {
        let m = month < 10 ? "0\(month)" : "\(month)"
        let d = day < 10 ? "0\(day)" : "\(day)"
        return "\(year)-\(m)-\(d)"
    }
}

/// `closed: - { name: Christmas, date: 2026-12-25 }`: closed the whole day.
public struct ClosedDay: Sendable, Hashable {
    public var name: String
    public var date: LocalDate
    public var location: SourceLocation
    public init(name: String, date: LocalDate, location: SourceLocation) {
        self.name = name
        self.date = date
        self.location = location
    }
}

/// `ignore: - { path: configurations[acme-support].messenger.apps.knowledge, reason: "owned by the KB team" }`.
public struct IgnoreRule: Sendable, Hashable {
    /// The path as the file writes it (for messages).
    public var path: String
    /// The field it names, read once from `path` when the file was decoded: what drift and plan match by.
    public var field: FieldPath
    public var reason: String
    public var location: SourceLocation
    public init(path: String, field: FieldPath, reason: String, location: SourceLocation) {
        self.path = path
        self.field = field
        self.reason = reason
        self.location = location
    }
    /// A rule from its written path (a path that does not read is one key, and matches no field).
    public init(path: String, reason: String, location: SourceLocation) {
        self.init(path: path, field: (try? FieldPath(parsing: path)) ?? FieldPath([path]), reason: reason, location: location)
    }
}

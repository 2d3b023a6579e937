/// The managed kinds, and the one registry that ties each to its ``ManagedKind`` (a new kind is a case
/// here and a line in ``managed``; everything else about it is said in its own file).
///
/// Listed in the order a plan lists the deletes `prune` finds (deployments first, as before); a new
/// kind goes last. The order objects are planned and applied in is each kind's ``ManagedKind/order``.
public enum ObjectKind: String, Sendable, Codable, CaseIterable, Comparable {
    case deployment, configuration, schedule, scheduleGroup, supportedContent

    /// The kind's rules.
    var managed: any ManagedKind.Type {
        switch self {
        case .deployment: DeploymentKind.self
        case .configuration: ConfigurationKind.self
        case .schedule: ScheduleKind.self
        case .scheduleGroup: ScheduleGroupKind.self
        case .supportedContent: SupportedContentKind.self
        }
    }

    /// Apply order (``ManagedKind/order``).
    var order: Int { managed.order }
    public static func < (a: ObjectKind, b: ObjectKind) -> Bool { a.order < b.order }

    public var displayName: String { managed.displayName }
}

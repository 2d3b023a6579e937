/// How a tenant stands after a drift check, and the counts over all tenants that the HTML page and
/// `status` lead with.
public enum TenantDriftState: String, Sendable, CaseIterable {
    /// Could not be checked: credentials, the org, an API failure.
    case error
    /// A managed field or object differs from the file.
    case drift
    /// Only fields the file lists under `ignore:` differ (reported, never applied).
    case ignored
    case inSync = "in sync"

    public init(_ tenant: TenantPlan) {
        if tenant.error != nil {
            self = .error
        } else if tenant.hasChanges {
            self = .drift
        } else if tenant.hasIgnoredDrift {
            self = .ignored
        } else {
            self = .inSync
        }
    }

    /// Most severe first: the order of the HTML page's table and of `status`.
    var severity: Int {
        switch self {
        case .error: 0
        case .drift: 1
        case .ignored: 2
        case .inSync: 3
        }
    }
}

/// Tenants by state: in sync / drifted / error / ignored / not checked.
public struct DriftCounts: Sendable, Equatable {
    public var inSync = 0
    public var drifted = 0
    public var errors = 0
    public var ignored = 0
    /// Tenants of the files that this run did not check (other `--shard`s).
    public var notChecked = 0

    public init(_ plan: Plan, notChecked: Int = 0) {
        for tenant in plan.tenants {
            switch TenantDriftState(tenant) {
            case .error: errors += 1
            case .drift: drifted += 1
            case .ignored: ignored += 1
            case .inSync: inSync += 1
            }
        }
        self.notChecked = notChecked
    }

    /// `3 in sync · 1 drifted · 0 error · 0 ignored · 0 not checked`.
    public var line: String {
        "\(inSync) in sync · \(drifted) drifted · \(errors) error · \(ignored) ignored · \(notChecked) not checked"
    }
}

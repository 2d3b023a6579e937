import GenesysCloud

/// What apply did, per tenant and object (issue: "applied / conflict / failed / not attempted, with
/// the reason"). Written as text, and as JSON with `--report FILE`.
public struct ApplyReport: Sendable, Codable {
    public static let currentFormatVersion = 1
    public var formatVersion: Int = ApplyReport.currentFormatVersion
    public var startedAt: String
    public var finishedAt: String
    public var tenants: [TenantApplyReport]
    public var summary: ApplySummary
    /// Publish → `Active` per configuration, and PUT → serving per deployment, across the fleet.
    public var activation: ActivationStatistics?

    public init(startedAt: String, finishedAt: String, tenants: [TenantApplyReport]) {
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.tenants = tenants
        self.summary = ApplySummary(tenants)
        self.activation = ActivationStatistics(tenants)
    }
}

public enum ObjectOutcome: String, Sendable, Codable {
    /// Written (and, for a configuration, published).
    case applied
    /// A precondition moved: nothing was written for this object.
    case conflict
    /// A safety guard stopped it (an unpublished draft by someone else); nothing was written.
    case blocked
    /// The API refused or failed; the reason says how far it got.
    case failed
    /// Not tried: an earlier step it depends on did not succeed, or the run was interrupted.
    case notAttempted
    /// Nothing to write: the org already holds what the plan asks for (a re-run of a plan that
    /// succeeded, or a delete already done).
    case alreadyApplied
}

public struct TenantApplyReport: Sendable, Codable {
    public var tenant: String
    public var region: String
    /// Set when the tenant failed as a whole (credentials, org check).
    public var error: String?
    /// The same failure, typed: kind, and the API's `code` and `contextId` when the API said it.
    public var failure: ReportedError?
    public var objects: [ObjectApplyResult]

    public init(tenant: String, region: String, error: String? = nil, objects: [ObjectApplyResult] = []) {
        self.tenant = tenant
        self.region = region
        self.error = error
        self.objects = objects
    }

    public var succeeded: Bool {
        error == nil && objects.allSatisfy { $0.outcome == .applied || $0.outcome == .alreadyApplied }
    }
}

public struct ObjectApplyResult: Sendable, Codable {
    public var kind: ObjectKind
    public var name: String
    public var action: PlanAction
    public var outcome: ObjectOutcome
    public var reason: String?
    /// For a failure: the error with its kind and the API's `code` and `contextId`.
    public var error: ReportedError?
    public var id: String?
    /// For a configuration: the version apply published.
    public var publishedVersion: String?
    /// For a conflict: each field with the planned base, our value and the other writer's value.
    public var conflicts: [FieldConflict]?
    /// With `--rebase`: the fields written over a live object another writer had changed since the
    /// plan (in fields the file does not manage).
    public var rebased: [String]?
    /// Milliseconds from publish to the version reading `Active` (configurations), or from the PUT to
    /// the deployment serving the new version (deployments).
    public var activationMilliseconds: Int?
    /// Milliseconds within that span spent held back by the rate limit (429 `Retry-After` or the
    /// per-token budget); not counted in `activationMilliseconds`.
    public var rateLimitWaitMilliseconds: Int?

    public init(kind: ObjectKind, name: String, action: PlanAction, outcome: ObjectOutcome, reason: String? = nil) {
        self.kind = kind
        self.name = name
        self.action = action
        self.outcome = outcome
        self.reason = reason
    }
}

/// One field two writers disagree on.
public struct FieldConflict: Sendable, Codable, Hashable {
    public var path: String
    public var base: JSONValue?
    public var ours: JSONValue?
    public var theirs: JSONValue?
}

public struct ApplySummary: Sendable, Codable, Hashable {
    public var tenants: Int
    public var applied: Int
    public var conflict: Int
    public var blocked: Int
    public var failed: Int
    public var notAttempted: Int
    public var tenantErrors: Int
    public var alreadyApplied: Int

    init(_ tenants: [TenantApplyReport]) {
        self.tenants = tenants.count
        let objects = tenants.flatMap(\.objects)
        applied = objects.filter { $0.outcome == .applied }.count
        conflict = objects.filter { $0.outcome == .conflict }.count
        blocked = objects.filter { $0.outcome == .blocked }.count
        failed = objects.filter { $0.outcome == .failed }.count
        notAttempted = objects.filter { $0.outcome == .notAttempted }.count
        tenantErrors = tenants.filter { $0.error != nil }.count
        alreadyApplied = objects.filter { $0.outcome == .alreadyApplied }.count
    }
}

/// p50/p95/max of activation latencies, in milliseconds.
public struct ActivationStatistics: Sendable, Codable, Hashable {
    public var configurations: LatencySummary?
    public var deployments: LatencySummary?

    init?(_ tenants: [TenantApplyReport]) {
        let objects = tenants.flatMap(\.objects)
        configurations = LatencySummary(objects.filter { $0.kind == .configuration }.compactMap(\.activationMilliseconds))
        deployments = LatencySummary(objects.filter { $0.kind == .deployment }.compactMap(\.activationMilliseconds))
        if configurations == nil && deployments == nil { return nil }
    }
}

public struct LatencySummary: Sendable, Codable, Hashable {
    public var count: Int
    public var p50: Int
    public var p95: Int
    public var max: Int

    init?(_ samples: [Int]) {
        guard !samples.isEmpty else { return nil }
        let sorted = samples.sorted()
        count = sorted.count
        p50 = sorted[(sorted.count - 1) / 2]
        p95 = sorted[min(sorted.count - 1, Int((Double(sorted.count) * 0.95).rounded(.up)) - 1)]
        max = sorted.last!
    }
}

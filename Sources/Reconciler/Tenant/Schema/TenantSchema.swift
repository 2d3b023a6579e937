/// The keys of the tenant format itself (DESIGN.md "Tenant file"), around the API models.
///
/// `schemas/tenant.schema.json` lists the same keys; `TenantSchemaTests` checks that they agree.
public enum TenantSchema {
    /// The file's own keys, then every kind's section (``ManagedKind/fileSection``). The first kinds'
    /// sections keep the place they have always had in the "known keys" hint; a later kind's is added
    /// at the end, from the kind.
    public static let topLevelKeys: [String] = {
        var keys = [
            "tenant", "region", "organizationId", "credentials", "extends", "prune", "policy",
            "configurations", "deployments", "availability", "ignore",
        ]
        for kind in ObjectKind.allCases {
            if let section = kind.managed.fileSection, !keys.contains(section) { keys.append(section) }
        }
        return keys
    }()
    public static let credentialKeys = ["clientIdEnv", "clientSecretEnv"]
    public static let policyKeys = ["minContrast", "contrastWith", "maxGreetingLength"]
    /// Greeting texts and the `customI18nLabels` keys they become.
    public static let greetingKeys: [(key: String, label: String)] = GreetingMapping.labelKeys.map { ($0.sugar, $0.label) }
    /// Keys a configuration entry adds to `WebDeploymentConfigurationVersion`.
    public static let configurationSugarKeys = ["greetings"]
    /// Keys only a tenant file has; a file with none of them is a base.
    public static let tenantOnlyKeys = ["tenant", "region", "organizationId", "credentials"]
    public static let availabilityKeys = ["name", "timeZone", "open", "closed"]
    public static let openWindowKeys = ["days", "from", "to"]
    public static let closedDayKeys = ["name", "date"]
    /// A deployment's `configuration: { name: x, version: N }` (the pinned form).
    public static let configurationReferenceKeys = ["name", "version"]
    public static let ignoreKeys = ["path", "reason"]
    /// Keys a `supportedContents` entry adds to the API's `SupportedContent`.
    public static let supportedContentSugarKeys = ["default"]

    /// The 18 region ids of reference §1. The GenesysCloud client owns the full table with hosts;
    /// validation only needs the ids.
    public static let regions = [
        "us-east-1", "us-east-2", "us-west-2", "ca-central-1", "sa-east-1", "mx-central-1",
        "eu-west-1", "eu-west-2", "eu-central-1", "eu-central-2", "eusc-de-east-1", "me-central-1",
        "ap-south-1", "ap-southeast-1", "ap-southeast-2", "ap-northeast-1", "ap-northeast-2", "ap-northeast-3",
    ]
}

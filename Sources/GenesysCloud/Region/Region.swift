/// A Genesys Cloud region: where an org lives and which hosts serve its API and OAuth tokens.
///
/// The table is the SDKs' `PureCloudRegionHosts` enum (reference §1); the login host is derived from the API
/// host the way the SDKs do it (`//api.` → `//login.`), which is UNVERIFIED by a live call (reference §1, §7.8).
public struct Region: Sendable, Hashable, CustomStringConvertible {
    /// The region id as the tenant file writes it, e.g. `eu-west-1`.
    public let id: String
    /// The API host, e.g. `api.mypurecloud.ie`.
    public let apiHost: String
    /// The OAuth host, e.g. `login.mypurecloud.ie`.
    public let loginHost: String

    /// A region from its id and API host; the login host is derived as the SDKs derive it (reference §1).
    public init(id: String, apiHost: String) {
        self.id = id
        self.apiHost = apiHost
        self.loginHost = apiHost.hasPrefix("api.") ? "login." + apiHost.dropFirst(4) : apiHost
    }

    public var description: String { id }

    /// The 18 regions of reference §1 (Python SDK 269.0.0, .NET SDK 270.0.0).
    public static let all: [Region] = [
        Region(id: "us-east-1", apiHost: "api.mypurecloud.com"),
        Region(id: "us-east-2", apiHost: "api.use2.us-gov-pure.cloud"),
        Region(id: "us-west-2", apiHost: "api.usw2.pure.cloud"),
        Region(id: "ca-central-1", apiHost: "api.cac1.pure.cloud"),
        Region(id: "sa-east-1", apiHost: "api.sae1.pure.cloud"),
        Region(id: "mx-central-1", apiHost: "api.mxc1.pure.cloud"),
        Region(id: "eu-west-1", apiHost: "api.mypurecloud.ie"),
        Region(id: "eu-west-2", apiHost: "api.euw2.pure.cloud"),
        Region(id: "eu-central-1", apiHost: "api.mypurecloud.de"),
        Region(id: "eu-central-2", apiHost: "api.euc2.pure.cloud"),
        Region(id: "eusc-de-east-1", apiHost: "api.edee1.eusc-pure.cloud"),
        Region(id: "me-central-1", apiHost: "api.mec1.pure.cloud"),
        Region(id: "ap-south-1", apiHost: "api.aps1.pure.cloud"),
        Region(id: "ap-southeast-1", apiHost: "api.apse1.pure.cloud"),
        Region(id: "ap-southeast-2", apiHost: "api.mypurecloud.com.au"),
        Region(id: "ap-northeast-1", apiHost: "api.mypurecloud.jp"),
        Region(id: "ap-northeast-2", apiHost: "api.apne2.pure.cloud"),
        Region(id: "ap-northeast-3", apiHost: "api.apne3.pure.cloud"),
    ]

    /// The region with this id (`eu-west-1`); the SDK enum spelling (`eu_west_1`) is accepted too.
    public static func named(_ id: String) -> Region? {
        let normalized = id.lowercased().replacingOccurrences(of: "_", with: "-")
        return all.first { $0.id == normalized }
    }
}

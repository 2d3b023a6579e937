import Foundation

/// What `GET /api/v2/tokens/me` says about the current token (`TokenInfo`, reference §4.5, §3.4).
public struct TokenInfo: APIObject {
    public var fields: [String: JSONValue]

    public init(fields: [String: JSONValue]) { self.fields = fields }

    /// The organization the token acts in.
    public var organization: EntityRef? { reference("organization") }
    /// The token's home organization.
    public var homeOrganization: EntityRef? { reference("homeOrganization") }
    public var authorizedScope: [String] { fields["authorizedScope"]?.arrayValue?.compactMap(\.stringValue) ?? [] }
    /// The OAuth client of the token (JSON name `OAuthClient`).
    public var oauthClient: EntityRef? { reference("OAuthClient") }
    public var dateTokenIdles: Date? { date("dateTokenIdles") }
}

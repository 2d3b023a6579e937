/// The OAuth client-credentials pair of one org (reference §2.1). The id is not secret; the secret is.
public struct ClientCredentials: Sendable, Hashable {
    public var clientId: String
    public var clientSecret: Secret

    public init(clientId: String, clientSecret: Secret) {
        self.clientId = clientId
        self.clientSecret = clientSecret
    }
}

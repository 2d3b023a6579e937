/// The OAuth client-credentials pair of one org (reference §2.1). The id is not secret; the secret is.
public struct ClientCredentials: Sendable, Hashable {
    public var clientId: String
    public var clientSecret: Secret
    /// The environment variable the id was read from. A tenant file names it, and a pull request can point
    /// it at any variable (a secret, even), so messages name the variable and never print the value.
    public var clientIdSource: String?

    public init(clientId: String, clientSecret: Secret, clientIdSource: String? = nil) {
        self.clientId = clientId
        self.clientSecret = clientSecret
        self.clientIdSource = clientIdSource
    }

    /// How messages and logs name the client: by its variable when it came from one, else by its id.
    public var label: String {
        clientIdSource.map { "from $\($0)" } ?? "'\(clientId)'"
    }
}

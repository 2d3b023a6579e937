import GenesysCloud

/// An error as reports carry it: typed fields beside the message, so a JSON plan or apply report
/// keeps what kind of failure it was and the API's `code` and `contextId` (what Genesys Cloud's
/// support asks for), not only a sentence.
public struct ReportedError: Sendable, Codable, Hashable {
    /// `api` (the API answered with an error status), `transport`, `timeout`, `rateLimit`,
    /// `organizationMismatch`, `invalidResponse`, `outcomeUnknown`, `configuration`, `interrupted`,
    /// or `reconciler` (a problem messengerctl found, not the API).
    public var kind: String
    /// The whole message, as the text report prints it.
    public var message: String
    /// The HTTP status, when a response arrived.
    public var status: Int?
    /// The API's error `code` (reference §5.3), e.g. `bad.request`.
    public var code: String?
    /// The API's `contextId` of the failing request.
    public var contextId: String?
    /// What to do about it, when known.
    public var hint: String?

    public init(_ error: any Error) {
        message = TenantApplier.describe(error)
        switch error {
        case let error as GenesysError:
            kind = Self.name(error.kind)
            status = error.status
            code = error.code
            contextId = error.contextId
            hint = error.hint
        case is CancellationError:
            kind = "interrupted"
        default:
            kind = "reconciler"
        }
    }

    static func name(_ kind: GenesysError.Kind) -> String {
        switch kind {
        case .http: "api"
        case .transport: "transport"
        case .timeout: "timeout"
        case .rateLimitExceeded: "rateLimit"
        case .organizationMismatch: "organizationMismatch"
        case .invalidResponse: "invalidResponse"
        case .outcomeUnknown: "outcomeUnknown"
        case .configuration: "configuration"
        case .cancelled: "interrupted"
        }
    }
}

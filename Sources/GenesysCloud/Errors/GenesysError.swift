/// Anything that went wrong talking to Genesys Cloud, with what a user needs to act on it.
///
/// Carries the Genesys `ErrorBody` (`code`, `message`, `contextId`, reference §5.1) so the `contextId` can be
/// quoted to support. The description never contains a token or a client secret: only method, path, status,
/// the server's error body and our own explanation go into it.
public struct GenesysError: Error, Sendable, CustomStringConvertible {
    /// What kind of failure this is; callers branch on it (or on the `is…` conveniences).
    public enum Kind: Sendable, Hashable {
        /// The API answered with a non-success status.
        case http(status: Int)
        /// The connection failed (refused, reset, closed) and no usable response arrived.
        case transport
        /// A connect, read or whole-request timeout, or an audit query that did not finish in time.
        case timeout
        /// 429s continued past the retry budget, or `Retry-After` asked for longer than the configured cap.
        case rateLimitExceeded
        /// The credentials belong to another organization than the tenant file names.
        case organizationMismatch
        /// The server answered 2xx with something that is not the documented JSON.
        case invalidResponse
        /// A write (POST) may or may not have been applied, and reading the state back could not settle it.
        case outcomeUnknown
        /// Bad local settings: endpoint template, empty credentials, unknown region.
        case configuration
        /// The surrounding task was cancelled.
        case cancelled
    }

    public var kind: Kind
    /// The HTTP status, when a response arrived.
    public var status: Int?
    /// The Genesys error `code` (e.g. `general.conflict`), when the body had one.
    public var code: String?
    /// What went wrong, in words.
    public var message: String
    /// The Genesys `contextId` to quote to support.
    public var contextId: String?
    /// The full error body, when the server sent one.
    public var errorBody: ErrorBody?
    /// The HTTP method of the failed request (`GET`, `POST`, ...), when there was one.
    public var method: String?
    /// The path of the failed request (`/api/v2/...`), without host or query.
    public var path: String?
    /// The region the request went to.
    public var region: String?
    /// What the user should probably do (a missing permission, a cap to raise, ...).
    public var hint: String?

    public init(
        kind: Kind, status: Int? = nil, code: String? = nil, message: String, contextId: String? = nil,
        errorBody: ErrorBody? = nil, method: String? = nil, path: String? = nil, region: String? = nil,
        hint: String? = nil
    ) {
        self.kind = kind
        self.status = status
        self.code = code
        self.message = message
        self.contextId = contextId
        self.errorBody = errorBody
        self.method = method
        self.path = path
        self.region = region
        self.hint = hint
    }

    /// A local settings problem (no request was sent).
    public static func configuration(_ message: String) -> GenesysError {
        GenesysError(kind: .configuration, message: message)
    }

    public var isNotFound: Bool { status == 404 }
    /// 409, or a stale Architect `version` answered as 400 "does not match the current version", which
    /// Genesys' Terraform treats as the same version mismatch (reference §5.4).
    public var isConflict: Bool { status == 409 || Self.isVersionMismatch(status: status, message: message) }

    static func isVersionMismatch(status: Int?, message: String) -> Bool {
        status == 400 && message.localizedCaseInsensitiveContains("does not match the current version")
    }
    public var isUnprocessable: Bool { status == 422 }
    public var isBadRequest: Bool { status == 400 }
    public var isRateLimited: Bool { status == 429 || kind == .rateLimitExceeded }
    public var isUnauthorized: Bool { status == 401 }
    public var isForbidden: Bool { status == 403 }
    public var isServerError: Bool { (status ?? 0) >= 500 }
    public var isOutcomeUnknown: Bool { kind == .outcomeUnknown }

    public var description: String {
        // A local settings mistake: no request was made, so "Genesys Cloud failed" would mislead.
        if kind == .configuration, method == nil {
            return hint.map { "\(message). \($0)" } ?? message
        }
        var text = ""
        if let method, let path { text += "\(method) \(path)" } else { text += "Genesys Cloud" }
        if let region { text += " (region \(region))" }
        text += " failed: "
        if let status { text += "HTTP \(status) " }
        if let code { text += "\(code): " }
        text += message
        if let contextId { text += " [contextId \(contextId)]" }
        if let hint { text += ". " + hint }
        // Message, code and contextId come from the server: printed, they must not drive the terminal.
        return TerminalText.escape(text)
    }
}

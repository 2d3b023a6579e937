import AsyncHTTPClient
import Foundation
import NIOCore

/// Turns a non-success response into a `GenesysError` carrying the Genesys `ErrorBody`.
enum ResponseError {
    static func make(_ response: RawResponse, method: String, path: String, region: String, client: String) -> GenesysError {
        let body = try? JSONDecoder().decode(ErrorBody.self, from: Data(response.body))
        var message = body?.message ?? defaultMessage(status: response.status)
        // The correlation id header is the next best thing when the body has no contextId (reference §5.1).
        let contextId = body?.contextId ?? response.headers.first(name: "ININ-Correlation-Id")
        let hint: String?
        switch response.status {
        case 401, 403:
            hint = PermissionHint.hint(status: response.status, code: body?.code, method: method, path: path, client: client)
        case 409:
            hint = "Someone else changed or still uses this object; run plan again to see the current state"
        case 400 where GenesysError.isVersionMismatch(status: 400, message: message):
            hint = "Someone else changed this object since it was read; run plan again to see the current state"
        case 400 where featureGated(body) != nil:
            // reference §3.5 item 7: an org without the feature answers 400 with "feature is not yet
            // implemented" in `details[].errorCode` and the field in `details[].fieldName`.
            let field = featureGated(body) ?? ""
            message = "this organization does not have the feature behind `\(field)` (Genesys Cloud answered: feature is not yet implemented)"
            hint = "Remove `\(field)` from the tenant file for this organization, or ask Genesys to enable the feature"
        case 429:
            hint = "Genesys Cloud rate-limited the OAuth client; lower --concurrency or the request budget"
        default:
            hint = nil
        }
        return GenesysError(
            kind: .http(status: response.status), status: response.status, code: body?.code, message: message,
            contextId: contextId, errorBody: body, method: method, path: path, region: region, hint: hint)
    }

    /// The field of a feature-gated 400, or `nil` when the answer is not one.
    static func featureGated(_ body: ErrorBody?) -> String? {
        for detail in body?.details ?? [] where (detail.errorCode ?? "").localizedCaseInsensitiveContains("feature is not yet implemented") {
            return detail.fieldName ?? "?"
        }
        return nil
    }

    private static func defaultMessage(status: Int) -> String {
        switch status {
        case 400: "bad request"
        case 401: "not authenticated"
        case 403: "not allowed"
        case 404: "not found"
        case 409: "conflict"
        case 429: "too many requests"
        case 500..<600: "server error"
        default: "unexpected status"
        }
    }
}

/// Classifies an error thrown by the HTTP client.
enum TransportFailure {
    /// Whether the error certainly happened before any request byte was sent (the connection never opened),
    /// so even a POST can be sent again without reading state back.
    static func happenedBeforeSending(_ error: any Error) -> Bool {
        if let error = error as? HTTPClientError {
            return error == .connectTimeout || error == .getConnectionFromPoolTimeout
                || error == .tlsHandshakeTimeout
        }
        if error is HostUnreachable { return true }
        if let error = error as? IOError, [ECONNREFUSED, ENETUNREACH, EHOSTUNREACH].contains(error.errnoCode) { return true }
        // NIO's connection errors (refused, unreachable) name themselves; matching on the type name avoids a
        // dependency on NIOPosix just to recognise them.
        let typeName = String(describing: type(of: error))
        return typeName.contains("NIOConnectionError") || typeName.contains("ConnectionRefused")
    }

    /// Whether the host name could not be resolved. The system resolver has already retried (and on a
    /// network without DNS each try waits for its own timeout), so retrying again only makes the user
    /// wait: the error is reported at once.
    static func isNameResolutionFailure(_ error: any Error) -> Bool {
        let text = String(describing: error)
        return text.contains("UnknownHost") || text.contains("Name or service not known")
    }

    /// Whether the connection could not be opened (refused, unreachable, connect timeout). The pool has
    /// already kept trying for the whole connect timeout, so the client does not try again, and the
    /// transport remembers the host for the rest of the run.
    static func isConnectFailure(_ error: any Error) -> Bool {
        if error is HostUnreachable { return true }
        if let error = error as? HTTPClientError { return error == .connectTimeout || error == .tlsHandshakeTimeout }
        // A refused connect surfaces as NIO's IOError carrying the errno.
        if let error = error as? IOError {
            return [ECONNREFUSED, ENETUNREACH, EHOSTUNREACH].contains(error.errnoCode)
        }
        let typeName = String(describing: type(of: error))
        return typeName.contains("NIOConnectionError") || typeName.contains("ConnectionRefused")
    }

    /// Errors that the same request would meet again: a body over the cap, a TLS failure, a host that
    /// does not accept connections. Retrying them only makes the user wait.
    static func isDeterministic(_ error: any Error) -> Bool {
        if isConnectFailure(error) { return true }
        let typeName = String(describing: type(of: error))
        return typeName.contains("TooManyBytes") || typeName.contains("NIOSSL") || typeName.contains("BoringSSL")
    }

    /// A short reason for remembering an unreachable host.
    static func reason(_ error: any Error) -> String {
        (error as? HTTPClientError) == .connectTimeout ? "the connection timed out" : "\(error)"
    }

    static func isTimeout(_ error: any Error) -> Bool {
        guard let error = error as? HTTPClientError else { return false }
        return error == .readTimeout || error == .deadlineExceeded || error == .connectTimeout
            || error == .writeTimeout || error == .tlsHandshakeTimeout
    }

    static func classify(_ error: any Error, method: String, path: String, region: String) -> GenesysError {
        if error is CancellationError || (error as? HTTPClientError) == .cancelled {
            return GenesysError(kind: .cancelled, message: "the request was cancelled", method: method, path: path, region: region)
        }
        if String(describing: type(of: error)).contains("TooManyBytes") {
            return GenesysError(
                kind: .invalidResponse, message: "the response is larger than \(GenesysTransport.maxBodyBytes / 1024 / 1024) MiB",
                method: method, path: path, region: region)
        }
        if isTimeout(error) {
            return GenesysError(
                kind: .timeout, message: "timed out (\(error))", method: method, path: path, region: region,
                hint: "Genesys Cloud did not answer in time; try again later or raise the timeouts")
        }
        if isNameResolutionFailure(error) {
            return GenesysError(
                kind: .transport, message: "the host name could not be resolved (\(error))", method: method, path: path,
                region: region, hint: "Check the tenant's region, --endpoint, and this machine's DNS")
        }
        return GenesysError(
            kind: .transport, message: plainReason(error), method: method, path: path, region: region,
            hint: "Check the address (--endpoint or MESSENGERCTL_ENDPOINT, when set) and the network path to the region's API host")
    }
}

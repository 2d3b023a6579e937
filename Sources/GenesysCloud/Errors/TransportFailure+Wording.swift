import AsyncHTTPClient
import Foundation
import NIOCore

extension TransportFailure {
    /// A failed connection in words a user acts on ("the connection was refused"), instead of the
    /// networking library's nested description with its errno.
    static func plainReason(_ error: any Error) -> String {
        if let error = error as? HTTPClientError, error == .remoteConnectionClosed {
            return "the server closed the connection before answering"
        }
        guard let code = (error as? IOError)?.errnoCode ?? errnoCode(in: String(describing: error)) else {
            return "the connection failed: " + String(describing: error)
        }
        switch code {
        case ECONNREFUSED: return "the connection was refused (nothing listens at that address)"
        case ECONNRESET: return "the server reset the connection"
        case ETIMEDOUT: return "the connection timed out"
        case EHOSTUNREACH: return "the host is unreachable"
        case ENETUNREACH: return "the network is unreachable"
        case EPIPE: return "the server closed the connection while the request was being sent"
        default: return String(cString: strerror(code)).lowercased()
        }
    }

    /// The `errno: N` a NIO error description ends with, if any.
    static func errnoCode(in text: String) -> Int32? {
        guard let range = text.range(of: "errno: ") else { return nil }
        return Int32(text[range.upperBound...].prefix { $0.isNumber })
    }
}

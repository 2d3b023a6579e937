import Foundation

/// A request as the emulator's state sees it: already split into region, path, query and body.
struct APIRequest: Sendable {
    var method: String
    /// Region prefix of the path (`eu-west-1` in `/eu-west-1/api/v2/...`).
    var region: String
    /// Path after the region prefix, e.g. `/api/v2/tokens/me`.
    var path: String
    var query: [String: String]
    var authorization: String?
    var body: Data
    /// The `Content-Type` header, for the 415 check (reference §3 conventions: JSON bodies).
    var contentType: String? = nil

    var isWrite: Bool { method == "POST" || method == "PUT" || method == "DELETE" }
}

/// An answer: status, extra headers and an optional JSON body.
struct APIResponse: Sendable {
    var status: Int
    var headers: [(String, String)] = []
    var body: EmulatorJSON?
    /// The OAuth client that made the request, for the request log.
    var clientID: String?

    init(status: Int, headers: [(String, String)] = [], body: EmulatorJSON? = nil, clientID: String? = nil) {
        self.status = status
        self.headers = headers
        self.body = body
        self.clientID = clientID
    }

    /// A Genesys `ErrorBody` answer (reference §4.5, §5.1); `contextId` is new per response and repeated in
    /// the `ININ-Correlation-Id` header so a user can quote either.
    static func error(
        _ status: Int, code: String, message: String, details: [SchemaViolation] = [],
        headers: [(String, String)] = []
    ) -> APIResponse {
        let contextID = UUID().uuidString.lowercased()
        let body: EmulatorJSON = [
            "message": .string(message),
            "code": .string(code),
            "status": .number(Double(status)),
            "contextId": .string(contextID),
            "details": .array(details.map { ["errorCode": .string($0.errorCode), "fieldName": .string($0.fieldName)] }),
            "errors": [],
        ]
        return APIResponse(status: status, headers: headers + [("ININ-Correlation-Id", contextID)], body: body)
    }

    static func notFound(_ what: String = "The requested resource was not found.") -> APIResponse {
        .error(404, code: "not.found", message: what)
    }

    static func badRequest(_ message: String, code: String = "bad.request", details: [SchemaViolation] = []) -> APIResponse {
        .error(400, code: code, message: message, details: details)
    }

    static func invalidBody(_ violations: [SchemaViolation]) -> APIResponse {
        let fields = violations.map(\.fieldName).joined(separator: ", ")
        // reference §5.1: `invalid.property` for a property the model does not have, `invalid.value` otherwise.
        if let unknown = violations.first(where: \.isUnknownProperty) {
            return .error(
                400, code: "invalid.property",
                message: "Value [\(unknown.fieldName)] is not a valid property for object [\(unknown.model ?? "body")]",
                details: violations)
        }
        // reference §5.1: `invalid.date` for dates, `invalid.value` for the rest.
        let code = violations.allSatisfy { $0.errorCode.hasPrefix("invalid.date") } ? "invalid.date" : "invalid.value"
        return .error(400, code: code, message: "The request body is invalid: \(fields)", details: violations)
    }
}

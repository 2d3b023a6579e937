import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import GenesysEmulator

/// One HTTP answer as a test sees it.
struct HTTPAnswer: Sendable {
    var status: Int
    var headers: [String: String]
    var json: EmulatorJSON?

    func header(_ name: String) -> String? {
        headers.first { $0.key.lowercased() == name.lowercased() }?.value
    }
}

/// A plain HTTP client over URLSession: tests talk to the emulator over real HTTP, not through the client library.
struct TestClient: Sendable {
    /// `http://127.0.0.1:PORT/REGION`
    var base: String
    var token: String?

    static let session: URLSession = {
        let configuration = URLSessionConfiguration.ephemeral
        // Generous: tests run in parallel on 2 cores, and no test here is about this timeout.
        configuration.timeoutIntervalForRequest = 60
        return URLSession(configuration: configuration)
    }()

    func send(
        _ method: String, _ path: String, json: EmulatorJSON? = nil, rawBody: Data? = nil, headers: [String: String] = [:],
        timeout: TimeInterval? = nil
    ) async throws -> HTTPAnswer {
        var request = URLRequest(url: URL(string: path.hasPrefix("http") ? path : base + path)!)
        request.httpMethod = method
        if let timeout { request.timeoutInterval = timeout }
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        if let json {
            request.httpBody = json.encoded()
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        } else if let rawBody {
            request.httpBody = rawBody
        }
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        let (data, response) = try await Self.session.data(for: request)
        let http = response as! HTTPURLResponse
        var fields: [String: String] = [:]
        for (key, value) in http.allHeaderFields { fields["\(key)"] = "\(value)" }
        return HTTPAnswer(status: http.statusCode, headers: fields, json: data.isEmpty ? nil : EmulatorJSON.parse(data))
    }

    func get(_ path: String) async throws -> HTTPAnswer { try await send("GET", path) }
    func post(_ path: String, _ json: EmulatorJSON? = nil) async throws -> HTTPAnswer { try await send("POST", path, json: json) }
    func put(_ path: String, _ json: EmulatorJSON) async throws -> HTTPAnswer { try await send("PUT", path, json: json) }
    func delete(_ path: String) async throws -> HTTPAnswer { try await send("DELETE", path) }

    /// Client-credentials token request (reference §2.1).
    func requestToken(clientID: String, secret: String) async throws -> HTTPAnswer {
        let basic = Data("\(clientID):\(secret)".utf8).base64EncodedString()
        return try await send(
            "POST", "/oauth/token", rawBody: Data("grant_type=client_credentials".utf8),
            headers: ["Authorization": "Basic \(basic)", "Content-Type": "application/x-www-form-urlencoded"])
    }

    /// A client of `region` authenticated as `clientID`.
    static func authenticated(_ emulator: GenesysEmulator, region: String, clientID: String, secret: String) async throws -> TestClient {
        let anonymous = TestClient(base: emulator.baseURL + "/" + region)
        let answer = try await anonymous.requestToken(clientID: clientID, secret: secret)
        guard answer.status == 200, let token = answer.json?["access_token"]?.stringValue else {
            throw TestFailure("token request for \(clientID) answered \(answer.status)")
        }
        return TestClient(base: anonymous.base, token: token)
    }
}

struct TestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

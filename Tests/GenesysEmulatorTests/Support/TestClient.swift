import AsyncHTTPClient
import Foundation
import GenesysEmulator
import NIOCore
import NIOFoundationCompat
import NIOHTTP1

/// One HTTP answer as a test sees it.
struct HTTPAnswer: Sendable {
    var status: Int
    var headers: [String: String]
    var json: EmulatorJSON?

    func header(_ name: String) -> String? {
        headers.first { $0.key.lowercased() == name.lowercased() }?.value
    }
}

/// A plain HTTP client: tests talk to the emulator over real HTTP, not through the product's client
/// library. It is AsyncHTTPClient used directly, not Foundation's URLSession: on Linux, cancelling a
/// URLSession task while it fails deadlocked a full parallel run (`URLSessionTask.cancel` waiting in
/// `DispatchQueue.sync` on a lock `_ProtocolClient.didFailWithError` held), hanging every emulator test.
struct TestClient: Sendable {
    /// `http://127.0.0.1:PORT/REGION`
    var base: String
    var token: String?

    /// Generous: tests run in parallel on 2 cores, and no test here is about this timeout.
    static let defaultTimeout: TimeInterval = 60

    func send(
        _ method: String, _ path: String, json: EmulatorJSON? = nil, rawBody: Data? = nil, headers: [String: String] = [:],
        timeout: TimeInterval? = nil
    ) async throws -> HTTPAnswer {
        var request = HTTPClientRequest(url: path.hasPrefix("http") ? path : base + path)
        request.method = HTTPMethod(rawValue: method)
        if let token { request.headers.replaceOrAdd(name: "Authorization", value: "Bearer \(token)") }
        if let json {
            request.body = .bytes(ByteBuffer(data: json.encoded()))
            request.headers.replaceOrAdd(name: "Content-Type", value: "application/json")
        } else if let rawBody {
            request.body = .bytes(ByteBuffer(data: rawBody))
        }
        for (name, value) in headers { request.headers.replaceOrAdd(name: name, value: value) }
        let seconds = timeout ?? Self.defaultTimeout
        let response = try await HTTPClient.shared.execute(request, timeout: .milliseconds(Int64(seconds * 1000)))
        let body = try await response.body.collect(upTo: 64 << 20)
        var fields: [String: String] = [:]
        for header in response.headers {
            fields[header.name] = fields[header.name].map { "\($0), \(header.value)" } ?? header.value
        }
        let data = Data(buffer: body)
        return HTTPAnswer(status: Int(response.status.code), headers: fields, json: data.isEmpty ? nil : EmulatorJSON.parse(data))
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

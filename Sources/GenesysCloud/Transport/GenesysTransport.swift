import AsyncHTTPClient
import Logging
import NIOCore
import NIOHTTP1

/// The HTTP connection pool shared by every `GenesysCloudClient` of a process (one per org), so connections
/// to a region's API host are reused across orgs and requests.
public final class GenesysTransport: Sendable {
    let httpClient: HTTPClient

    /// - Parameters:
    ///   - connectTimeout: how long opening a TCP (+TLS) connection may take.
    ///   - readTimeout: the longest silence while waiting for response bytes.
    ///   - maxConnectionsPerHost: HTTP/1.1 connections kept per host.
    public init(
        connectTimeout: Duration = .seconds(10), readTimeout: Duration = .seconds(30), maxConnectionsPerHost: Int = 16
    ) {
        var configuration = HTTPClient.Configuration(
            // Redirects are not followed: the only documented one is the audit results 302 to a presigned
            // download URL (reference §3.2), which the client avoids by asking for smaller pages.
            redirectConfiguration: .disallow,
            timeout: .init(connect: connectTimeout.timeAmount, read: readTimeout.timeAmount),
            connectionPool: .init(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: maxConnectionsPerHost)
        )
        configuration.decompression = .disabled
        httpClient = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    /// A transport with default timeouts (connect 10 s, read 30 s).
    public convenience init() {
        self.init(connectTimeout: .seconds(10))
    }

    /// Closes every connection. Call once when all clients are done.
    public func shutdown() async throws {
        try await httpClient.shutdown()
    }

    /// Sends one request and reads the whole body.
    func send(
        method: HTTPMethod, url: String, headers: HTTPHeaders, body: [UInt8]?, timeout: Duration
    ) async throws -> RawResponse {
        var request = HTTPClientRequest(url: url)
        request.method = method
        request.headers = headers
        if let body { request.body = .bytes(ByteBuffer(bytes: body)) }
        let response = try await httpClient.execute(request, timeout: timeout.timeAmount)
        let bytes = try await response.body.collect(upTo: 32 * 1024 * 1024)
        return RawResponse(status: Int(response.status.code), headers: response.headers, body: Array(buffer: bytes))
    }
}

/// A response as it came off the wire.
struct RawResponse: Sendable {
    var status: Int
    var headers: HTTPHeaders
    var body: [UInt8]
}

extension Duration {
    /// This duration as NIO's `TimeAmount` (nanosecond precision).
    var timeAmount: TimeAmount {
        let (seconds, attoseconds) = components
        return .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }

    /// This duration in seconds as a `Double`.
    var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}

import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import Synchronization

/// The HTTP connection pool shared by every `GenesysCloudClient` of a process (one per org), so connections
/// to a region's API host are reused across orgs and requests.
public final class GenesysTransport: Sendable {
    let httpClient: HTTPClient

    /// The largest response body read; past it the request fails (and is not retried: the same
    /// request gets the same body).
    static let maxBodyBytes = 32 * 1024 * 1024

    /// Hosts that refused or did not accept a connection in this run, with the reason: later requests to
    /// them fail at once instead of each waiting out the connect timeout again.
    private let unreachableHosts = Mutex<[String: String]>([:])

    /// - Parameters:
    ///   - connectTimeout: how long opening a TCP (+TLS) connection may take (`--connect-timeout`). The
    ///     pool keeps retrying a refused connection within this window, so it is also how long a refused
    ///     or unreachable host takes to fail.
    ///   - readTimeout: the longest silence while waiting for response bytes.
    ///   - maxConnectionsPerHost: HTTP/1.1 connections kept per host.
    public init(
        connectTimeout: Duration = .seconds(5), readTimeout: Duration = .seconds(30), maxConnectionsPerHost: Int = 16
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

    /// A transport with default timeouts (connect 5 s, read 30 s).
    public convenience init() {
        self.init(connectTimeout: .seconds(5))
    }

    /// Closes every connection. Call once when all clients are done.
    public func shutdown() async throws {
        try await httpClient.shutdown()
    }

    /// Sends one request and reads the whole body, all of it before `deadline`.
    ///
    /// AsyncHTTPClient's own deadline ends when the headers arrive and `collect(upTo:)` has none, so a
    /// server dripping its body a byte at a time would hold the request forever: the request and the
    /// reading of its body race a timer instead, and the loser is cancelled.
    func send(
        method: HTTPMethod, url: String, headers: HTTPHeaders, body: [UInt8]?, deadline: ContinuousClock.Instant
    ) async throws -> RawResponse {
        let host = Self.hostKey(url)
        if let reason = unreachableHosts.withLock({ $0[host] }) { throw HostUnreachable(host: host, reason: reason) }
        var request = HTTPClientRequest(url: url)
        request.method = method
        request.headers = headers
        if let body { request.body = .bytes(ByteBuffer(bytes: body)) }
        let remaining = deadline - ContinuousClock.now
        guard remaining > .zero else { throw HTTPClientError.deadlineExceeded }
        let client = httpClient
        let prepared = request
        do {
            return try await withThrowingTaskGroup(of: RawResponse?.self) { group in
                group.addTask {
                    let response = try await client.execute(prepared, timeout: remaining.timeAmount)
                    let bytes = try await response.body.collect(upTo: Self.maxBodyBytes)
                    return RawResponse(status: Int(response.status.code), headers: response.headers, body: Array(buffer: bytes))
                }
                group.addTask {
                    try await Task.sleep(until: deadline, clock: .continuous)
                    return nil
                }
                defer { group.cancelAll() }
                guard let first = try await group.next(), let response = first else { throw HTTPClientError.deadlineExceeded }
                return response
            }
        } catch {
            if TransportFailure.isConnectFailure(error) {
                unreachableHosts.withLock { $0[host] = $0[host] ?? TransportFailure.reason(error) }
            }
            throw error
        }
    }

    /// `scheme://host:port` of a URL: the unit a refused connection is remembered for.
    static func hostKey(_ url: String) -> String {
        guard let components = URLComponents(string: url) else { return url }
        return "\(components.scheme ?? "")://\(components.host ?? ""):\(components.port.map(String.init) ?? "")"
    }
}

/// A request to a host that already refused a connection in this run.
struct HostUnreachable: Error, CustomStringConvertible {
    var host: String
    var reason: String
    var description: String { "\(host) did not accept a connection earlier in this run: \(reason)" }
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

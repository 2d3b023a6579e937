import Foundation
import Hummingbird
import Logging
import NIOCore
import NIOPosix
import ServiceLifecycle
import Synchronization

/// A local Genesys Cloud emulator of the endpoints messengerctl uses (DESIGN.md "The emulator").
///
/// Each seeded org is served under its region prefix: `baseURL + "/eu-west-1"` is the `host` an SDK uses.
/// All state lives in one actor; the HTTP server is Hummingbird on NIO.
public final class GenesysEmulator: Sendable {
    private let state: EmulatorState
    private let options: EmulatorOptions
    private let running = Mutex<Running?>(nil)

    private struct Running: Sendable {
        let group: ServiceGroup
        let task: Task<Void, any Error>
        let port: Int
    }

    /// - Throws: ``SeedError`` when the seed is inconsistent, ``EmulatorError/unreadableState(path:reason:)``
    ///   when the state file cannot be read.
    public init(seed: EmulatorSeed, options: EmulatorOptions = .init()) throws {
        try seed.validate(path: "(seed)")
        self.options = options
        self.state = try EmulatorState(seed: seed, options: options)
    }

    /// Starts serving in the background.
    /// - Returns: the bound port; connections are accepted when this returns.
    public func start() async throws -> Int {
        let (portStream, portContinuation) = AsyncStream.makeStream(of: Int.self)
        var logger = Logger(label: "messengerctl.emulator")
        logger.logLevel = .warning
        let app = Application(
            responder: EmulatorResponder(state: state, events: EventCounter()),
            configuration: .init(address: .hostname(options.host, port: options.port), serverName: "messengerctl-emulator"),
            onServerRunning: { channel in
                portContinuation.yield(channel.localAddress?.port ?? 0)
                portContinuation.finish()
            },
            logger: logger)
        let group = ServiceGroup(configuration: .init(services: [app], logger: logger))
        let task = Task {
            defer { portContinuation.finish() }
            try await group.run()
        }
        var port: Int?
        for await value in portStream { port = value }
        guard let port, port > 0 else {
            task.cancel()
            if case .failure(let error) = await task.result { throw EmulatorError.cannotListen(host: options.host, port: options.port, reason: "\(error)") }
            throw EmulatorError.cannotListen(host: options.host, port: options.port, reason: "the server stopped before listening")
        }
        running.withLock { $0 = Running(group: group, task: task, port: port) }
        return port
    }

    /// Stops accepting connections and waits for open requests to finish.
    public func stop() async {
        guard let current = running.withLock({ value -> Running? in
            defer { value = nil }
            return value
        }) else { return }
        await current.group.triggerGracefulShutdown()
        _ = await current.task.result
    }

    /// `http://HOST:PORT` once started; region R is at `baseURL + "/R"`.
    public var baseURL: String {
        "http://\(options.host):\(running.withLock { $0?.port } ?? options.port)"
    }

    /// Replaces the fault plan (latency, 5xx, dropped connections, rate limit).
    public func setFaults(_ faults: FaultPlan) async { await state.setFaults(faults) }

    /// Makes every token issued so far expired, so the next API call with it answers 401.
    public func expireTokens() async { await state.expireTokens() }

    /// Every request answered so far, in order.
    public func requestLog() async -> [LoggedRequest] { await state.requestLog() }

    /// The objects of every org now.
    public func snapshot() async -> EmulatorSnapshot { await state.snapshot() }
}

/// The emulator could not start.
public enum EmulatorError: Error, Sendable, CustomStringConvertible {
    case cannotListen(host: String, port: Int, reason: String)
    /// The `--state` file exists but is not an emulator state file.
    case unreadableState(path: String, reason: String)
    /// The `--state` file cannot be written (its folder is missing or read-only).
    case unwritableState(path: String, reason: String)

    public var description: String {
        switch self {
        case .unreadableState(let path, let reason):
            "state file \(path) is not an emulator state file (\(reason)); delete it or pick another --state path"
        case .unwritableState(let path, let reason):
            "cannot write the state file \(path): \(reason); pick a --state path in a folder you can write to"
        case .cannotListen(let host, let port, let reason):
            "cannot listen on \(host):\(port): \(reason); pick another --port or stop what uses it"
        }
    }
}

import ArgumentParser
import Foundation
import GenesysEmulator

/// `messengerctl emulator`: serves the local Genesys Cloud emulator until SIGINT/SIGTERM (DESIGN.md "The emulator").
struct EmulatorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "emulator",
        abstract: "Serve a local Genesys Cloud emulator for many orgs and regions.",
        discussion: """
            Region R is served at http://HOST:PORT/R (/R/oauth/token, /R/api/v2/...), so SDKs work with \
            host = http://HOST:PORT/R. Prints "listening on http://HOST:PORT" once it accepts connections.
            Without --seed it serves the built-in demo orgs acme-us (us-east-1), acme-eu (eu-west-1) and \
            acme-au (ap-southeast-2), each with clients <org>-ci / <org>-ci-secret and <org>-ui / <org>-ui-secret.
            """)

    @Option(help: "Address to listen on (loopback by default; the emulator is for local use).")
    var host = "127.0.0.1"

    @Option(help: "Port to listen on (0 picks a free one).")
    var port = 8080

    @Option(help: "Seed file listing orgs and OAuth clients (YAML; see emulator/seed.example.yaml).")
    var seed: String?

    @Option(help: "Persist objects to this file (loaded at start when present, written atomically after each change).")
    var state: String?

    @Option(name: .customLong("latency-ms"), help: "Delay every answer by N milliseconds.")
    var latencyMilliseconds = 0

    @Option(name: .customLong("rate-limit"), help: "Requests per minute per token before 429 with Retry-After.")
    var rateLimit: Int?

    @Option(name: .customLong("fault-rate"), help: "Share (0...1) of requests answered 5xx or dropped.")
    var faultRate = 0.0

    @Option(name: .customLong("activation-delay-ms"), help: "How long new objects stay Pending before Active.")
    var activationDelayMilliseconds = 200

    @Option(
        name: .customLong("async-delete-requests"),
        help: "Deletes finish only after N more requests of the org, as production's asynchronous deletes (0: at once).")
    var asyncDeleteRequests = 0

    @Flag(
        name: .customLong("stale-version-400"),
        help: "Answer a stale schedule version with 400 \"does not match the current version\" instead of 409.")
    var staleVersion400 = false

    @Flag(
        name: .customLong("transient-publish-400"),
        help: "Answer the first publish of each draft edit with a transient 400, as production now and then does.")
    var transientPublish400 = false

    @Option(
        name: .customLong("audit-delay-seconds"),
        help: "Audit records become visible this many seconds after the change, as production's audit log lags (0: at once).")
    var auditDelaySeconds = 0.0

    func validate() throws {
        // NIO would take 99999 modulo 65536 and listen somewhere nobody asked for.
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535 (0 picks a free one), got \(port)") }
        guard (0...1).contains(faultRate) else { throw ValidationError("--fault-rate must be between 0 and 1") }
        guard latencyMilliseconds >= 0 else { throw ValidationError("--latency-ms must not be negative") }
        if let rateLimit, rateLimit < 1 { throw ValidationError("--rate-limit must be at least 1") }
        guard asyncDeleteRequests >= 0 else { throw ValidationError("--async-delete-requests must not be negative") }
        guard auditDelaySeconds.isFinite, (0...86_400).contains(auditDelaySeconds) else {
            throw ValidationError("--audit-delay-seconds must be between 0 and 86400")
        }
    }

    func run() async throws {
        let seedValue = try seed.map(EmulatorSeed.load(path:)) ?? .demo
        let options = EmulatorOptions(
            host: host, port: port, latency: .milliseconds(latencyMilliseconds), rateLimitPerMinutePerToken: rateLimit,
            faultRate: faultRate, activationDelay: .milliseconds(activationDelayMilliseconds), statePath: state)
        var withTiming = options
        withTiming.asyncDeleteRequests = asyncDeleteRequests
        withTiming.staleVersionAs400 = staleVersion400
        withTiming.transientPublish400 = transientPublish400
        withTiming.auditDelay = .milliseconds(Int64(auditDelaySeconds * 1000))
        let emulator: GenesysEmulator
        do {
            emulator = try GenesysEmulator(seed: seedValue, options: withTiming)
        } catch {
            printError("error: \(error)")
            throw ExitCode.error
        }
        if !Self.isLoopback(host) {
            printError(
                "warning: the emulator is for local use: its OAuth clients have well-known secrets and it checks "
                    + "no TLS. Listening on \(host) lets other machines reach it; leave out --host to stay on 127.0.0.1.")
        }
        // Watched before "listening on" is printed: a script (or test) that stops the emulator as soon as
        // it reads the line must not send its signal into the gap before the watch begins, where it is lost.
        let termination = Signals.watchTermination()
        _ = try await emulator.start()
        // Written straight to the file descriptor so scripts waiting for the line see it at once.
        FileHandle.standardOutput.write(Data("listening on \(emulator.baseURL)\n".utf8))
        await termination.wait()
        await emulator.stop()
    }
}

extension EmulatorCommand {
    /// 127.0.0.0/8, `localhost` and `::1`.
    static func isLoopback(_ host: String) -> Bool {
        let h = host.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        return h == "localhost" || h == "::1" || h.hasPrefix("127.")
    }
}

/// Waits for SIGINT or SIGTERM without a global variable: a DispatchSource per signal resumes a stream.
struct Signals: @unchecked Sendable {
    private let stream: AsyncStream<Int32>
    // DispatchSource is thread-safe; kept only to cancel the sources once a signal arrived.
    private let sources: [any DispatchSourceSignal]

    /// Starts watching SIGINT and SIGTERM now; a signal that arrives before `wait()` is kept.
    static func watchTermination() -> Signals {
        let (stream, continuation) = AsyncStream.makeStream(of: Int32.self)
        var sources: [any DispatchSourceSignal] = []
        for signalNumber in [SIGINT, SIGTERM] {
            // The default action would end the process before the source sees the signal.
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler { continuation.yield(signalNumber) }
            source.resume()
            sources.append(source)
        }
        return Signals(stream: stream, sources: sources)
    }

    func wait() async {
        for await _ in stream { break }
        sources.forEach { $0.cancel() }
    }
}

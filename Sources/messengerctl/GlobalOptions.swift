import ArgumentParser
import Foundation
import GenesysCloud
import Logging
import Reconciler

/// Flags every command that talks to Genesys Cloud shares (DESIGN.md "Commands"): where to connect,
/// colours and logging. Commands that handle one tenant (`export`, `rollback`) take only these.
struct ConnectionOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "Base URL template for every region, e.g. 'http://127.0.0.1:8080/{region}' for the emulator (or MESSENGERCTL_ENDPOINT). Without it the real Genesys Cloud hosts are used, over HTTPS.",
            valueName: "template"))
    var endpoint: String?

    @Flag(name: .long, help: "No colours (also when NO_COLOR is set or output is not a terminal).")
    var noColor = false

    @Flag(name: [.short, .long], help: "Log every API request (method, path, status, duration) to stderr. Never logs tokens or secrets.")
    var verbose = false

    // Bounds against a slow, broken or hostile server (README "Resilience").
    @Option(name: .long, help: ArgumentHelp("Seconds the whole command may take; past it no request starts and the command ends with an error.", valueName: "seconds"))
    var timeLimit: Double = 3600

    @Option(name: .long, help: ArgumentHelp("Seconds one request may take, headers and body together.", valueName: "seconds"))
    var requestTimeout: Double = 60

    @Option(name: .long, help: ArgumentHelp("Seconds to open a connection; a host that refuses or does not answer fails after this, once per run.", valueName: "seconds"))
    var connectTimeout: Double = 5

    @Option(name: .long, help: ArgumentHelp("Most objects one listing may hold (a real org has hundreds).", valueName: "count"))
    var maxListingItems: Int = 50_000

    @Option(name: .long, help: ArgumentHelp("Most MiB one listing may hold across its pages.", valueName: "MiB"))
    var maxListingMib: Int = 64

    /// When the command started: `--time-limit` counts from here.
    static let started = ContinuousClock.now

    var endpointTemplate: String? {
        endpoint ?? ProcessInfo.processInfo.environment["MESSENGERCTL_ENDPOINT"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// A bad template is a mistake on the command line (or in the environment), found before any
    /// file is read or request sent: a usage error, not a Genesys Cloud failure.
    func validate() throws {
        do {
            _ = try EndpointResolver(template: endpointTemplate)
        } catch {
            throw ValidationError("\(endpoint == nil ? "MESSENGERCTL_ENDPOINT" : "--endpoint"): \(error.message)")
        }
    }

    /// Colours only on a terminal, never with `NO_COLOR` (https://no-color.org).
    func style(forStandardError: Bool = false) -> ReportStyle {
        let fd = forStandardError ? STDERR_FILENO : STDOUT_FILENO
        let env = ProcessInfo.processInfo.environment
        return ReportStyle(color: !noColor && env["NO_COLOR"] == nil && isatty(fd) == 1 && env["TERM"] != "dumb")
    }

    func makeContext(transport: GenesysTransport, concurrency: Int = 1) throws -> ReconcilerContext {
        let resolver: EndpointResolver
        do {
            resolver = try EndpointResolver(template: endpointTemplate)
        } catch {
            throw CLIError.usage(error.message)
        }
        var logger = Logger(label: "messengerctl")
        logger.logLevel = verbose ? .debug : .warning
        var options = ClientOptions()
        options.requestTimeout = try Self.duration(requestTimeout, flag: "--request-timeout")
        options.commandDeadline = Self.started + (try Self.duration(timeLimit, flag: "--time-limit"))
        guard maxListingItems > 0, maxListingMib > 0, maxListingMib <= 1 << 20 else {
            throw CLIError.usage("--max-listing-items and --max-listing-mib must be positive")
        }
        options.maxListingItems = maxListingItems
        options.maxListingBytes = maxListingMib * 1024 * 1024
        return ReconcilerContext(
            endpoints: resolver, transport: transport, clientOptions: options, concurrency: concurrency, logger: logger)
    }

    /// A positive number of seconds as a `Duration` (at most ten years, so the conversion cannot trap).
    static func duration(_ seconds: Double, flag: String) throws -> Duration {
        guard seconds.isFinite, seconds > 0 else { throw CLIError.usage("\(flag) must be a positive number of seconds") }
        return .milliseconds(Int64(min(seconds, 315_360_000) * 1000).clamped(min: 1))
    }

    /// Runs `body` with an HTTP transport, shut down afterwards whatever happens.
    func withTransport<T>(connectionsPerHost: Int = 16, _ body: (GenesysTransport) async throws -> T) async throws -> T {
        let connect = (try? Self.duration(connectTimeout, flag: "--connect-timeout")) ?? .seconds(5)
        let transport = GenesysTransport(connectTimeout: connect, maxConnectionsPerHost: connectionsPerHost)
        do {
            let result = try await body(transport)
            try? await transport.shutdown()
            return result
        } catch {
            try? await transport.shutdown()
            throw error
        }
    }
}

/// How many tenants at once and which shard of them: the flags the commands that run over many
/// tenants add to the connection flags.
struct FleetOptions: ParsableArguments {
    // `.unconditional`: `--concurrency -1` is a value to refuse with a reason, not a missing value.
    @Option(
        name: .long, parsing: .unconditional,
        help: ArgumentHelp(
            "Tenants handled at once (at least 1; default: every tenant, at most \(FleetDefaults.concurrencyCap)). "
                + "Each org keeps its own request budget and at most \(ClientOptions().maxConcurrentRequests) requests in flight; "
                + "at most \(FleetDefaults.connectionsPerHost) connections are kept per host.",
            valueName: "n"))
    var concurrency: Int?

    @Option(
        name: .long, parsing: .unconditional,
        help: ArgumentHelp("Handle only shard K of N (e.g. 2/4): tenants split by name, for a CI matrix.", valueName: "K/N"),
        transform: Shard.parseArgument)
    var shard: Shard?

    func validate() throws {
        if let concurrency, concurrency < 1 {
            throw ValidationError("--concurrency must be at least 1, got \(concurrency)")
        }
    }
}

/// The flags of a command that runs over many tenants, as its `global` (`@OptionGroup`s of
/// `ConnectionOptions` and `FleetOptions` beside each other).
///
/// The two groups sit side by side in each command rather than one inside the other: a debug build of
/// swift-argument-parser checks every option group once per check of its parent, so each level of
/// nesting multiplied the cost of parsing a command line (a debug `apply` spent 0.12 CPU-s parsing its
/// flags with the groups nested, and the test suite runs it hundreds of times).
struct GlobalOptions {
    let connection: ConnectionOptions
    let fleet: FleetOptions

    var shard: Shard? { fleet.shard }

    func style(forStandardError: Bool = false) -> ReportStyle { connection.style(forStandardError: forStandardError) }

    /// Plans (read-only) with a progress line; a set-up error is printed and exits 1.
    func planFleet(
        _ tenants: [Tenant], attribute: Bool = false, removeDuplicates: Bool = false, label: String = "planning"
    ) async throws -> Plan {
        do {
            return try await self.withTransport { transport in
                let fleet = Fleet(context: try makeContext(transport: transport))
                let progress = ProgressLine(label: label)
                defer { progress.finish() }
                return await fleet.plan(tenants, attribute: attribute, removeDuplicates: removeDuplicates) {
                    progress.update($0)
                }
            }
        } catch {
            printError("error: \(error)")
            throw ExitCode.error
        }
    }

    func makeContext(transport: GenesysTransport) throws -> ReconcilerContext {
        try connection.makeContext(transport: transport, concurrency: tenantsInFlight)
    }
}

/// The exit codes of ``ExitStatus`` as swift-argument-parser constants (`throw ExitCode.conflict`).
extension ExitCode {
    init(_ status: ExitStatus) { self.init(status.rawValue) }
    static let error = ExitCode(ExitStatus.error)
    static let changes = ExitCode(ExitStatus.changes)
    static let conflict = ExitCode(ExitStatus.conflict)
    static let blocked = ExitCode(ExitStatus.blocked)
    static let cancelled = ExitCode(ExitStatus.cancelled)
}

/// A failure the CLI reports in one line and maps to exit code 1.
enum CLIError: Error, CustomStringConvertible {
    case usage(String)
    case failed(String)

    var description: String {
        switch self {
        case .usage(let m), .failed(let m): m
        }
    }
}

/// Writes to standard error.
func printError(_ text: String) {
    FileHandle.standardError.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
}

/// Writes to standard output without buffering surprises between stdout and stderr.
func printOut(_ text: String) {
    FileHandle.standardOutput.write(Data(text.utf8))
}

extension GlobalOptions {
    /// Tenants in flight: `--concurrency`, else every tenant up to the cap. Tenants are separate orgs with
    /// their own tokens and request budgets, so fanning out costs no org more than its own budget.
    var tenantsInFlight: Int { fleet.concurrency ?? FleetDefaults.concurrencyCap }

    /// Connections kept per host: every tenant in flight may have its own requests in flight, and many orgs
    /// share one regional host (all of them share the emulator's). The default pool of 16 capped a
    /// 100-tenant plan at 16 requests in flight (Benchmarks/RESULTS.md); past the cap, requests wait for a
    /// free connection of the pool.
    var connectionsPerHost: Int {
        min(FleetDefaults.connectionsPerHost, max(16, tenantsInFlight * ClientOptions().maxConcurrentRequests))
    }

    /// Runs `body` with an HTTP transport sized for `--concurrency`, shut down afterwards whatever happens.
    func withTransport<T>(_ body: (GenesysTransport) async throws -> T) async throws -> T {
        try await connection.withTransport(connectionsPerHost: connectionsPerHost, body)
    }
}

extension Int64 {
    fileprivate func clamped(min lower: Int64) -> Int64 { Swift.max(lower, self) }
}

extension Shard: ExpressibleByArgument {
    public init?(argument: String) { self.init(argument) }

    /// `--shard K/N`, refused with what is wrong rather than a bare "invalid value".
    static func parseArgument(_ text: String) throws -> Shard {
        if let shard = Shard(text) { return shard }
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        let reason: String
        if parts.count != 2 || Int(parts[0]) == nil || Int(parts[1]) == nil {
            reason = "expected K/N, two whole numbers such as 2/4"
        } else if let n = Int(parts[1]), n < 1 {
            reason = "N (the number of shards) must be at least 1"
        } else {
            reason = "K must be between 1 and N (here \(parts[1])), e.g. 1/\(parts[1])"
        }
        throw ValidationError("\(reason); K/N means this CI job's shard K of N shards")
    }
}

/// The fan-out a user gets without tuning flags (README "Performance").
enum FleetDefaults {
    /// Tenants in flight at most without `--concurrency`: past it, a fleet runs in waves.
    static let concurrencyCap = 256
    /// HTTP/1.1 connections kept per host (a region's API host, its login host, or the emulator).
    static let connectionsPerHost = 256
}

import ArgumentParser
import Foundation
import GenesysCloud
import Logging
import Reconciler

/// Flags every command that talks to Genesys Cloud shares (DESIGN.md "Commands").
struct GlobalOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "Base URL template for every region, e.g. 'http://127.0.0.1:8080/{region}' for the emulator (or MESSENGERCTL_ENDPOINT). Without it the real Genesys Cloud hosts are used, over HTTPS.",
            valueName: "template"))
    var endpoint: String?

    @Option(name: .long, help: "Tenants handled at once.")
    var concurrency: Int = 8

    @Option(name: .long, help: ArgumentHelp("Handle only shard K of N (e.g. 2/4): tenants split by name, for a CI matrix.", valueName: "K/N"))
    var shard: Shard?

    @Flag(name: .long, help: "No colours (also when NO_COLOR is set or output is not a terminal).")
    var noColor = false

    @Flag(name: [.short, .long], help: "Log every API request (method, path, status, duration) to stderr. Never logs tokens or secrets.")
    var verbose = false

    var endpointTemplate: String? {
        endpoint ?? ProcessInfo.processInfo.environment["MESSENGERCTL_ENDPOINT"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// Colours only on a terminal, never with `NO_COLOR` (https://no-color.org).
    func style(forStandardError: Bool = false) -> ReportStyle {
        let fd = forStandardError ? STDERR_FILENO : STDOUT_FILENO
        let env = ProcessInfo.processInfo.environment
        return ReportStyle(color: !noColor && env["NO_COLOR"] == nil && isatty(fd) == 1 && env["TERM"] != "dumb")
    }

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
            throw ExitCode(ExitStatus.error)
        }
    }

    func makeContext(transport: GenesysTransport) throws -> ReconcilerContext {
        let resolver: EndpointResolver
        do {
            resolver = try EndpointResolver(template: endpointTemplate)
        } catch {
            throw CLIError.usage("\(error)")
        }
        var logger = Logger(label: "messengerctl")
        logger.logLevel = verbose ? .debug : .warning
        return ReconcilerContext(
            endpoints: resolver, transport: transport, concurrency: concurrency, logger: logger)
    }
}

/// Exit codes of DESIGN.md "Commands and exit codes".
enum ExitStatus {
    static let success: Int32 = 0
    static let error: Int32 = 1
    static let changes: Int32 = 2
    static let conflict: Int32 = 3
    static let blocked: Int32 = 4
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
    /// Connections kept per host: every tenant in flight may have its own requests in flight, and
    /// many orgs share one regional host (all of them share the emulator's). The default pool of 16
    /// capped a 100-tenant plan at 16 requests in flight (Benchmarks/RESULTS.md).
    var connectionsPerHost: Int {
        min(256, max(16, concurrency * ClientOptions().maxConcurrentRequests))
    }

    /// Runs `body` with an HTTP transport sized for `--concurrency`, shut down afterwards whatever happens.
    func withTransport<T>(_ body: (GenesysTransport) async throws -> T) async throws -> T {
        let transport = GenesysTransport(maxConnectionsPerHost: connectionsPerHost)
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

extension Shard: ExpressibleByArgument {
    public init?(argument: String) { self.init(argument) }
}

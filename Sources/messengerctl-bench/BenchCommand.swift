import ArgumentParser

/// Benchmarks and the fault soak: commands that print figures (never timing assertions in tests).
@main
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "messengerctl-bench",
        abstract: "Benchmarks and the fault soak for messengerctl; each prints its figures.",
        subcommands: []
    )
}

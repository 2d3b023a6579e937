import ArgumentParser

/// Benchmarks and the fault soak: commands that print figures (never timing assertions in tests).
@main
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "messengerctl-bench",
        abstract: "Benchmarks and the fault soak for messengerctl; each prints its figures.",
        discussion: """
            Each command starts a Genesys Cloud emulator in this process, runs the real `messengerctl` \
            executable (found next to this one) against it over loopback HTTP, and prints the machine \
            (cores, memory, build configuration) with its figures. See Benchmarks/RESULTS.md.
            """,
        subcommands: [
            TargetsCommand.self, FleetPlanCommand.self, ApplyBenchCommand.self, ClientBenchCommand.self, SoakCommand.self,
        ]
    )
}

import ArgumentParser
import Foundation
import GenesysCloud
import GenesysEmulator
import Reconciler

struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Run the whole story against a local emulator: validate, plan, apply, drift, repair.",
        discussion: """
            Starts the Genesys Cloud emulator in this process on a free loopback port, creates an org \
            for each example tenant, and then runs what a team does every day:
              validate → plan → apply → plan (nothing to do) → an admin edits a managed field in the \
            UI with a second OAuth client → drift says who changed what → apply restores it.
            No credentials and no set-up are needed; nothing leaves this machine.
            """)

    @Argument(help: "Tenant files or folders to use (default: tenants/).")
    var paths: [String] = []

    @Flag(name: .long, help: "No colours.")
    var noColor = false

    func run() async throws {
        let story = DemoStory(paths: paths.isEmpty ? ["tenants"] : paths, color: Self.color(noColor))
        let ok = try await story.run()
        if !ok { throw ExitCode.error }
    }

    static func color(_ noColor: Bool) -> Bool {
        let env = ProcessInfo.processInfo.environment
        return !noColor && env["NO_COLOR"] == nil && isatty(STDOUT_FILENO) == 1 && env["TERM"] != "dumb"
    }
}

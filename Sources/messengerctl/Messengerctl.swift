import ArgumentParser

@main
struct Messengerctl: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "messengerctl",
        abstract: "Declarative GitOps reconciler for Genesys Cloud Web Messaging.",
        version: "0.1.0",
        subcommands: [EmulatorCommand.self]
    )
}

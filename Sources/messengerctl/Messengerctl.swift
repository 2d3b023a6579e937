import ArgumentParser

@main
struct Messengerctl: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "messengerctl",
        abstract: "Declarative GitOps reconciler for Genesys Cloud Web Messaging.",
        discussion: """
            One YAML file per tenant (tenants/<tenant>.yaml) says how its Messenger configurations, \
            deployments and opening hours should look. plan shows the difference with the live org; \
            apply writes only that difference, and never overwrites a change it did not plan against.

            Start with 'messengerctl demo': the whole story against a local emulator, no credentials.

            Exit codes: 0 success or nothing to do, 1 error, 2 changes present (plan --detailed-exitcode, \
            drift), 3 conflict or stale plan, 4 blocked by a safety guard, 5 apply cancelled at the \
            confirmation prompt, 64 a mistake on the command line (unknown flag, bad value).
            """,
        version: "0.1.0",
        subcommands: [ValidateCommand.self, PlanCommand.self, ApplyCommand.self, DriftCommand.self, StatusCommand.self, PreviewCommand.self, ExportCommand.self, RollbackCommand.self, AuditCommand.self, ReportCommand.self, EmulatorCommand.self, DemoCommand.self]
    )
}

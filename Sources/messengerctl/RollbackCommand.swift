import ArgumentParser
import Foundation
import GenesysCloud
import Reconciler

struct RollbackCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rollback",
        abstract: "Point a deployment back at an earlier published configuration version.",
        discussion: """
            Genesys Cloud keeps every published version of a configuration. rollback re-points one \
            deployment at version N, checking first that nobody changed the deployment since it was \
            read. To make the rollback last, pin the version in the tenant file as rollback prints \
            (configuration: { name: x, version: N }); without a pin the next apply moves the \
            deployment forward to the latest version again.

            Example:
              messengerctl rollback acme-eu --deployment acme-eu-web --to-version 3
            """)

    @Argument(help: "The tenant (its file is tenants/<tenant>.yaml, or give --file).")
    var tenant: String

    @Option(name: .long, help: "The deployment's name.")
    var deployment: String

    @Option(name: .long, help: "The published configuration version to serve.")
    var toVersion: Int

    @Option(name: .long, help: "The tenant file (default: tenants/<tenant>.yaml).")
    var file: String?

    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        guard let (tenants, _) = TenantFiles.load([file ?? "tenants/\(tenant).yaml"]),
            let target = tenants.first(where: { $0.name == tenant })
        else { throw ExitCode.error }
        let (plan, report) = try await connection.withTransport { transport in
            try await Fleet(context: connection.makeContext(transport: transport)).rollback(
                tenant: target, deployment: deployment, toVersion: toVersion)
        }
        if let error = plan.error {
            printError("error: \(error)")
            throw ExitCode.error
        }
        let full = ApplyReport(startedAt: "", finishedAt: "", tenants: [report])
        printOut(ApplyTextRenderer(style: connection.style()).render(full))
        let code = full.exitStatus(interrupted: false)
        if code == .success {
            let desired = target.deployments.first { $0.name == deployment }
            let configurationName = desired?.configuration ?? plan.objects.first { $0.kind == .configuration }?.name ?? "?"
            let place = target.origins[FieldPath.deployment(deployment).appending("configuration")].map { "\($0)" } ?? target.file
            printOut(
                "\nNote: \(target.file) now differs from the org: without a pin, the next apply moves \(deployment) "
                    + "forward to the latest version again. To keep version \(toVersion), write at \(place):\n"
                    + "    configuration: { name: \(configurationName), version: \(toVersion) }\n")
        }
        if code != .success { throw ExitCode(code) }
    }
}

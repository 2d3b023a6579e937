import ArgumentParser
import Foundation
import Reconciler

struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write a tenant file (or a base) from a live org.",
        discussion: """
            Reads the org's configurations (latest published version), deployments, schedules and \
            schedule groups and writes them in the tenant file format: API field names, read-only \
            fields dropped, labels folded into 'greetings' and schedules into 'availability' where \
            the sugar says exactly the same. Planning the exported file against the same org shows \
            no change.

            With --as-base, writes a base for 'extends:' without the tenant's identity and without \
            org-specific ids (knowledge base, integration, flow): "make the EU org look like the US \
            org" is export --as-base from US, extend it in the EU file, plan, apply.

            Examples:
              messengerctl export acme-eu --region eu-west-1 --out tenants/acme-eu.yaml
              messengerctl export acme-us --region us-east-1 --as-base --out bases/acme.yaml
            """)

    @Argument(help: "The tenant name (also the file name without .yaml).")
    var tenant: String

    @Option(name: .long, help: "The org's region, e.g. eu-west-1.")
    var region: String

    @Option(name: .long, help: "Environment variable holding the OAuth client id (default: <TENANT>_CLIENT_ID).")
    var clientIdEnv: String?

    @Option(name: .long, help: "Environment variable holding the OAuth client secret (default: <TENANT>_CLIENT_SECRET).")
    var clientSecretEnv: String?

    @Flag(name: .long, help: "Write a base for extends: (no identity, no org-specific ids).")
    var asBase = false

    @Option(name: .long, help: "Write to this file (atomically) instead of standard output.")
    var out: String?

    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        let prefix = tenant.uppercased().map { $0.isLetter || $0.isNumber ? String($0) : "_" }.joined()
        let options = Exporter.Options(
            tenant: tenant, region: region,
            credentials: CredentialReferences(
                clientIdEnv: clientIdEnv ?? "\(prefix)_CLIENT_ID", clientSecretEnv: clientSecretEnv ?? "\(prefix)_CLIENT_SECRET"),
            asBase: asBase)
        let result: Exporter.Result
        do {
            result = try await connection.withTransport { transport in
                try await Fleet(context: connection.makeContext(transport: transport)).export(options)
            }
        } catch {
            printError("error: \(error)")
            throw ExitCode.error
        }
        for note in result.notes { printError("note: \(note)") }
        if let out {
            do {
                try ReportFiles.writeAtomically(Data(result.yaml.utf8), to: out, mode: 0o644)
            } catch {
                printError("error: \(error)")
                throw ExitCode.error
            }
            printError("wrote \(out)")
        } else {
            printOut(result.yaml)
        }
    }
}

import ArgumentParser
import Foundation
import Reconciler

/// `messengerctl validate [PATH...]`: checks tenant files without touching any org.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check tenant files and report every problem as file:line:column.",
        discussion: """
            Reads each tenant file and the bases it `extends`, and checks it against the Genesys \
            Cloud API's fields (types, enum values, read-only fields), the tenant format and the \
            policy (WCAG contrast of primaryColor, greeting lengths). Every problem is reported, \
            not just the first. No network access and no credentials are needed.

            A folder means every *.yaml directly inside it. Diagnostics go to stderr as \
            `file:line:column: error: message`, followed by a `note:` line when there is a hint; \
            the last line on stderr is a summary such as `3 files, 2 errors`.

            With --format github, each problem is printed to stdout as a GitHub Actions workflow \
            command (`::error file=…,line=…,col=…::message`, `::warning` for warnings), so GitHub \
            annotates the lines of a pull request's diff; the summary stays on stderr.

            Exit status: 0 when every file is valid, 1 otherwise.

            Example:
              $ messengerctl validate tenants/acme-eu.yaml
              tenants/acme-eu.yaml:9:7: error: unknown key `stlyes` in `messenger`
              tenants/acme-eu.yaml:9:7: note: did you mean `styles`?
              1 file, 1 error
            """
    )

    @Argument(help: ArgumentHelp("Tenant files or folders of them.", valueName: "path"))
    var paths: [String] = ["tenants"]

    @Option(name: .long, help: "How to print problems: text (file:line:column, on stderr) or github (workflow commands, on stdout).")
    var format: ValidateFormat = .text

    func run() throws {
        let result = TenantLoader().load(paths: paths)
        switch format {
        case .text:
            var output = ""
            for diagnostic in result.diagnostics { output += diagnostic.description + "\n" }
            output += result.summary + "\n"
            FileHandle.standardError.write(Data(output.utf8))
        case .github:
            let annotations = result.diagnostics.map { $0.githubAnnotation + "\n" }.joined()
            FileHandle.standardOutput.write(Data(annotations.utf8))
            FileHandle.standardError.write(Data((result.summary + "\n").utf8))
        }
        if !result.isValid { throw ExitCode.failure }
    }
}

enum ValidateFormat: String, ExpressibleByArgument, CaseIterable {
    case text, github
}

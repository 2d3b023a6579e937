import ArgumentParser
import Foundation
import Reconciler

struct PreviewCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "preview",
        abstract: "Draw what a visitor sees of each configuration, per language, as SVG sketches.",
        discussion: """
            For each configuration of each tenant file and each of its languages, writes \
            DIR/<tenant>/<configuration>.<language>.svg: the launcher button (displayType, visibility, \
            launcher text) at its position (alignment, side and bottom space), the home screen's header \
            with its title and subtitle in primaryColor with text in policy.contrastWith, and the WCAG \
            contrast ratio. Reads only the files; nothing is sent. A sketch from the fields, not a \
            render of the Messenger. 'plan --preview DIR' draws the changes before and after.

            Examples:
              messengerctl preview --out previews/
              messengerctl preview tenants/acme-eu.yaml --out previews/
            """)

    @Argument(help: "Tenant files or folders (default: tenants/).")
    var paths: [String] = []

    @Option(name: .long, help: ArgumentHelp("Folder to write the SVG files into.", valueName: "folder"))
    var out: String

    func run() async throws {
        guard let (tenants, _) = TenantFiles.load(paths) else { throw ExitCode.error }
        do {
            let written = try PreviewFiles.writeTenantPreviews(tenants, to: out)
            for path in written { printOut(path + "\n") }
            if written.isEmpty { printError("no configuration to draw") }
        } catch {
            printError("error: \(error)")
            throw ExitCode.error
        }
    }
}

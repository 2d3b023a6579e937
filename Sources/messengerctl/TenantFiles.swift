import Foundation
import Reconciler

/// Loads tenant files for a command, printing every diagnostic as `file:line:column: error: …`.
enum TenantFiles {
    /// The tenants, or `nil` after printing the errors (the command then exits 1).
    static func load(_ paths: [String], shard: Shard? = nil) -> (tenants: [Tenant], fileCount: Int)? {
        let result = TenantLoader().load(paths: paths.isEmpty ? ["tenants"] : paths)
        for diagnostic in result.diagnostics {
            printError(diagnostic.description)
        }
        let errors = result.diagnostics.filter { $0.severity == .error }.count
        if errors > 0 {
            printError("\(result.fileCount) file\(result.fileCount == 1 ? "" : "s"), \(errors) error\(errors == 1 ? "" : "s")")
            return nil
        }
        if result.tenants.isEmpty && shard == nil {
            printError("no tenant files found in \(paths.isEmpty ? "tenants/" : paths.joined(separator: " "))")
            return nil
        }
        guard let shard else { return (result.tenants, result.fileCount) }
        let mine = result.tenants.filter { shard.contains($0.name) }
        printError("shard \(shard): \(mine.count) of \(result.tenants.count) tenants")
        return (mine, result.fileCount)
    }
}

/// A one-line progress display on a terminal (stderr), silent otherwise.
final class ProgressLine: Sendable {
    let enabled: Bool
    let label: String

    init(label: String) {
        self.label = label
        enabled = isatty(STDERR_FILENO) == 1 && ProcessInfo.processInfo.environment["TERM"] != "dumb"
    }

    func update(_ progress: Fleet.Progress) {
        guard enabled else { return }
        let text = "\r\u{1B}[2K\(label) [\(progress.done)/\(progress.total)] \(progress.tenant)"
        FileHandle.standardError.write(Data(text.utf8))
    }

    func finish() {
        guard enabled else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8))
    }
}

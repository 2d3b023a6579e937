import Foundation
import Reconciler
import YAML

/// The checks every fuzz input goes through: parse, load as a tenant file, and insist that every
/// error names a place inside the file it blames. A broken promise aborts, which libFuzzer records
/// as a crash with the input that caused it.
///
/// The same promises are checked by `TenantFuzzTests` in the test suite (cheap, seeded, in CI); this
/// harness adds coverage guidance and AddressSanitizer for long runs (`scripts/fuzz`).
final class FuzzHarness: Sendable {
    let root: URL
    let tenantPath: String
    let basePath: String
    let base: [UInt8]

    /// Prepares a private folder with `bases/acme.yaml` from the repository, so inputs that
    /// `extends: ../bases/acme.yaml` reach the merge code.
    init() throws {
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        root = FileManager.default.temporaryDirectory.appendingPathComponent("messengerctl-fuzz-\(ProcessInfo.processInfo.processIdentifier)")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("tenants"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: root.appendingPathComponent("bases"), withIntermediateDirectories: true)
        base = (try? [UInt8](Data(contentsOf: repository.appendingPathComponent("bases/acme.yaml")))) ?? Array("prune: false\n".utf8)
        tenantPath = root.appendingPathComponent("tenants/acme-eu.yaml").path
        basePath = root.appendingPathComponent("bases/acme.yaml").path
        try Data(base).write(to: URL(fileURLWithPath: basePath))
    }

    /// Removes the private folder (replay mode; a libFuzzer run leaves it in `TMPDIR`, which
    /// `scripts/fuzz` points into `.build-fuzz`).
    func remove() { try? FileManager.default.removeItem(at: root) }

    /// Runs one input; returns the broken promises (empty when all hold).
    func check(_ input: [UInt8]) -> [String] {
        var problems: [String] = []
        let lines = LineTable(input)
        do throws(YAMLError) {
            if let node = try YAMLParser.parse(bytes: input, file: "fuzz.yaml") {
                var work = [node]
                while let n = work.popLast() {
                    if !lines.contains(n.mark.line, n.mark.column) { problems.append("node mark \(n.mark) outside the input") }
                    switch n.kind {
                    case .scalar: break
                    case .sequence(let items): work += items
                    case .mapping(let pairs): work += pairs.flatMap { [$0.key, $0.value] }
                    }
                }
            }
        } catch {
            if !lines.contains(error.mark.line, error.mark.column) { problems.append("YAMLError outside the input: \(error)") }
        }

        guard (try? Data(input).write(to: URL(fileURLWithPath: tenantPath))) != nil else { return ["cannot write \(tenantPath)"] }
        let result = TenantLoader().load(paths: [tenantPath])
        for diagnostic in result.diagnostics {
            let location = diagnostic.location
            let table: LineTable? =
                switch location.file {
                case tenantPath: lines
                case basePath: LineTable(base)
                default: FileManager.default.contents(atPath: location.file).map { LineTable([UInt8]($0)) }
                }
            if let table, !table.contains(location.line, location.column) {
                problems.append("diagnostic outside its file: \(diagnostic)")
            } else if table == nil && (location.line, location.column) != (1, 1) {
                problems.append("diagnostic in an unreadable file not at 1:1: \(diagnostic)")
            }
        }
        if result.diagnostics.count > 4 * (lines.count + LineTable(base).count) + 8 {
            problems.append("\(result.diagnostics.count) diagnostics for a \(lines.count)-line file")
        }
        if result.isValid != (result.tenants.count == 1) {
            problems.append("\(result.tenants.count) tenants with \(result.errorCount) errors")
        }
        return problems
    }
}

import Foundation

/// Seed inputs for the fuzzer, read from the repository: the example tenants and bases, the emulator
/// seed, the CI recipes, and every multi-line string literal of the YAML and tenant tests (the
/// fixtures that already reach the odd corners of the format).
struct FuzzCorpus: Sendable {
    struct Entry: Sendable {
        /// Where it came from, for failure messages (`tenants/acme-eu.yaml`, `TenantValidationTests.swift#3`).
        var origin: String
        /// The file name the fuzzer writes it under, so `tenant:` can match it (`acme-eu.yaml`, `t.yaml`).
        var fileName: String
        var bytes: [UInt8]
    }

    var entries: [Entry] = []

    init(repository root: URL) throws {
        let files = FileManager.default
        for folder in ["tenants", "bases", "emulator"] {
            let directory = root.appendingPathComponent(folder)
            for name in try files.contentsOfDirectory(atPath: directory.path).sorted() where name.hasSuffix(".yaml") {
                let data = try Data(contentsOf: directory.appendingPathComponent(name))
                entries.append(Entry(origin: "\(folder)/\(name)", fileName: folder == "tenants" ? name : "t.yaml", bytes: [UInt8](data)))
            }
        }
        if let walker = files.enumerator(atPath: root.appendingPathComponent("docs/ci").path) {
            for case let path as String in walker where path.hasSuffix(".yml") || path.hasSuffix(".yaml") {
                let data = try Data(contentsOf: root.appendingPathComponent("docs/ci").appendingPathComponent(path))
                entries.append(Entry(origin: "docs/ci/\(path)", fileName: "t.yaml", bytes: [UInt8](data)))
            }
        }
        for folder in ["Tests/YAMLTests", "Tests/ReconcilerTests"] {
            let directory = root.appendingPathComponent(folder)
            for name in try files.contentsOfDirectory(atPath: directory.path).sorted() where name.hasSuffix(".swift") {
                let source = try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
                for (n, literal) in Self.multilineLiterals(in: source).enumerated() {
                    entries.append(Entry(origin: "\(folder)/\(name)#\(n + 1)", fileName: "t.yaml", bytes: Array(literal.utf8)))
                }
            }
        }
    }

    /// The contents of Swift `"""` literals, with the closing delimiter's indentation removed as the
    /// compiler does. Escapes and interpolations stay as written: to a fuzzer they are just more text.
    static func multilineLiterals(in source: String) -> [String] {
        var literals: [String] = []
        var body: [Substring]?
        for line in source.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.drop { $0 == " " }
            if var lines = body {
                if trimmed.hasPrefix("\"\"\"") {
                    let indent = line.count - trimmed.count
                    literals.append(lines.map { String($0.dropFirst(min(indent, $0.prefix { $0 == " " }.count))) }.joined(separator: "\n"))
                    body = nil
                } else {
                    lines.append(line)
                    body = lines
                }
            } else if trimmed.hasSuffix("\"\"\"") && line.components(separatedBy: "\"\"\"").count == 2 {
                body = []
            }
        }
        return literals
    }
}

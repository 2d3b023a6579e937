import Foundation
import Testing

/// Runs the built `messengerctl` executable as a user or CI job would and checks what they see.
@Suite struct ValidateCommandTests {
    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The executable sits next to the test bundle in the build folder (`.build/debug/`).
    func executable() throws -> URL {
        var candidates: [URL] = []
        let bundle = Bundle.main.bundleURL
        candidates.append(bundle.appendingPathComponent("messengerctl"))
        candidates.append(bundle.deletingLastPathComponent().appendingPathComponent("messengerctl"))
        if let argument = CommandLine.arguments.first {
            let url = URL(fileURLWithPath: argument)
            candidates.append(url.deletingLastPathComponent().appendingPathComponent("messengerctl"))
            candidates.append(url.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("messengerctl"))
        }
        candidates.append(Self.repositoryRoot.appendingPathComponent(".build/debug/messengerctl"))
        return try #require(candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) && !$0.hasDirectoryPath },
            "messengerctl not found in \(candidates.map(\.path))")
    }

    func run(_ arguments: [String], in directory: URL) throws -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = try executable()
        process.arguments = arguments
        process.currentDirectoryURL = directory
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: stdout, as: UTF8.self), String(decoding: stderr, as: UTF8.self))
    }

    @Test func exampleTenantsExitZero() throws {
        let result = try run(["validate"], in: Self.repositoryRoot)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr == "3 files, 0 errors\n")
    }

    @Test func badFilesExitOneWithFileLineColumn() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("messengerctl-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("tenants"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let header = """
            region: eu-west-1
            organizationId: 8d2e4f6a-1b3c-4d5e-8f9a-0b1c2d3e4f5a
            credentials: { clientIdEnv: T_ID, clientSecretEnv: T_SECRET }

            """
        let files: [(name: String, body: String, expected: String)] = [
            ("bad-colour", "configurations:\n  - name: c\n    messenger:\n      styles: { primaryColor: \"#777777\" }\n",
             "tenants/bad-colour.yaml:8:31: error: contrast 4.47:1"),
            ("bad-key", "configurations:\n  - name: c\n    mesenger: {}\n", "tenants/bad-key.yaml:7:5: error: unknown key `mesenger`"),
            ("bad-dup", "prune: true\nprune: false\n", "tenants/bad-dup.yaml:6:1: error: duplicate key `prune`"),
            ("bad-secret", "password: swordfish\n", "tenants/bad-secret.yaml:5:1: error: `password` looks like a literal secret"),
        ]
        for file in files {
            try ("tenant: \(file.name)\n" + header + file.body).write(
                to: folder.appendingPathComponent("tenants/\(file.name).yaml"), atomically: true, encoding: .utf8)
            let result = try run(["validate", "tenants/\(file.name).yaml"], in: folder)
            #expect(result.status == 1)
            #expect(result.stderr.contains(file.expected), "\(result.stderr)")
            #expect(result.stderr.hasSuffix("1 file, 1 error\n"), "\(result.stderr)")
            #expect(!result.stderr.contains("swordfish"))
        }
        let all = try run(["validate"], in: folder)
        #expect(all.status == 1)
        #expect(all.stderr.hasSuffix("4 files, 4 errors\n"), "\(all.stderr)")
    }

    @Test func helpTeachesWithAnExample() throws {
        let result = try run(["validate", "--help"], in: Self.repositoryRoot)
        #expect(result.status == 0)
        #expect(result.stdout.contains("file:line:column"))
        #expect(result.stdout.contains("Exit status: 0 when every file is valid, 1 otherwise."))
    }

    /// The example in `validate --help` is what the command really prints.
    @Test func helpExampleIsTheRealOutput() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("messengerctl-help-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("tenants"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try """
            tenant: acme-eu
            region: eu-west-1
            organizationId: 8d2e4f6a-1b3c-4d5e-8f9a-0b1c2d3e4f5a
            credentials: { clientIdEnv: ACME_EU_CLIENT_ID, clientSecretEnv: ACME_EU_CLIENT_SECRET }
            configurations:
              - name: acme-support
                description: Support
                messenger:
                  stlyes: { primaryColor: "#0052CC" }

            """.write(to: folder.appendingPathComponent("tenants/acme-eu.yaml"), atomically: true, encoding: .utf8)
        let result = try run(["validate", "tenants/acme-eu.yaml"], in: folder)
        let help = try run(["validate", "--help"], in: Self.repositoryRoot)
        #expect(result.status == 1)
        for line in result.stderr.split(separator: "\n") {
            #expect(help.stdout.contains("  " + line), "help lacks: \(line)")
        }
    }
}

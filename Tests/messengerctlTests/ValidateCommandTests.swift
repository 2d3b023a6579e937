import Foundation
import TestSupport
import Testing

/// Runs the built `messengerctl` executable as a user or CI job would and checks what they see.
@Suite struct ValidateCommandTests {
    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    func run(_ arguments: [String], in directory: URL) async throws -> ProcessRunner.Result {
        try await ProcessRunner.run(arguments, in: directory)
    }

    @Test func exampleTenantsExitZero() async throws {
        let result = try await run(["validate"], in: Self.repositoryRoot)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr == "3 files, 0 errors\n")
    }

    @Test func badFilesExitOneWithFileLineColumn() async throws {
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
            let result = try await run(["validate", "tenants/\(file.name).yaml"], in: folder)
            #expect(result.status == 1)
            #expect(result.stderr.contains(file.expected), "\(result.stderr)")
            #expect(result.stderr.hasSuffix("1 file, 1 error\n"), "\(result.stderr)")
            #expect(!result.stderr.contains("swordfish"))
        }
        let all = try await run(["validate"], in: folder)
        #expect(all.status == 1)
        #expect(all.stderr.hasSuffix("4 files, 4 errors\n"), "\(all.stderr)")
    }

    @Test func helpTeachesWithAnExample() async throws {
        let result = try await run(["validate", "--help"], in: Self.repositoryRoot)
        #expect(result.status == 0)
        #expect(result.stdout.contains("file:line:column"))
        #expect(result.stdout.contains("Exit status: 0 when every file is valid, 1 otherwise."))
    }

    /// The example in `validate --help` is what the command really prints.
    @Test func helpExampleIsTheRealOutput() async throws {
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
        let result = try await run(["validate", "tenants/acme-eu.yaml"], in: folder)
        let help = try await run(["validate", "--help"], in: Self.repositoryRoot)
        #expect(result.status == 1)
        for line in result.stderr.split(separator: "\n") {
            #expect(help.stdout.contains("  " + line), "help lacks: \(line)")
        }
    }
}

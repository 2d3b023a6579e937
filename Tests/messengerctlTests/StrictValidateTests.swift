import Foundation
import TestSupport
import Testing

/// `validate` refuses, before anything is sent, what Genesys Cloud would refuse (issue "what passes here
/// passes in production"). Each fixture in `Fixtures/strict/` breaks one rule and ends with the lines
/// `# expect: LINE:COLUMN: error: TEXT` it must produce, at that place in that file.
@Suite struct StrictValidateTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/strict")

    static func expectations(_ file: URL) throws -> [String] {
        try String(contentsOf: file, encoding: .utf8).split(separator: "\n")
            .filter { $0.hasPrefix("# expect: ") }.map { String($0.dropFirst("# expect: ".count)) }
    }

    @Test func everyBadFixtureIsRefusedAtItsLineAndColumn() async throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.fixtures.path).filter { $0.hasSuffix(".yaml") }.sorted()
        #expect(names.count >= 22)
        for name in names {
            let expected = try Self.expectations(Self.fixtures.appendingPathComponent(name))
            #expect(!expected.isEmpty, "\(name) states no expectation")
            let result = try await ProcessRunner.run(["validate", name], in: Self.fixtures)
            #expect(result.status == 1, "\(name): \(result.stderr)")
            for line in expected {
                #expect(result.stderr.contains("\(name):\(line)"), "\(name) should report \(line); got:\n\(result.stderr)")
            }
            let errors = result.stderr.split(separator: "\n").filter { $0.contains(": error: ") }
            #expect(errors.count == expected.count, "\(name): \(result.stderr)")
        }
    }

    @Test func aFolderWithoutTenantFilesIsAnError() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("messengerctl-empty-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("tenants"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let empty = try await ProcessRunner.run(["validate", "tenants"], in: folder)
        #expect(empty.status == 1)
        #expect(empty.stderr.contains("tenants:1:1: error: no tenant file (*.yaml) in this folder"), "\(empty.stderr)")
        try "tenant: acme\n".write(to: folder.appendingPathComponent("tenants/acme.yml"), atomically: true, encoding: .utf8)
        let yml = try await ProcessRunner.run(["validate"], in: folder)
        #expect(yml.status == 1)
        #expect(yml.stderr.contains("found acme.yml; tenant files end in .yaml"), "\(yml.stderr)")
    }

    @Test func aBaseFileValidatesOnItsOwn() async throws {
        let base = try await ProcessRunner.run(["validate", "bases/acme.yaml"], in: ValidateCommandTests.repositoryRoot)
        #expect(base.status == 0, "\(base.stderr)")
        #expect(base.stderr == "1 file, 0 errors\n")
        // And its errors are found without a tenant around it.
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("messengerctl-base-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try "configurations:\n  - name: c\n    languages: [english]\n".write(
            to: folder.appendingPathComponent("base.yaml"), atomically: true, encoding: .utf8)
        let bad = try await ProcessRunner.run(["validate", "base.yaml"], in: folder)
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("base.yaml:3:17: error: `english` (languages[0]) is not a BCP 47 language tag"), "\(bad.stderr)")
    }

    @Test func anErrorInABaseIsReportedOnceForAllTheTenantsExtendingIt() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("messengerctl-shared-base-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("bases"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("tenants"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try "configurations:\n  - name: c\n    languages: [english]\n".write(
            to: folder.appendingPathComponent("bases/shared.yaml"), atomically: true, encoding: .utf8)
        for name in ["one", "two", "three"] {
            try """
                tenant: \(name)
                extends: ../bases/shared.yaml
                region: eu-west-1
                organizationId: 8d2e4f6a-1b3c-4d5e-8f9a-0b1c2d3e4f5a
                credentials: { clientIdEnv: T_ID, clientSecretEnv: T_SECRET }

                """.write(to: folder.appendingPathComponent("tenants/\(name).yaml"), atomically: true, encoding: .utf8)
        }
        let result = try await ProcessRunner.run(["validate"], in: folder)
        #expect(result.status == 1)
        let errors = result.stderr.split(separator: "\n").filter { $0.contains(": error: ") }
        #expect(errors == ["bases/shared.yaml:3:17: error: `english` (languages[0]) is not a BCP 47 language tag"], "\(result.stderr)")
        #expect(result.stderr.hasSuffix("3 files, 1 error\n"), "\(result.stderr)")
    }
}

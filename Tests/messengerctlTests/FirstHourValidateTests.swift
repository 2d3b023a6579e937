import Foundation
import TestSupport
import Testing

/// What a new user meets in `validate` (and `plan`) in the first hour, through the executable.
@Suite struct FirstHourValidateTests {
    static let header = """
        region: eu-west-1
        organizationId: 8d2e4f6a-1b3c-4d5e-8f9a-0b1c2d3e4f5a
        credentials: { clientIdEnv: T_ID, clientSecretEnv: T_SECRET }

        """

    /// A temporary folder with `tenants/` and `bases/`; removed by the caller.
    static func folder(_ files: [String: String]) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("messengerctl-first-\(UUID().uuidString)")
        for sub in ["tenants", "bases"] {
            try FileManager.default.createDirectory(at: folder.appendingPathComponent(sub), withIntermediateDirectories: true)
        }
        for (path, text) in files {
            try text.write(to: folder.appendingPathComponent(path), atomically: true, encoding: .utf8)
        }
        return folder
    }

    static func tenant(_ name: String, _ body: String) -> String { "tenant: \(name)\n" + header + body }

    @Test func anErrorInABaseIsReportedOnceNotOncePerTenant() async throws {
        let folder = try Self.folder([
            "bases/shared.yaml": "configurations:\n  - name: shared\n    mesenger: {}\n",
            "tenants/a.yaml": Self.tenant("a", "extends: ../bases/shared.yaml\n"),
            "tenants/b.yaml": Self.tenant("b", "extends: ../bases/shared.yaml\n"),
        ])
        defer { try? FileManager.default.removeItem(at: folder) }
        for command in [["validate"], ["plan"]] {
            let result = try await ProcessRunner.run(command, in: folder)
            #expect(result.status == 1, "\(result.all)")
            let errors = result.stderr.split(separator: "\n").filter { $0.contains(": error: unknown key `mesenger`") }
            #expect(errors.count == 1 && errors.allSatisfy { $0.hasPrefix("bases/shared.yaml:3:5:") }, "\(result.stderr)")
            #expect(result.stderr.hasSuffix("2 files, 1 error\n"), "\(command): \(result.stderr)")
        }
    }

    @Test func extendsNamingAFolderPointsAtTheExtendsLine() async throws {
        let folder = try Self.folder([
            "bases/acme.yaml": "prune: false\n",
            "tenants/t.yaml": Self.tenant("t", "extends: ../bases\n"),
        ])
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try await ProcessRunner.run(["validate"], in: folder)
        #expect(result.status == 1)
        #expect(result.stderr.contains("tenants/t.yaml:5:10: error: `extends: ../bases` is a folder"), "\(result.stderr)")
        #expect(result.stderr.contains("../bases/acme.yaml"), "the hint names the base files in the folder: \(result.stderr)")
        #expect(!result.stderr.contains("bases:1:1"), "\(result.stderr)")
    }

    @Test func everyDuplicateKeyIsReported() async throws {
        let folder = try Self.folder([
            "tenants/t.yaml": Self.tenant("t", "prune: true\nprune: false\nignore: []\nignore: []\n")
        ])
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try await ProcessRunner.run(["validate"], in: folder)
        #expect(result.status == 1)
        #expect(result.stderr.contains("tenants/t.yaml:6:1: error: duplicate key `prune`"), "\(result.stderr)")
        #expect(result.stderr.contains("tenants/t.yaml:8:1: error: duplicate key `ignore`"), "\(result.stderr)")
        #expect(result.stderr.hasSuffix("1 file, 2 errors\n"), "\(result.stderr)")
    }

    @Test func aTabInTheIndentationGetsAdvice() async throws {
        let folder = try Self.folder([
            "tenants/t.yaml": Self.tenant("t", "configurations:\n\t- name: c\n")
        ])
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try await ProcessRunner.run(["validate"], in: folder)
        #expect(result.status == 1)
        #expect(result.stderr.contains("tenants/t.yaml:6:1: error:"), "\(result.stderr)")
        #expect(result.stderr.contains("tab"), "\(result.stderr)")
        #expect(result.stderr.contains("spaces"), "\(result.stderr)")
    }

    /// 200,000 plain list items hold no alias: the message names the limit that was really hit.
    @Test func aLongPlainListNamesTheNodeLimitNotAnAliasBomb() async throws {
        let list = String(repeating: "  - x\n", count: 200_000)
        let folder = try Self.folder(["tenants/t.yaml": Self.tenant("t", "languages:\n" + list)])
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try await ProcessRunner.run(["validate"], in: folder)
        #expect(result.status == 1)
        #expect(!result.stderr.contains("alias"), "\(result.stderr)")
        #expect(result.stderr.contains("100000 values"), "\(result.stderr)")
        // A real alias bomb is still called one.
        let bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
            + "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
            + "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\n"
        try bomb.write(to: folder.appendingPathComponent("tenants/t.yaml"), atomically: true, encoding: .utf8)
        let aliases = try await ProcessRunner.run(["validate"], in: folder)
        #expect(aliases.stderr.contains("alias bomb"), "\(aliases.stderr)")
    }

    @Test func githubFormatAnnotatesEachProblem() async throws {
        let folder = try Self.folder([
            "tenants/t.yaml": Self.tenant("t", "configurations:\n  - name: c\n    mesenger: {}\nprune: true\nprune: false\n")
        ])
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try await ProcessRunner.run(["validate", "--format", "github"], in: folder)
        #expect(result.status == 1)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.contains("::error file=tenants/t.yaml,line=7,col=5::unknown key `mesenger` in a configuration%0Adid you mean `messenger`?"), "\(result.stdout)")
        #expect(lines.contains { $0.hasPrefix("::error file=tenants/t.yaml,line=9,col=1::duplicate key `prune`") }, "\(result.stdout)")
        #expect(lines.allSatisfy { $0.hasPrefix("::error ") }, "\(result.stdout)")
        #expect(result.stderr.hasSuffix("1 file, 2 errors\n"), "\(result.stderr)")
        let clean = try await ProcessRunner.run(["validate", "--format", "github"], in: ValidateCommandTests.repositoryRoot)
        #expect(clean.status == 0)
        #expect(clean.stdout.isEmpty)
    }

    /// The GitHub recipe asks for annotations, so the claim in its comment is true.
    @Test func theGitHubRecipeValidatesWithAnnotations() throws {
        let recipe = try String(
            contentsOf: ValidateCommandTests.repositoryRoot.appendingPathComponent("docs/ci/github-actions/plan.yml"), encoding: .utf8)
        #expect(recipe.contains("messengerctl validate tenants/ --format github"))
    }

    @Test func userFacingErrorsQuoteNoReferenceSections() async throws {
        let folder = try Self.folder([
            "tenants/t.yaml": Self.tenant(
                "t", "configurations:\n  - name: c\ndeployments:\n  - name: d\n    configuration: c\n    allowAllDomains: true\n    allowedDomains: [a.example]\n")
        ])
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try await ProcessRunner.run(["validate"], in: folder)
        #expect(result.status == 1)
        #expect(result.stderr.contains("allowAllDomains"), "\(result.stderr)")
        #expect(!result.stderr.contains("reference"), "\(result.stderr)")
        #expect(!result.stderr.contains("§"), "\(result.stderr)")
    }

    /// Every `reference §` in the sources sits in a comment, never in a string a user reads.
    @Test func noReferenceCitationInsideAStringLiteral() throws {
        let sources = ValidateCommandTests.repositoryRoot.appendingPathComponent("Sources")
        let files = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)?
            .compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" } ?? []
        var offenders: [String] = []
        for file in files {
            for (number, line) in try String(contentsOf: file, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let code = line.components(separatedBy: "//").first ?? ""
                let quoted = code.split(separator: "\"", omittingEmptySubsequences: false).enumerated().filter { $0.offset % 2 == 1 }
                if quoted.contains(where: { $0.element.contains("§") }) {
                    offenders.append("\(file.lastPathComponent):\(number + 1): \(line.trimmingCharacters(in: .whitespaces))")
                }
            }
        }
        #expect(offenders.isEmpty, "\(offenders.joined(separator: "\n"))")
    }
}

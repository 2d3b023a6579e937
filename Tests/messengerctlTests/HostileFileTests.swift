import Foundation
import GenesysCloud
import TestSupport
import Testing

/// Hostile files in a pull request: `extends:` cannot read outside the repository or read a huge file
/// whole, and plans and reports are written so that a planted file or symlink cannot redirect them.
@Suite(.serialized) struct HostileFileTests {
    static let sentinel = "SENTINEL-OUTSIDE-5b1e"

    /// A folder laid out as a repository without git: tenants/ and bases/.
    static func repository() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("messengerctl-files-\(UUID().uuidString)")
        for name in ["tenants", "bases"] {
            try FileManager.default.createDirectory(at: folder.appendingPathComponent(name), withIntermediateDirectories: true)
        }
        return folder
    }

    static let header = """
        tenant: t
        region: eu-west-1
        organizationId: 8d2e4f6a-1b3c-4d5e-8f9a-0b1c2d3e4f5a
        credentials: { clientIdEnv: T_ID, clientSecretEnv: T_SECRET }

        """

    @Test func extendsOutsideTheRepositoryIsRefusedAtItsLineWithoutQuotingTheTarget() async throws {
        let repo = try Self.repository()
        let outside = FileManager.default.temporaryDirectory.appendingPathComponent("outside-\(UUID().uuidString).yaml")
        defer {
            try? FileManager.default.removeItem(at: repo)
            try? FileManager.default.removeItem(at: outside)
        }
        // Content that, were it read, diagnostics would quote.
        try "configurations:\n  - name: \(Self.sentinel)\n    \(Self.sentinel): 1\n    minContrast: \(Self.sentinel)\n".write(
            to: outside, atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(
            at: repo.appendingPathComponent("bases/link.yaml"), withDestinationURL: outside)
        let depth = repo.path.split(separator: "/").count + 1
        let targets = [
            outside.path,
            String(repeating: "../", count: depth) + outside.path.dropFirst(),
            "../bases/link.yaml",
            "../../" + repo.lastPathComponent + "/../" + outside.lastPathComponent,
        ]
        for target in targets {
            try (Self.header + "extends: \(target)\n").write(
                to: repo.appendingPathComponent("tenants/t.yaml"), atomically: true, encoding: .utf8)
            let result = try await ProcessRunner.run(["validate", "tenants/t.yaml"], in: repo)
            #expect(result.status == 1, "\(target): \(result.all)")
            #expect(result.stderr.contains("tenants/t.yaml:5:10: error: `extends: \(target)` points outside the repository"), "\(result.all)")
            #expect(!result.all.contains(Self.sentinel), "\(target): \(result.all)")
        }
        // Inside the repository, extends still works.
        try "prune: false\n".write(to: repo.appendingPathComponent("bases/ok.yaml"), atomically: true, encoding: .utf8)
        try (Self.header + "extends: ../bases/ok.yaml\n").write(
            to: repo.appendingPathComponent("tenants/t.yaml"), atomically: true, encoding: .utf8)
        let fine = try await ProcessRunner.run(["validate", "tenants/t.yaml"], in: repo)
        #expect(fine.status == 0, "\(fine.all)")
    }

    @Test func aHugeBaseIsRefusedBeforeItIsRead() async throws {
        let repo = try Self.repository()
        defer { try? FileManager.default.removeItem(at: repo) }
        // 200 MB, sparse: reading it whole would cost 200 MB of memory; checking its size costs nothing.
        let base = repo.appendingPathComponent("bases/huge.yaml")
        #expect(FileManager.default.createFile(atPath: base.path, contents: nil))
        let handle = try FileHandle(forWritingTo: base)
        try handle.truncate(atOffset: 200 * 1024 * 1024)
        try handle.close()
        try (Self.header + "extends: ../bases/huge.yaml\n").write(
            to: repo.appendingPathComponent("tenants/t.yaml"), atomically: true, encoding: .utf8)
        // python3 reports the peak memory of the child it ran.
        let probe = """
            import resource, subprocess, sys
            code = subprocess.run(sys.argv[1:]).returncode
            print("maxrss-kib", resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr)
            sys.exit(code)
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", probe, ProcessRunner.executable.path, "validate", "tenants/t.yaml"]
        process.currentDirectoryURL = repo
        let err = Pipe()
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let data = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        #expect(process.terminationStatus == 1, "\(text)")
        #expect(text.contains("bases/huge.yaml:1:1: error: file is larger than the limit"), "\(text)")
        let kib = text.split(separator: "\n").first { $0.hasPrefix("maxrss-kib") }.flatMap { Int($0.split(separator: " ").last ?? "") }
        let peak = try #require(kib)
        #expect(peak < 120 * 1024, "peak \(peak) KiB")
    }

    @Test func plansAndReportsArePrivateAndNeverFollowAPlantedSymlink() async throws {
        try await CLIHarness.with(await PlanApplyTests.harness()) { h in
            let victim = FileManager.default.temporaryDirectory.appendingPathComponent("victim-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: victim) }
            try "keep me\n".write(to: victim, atomically: true, encoding: .utf8)
            try FileManager.default.createSymbolicLink(atPath: h.path("plan.json"), withDestinationPath: victim.path)
            let plan = try await h.run(["plan", "--out", "plan.json"])
            #expect(plan.status == 0, "\(plan.all)")
            #expect(try String(contentsOf: victim, encoding: .utf8) == "keep me\n")
            let attributes = try FileManager.default.attributesOfItem(atPath: h.path("plan.json"))
            #expect(attributes[.type] as? FileAttributeType == .typeRegular)
            #expect((attributes[.posixPermissions] as? Int) == 0o600)
            let apply = try await h.run(["apply", "plan.json", "--report", "out/report.json"])
            #expect(apply.status == 0, "\(apply.all)")
            #expect((try FileManager.default.attributesOfItem(atPath: h.path("out/report.json"))[.posixPermissions] as? Int) == 0o600)
            // No temporary file is left behind.
            let leftovers = try FileManager.default.contentsOfDirectory(atPath: h.directory.path).filter { $0.hasSuffix(".tmp") }
            #expect(leftovers.isEmpty, "\(leftovers)")
        }
    }
}

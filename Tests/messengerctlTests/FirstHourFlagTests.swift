import Foundation
import TestSupport
import Testing

/// Flag mistakes and help texts a new user meets in the first hour, through the executable.
@Suite struct FirstHourFlagTests {
    static let root = ValidateCommandTests.repositoryRoot

    static func run(_ arguments: [String], environment: [String: String] = [:]) async throws -> ProcessRunner.Result {
        var env = ProcessInfo.processInfo.environment
        env["MESSENGERCTL_ENDPOINT"] = nil
        for (k, v) in environment { env[k] = v }
        return try await ProcessRunner.run(arguments, in: root, environment: env)
    }

    @Test(arguments: ["0", "-1"]) func concurrencyBelowOneIsRefused(_ value: String) async throws {
        let result = try await Self.run(["plan", "--concurrency", value])
        #expect(result.status == 64, "\(result.all)")
        #expect(result.stderr.contains("--concurrency must be at least 1, got \(value)"), "\(result.stderr)")
    }

    @Test(arguments: ["-1/3", "3/2", "0/3", "two/3"]) func aBadShardSaysWhatIsWrong(_ value: String) async throws {
        let result = try await Self.run(["plan", "--shard", value])
        #expect(result.status == 64, "\(result.all)")
        #expect(!result.stderr.contains("Missing value"), "\(result.stderr)")
        #expect(result.stderr.contains("--shard"), "\(result.stderr)")
        #expect(result.stderr.contains("K/N"), "\(result.stderr)")
        #expect(result.stderr.contains("'\(value)'"), "\(result.stderr)")
    }

    @Test func aBadEndpointTemplateIsAUsageErrorNotAGenesysFailure() async throws {
        let flag = try await Self.run(["plan", "--endpoint", "http://127.0.0.1:8080/"])
        #expect(flag.status == 64, "\(flag.all)")
        #expect(flag.stderr.contains("--endpoint"), "\(flag.stderr)")
        #expect(flag.stderr.contains("{region}"), "\(flag.stderr)")
        #expect(!flag.stderr.contains("Genesys Cloud failed"), "\(flag.stderr)")
        let env = try await Self.run(["plan"], environment: ["MESSENGERCTL_ENDPOINT": "http://example.com/{region}"])
        #expect(env.status == 64, "\(env.all)")
        #expect(env.stderr.contains("MESSENGERCTL_ENDPOINT"), "\(env.stderr)")
        #expect(!env.stderr.contains("Genesys Cloud failed"), "\(env.stderr)")
    }

    @Test(arguments: ["export", "rollback"]) func singleTenantCommandsListNoFleetFlags(_ command: String) async throws {
        let help = try await Self.run([command, "--help"])
        #expect(help.status == 0)
        #expect(!help.stdout.contains("--concurrency"), "\(help.stdout)")
        #expect(!help.stdout.contains("--shard"), "\(help.stdout)")
        #expect(help.stdout.contains("--endpoint"), "\(help.stdout)")
        let plan = try await Self.run(["plan", "--help"])
        #expect(plan.stdout.contains("--concurrency") && plan.stdout.contains("--shard"))
    }

    /// The rollback example names a tenant and a deployment the example files really have.
    @Test func rollbackHelpExampleNamesARealDeployment() async throws {
        let help = try await Self.run(["rollback", "--help"])
        let example = try #require(help.stdout.split(separator: "\n").first { $0.contains("messengerctl rollback ") })
        let words = example.split(separator: " ").map(String.init)
        let tenant = try #require(words.firstIndex(of: "rollback").map { words[$0 + 1] })
        let deployment = try #require(words.firstIndex(of: "--deployment").map { words[$0 + 1] })
        let file = try String(contentsOf: Self.root.appendingPathComponent("tenants/\(tenant).yaml"), encoding: .utf8)
        #expect(file.contains("- name: \(deployment)\n"), "tenants/\(tenant).yaml has no deployment \(deployment)")
    }

    /// Usage errors exit 64; the README and the CI exit-code tables say so, and so does --help.
    @Test func theUsageExitCodeIsDocumented() async throws {
        let readme = try String(contentsOf: Self.root.appendingPathComponent("README.md"), encoding: .utf8)
        let ci = try String(contentsOf: Self.root.appendingPathComponent("docs/ci/README.md"), encoding: .utf8)
        #expect(readme.contains("| 64 |"))
        #expect(ci.contains("| 64 |"))
        let unknown = try await Self.run(["plan", "--no-such-flag"])
        #expect(unknown.status == 64)
        let help = try await Self.run(["--help"])
        #expect(help.stdout.contains("64"), "\(help.stdout)")
    }

    @Test func reportMergeOfAMissingFileSaysSoPlainly() async throws {
        let result = try await Self.run(["report", "merge", "nothere.json"])
        #expect(result.status == 1)
        #expect(result.stderr == "error: cannot read nothere.json: no such file\n", "\(result.stderr)")
    }

    /// The README names only files that exist (it once pointed at DESIGN.md, which is not in the repository).
    @Test func theReadmeLinksOnlyFilesThatExist() throws {
        let readme = try String(contentsOf: Self.root.appendingPathComponent("README.md"), encoding: .utf8)
        #expect(!readme.contains("DESIGN.md"))
        var missing: [String] = []
        var rest = readme[...]
        while let open = rest.range(of: "](") {
            rest = rest[open.upperBound...]
            guard let close = rest.firstIndex(of: ")") else { break }
            let target = String(rest[..<close]).split(separator: "#").first.map(String.init) ?? ""
            if !target.isEmpty, !target.contains("://"),
                !FileManager.default.fileExists(atPath: Self.root.appendingPathComponent(target).path)
            {
                missing.append(target)
            }
        }
        #expect(missing.isEmpty, "\(missing)")
    }

    /// `demo` with one file says "1 file", not "1 files".
    @Test func demoCountsOneFileInTheSingular() async throws {
        let result = try await Self.run(["demo", "tenants/acme-eu.yaml"])
        #expect(result.status == 0, "\(result.all)")
        #expect(result.all.contains("1 file, 0 errors"), "\(result.all)")
    }
}

/// `messengerctl emulator` refuses what it cannot honour before it says it is listening.
@Suite struct EmulatorFlagTests {
    /// Runs the emulator until it prints its `listening on` line (then stops it) or exits by itself.
    static func runUntilListening(_ arguments: [String]) async throws -> ProcessRunner.Result {
        try await offPool { try runUntilListeningBlocking(arguments) }
    }

    private static func runUntilListeningBlocking(_ arguments: [String]) throws -> ProcessRunner.Result {
        let (process, out, err) = try ProcessRunner.launch(["emulator"] + arguments, in: ValidateCommandTests.repositoryRoot)
        var stdout = Data()
        while true {
            let chunk = out.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            stdout.append(chunk)
            if String(decoding: stdout, as: UTF8.self).contains("listening on") {
                process.terminate()
                break
            }
        }
        stdout.append(out.fileHandleForReading.readDataToEndOfFile())
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return ProcessRunner.Result(
            status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
            stderr: String(decoding: stderr, as: UTF8.self))
    }

    @Test(arguments: ["99999", "65536"]) func aPortOutOfRangeIsRefused(_ port: String) async throws {
        let result = try await Self.runUntilListening(["--port", port])
        #expect(result.status == 64, "\(result.all)")
        #expect(result.stderr.contains("--port must be between 0 and 65535"), "\(result.stderr)")
        #expect(!result.stdout.contains("listening"))
    }

    @Test func anUnwritableStateFileIsReportedAtStartOnce() async throws {
        let blocker = FileManager.default.temporaryDirectory.appendingPathComponent("messengerctl-state-\(UUID().uuidString)")
        try "not a folder".write(to: blocker, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: blocker) }
        let state = blocker.appendingPathComponent("state.json").path
        let result = try await Self.runUntilListening(["--port", "0", "--state", state])
        #expect(result.status == 1, "\(result.all)")
        #expect(!result.stdout.contains("listening"), "\(result.all)")
        #expect(result.stderr.components(separatedBy: state).count == 2, "named once: \(result.stderr)")
        #expect(result.stderr.contains("cannot write the state file"), "\(result.stderr)")
    }

    @Test func listeningBeyondLoopbackWarnsThatTheEmulatorIsForLocalUse() async throws {
        let wide = try await Self.runUntilListening(["--port", "0", "--host", "0.0.0.0"])
        #expect(wide.stdout.contains("listening on http://0.0.0.0:"), "\(wide.all)")
        #expect(wide.stderr.contains("warning: the emulator is for local use"), "\(wide.stderr)")
        let local = try await Self.runUntilListening(["--port", "0"])
        #expect(local.stdout.contains("listening on http://127.0.0.1:"), "\(local.all)")
        #expect(!local.stderr.contains("warning"), "\(local.stderr)")
    }
}

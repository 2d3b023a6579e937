import Foundation
import GenesysCloud
import GenesysEmulator
import TestSupport
import Testing

/// Every command and format, run with a sentinel client secret through a proxy that notes the access
/// token it saw and quotes credentials back in server text: neither the secret, its Basic form, nor the
/// token appears in any output or any file the commands write.
@Suite(.serialized) struct SentinelSweepTests {
    /// Every command and format, in stages: a stage starts once the one before it has ended (apply,
    /// rollback and the saved plan change what later commands see); the commands inside a stage only
    /// read the org, or write their own files, so they run side by side, four at a time. One by one, the
    /// sweep was the longest chain of the parallel suite.
    static let stages: [[[String]]] = [
        [
            ["validate"],
            ["plan"], ["plan", "--format", "json", "--out", "plan.json"], ["plan", "--format", "markdown", "--out", "plan2.json"],
            ["plan", "--explain", "-v"],
        ],
        [["apply", "--auto-approve", "--report", "apply-report.json"]],
        [
            ["drift"], ["drift", "--format", "json"], ["drift", "--format", "markdown"], ["drift", "--format", "junit"],
            ["drift", "--format", "html", "--out", "drift.html"], ["status"], ["status", "--format", "json"],
            ["plan", "--format", "html", "--preview", "previews"], ["preview", "--out", "previews-file"],
            ["audit", "--since", "1d"], ["audit", "--since", "1d", "--format", "json"],
            ["export", "t1", "--region", "eu-west-1", "--out", "exported/t1.yaml"],
            ["export", "t1", "--region", "eu-west-1", "--as-base", "--out", "bases/exported.yaml"],
        ],
        [["rollback", "t1", "--deployment", "web", "--to-version", "1"]],
        [["plan", "--out", "plan3.json"]],
        [["apply", "plan3.json", "--report", "apply-report2.json"]],
        [
            ["report", "merge", "plan.json", "--out", "merged.json"],
            ["report", "merge", "plan.json", "--format", "markdown"],
            ["report", "merge", "plan.json", "--format", "junit"],
            ["report", "merge", "plan.json", "--format", "html"],
        ],
    ]

    static var commands: [[String]] { stages.flatMap { $0 } }

    /// Runs `commands` side by side, at most four at once, each through `endpoint`; returns each
    /// command line with its exit status and output.
    static func runSideBySide(
        _ h: CLIHarness, _ commands: [[String]], endpoint: String
    ) async throws -> [(command: [String], status: Int32, output: String)] {
        var results: [(command: [String], status: Int32, output: String)] = []
        for start in stride(from: 0, to: commands.count, by: 4) {
            try await withThrowingTaskGroup(of: (command: [String], status: Int32, output: String).self) { group in
                for command in commands[start..<min(start + 4, commands.count)] {
                    group.addTask {
                        let result = try await h.run(command, environment: ["MESSENGERCTL_ENDPOINT": endpoint])
                        return (command, result.status, result.all)
                    }
                }
                for try await result in group { results.append(result) }
            }
        }
        return results
    }

    @Test func noCommandOrFormatEverShowsTheSecretOrTheToken() async throws {
        try await CLIHarness.with(await PlanApplyTests.harness()) { h in
            // First apply and a second version, so drift, rollback and audit have something to say.
            #expect(try await h.run(["apply", "--auto-approve"]).status == 0)
            try h.write(tenant: "t1", try h.read(tenant: "t1").replacingOccurrences(of: "#0052CC", with: "#0B3D91"))
            #expect(try await h.run(["apply", "--auto-approve"]).status == 0)
            try h.write(tenant: "t1", try h.read(tenant: "t1").replacingOccurrences(of: "#0B3D91", with: "#003366"))

            let rules: [[String: Any]] = [
                ["method": "POST", "path": "/oauth/token", "action": "patch", "record": "access_token"],
                // Server text quoting credentials, in a 2xx body (a name) and in errors.
                [
                    "method": "GET", "path": "/webdeployments/deployments", "action": "patch",
                    "set": ["entities.description": "served by {credential}"],
                ],
                [
                    "method": "POST", "path": "/audits", "action": "respond", "status": 400, "times": 2,
                    "body": #"{"message":"query refused for {authorization}","code":"bad.request","status":400}"#,
                ],
            ]
            let proxy = try HostileProxy(upstream: h.emulator.baseURL, rules: rules)
            defer { proxy.stop() }
            var outputs: [(String, String)] = []
            for stage in Self.stages {
                for result in try await Self.runSideBySide(h, stage, endpoint: proxy.endpoint) {
                    // Conflicts (3) and guards (4) are fine here; a crash is not.
                    #expect([0, 1, 2, 3, 4].contains(result.status), "\(result.command): \(result.output)")
                    outputs.append((result.command.joined(separator: " "), result.output))
                }
            }
            // The same commands when the token request itself is answered with the credentials.
            let echo = try HostileProxy(upstream: h.emulator.baseURL, rules: [[
                "method": "POST", "path": "/oauth/token", "action": "respond", "status": 400,
                "body": #"{"message":"bad {basic} / {authorization}","code":"{secret}","status":400,"contextId":"{credential}"}"#,
            ]])
            defer { echo.stop() }
            // Every one of these stops at the refused token, so none depends on another.
            let refused = Self.commands.filter { !["validate", "report"].contains($0[0]) }
            for result in try await Self.runSideBySide(h, refused, endpoint: echo.endpoint) {
                outputs.append(("echo: " + result.command.joined(separator: " "), result.output))
            }

            let secret = PlanApplyTests.sentinel
            let basic = Data("t1-ci:\(secret)".utf8).base64EncodedString()
            let tokens = proxy.echoed + echo.echoed
            #expect(tokens.count >= 2, "the proxy saw no token: \(tokens)")
            let needles = [secret, basic, Data(secret.utf8).base64EncodedString()] + tokens
            for (command, output) in outputs {
                for needle in needles { #expect(!output.contains(needle), "\(command) printed \(needle):\n\(output)") }
            }
            let files = FileManager.default.enumerator(atPath: h.directory.path)?.compactMap { $0 as? String } ?? []
            #expect(files.contains("plan.json") && files.contains("apply-report.json") && files.contains("merged.json"), "\(files)")
            for file in files {
                let text = (try? String(contentsOfFile: h.path(file), encoding: .utf8)) ?? ""
                for needle in needles { #expect(!text.contains(needle), "\(file) holds \(needle)") }
            }
        }
    }
}

import Foundation
import Reconciler
import TestSupport
import Testing
import YAML

/// The CI recipes in `docs/ci/` are files users copy as they are: each must be valid YAML, and each
/// `messengerctl …` command in them must name a subcommand and flags the built binary has.
@Suite struct CIRecipesTests {
    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let recipes = ["github-actions/plan.yml", "github-actions/apply.yml", "github-actions/drift.yml", "gitlab/.gitlab-ci.yml"]

    /// One `messengerctl` command line found in a recipe.
    struct Invocation: CustomStringConvertible {
        var file: String
        /// `["plan"]`, or `["report", "merge"]` for a nested subcommand.
        var subcommands: [String]
        var arguments: [String]
        var description: String { "\(file): messengerctl \((subcommands + arguments).joined(separator: " "))" }

        /// `--format markdown` → `["--format": "markdown"]` (the value is the next token, if not a flag).
        var flags: [(name: String, value: String?)] {
            arguments.enumerated().compactMap { index, token in
                guard token.hasPrefix("--") else { return nil }
                if let equals = token.firstIndex(of: "=") { return (String(token[..<equals]), String(token[token.index(after: equals)...])) }
                let next = arguments.indices.contains(index + 1) ? arguments[index + 1] : nil
                return (token, next.flatMap { $0.hasPrefix("-") ? nil : $0 })
            }
        }
    }

    /// The text of every scalar (the `run:` and `script:` bodies among them), comments left out.
    static func scalars(_ root: YAMLNode) -> [String] {
        var texts: [String] = []
        var work = [root]
        while let node = work.popLast() {
            switch node.kind {
            case .scalar(let s): texts.append(s.value)
            case .sequence(let items): work += items
            case .mapping(let pairs): work += pairs.flatMap { [$0.key, $0.value] }
            }
        }
        return texts
    }

    /// `messengerctl SUB [SUB] ARGS…` in shell text, up to the end of the command (a pipe,
    /// redirection, `;`, `&&` or the end of the line; `\` continues a line).
    static func invocations(in text: String, file: String, nested: Set<String>) -> [Invocation] {
        let lines = text.replacingOccurrences(of: "\\\n", with: " ").split(separator: "\n")
        var found: [Invocation] = []
        for line in lines {
            let tokens = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            for (index, token) in tokens.enumerated() where token == "messengerctl" || token.hasSuffix("/messengerctl") {
                var rest = tokens[(index + 1)...].prefix { !["|", "||", "&&", ";", ">", ">>", "2>", "2>&1", ")"].contains($0) }
                guard let first = rest.first, first.allSatisfy({ $0.isLowercase || $0 == "-" }), !first.hasPrefix("-") else { continue }
                var subcommands = [first]
                rest = rest.dropFirst()
                if nested.contains(first), let second = rest.first, !second.hasPrefix("-") {
                    subcommands.append(second)
                    rest = rest.dropFirst()
                }
                // A token ending the command with `;` belongs to it; what follows does not.
                var arguments: [String] = []
                for argument in rest {
                    arguments.append(argument.hasSuffix(";") ? String(argument.dropLast()) : argument)
                    if argument.hasSuffix(";") { break }
                }
                found.append(Invocation(file: file, subcommands: subcommands, arguments: arguments))
            }
        }
        return found
    }

    /// Subcommand names listed under `SUBCOMMANDS:` in a `--help` text.
    static func subcommands(inHelp help: String) -> Set<String> {
        guard let section = help.range(of: "SUBCOMMANDS:") else { return [] }
        var names: Set<String> = []
        for line in help[section.upperBound...].split(separator: "\n") {
            guard line.hasPrefix("  "), let word = line.split(separator: " ").first else { break }
            names.insert(String(word))
        }
        return names
    }

    /// `--out` appears in `help` as an option (not as the start of a longer one, such as `--output`).
    static func help(_ help: String, mentions flag: String) -> Bool {
        var search = help[...]
        while let range = search.range(of: flag) {
            let next = search[range.upperBound...].first
            if next == nil || !(next!.isLetter || next!.isNumber || next! == "-") { return true }
            search = search[range.upperBound...]
        }
        return false
    }

    /// What is wrong with each invocation according to the built binary's help texts.
    static func problems(_ invocations: [Invocation]) async throws -> [String] {
        let root = URL(fileURLWithPath: NSTemporaryDirectory())
        var helps: [String: String] = [:]
        func helpText(_ path: [String]) async throws -> String {
            let key = path.joined(separator: " ")
            if let cached = helps[key] { return cached }
            let result = try await ProcessRunner.run(path + ["--help"], in: root)
            let text = result.status == 0 ? result.stdout : ""
            helps[key] = text
            return text
        }
        var problems: [String] = []
        let top = subcommands(inHelp: try await helpText([]))
        for invocation in invocations {
            guard top.contains(invocation.subcommands[0]) else {
                problems.append("\(invocation): `\(invocation.subcommands[0])` is not a subcommand (\(top.sorted().joined(separator: ", ")))")
                continue
            }
            if invocation.subcommands.count == 2 {
                let nested = subcommands(inHelp: try await helpText([invocation.subcommands[0]]))
                guard nested.contains(invocation.subcommands[1]) else {
                    problems.append("\(invocation): `\(invocation.subcommands[1])` is not a subcommand of `\(invocation.subcommands[0])`")
                    continue
                }
            }
            let help = try await helpText(invocation.subcommands)
            for flag in invocation.flags {
                if !Self.help(help, mentions: flag.name) {
                    problems.append("\(invocation): `\(flag.name)` is not an option of `messengerctl \(invocation.subcommands.joined(separator: " "))`")
                } else if flag.name == "--format", let value = flag.value, !Self.help(help, mentions: value) {
                    problems.append("\(invocation): `--format \(value)` is not a format `messengerctl \(invocation.subcommands.joined(separator: " "))` names")
                }
            }
        }
        return problems
    }

    static func load(_ recipe: String) throws -> (text: String, root: YAMLNode) {
        let path = repositoryRoot.appendingPathComponent("docs/ci/\(recipe)")
        let data = try Data(contentsOf: path)
        let root = try #require(try YAMLParser.parse(bytes: [UInt8](data), file: "docs/ci/\(recipe)"), "\(recipe) is empty")
        return (String(decoding: data, as: UTF8.self), root)
    }

    @Test func everyRecipeIsValidYAMLWithTheExpectedJobs() throws {
        let found = try FileManager.default.subpathsOfDirectory(atPath: Self.repositoryRoot.appendingPathComponent("docs/ci").path)
            .filter { $0.hasSuffix(".yml") || $0.hasSuffix(".yaml") }.sorted()
        #expect(found == Self.recipes.sorted(), "every workflow file in docs/ci is checked here")
        for recipe in Self.recipes {
            let (_, root) = try Self.load(recipe)
            let keys = try #require(root.mapping, "\(recipe) is a mapping").compactMap { $0.key.scalar?.value }
            if recipe.hasPrefix("github-actions/") {
                // `on` stays the string "on" here; a YAML 1.1 loader reading it as `true` is GitHub's concern.
                #expect(keys.contains("on") && keys.contains("jobs"), "\(recipe): \(keys)")
            } else {
                #expect(Set(["plan", "apply", "drift"]).isSubset(of: Set(keys)), "\(recipe): \(keys)")
            }
        }
    }

    @Test func everyCommandInTheRecipesExistsWithItsFlags() async throws {
        var all: [Invocation] = []
        for recipe in Self.recipes {
            let (_, root) = try Self.load(recipe)
            all += Self.scalars(root).flatMap { Self.invocations(in: $0, file: recipe, nested: ["report"]) }
        }
        let problems = try await Self.problems(all)
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")

        // The commands the flow depends on are there, in every CI system.
        func uses(_ file: String, _ subcommand: String, _ flags: [String]) -> Bool {
            all.contains { invocation in
                invocation.file == file && invocation.subcommands == [subcommand] && flags.allSatisfy { invocation.arguments.contains($0) }
            }
        }
        for file in ["github-actions/plan.yml", "gitlab/.gitlab-ci.yml"] {
            #expect(uses(file, "plan", ["--format", "markdown", "--out", "plan.json", "--detailed-exitcode"]), "\(file) plans as markdown and saves plan.json")
            #expect(uses(file, "validate", []), "\(file) validates first")
        }
        for file in ["github-actions/apply.yml", "gitlab/.gitlab-ci.yml"] {
            #expect(uses(file, "apply", ["plan.json", "--report", "apply-report.json"]), "\(file) applies the saved plan")
            #expect(uses(file, "apply", ["--auto-approve", "--report"]), "\(file) can re-plan and apply")
        }
        // Drift reads the orgs once (JSON); the JUnit report and the HTML status page are drawn from it,
        // and both are kept as artifacts (issue 14).
        func merges(_ file: String, _ format: String) -> Bool {
            all.contains { $0.file == file && $0.subcommands == ["report", "merge"] && $0.arguments.contains("--drift") && $0.arguments.contains(format) }
        }
        for file in ["github-actions/drift.yml", "gitlab/.gitlab-ci.yml"] {
            #expect(uses(file, "drift", ["--format", "json", "--out", "drift.json"]), "\(file) checks drift once, as JSON")
            #expect(merges(file, "junit"), "\(file) writes the JUnit drift report")
            #expect(merges(file, "html"), "\(file) writes the HTML drift page")
            let (text, _) = try Self.load(file)
            #expect(text.contains("drift.xml") && text.contains("drift.html"), "\(file) keeps both reports")
        }
    }

    @Test func planRecipesFindTheirCommentByTheRenderersMarker() throws {
        for recipe in ["github-actions/plan.yml", "gitlab/.gitlab-ci.yml"] {
            let (text, _) = try Self.load(recipe)
            #expect(text.contains(PlanMarkdownRenderer.commentMarker), "\(recipe) looks for \(PlanMarkdownRenderer.commentMarker)")
        }
    }

    @Test func credentialsOfEveryExampleTenantAreMappedFromGitHubSecrets() throws {
        let loaded = TenantLoader().load(paths: [Self.repositoryRoot.appendingPathComponent("tenants").path])
        try #require(loaded.isValid && !loaded.tenants.isEmpty)
        for recipe in ["github-actions/plan.yml", "github-actions/apply.yml", "github-actions/drift.yml"] {
            let (text, _) = try Self.load(recipe)
            for tenant in loaded.tenants {
                for variable in [tenant.credentials.clientIdEnv, tenant.credentials.clientSecretEnv] {
                    #expect(text.contains("\(variable): ${{ secrets.\(variable) }}"), "\(recipe) maps \(variable) from the secret store")
                }
            }
        }
    }

    /// The checker itself finds a misspelt subcommand, an unknown flag and an unknown format.
    @Test func checkerRejectsCommandsThatDoNotExist() async throws {
        let script = "messengerctl plna tenants/\n.build/release/messengerctl plan --outt plan.json | tee x\nmessengerctl drift --format yaml\n"
            + "messengerctl report merge a.json --out b.json; messengerctl report mrege a.json\n"
        let found = Self.invocations(in: script, file: "test", nested: ["report"])
        #expect(found.map(\.subcommands) == [["plna"], ["plan"], ["drift"], ["report", "merge"], ["report", "mrege"]])
        let problems = try await Self.problems(found)
        #expect(problems.count == 4, "\(problems)")
        #expect(problems.contains { $0.contains("`plna` is not a subcommand") })
        #expect(problems.contains { $0.contains("`--outt` is not an option") })
        #expect(problems.contains { $0.contains("`--format yaml` is not a format") })
        #expect(problems.contains { $0.contains("`mrege` is not a subcommand of `report`") })
    }
}

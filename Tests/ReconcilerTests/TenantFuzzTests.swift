import Foundation
import Testing
@testable import Reconciler
@testable import YAML

/// A deterministic mutation fuzzer over the YAML binding and the tenant loader.
///
/// Cheap enough for every CI run (a few thousand inputs in seconds); a long run is
/// `MESSENGERCTL_FUZZ_ITERATIONS=200000 swift test --disable-xctest --skip-build --filter TenantFuzzTests`,
/// and `MESSENGERCTL_FUZZ_SEED` replays another seed. A crash fails the run by itself; the test
/// asserts what a user must always get instead: an error that names a place inside the file.
/// `scripts/fuzz` runs the same checks under libFuzzer with coverage guidance and AddressSanitizer.
@Suite struct TenantFuzzTests {
    static let defaultSeed: UInt64 = 0x6D65_7373_656E_6765
    static let defaultIterations = 500

    /// A file's diagnostics beyond this many per line would bury the real problem (and hint at a
    /// diagnostic emitted in a loop).
    static let maxDiagnosticsPerLine = 4

    struct Failure: CustomStringConvertible {
        var iteration: Int
        var origin: String
        var problem: String
        var savedAt: String
        var description: String { "iteration \(iteration) (mutated \(origin)): \(problem); input saved at \(savedAt)" }
    }

    /// What one run found.
    struct Report: Sendable {
        var inputs = 0
        var parsed = 0
        var yamlErrors = 0
        var validTenants = 0
        var diagnostics = 0
        var mutatedBases = 0
        var roundTrips = 0
        var failures: [String] = []
    }

    @Test func mutatedTenantFilesAlwaysGiveDiagnosticsInsideTheFile() async throws {
        let environment = ProcessInfo.processInfo.environment
        let seed = environment["MESSENGERCTL_FUZZ_SEED"].flatMap { UInt64($0.replacingOccurrences(of: "0x", with: ""), radix: 16) } ?? Self.defaultSeed
        let iterations = environment["MESSENGERCTL_FUZZ_ITERATIONS"].flatMap { Int($0) } ?? Self.defaultIterations
        let corpus = try FuzzCorpus(repository: repositoryRoot)
        try #require(corpus.entries.count >= 10, "the corpus should hold the example tenants and the test fixtures")
        print("fuzz: seed 0x\(String(seed, radix: 16)) (MESSENGERCTL_FUZZ_SEED), \(iterations) inputs (MESSENGERCTL_FUZZ_ITERATIONS), corpus of \(corpus.entries.count)")

        // Seconds of CPU-bound work run on a thread of their own: on a 2-core machine, holding a
        // thread of the Swift concurrency pool or of Dispatch's global queues (which add threads
        // only for blocked ones, not busy ones) starves the emulator and URLSession in the tests
        // running beside it, and their requests time out.
        let report: Result<Report, any Error> = await withCheckedContinuation { continuation in
            let thread = Thread {
                #if os(Linux)
                // Lowest priority for this thread only (Linux keeps the nice value per thread, and `0`
                // names the calling thread), so the timing-sensitive emulator tests beside it keep the CPU.
                _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 19)
                #endif
                continuation.resume(returning: Result { try Self.run(seed: seed, iterations: iterations, corpus: corpus) })
            }
            thread.name = "TenantFuzzTests"
            thread.start()
        }
        let found = try report.get()
        for failure in found.failures {
            Issue.record("seed 0x\(String(seed, radix: 16)) \(failure)")
        }
        guard found.failures.isEmpty else { return }
        // A fuzzer whose mutations never get past the parser, or never break it, tests little.
        #expect(found.yamlErrors > iterations / 20, "too few inputs were invalid YAML: the mutations are too timid")
        #expect(found.parsed > iterations / 5, "too few inputs were valid YAML: the mutations are too destructive")
    }

    /// The fuzz loop: stops after five failures, each with its input saved for replay.
    static func run(seed: UInt64, iterations: Int, corpus: FuzzCorpus) throws -> Report {
        let fixture = try TenantFixture()
        defer { fixture.remove() }
        let pristineBase = try Data(contentsOf: repositoryRoot.appendingPathComponent("bases/acme.yaml"))
        let basePath = fixture.root.appendingPathComponent("bases/acme.yaml").path
        try pristineBase.write(to: URL(fileURLWithPath: basePath))
        let donors = corpus.entries.map(\.bytes)

        var mutator = YAMLMutator(seed: seed)
        var stats = (parsed: 0, yamlErrors: 0, validTenants: 0, diagnostics: 0, mutatedBases: 0, roundTrips: 0)
        var failures: [Failure] = []
        var inputs = 0
        var timing = (parse: Duration.zero, emit: Duration.zero, load: Duration.zero)
        let clock = ContinuousClock()
        let start = clock.now
        for iteration in 0..<iterations {
            if failures.count >= 5 { break }
            inputs += 1
            let entry = corpus.entries[Int.random(in: 0..<corpus.entries.count, using: &mutator.rng)]
            let input = mutator.mutate(entry.bytes, donors: donors)
            // One input in eight is a mutated base under a pristine tenant, so errors in bases
            // (reported against the base file) are fuzzed too.
            let mutateBase = iteration % 8 == 7
            var problems: [String] = []

            // 1. The YAML binding alone.
            let parsed: Result<YAMLNode?, YAMLError>
            var mark = clock.now
            do throws(YAMLError) {
                parsed = .success(try YAMLParser.parse(bytes: input, file: "fuzz.yaml"))
            } catch {
                parsed = .failure(error)
            }
            let text = SourceText(input)
            timing.parse += clock.now - mark
            mark = clock.now
            switch parsed {
            case .success(let node):
                stats.parsed += 1
                if let node {
                    problems += Self.marksOutside(node, text)
                    if let problem = Self.roundTripProblem(node) {
                        problems.append(problem)
                    } else {
                        stats.roundTrips += 1
                    }
                }
            case .failure(let error):
                stats.yamlErrors += 1
                if error.file != "fuzz.yaml" { problems.append("YAMLError names file `\(error.file)`") }
                if !text.contains(line: error.mark.line, column: error.mark.column) {
                    problems.append("YAMLError at \(error.mark) is outside the input (\(text.lineCount) lines): \(error.message)")
                }
                if error.message.isEmpty { problems.append("YAMLError without a message") }
            }

            timing.emit += clock.now - mark
            mark = clock.now
            // 2. The tenant loader (parse, extends, decoding, validation), from a file as `validate` reads it.
            let tenantPath: String
            if mutateBase {
                stats.mutatedBases += 1
                try Self.write(input, to: basePath)
                tenantPath = fixture.root.appendingPathComponent("tenants/acme-eu.yaml").path
                try Self.write(corpus.entries.first { $0.origin == "tenants/acme-eu.yaml" }?.bytes ?? [], to: tenantPath)
            } else {
                tenantPath = fixture.root.appendingPathComponent("tenants/\(entry.fileName)").path
                try Self.write(input, to: tenantPath)
            }
            let result = TenantLoader().load(paths: [tenantPath])
            stats.diagnostics += result.diagnostics.count
            if result.isValid { stats.validTenants += 1 }
            problems += Self.loaderProblems(result, parsedFile: (mutateBase ? basePath : tenantPath, parsed))
            if iteration % 16 == 0 {
                let again = TenantLoader().load(paths: [tenantPath])
                if again.diagnostics != result.diagnostics { problems.append("loading the same file twice gave different diagnostics") }
            }
            timing.load += clock.now - mark
            if mutateBase { try Self.write([UInt8](pristineBase), to: basePath) }

            if !problems.isEmpty {
                let saved = FileManager.default.temporaryDirectory.appendingPathComponent(
                    "messengerctl-fuzz-\(String(seed, radix: 16))-\(iteration).yaml")
                try? Data(input).write(to: saved)
                failures.append(Failure(iteration: iteration, origin: entry.origin, problem: problems.joined(separator: "; "), savedAt: saved.path))
            }
        }
        func seconds(_ d: Duration) -> String {
            String(format: "%.2f s", Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18)
        }
        print(
            "fuzz: \(inputs) inputs in \(seconds(clock.now - start)): \(stats.parsed) parsed "
                + "(\(stats.roundTrips) emitter round trips), \(stats.yamlErrors) YAML errors, \(stats.validTenants) valid tenants, "
                + "\(stats.diagnostics) diagnostics, \(stats.mutatedBases) mutated bases; parse \(seconds(timing.parse)), emit round trip \(seconds(timing.emit)), load \(seconds(timing.load))")
        return Report(
            inputs: inputs, parsed: stats.parsed, yamlErrors: stats.yamlErrors, validTenants: stats.validTenants,
            diagnostics: stats.diagnostics, mutatedBases: stats.mutatedBases, roundTrips: stats.roundTrips,
            failures: failures.map(\.description))
    }

    /// Writes without `Data.write`'s fsync: a third of the run went to syncing scratch files.
    static func write(_ bytes: [UInt8], to path: String) throws {
        guard let file = fopen(path, "wb") else { throw CocoaError(.fileWriteUnknown) }
        defer { fclose(file) }
        guard fwrite(bytes, 1, bytes.count, file) == bytes.count else { throw CocoaError(.fileWriteUnknown) }
    }

    /// Nodes whose mark lies outside the input (iteratively: a tree can be 128 levels deep).
    static func marksOutside(_ root: YAMLNode, _ text: SourceText) -> [String] {
        var problems: [String] = []
        var work = [root]
        while let node = work.popLast(), problems.count < 3 {
            if !text.contains(line: node.mark.line, column: node.mark.column) {
                problems.append("node mark \(node.mark) is outside the input (\(text.lineCount) lines)")
            }
            switch node.kind {
            case .scalar: break
            case .sequence(let items): work += items
            case .mapping(let pairs): work += pairs.flatMap { [$0.key, $0.value] }
            }
        }
        return problems
    }

    /// `export` promises that what it writes reads back as the same tree: emit, re-parse, compare.
    static func roundTripProblem(_ node: YAMLNode) -> String? {
        // Complex (non-scalar) keys are YAML a tenant file never has; the emitter does not write them.
        var work = [node]
        var count = 0
        while let n = work.popLast() {
            count += 1
            // Alias expansions can make legal trees of 100,000 nodes; checking those is slow and adds nothing.
            if count > 20_000 { return nil }
            switch n.kind {
            case .scalar: break
            case .sequence(let items): work += items
            case .mapping(let pairs):
                if pairs.contains(where: { $0.key.scalar == nil }) { return nil }
                work += pairs.map(\.value)
            }
        }
        let emitted = YAMLEmitter.emit(node)
        guard emitted.utf8.count <= YAMLLimits.default.maxBytes else { return nil }
        let reparsed: YAMLNode?
        do {
            reparsed = try YAMLParser.parse(emitted, file: "emitted.yaml")
        } catch {
            return "the emitter wrote YAML that does not parse (\(error)):\n\(emitted.prefix(2000))"
        }
        guard let reparsed else { return "the emitter wrote an empty document" }
        if let difference = difference(node, reparsed) {
            return "emit → parse changed the tree: \(difference)\n\(emitted.prefix(2000))"
        }
        return nil
    }

    /// The first difference that changes meaning: kind, scalar text, tag, or a style change that
    /// retypes a value (a plain `10` is a number, a quoted one a string).
    static func difference(_ a: YAMLNode, _ b: YAMLNode) -> String? {
        var work = [(a, b, "$")]
        while let (x, y, path) = work.popLast() {
            if x.tag != y.tag { return "\(path): tag \(x.tag ?? "none") became \(y.tag ?? "none")" }
            switch (x.kind, y.kind) {
            case (.scalar(let s), .scalar(let t)):
                if s.value != t.value { return "\(path): \(s.value.debugDescription) became \(t.value.debugDescription)" }
                // Quoting a plain scalar is harmless when it was a string anyway (`-&a x`, `---`);
                // it changes meaning when YAML 1.1 reads the plain text as null, bool or number.
                let retypes = Self.resolvesAsNonString(s.value)
                // A null key (`? : x`) is written `"": x`; tenant files never have one.
                let nullKey = path.hasSuffix("<key>") && s.value.isEmpty
                if s.style == .plain && t.style != .plain && retypes && !nullKey {
                    return "\(path): plain \(s.value.debugDescription) was written \(t.style), which reads back as a string"
                }
                if s.style != .plain && t.style == .plain && !YAMLPlainScalarRules.canBePlainString(s.value) {
                    return "\(path): quoted \(s.value.debugDescription) was written plain, which reads back retyped"
                }
            case (.sequence(let s), .sequence(let t)):
                if s.count != t.count { return "\(path): \(s.count) items became \(t.count)" }
                work += zip(s, t).enumerated().map { ($1.0, $1.1, "\(path)[\($0)]") }
            case (.mapping(let s), .mapping(let t)):
                if s.count != t.count { return "\(path): \(s.count) keys became \(t.count)" }
                for (p, q) in zip(s, t) {
                    work.append((p.key, q.key, "\(path).<key>"))
                    work.append((p.value, q.value, "\(path).\(p.key.scalar?.value ?? "?")"))
                }
            default:
                return "\(path): a \(x.kind) became a \(y.kind)"
            }
        }
        return nil
    }

    /// Whether a YAML 1.1 reader resolves plain `text` as null, bool, number, date or merge key
    /// (so quoting it changes its type). `YAMLPlainScalarRules.looksNumeric` is deliberately broader.
    static func resolvesAsNonString(_ text: String) -> Bool {
        if YAMLPlainScalarRules.ambiguousWords.contains(text) || text == "<<" { return true }
        let unsigned = text.hasPrefix("-") || text.hasPrefix("+") ? String(text.dropFirst()) : text
        if [".inf", ".Inf", ".INF", ".nan", ".NaN", ".NAN"].contains(unsigned) { return true }
        if YAMLPlainScalarRules.decimalNumber(text.replacingOccurrences(of: "_", with: "")) != nil { return true }
        if unsigned.hasPrefix("0x"), Int(unsigned.dropFirst(2).replacingOccurrences(of: "_", with: ""), radix: 16) != nil { return true }
        // Sexagesimal (`12:30`) and dates (`2026-12-25`): digits with `:` or `-` between them.
        let digitsAndSeparators = unsigned.allSatisfy { $0.isASCII && ($0.isNumber || $0 == ":" || $0 == "-") }
        return digitsAndSeparators && unsigned.first?.isNumber == true && unsigned.last?.isNumber == true
    }

    /// What the loader must guarantee for any input: diagnostics inside the files they name, not
    /// too many of them, the parser's own error passed on, and a tenant exactly when there is no error.
    /// - Parameter parsedFile: the mutated file (the tenant, or the base it extends) and what the parser made of it.
    static func loaderProblems(_ result: TenantLoadResult, parsedFile: (path: String, result: Result<YAMLNode?, YAMLError>)) -> [String] {
        var problems: [String] = []
        var texts: [String: SourceText] = [:]
        var lines = 0
        for diagnostic in result.diagnostics {
            let location = diagnostic.location
            if diagnostic.message.isEmpty { problems.append("a diagnostic at \(location) has no message") }
            let text: SourceText?
            if let cached = texts[location.file] {
                text = cached
            } else if let data = FileManager.default.contents(atPath: location.file) {
                text = SourceText([UInt8](data))
                texts[location.file] = text
                lines += text!.lineCount
            } else {
                text = nil
            }
            if let text {
                if !text.contains(line: location.line, column: location.column) {
                    problems.append("diagnostic outside its file (\(text.lineCount) lines): \(diagnostic)")
                }
            } else if (location.line, location.column) != (1, 1) {
                problems.append("diagnostic names an unreadable file at a position other than 1:1: \(diagnostic)")
            }
        }
        if result.diagnostics.count > maxDiagnosticsPerLine * max(lines, 1) + 8 {
            problems.append("\(result.diagnostics.count) diagnostics for \(lines) lines")
        }
        if case .failure(let error) = parsedFile.result {
            let expected = SourceLocation(file: parsedFile.path, line: error.mark.line, column: error.mark.column)
            if !result.diagnostics.contains(where: { $0.location == expected && $0.message == error.message }) {
                problems.append("the parser's error \(error.mark): \(error.message) is not among the loader's diagnostics")
            }
        }
        // A valid file is one tenant, or a base (a mapping with none of the tenant's own keys), which yields none.
        // (Only the tenant path is loaded; a mutated base is read through the unmutated tenant that extends it.)
        let isBase: Bool = {
            guard !parsedFile.path.contains("/bases/"), case .success(let node?) = parsedFile.result,
                let entries = node.mapping
            else { return false }
            return !entries.contains { TenantSchema.tenantOnlyKeys.contains($0.key.stringValue ?? "") }
        }()
        let consistent = result.isValid ? (result.tenants.count == 1 || (isBase && result.tenants.isEmpty)) : result.tenants.isEmpty
        if !consistent {
            problems.append("\(result.tenants.count) tenants with \(result.errorCount) errors")
        }
        return problems
    }
}

import Foundation
import YAML

/// Reads tenant files (and the bases they `extends`), validates them and decodes them into `Tenant`s.
///
/// Every problem of a file is reported, not just the first; a file with errors yields no tenant.
public struct TenantLoader: Sendable {
    public var limits: YAMLLimits

    public init() { self.limits = .default }
    public init(limits: YAMLLimits) { self.limits = limits }

    /// Loads `paths`: files, or folders meaning every `*.yaml` directly inside (sorted by name).
    public func load(paths: [String]) -> TenantLoadResult {
        var diagnostics: [Diagnostic] = []
        var files: [String] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                diagnostics.append(Diagnostic(at: SourceLocation(file: path, line: 1, column: 1), "no such file or folder"))
                continue
            }
            if isDirectory.boolValue {
                let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
                let yamlFiles = names.filter { $0.hasSuffix(".yaml") }.sorted()
                if yamlFiles.isEmpty {
                    // Nothing validated is not "valid": a wrong folder or a .yml spelling must not pass CI.
                    let yml = names.filter { $0.hasSuffix(".yml") }.sorted()
                    diagnostics.append(Diagnostic(
                        at: SourceLocation(file: path, line: 1, column: 1), "no tenant file (*.yaml) in this folder",
                        hint: yml.isEmpty
                            ? "tenant files are named TENANT.yaml"
                            : "found \(yml.joined(separator: ", ")); tenant files end in .yaml, rename them"))
                }
                files += yamlFiles.map { (path as NSString).appendingPathComponent($0) }
            } else {
                files.append(path)
            }
        }
        // A file named twice (`apply tenants/acme-eu.yaml tenants/`) is one tenant, planned once.
        var named: Set<String> = []
        files = files.filter { named.insert(Self.identity($0)).inserted }
        var cache = BaseCache()
        var tenants: [Tenant] = []
        // A problem in a base shows up in every tenant extending it; it is one mistake, said once.
        var reported = Set(diagnostics)
        var roots: [String: String] = [:]
        for file in files {
            var fileDiagnostics: [Diagnostic] = []
            let root = Self.repositoryRoot(of: file, known: &roots)
            if let tree = loadTree(file, chain: [], root: root, cache: &cache, diagnostics: &fileDiagnostics) {
                var decoder = TenantDecoder(file: file)
                let tenant = decoder.decode(tree)
                fileDiagnostics += decoder.diagnostics
                if let tenant, fileDiagnostics.allSatisfy({ $0.severity != .error }) { tenants.append(tenant) }
            }
            diagnostics += fileDiagnostics.filter { reported.insert($0).inserted }
        }
        let clashes = Self.sharedOrganizations(tenants)
        diagnostics += clashes.diagnostics
        tenants.removeAll { clashes.files.contains($0.file) }
        return TenantLoadResult(tenants: tenants, diagnostics: diagnostics, fileCount: files.count)
    }

    /// Two different files that manage one org (or carry one tenant name) would plan and write the
    /// same objects twice, each against the other's changes: both files are refused, each at its own
    /// line naming the other, before any org is read.
    static func sharedOrganizations(_ tenants: [Tenant]) -> (diagnostics: [Diagnostic], files: Set<String>) {
        var diagnostics: [Diagnostic] = []
        var refused: Set<String> = []
        func place(_ tenant: Tenant, _ key: String) -> SourceLocation {
            tenant.origins[FieldPath([key])] ?? SourceLocation(file: tenant.file, line: 1, column: 1)
        }
        let byOrg = Dictionary(grouping: tenants) { $0.organizationId.lowercased() }
        for group in byOrg.values where group.count > 1 {
            for tenant in group {
                let others = group.filter { $0.file != tenant.file }.map { "\(place($0, "organizationId"))" }
                diagnostics.append(
                    Diagnostic(
                        at: place(tenant, "organizationId"),
                        "organizationId `\(tenant.organizationId)` is also the org of \(others.joined(separator: ", ")); "
                            + "two tenant files would plan and write the same objects",
                        hint: "keep one file per org: merge the files, or correct the organizationId"))
                refused.insert(tenant.file)
            }
        }
        let byName = Dictionary(grouping: tenants.filter { !refused.contains($0.file) }, by: \.name)
        for group in byName.values where group.count > 1 {
            for tenant in group {
                let others = group.filter { $0.file != tenant.file }.map(\.file)
                diagnostics.append(
                    Diagnostic(
                        at: place(tenant, "tenant"),
                        "tenant `\(tenant.name)` is also defined by \(others.joined(separator: ", ")); plans and reports name tenants, so each name is used once",
                        hint: "rename one of the files and its `tenant:`"))
                refused.insert(tenant.file)
            }
        }
        diagnostics.sort { ($0.location.file, $0.location.line, $0.location.column) < ($1.location.file, $1.location.line, $1.location.column) }
        return (diagnostics, refused)
    }

    /// The file itself, whatever path named it (`./tenants/a.yaml`, `tenants/../tenants/a.yaml`, a symlink).
    static func identity(_ path: String) -> String {
        URL(fileURLWithPath: path).resolvingSymlinksInPath().standardizedFileURL.path
    }

    /// Bases parsed once per `load`: a thousand tenants sharing one base read it once.
    struct BaseCache {
        var trees: [String: (node: SourceNode?, diagnostics: [Diagnostic])] = [:]
    }

    /// Parses `file` and merges it over the chain of bases it `extends`.
    func loadTree(_ file: String, chain: [String], root: String, cache: inout BaseCache, diagnostics: inout [Diagnostic]) -> SourceNode? {
        let key = Self.canonical(file)
        if let cached = cache.trees[key] {
            diagnostics += cached.diagnostics
            return cached.node
        }
        var own: [Diagnostic] = []
        let node = parseFile(file, chain: chain + [key], root: root, cache: &cache, diagnostics: &own)
        if !chain.isEmpty { cache.trees[key] = (node, own) }
        diagnostics += own
        return node
    }

    private func parseFile(_ file: String, chain: [String], root: String, cache: inout BaseCache, diagnostics: inout [Diagnostic]) -> SourceNode? {
        let bytes: [UInt8]
        switch Self.readBounded(file, limit: limits.maxBytes) {
        case .success(let read): bytes = read
        case .failure(let problem):
            diagnostics.append(Diagnostic(at: SourceLocation(file: file, line: 1, column: 1), problem.message))
            return nil
        }
        let yaml: YAMLNode?
        var problems: [YAMLError] = []
        do {
            yaml = try YAMLParser.parse(bytes: bytes, file: file, limits: limits, problems: &problems)
        } catch {
            problems.append(error)
            yaml = nil
        }
        // Duplicate keys are reported and the file still checked (with the first value of each), so
        // one run lists every problem; a file that could not be parsed at all stops here.
        for problem in problems {
            diagnostics.append(Diagnostic(at: problem.location, problem.message))
        }
        guard problems.isEmpty || yaml != nil else { return nil }
        guard let yaml else {
            diagnostics.append(Diagnostic(at: SourceLocation(file: file, line: 1, column: 1), "the file is empty; a tenant file is a mapping starting with `tenant:`"))
            return nil
        }
        var node = SourceNode(yaml, file: file, diagnostics: &diagnostics)
        guard var entries = node.mapping else {
            diagnostics.append(Diagnostic(at: node.location, "a tenant file must be a mapping of keys (`tenant:`, `region:`, …), found \(node.kindPhrase)"))
            return nil
        }
        guard let extendsIndex = entries.firstIndex(where: { $0.key == "extends" }) else {
            return SourceNode.rejectingRemovals(in: node, diagnostics: &diagnostics)
        }
        let extends = entries.remove(at: extendsIndex)
        node.kind = .mapping(entries)
        guard let relative = extends.value.scalar?.value, !extends.value.isNull, !relative.isEmpty else {
            if extends.value.isNull { return SourceNode.rejectingRemovals(in: node, diagnostics: &diagnostics) }
            diagnostics.append(Diagnostic(at: extends.value.location, "`extends` must be the path of a base file, found \(extends.value.kindPhrase)"))
            return nil
        }
        let directory = (file as NSString).deletingLastPathComponent
        let basePath = Self.lexicallyNormalized(relative.hasPrefix("/") || directory.isEmpty ? relative : directory + "/" + relative)
        // A pull request edits tenant files: `extends:` must not reach past the repository (an absolute
        // path, `../../etc/passwd`, a symlink out), or diagnostics would quote whatever it read there.
        guard Self.isInside(basePath, root: root) else {
            diagnostics.append(
                Diagnostic(
                    at: extends.value.location, "`extends: \(relative)` points outside the repository (\(root))",
                    hint: "a base must be a file inside the repository, for example in bases/"))
            return nil
        }
        let baseKey = Self.canonical(basePath)
        if chain.contains(baseKey) {
            diagnostics.append(
                Diagnostic(
                    at: extends.value.location, "`extends: \(relative)` makes a cycle (\((chain + [baseKey]).map { ($0 as NSString).lastPathComponent }.joined(separator: " → ")))",
                    hint: "a base must not extend, directly or through other bases, the file that extends it"))
            return nil
        }
        var baseIsFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: basePath, isDirectory: &baseIsFolder), baseIsFolder.boolValue {
            let names = ((try? FileManager.default.contentsOfDirectory(atPath: basePath)) ?? []).filter { $0.hasSuffix(".yaml") }.sorted()
            let folder = relative.hasSuffix("/") ? String(relative.dropLast()) : relative
            diagnostics.append(
                Diagnostic(
                    at: extends.value.location, "`extends: \(relative)` is a folder; `extends` names one base file",
                    hint: names.isEmpty
                        ? "the folder holds no .yaml file"
                        : "for example `extends: \(folder)/\(names[0])`" + (names.count > 1 ? " (the folder holds \(names.map { "`\($0)`" }.joined(separator: ", ")))" : "")))
            return nil
        }
        guard FileManager.default.fileExists(atPath: basePath) else {
            diagnostics.append(Diagnostic(at: extends.value.location, "base file `\(relative)` not found (looked for \(basePath))", hint: "`extends` is relative to the file that contains it"))
            return nil
        }
        var baseDiagnostics: [Diagnostic] = []
        guard let base = loadTree(basePath, chain: chain, root: root, cache: &cache, diagnostics: &baseDiagnostics) else {
            diagnostics += baseDiagnostics
            if baseDiagnostics.isEmpty { diagnostics.append(Diagnostic(at: extends.value.location, "base file `\(relative)` could not be read")) }
            return nil
        }
        diagnostics += baseDiagnostics
        return SourceNode.merge(base: base, overlay: node, diagnostics: &diagnostics)
    }

    struct ReadProblem: Error { var message: String }

    /// Reads at most `limit` bytes of a regular file: the size is checked before reading, so a 200 MB
    /// file (or a device, or a FIFO) is refused without being read into memory.
    static func readBounded(_ path: String, limit: Int) -> Result<[UInt8], ReadProblem> {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else { return .failure(ReadProblem(message: "cannot read the file")) }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { return .failure(ReadProblem(message: "cannot read the file")) }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            return .failure(ReadProblem(message: "not a regular file"))
        }
        let tooLarge = ReadProblem(message: "file is larger than the limit of \(limit) bytes; split it or check it is the right file")
        guard info.st_size <= limit else { return .failure(tooLarge) }
        // One byte more than the size stat gave, to notice a file that grows while it is read.
        var bytes = [UInt8](repeating: 0, count: Int(info.st_size) + 1)
        var count = 0
        while count < bytes.count {
            let got = bytes.withUnsafeMutableBytes { buffer in
                read(descriptor, buffer.baseAddress! + count, buffer.count - count)
            }
            if got < 0, errno == EINTR { continue }
            guard got >= 0 else { return .failure(ReadProblem(message: "cannot read the file")) }
            if got == 0 { break }
            count += got
        }
        if count == bytes.count {
            return .failure(count > limit ? tooLarge : ReadProblem(message: "the file changed while it was read; try again"))
        }
        return .success(Array(bytes[0..<count]))
    }

    /// The repository a tenant file belongs to: the nearest folder above it holding `.git` (the work
    /// tree), else the nearest holding `tenants/` or `bases/`, else the file's own folder.
    /// The answer for the file's folder is remembered in `known`: the walk up the folders costs a
    /// few file-system calls per level, and a fleet's files share one or two folders (3 % of a 500-tenant
    /// plan's CPU went to repeating it for every file).
    static func repositoryRoot(of file: String, known: inout [String: String]) -> String {
        let start = URL(fileURLWithPath: resolved(file)).deletingLastPathComponent()
        if let root = known[start.path] { return root }
        let root = repositoryRoot(from: start)
        known[start.path] = root
        return root
    }

    private static func repositoryRoot(from start: URL) -> String {
        var folder = start
        while true {
            if FileManager.default.fileExists(atPath: folder.appendingPathComponent(".git").path) { return folder.path }
            let parent = folder.deletingLastPathComponent()
            if parent.path == folder.path { break }
            folder = parent
        }
        folder = start
        while true {
            for name in ["tenants", "bases"] {
                var isDirectory: ObjCBool = false
                if FileManager.default.fileExists(atPath: folder.appendingPathComponent(name).path, isDirectory: &isDirectory),
                    isDirectory.boolValue
                {
                    return folder.path
                }
            }
            let parent = folder.deletingLastPathComponent()
            if parent.path == folder.path { break }
            folder = parent
        }
        return start.path
    }

    /// Whether `path` lies inside `root`, judged on real paths: symlinks (in the folders or the file
    /// itself) cannot lead out.
    static func isInside(_ path: String, root: String) -> Bool {
        let realRoot = resolved(root)
        let prefix = realRoot.hasSuffix("/") ? realRoot : realRoot + "/"
        let candidate: String
        if FileManager.default.fileExists(atPath: path) {
            candidate = resolved(path)
        } else {
            candidate = canonical(resolved((path as NSString).deletingLastPathComponent) + "/" + (path as NSString).lastPathComponent)
        }
        return candidate.hasPrefix(prefix)
    }

    /// The path with every symlink resolved (`realpath`), or the canonical path when it does not exist.
    static func resolved(_ path: String) -> String {
        guard let real = realpath(path, nil) else { return canonical(path) }
        defer { free(real) }
        return String(cString: real)
    }

    /// An absolute, standardized path: the identity of a file for caching and cycle detection.
    static func canonical(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.path
    }

    /// `tenants/../bases/acme.yaml` → `bases/acme.yaml`, so diagnostics name bases as a user would.
    static func lexicallyNormalized(_ path: String) -> String {
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == "..", let last = parts.last, last != ".." {
                parts.removeLast()
            } else {
                parts.append(part)
            }
        }
        let joined = parts.joined(separator: "/")
        return path.hasPrefix("/") ? "/" + joined : (joined.isEmpty ? "." : joined)
    }
}

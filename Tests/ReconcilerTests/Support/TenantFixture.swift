import Foundation
import Reconciler

/// Writes tenant files into a fresh temporary folder and loads them, as `messengerctl validate` does.
struct TenantFixture {
    let root: URL

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("messengerctl-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("tenants"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: root.appendingPathComponent("bases"), withIntermediateDirectories: true)
    }

    /// Four header lines of a valid tenant named `t`; tests append from line 5.
    static let header = """
        tenant: t
        region: eu-west-1
        organizationId: 8d2e4f6a-1b3c-4d5e-8f9a-0b1c2d3e4f5a
        credentials: { clientIdEnv: T_ID, clientSecretEnv: T_SECRET }

        """

    @discardableResult
    func write(_ relativePath: String, _ text: String) throws -> String {
        let url = root.appendingPathComponent(relativePath)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    /// Loads `tenants/t.yaml` holding the header followed by `body`.
    func load(body: String) throws -> TenantLoadResult {
        let path = try write("tenants/t.yaml", Self.header + body)
        return TenantLoader().load(paths: [path])
    }

    func remove() { try? FileManager.default.removeItem(at: root) }
}

extension TenantLoadResult {
    /// The diagnostic at `line:column`, if any.
    func diagnostic(at line: Int, _ column: Int) -> Diagnostic? {
        diagnostics.first { $0.location.line == line && $0.location.column == column }
    }

    var text: String { diagnostics.map(\.description).joined(separator: "\n") }
}

/// The repository root (this file is `Tests/ReconcilerTests/Support/TenantFixture.swift`).
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

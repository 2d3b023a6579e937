/// What `TenantLoader.load(paths:)` found: the tenants that decoded without errors and every problem.
public struct TenantLoadResult: Sendable {
    /// Tenants whose files (and bases) have no errors.
    public var tenants: [Tenant]
    /// Every problem in every file, in file order.
    public var diagnostics: [Diagnostic]
    /// Tenant files read (bases not counted).
    public var fileCount: Int

    public init(tenants: [Tenant], diagnostics: [Diagnostic], fileCount: Int) {
        self.tenants = tenants
        self.diagnostics = diagnostics
        self.fileCount = fileCount
    }

    public var errorCount: Int { diagnostics.count { $0.severity == .error } }
    public var isValid: Bool { errorCount == 0 }

    /// `3 files, 2 errors`.
    public var summary: String {
        let files = fileCount == 1 ? "1 file" : "\(fileCount) files"
        let errors = errorCount == 1 ? "1 error" : "\(errorCount) errors"
        return "\(files), \(errors)"
    }
}

import Foundation

/// Writes preview SVGs into a folder: `<tenant>/<configuration>.<language>.svg` for a file's
/// configurations, `….before.svg` and `….after.svg` for a plan's changes. Names are reduced to safe
/// characters, so no tenant or configuration name can write outside the folder.
public enum PreviewFiles {
    /// - Returns: the paths written.
    public static func writeTenantPreviews(_ tenants: [Tenant], to folder: String) throws -> [String] {
        var written: [String] = []
        for tenant in tenants {
            for pair in PreviewPairs.previews(of: tenant) {
                guard let preview = pair.after else { continue }
                let path = (folder as NSString).appendingPathComponent(pair.stem + ".svg")
                try ReportFiles.writeAtomically(Data(preview.svg().utf8), to: path, mode: 0o644)
                written.append(path)
            }
        }
        return written
    }

    /// - Returns: the paths written.
    public static func writePlanPreviews(_ plan: Plan, policies: [String: Policy], to folder: String) throws -> [String] {
        var written: [String] = []
        for tenant in plan.tenants {
            for pair in PreviewPairs.pairs(tenant, policy: policies[tenant.tenant] ?? Policy()) {
                for (side, preview) in [("before", pair.before), ("after", pair.after)] {
                    guard let preview else { continue }
                    let path = (folder as NSString).appendingPathComponent("\(pair.stem).\(side).svg")
                    try ReportFiles.writeAtomically(Data(preview.svg().utf8), to: path, mode: 0o644)
                    written.append(path)
                }
            }
        }
        return written
    }
}

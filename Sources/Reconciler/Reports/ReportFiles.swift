import Foundation

/// JSON encoding and atomic writes for plans and reports.
public enum ReportFiles {
    /// Stable JSON: sorted keys, unescaped slashes, pretty printed (STYLE.md build facts).
    public static func json<T: Encodable>(_ value: T) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes, .prettyPrinted]
        var data = try encoder.encode(value)
        data.append(0x0A)
        return data
    }

    /// Writes through a temporary file in the same folder and renames it, so a reader never sees a
    /// half-written report.
    public static func writeAtomically(_ data: Data, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: temporary)
        } catch {
            throw ReconcilerError("cannot write \(path): \((error as NSError).localizedDescription)")
        }
        // rename(2) replaces the target in one step on the same file system.
        guard rename(temporary.path, url.path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw ReconcilerError("cannot write \(path): \(reason)")
        }
    }

    /// Reads a saved plan, refusing other format versions with a clear message.
    public static func readPlan(path: String) throws -> Plan {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        struct Header: Decodable { var formatVersion: Int? }
        let header = try? JSONDecoder().decode(Header.self, from: data)
        guard let version = header?.formatVersion else {
            throw ReconcilerError("\(path) is not a messengerctl plan (no formatVersion)")
        }
        guard version == Plan.currentFormatVersion else {
            throw ReconcilerError(
                "\(path) has plan formatVersion \(version); this messengerctl reads version \(Plan.currentFormatVersion). Re-run plan.")
        }
        return try JSONDecoder().decode(Plan.self, from: data)
    }
}

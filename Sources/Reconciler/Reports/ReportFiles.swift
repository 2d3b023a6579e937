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
    ///
    /// The temporary file gets a random name and is created with `O_EXCL | O_NOFOLLOW`: a file or symlink
    /// planted at a predictable name (in a shared CI workspace, say) can neither be followed nor
    /// overwritten. Plans and reports are `mode` 0600: they name orgs and may quote server text.
    public static func writeAtomically(_ data: Data, to path: String, mode: mode_t = 0o600) throws {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw ReconcilerError("cannot write \(path): \((error as NSError).localizedDescription)")
        }
        var descriptor: Int32 = -1
        var temporary = ""
        for _ in 0..<16 {
            let random = (0..<8).map { _ in String(UInt8.random(in: 0...255), radix: 16) }.joined()
            temporary = folder.appendingPathComponent(".\(url.lastPathComponent).\(random).tmp").path
            descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode)
            if descriptor >= 0 || errno != EEXIST { break }
        }
        guard descriptor >= 0 else {
            throw ReconcilerError("cannot write \(path): \(String(cString: strerror(errno)))")
        }
        let written = data.withUnsafeBytes { buffer -> Bool in
            var offset = 0
            while offset < buffer.count {
                let count = write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if count < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                offset += count
            }
            return fsync(descriptor) == 0
        }
        let reason = String(cString: strerror(errno))
        close(descriptor)
        guard written else {
            unlink(temporary)
            throw ReconcilerError("cannot write \(path): \(reason)")
        }
        // rename(2) replaces the target in one step on the same file system; a symlink at the target is
        // replaced itself, never followed.
        guard rename(temporary, url.path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw ReconcilerError("cannot write \(path): \(reason)")
        }
    }

    /// Plans and reports larger than this are refused before they are read (a 1,000-tenant plan is a
    /// few MiB): the file may come from a CI artifact and is not trusted.
    public static let maximumPlanBytes = 256 << 20

    /// Reads a saved plan, refusing other format versions with a clear message. A broken file says
    /// whether it was cut short or is not JSON at all, and at which byte.
    public static func readPlan(path: String) throws -> Plan {
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        guard size <= maximumPlanBytes else {
            throw ReconcilerError("\(path) is \(size) bytes, more than the \(maximumPlanBytes >> 20) MiB a plan may have")
        }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw ReconcilerError("cannot read \(path): \(reason(error))")
        }
        guard !data.isEmpty else {
            throw ReconcilerError("\(path) is empty: the plan was not written, or its upload or download was cut short. Re-run plan.")
        }
        if let failure = JSONSyntax.check(Array(data)) {
            let place = "byte \(failure.offset) (line \(failure.line), column \(failure.column))"
            if failure.truncated {
                throw ReconcilerError(
                    "\(path) is truncated: it ends at \(place) in the middle of the JSON; the file was cut short "
                        + "(an interrupted write, upload or download). Re-run plan or download it again.")
            }
            throw ReconcilerError("\(path) is not valid JSON: \(failure.message) at \(place)")
        }
        struct Header: Decodable { var formatVersion: Int? }
        let header = try? JSONDecoder().decode(Header.self, from: data)
        guard let version = header?.formatVersion else {
            throw ReconcilerError("\(path) is not a messengerctl plan (no formatVersion)")
        }
        guard version == Plan.currentFormatVersion else {
            throw SavedPlanCheck.Refusal(
                reason: .formatVersion,
                message: "\(path) was saved as plan formatVersion \(version); this messengerctl reads only formatVersion "
                    + "\(Plan.currentFormatVersion), so nothing was applied. "
                    + (version < Plan.currentFormatVersion
                        ? "It was written by an older messengerctl: re-run plan with this one and apply the new file."
                        : "It was written by a newer messengerctl: apply it with that version, or re-run plan with this one."))
        }
        do {
            return try JSONDecoder().decode(Plan.self, from: data)
        } catch let error as DecodingError {
            throw ReconcilerError("\(path) is not a messengerctl plan: \(describe(error))")
        }
    }

    /// A decoding error as "at `tenants[0].objects[2].kind`: …", without Swift type names.
    static func describe(_ error: DecodingError) -> String {
        func path(_ keys: [any CodingKey]) -> String {
            let text = keys.map { key in key.intValue.map { "[\($0)]" } ?? ".\(key.stringValue)" }.joined()
            return text.hasPrefix(".") ? String(text.dropFirst()) : text
        }
        switch error {
        case .keyNotFound(let key, let context):
            return "`\(path(context.codingPath + [key]))` is missing"
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            return "`\(path(context.codingPath))` has an unexpected value"
        @unknown default:
            return "unexpected content"
        }
    }
}

extension ReportFiles {
    /// Checks that a report can be written to `path` (its folder exists or can be made, and a file can
    /// be created in it) without leaving anything behind, so a command refuses a bad `--report` before
    /// it writes to any org rather than after.
    public static func checkWritable(_ path: String) throws {
        let url = URL(fileURLWithPath: path)
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw ReconcilerError("cannot write \(path): it is a folder; name a file such as \(path)/apply-report.json")
        }
        let probe = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).probe")
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data().write(to: probe)
        } catch {
            throw ReconcilerError("cannot write \(path): \(Self.reason(error))")
        }
        try? FileManager.default.removeItem(at: probe)
    }

    /// What went wrong with a file, in words (`no such file`, `permission denied`, `not a folder`),
    /// without Foundation's error domain and code.
    static func reason(_ error: any Error) -> String {
        let nsError = error as NSError
        switch (nsError.domain, nsError.code) {
        case (NSCocoaErrorDomain, NSFileReadNoSuchFileError), (NSCocoaErrorDomain, NSFileNoSuchFileError): return "no such file"
        case (NSCocoaErrorDomain, NSFileReadNoPermissionError), (NSCocoaErrorDomain, NSFileWriteNoPermissionError): return "permission denied"
        case (NSCocoaErrorDomain, NSFileWriteOutOfSpaceError): return "no space left on the device"
        default: break
        }
        let posix = nsError.domain == NSPOSIXErrorDomain ? nsError : nsError.userInfo[NSUnderlyingErrorKey] as? NSError
        if let posix, posix.domain == NSPOSIXErrorDomain {
            return posix.code == Int(ENOENT) ? "no such file" : String(cString: strerror(Int32(posix.code))).lowercased()
        }
        return nsError.localizedDescription
    }
}

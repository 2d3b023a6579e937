import Foundation
import Synchronization

/// Removes the client's own credentials from text it did not write itself.
///
/// A server (or a proxy in front of it) may echo the client secret, the `Basic` header or the bearer
/// token in an error message or a name; the client knows all of them, so it replaces each, in its plain,
/// base64 and JSON-escaped forms, before the text reaches an error, a report or the terminal.
final class Redactor: Sendable {
    static let mark = "<redacted>"
    /// Shorter values are not searched for: replacing a two-letter client id everywhere would garble text.
    static let minimumLength = 6

    /// Secrets and tokens: removed from response bodies and errors.
    private let needles = Mutex<[String]>([])
    /// The client id: removed from errors only. Audit records name the client legitimately (attribution
    /// needs its id), but an error echoing the id could post whatever variable a tenant file named.
    private let errorNeedles = Mutex<[String]>([])

    /// Registers the client id (it may come from any environment variable a tenant file names) and the
    /// secret, and the `id:secret` pair the `Basic` header carries.
    func add(clientId: String, secret: String) {
        add(secret)
        add("\(clientId):\(secret)")
        Self.insert(Self.forms(clientId), into: errorNeedles)
    }

    /// Registers one secret value (the client secret, an access token) and its encoded forms.
    func add(_ value: String) {
        Self.insert(Self.forms(value), into: needles)
    }

    private static func forms(_ value: String) -> [String] {
        guard value.count >= minimumLength else { return [] }
        let base64 = Data(value.utf8).base64EncodedString()
        return [value, base64, base64.replacingOccurrences(of: "/", with: "\\/"), value.replacingOccurrences(of: "/", with: "\\/")]
    }

    private static func insert(_ forms: [String], into list: borrowing Mutex<[String]>) {
        guard !forms.isEmpty else { return }
        list.withLock { needles in
            for form in forms where !needles.contains(form) { needles.append(form) }
            // Longest first, so a base64 pair is replaced whole before its parts.
            needles.sort { $0.count > $1.count }
        }
    }

    /// Text with every secret and token replaced; `includingClientId` also replaces the client id.
    func redact(_ text: String, includingClientId: Bool = false) -> String {
        var text = text
        var all = needles.withLock { $0 }
        if includingClientId { all += errorNeedles.withLock { $0 } }
        for needle in all where text.contains(needle) {
            text = text.replacingOccurrences(of: needle, with: Self.mark)
        }
        return text
    }

    func redact(_ text: String?, includingClientId: Bool = false) -> String? {
        text.map { redact($0, includingClientId: includingClientId) }
    }

    /// A response body with every credential replaced (before it is parsed, so names and messages built
    /// from it are clean too).
    func redact(_ bytes: [UInt8]) -> [UInt8] {
        let current = needles.withLock { $0 }
        guard !current.isEmpty else { return bytes }
        let data = Data(bytes)
        guard current.contains(where: { data.range(of: Data($0.utf8)) != nil }) else { return bytes }
        return Array(redact(String(decoding: bytes, as: UTF8.self)).utf8)
    }

    /// An error whose server-supplied parts (and ours, which quote them) carry no credential.
    func redact(_ error: GenesysError) -> GenesysError {
        var error = error
        error.message = redact(error.message, includingClientId: true)
        error.code = redact(error.code, includingClientId: true)
        error.contextId = redact(error.contextId, includingClientId: true)
        error.hint = redact(error.hint)  // our words; it names the client by its label
        // The body has many text fields (details, params, nested errors): redact its JSON form whole.
        if let body = error.errorBody, let data = try? JSONEncoder().encode(body) {
            let text = String(decoding: data, as: UTF8.self)
            let clean = redact(text, includingClientId: true)
            if clean != text { error.errorBody = try? JSONDecoder().decode(ErrorBody.self, from: Data(clean.utf8)) }
        }
        return error
    }
}

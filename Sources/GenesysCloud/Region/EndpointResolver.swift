import Foundation

/// Maps a region to the base URLs the client talks to.
///
/// Without a template the real hosts of reference §1 are used over HTTPS. With a template (DESIGN.md
/// `--endpoint`, e.g. `http://127.0.0.1:8080/{region}`) every region maps to the same server, each under its
/// own path, and that base serves both `/oauth/token` and `/api/v2/...` as the emulator does.
public struct EndpointResolver: Sendable, Hashable {
    /// The `{region}` template, or `nil` for the real Genesys Cloud hosts.
    public let template: String?

    /// - Parameter template: a URL containing `{region}`; plain `http` is accepted only for loopback hosts
    ///   (127.0.0.0/8, `localhost`, `[::1]`), because credentials and tokens travel in every request.
    /// - Throws: `GenesysError` of kind `.configuration` when the template is unusable.
    public init(template: String? = nil) throws(GenesysError) {
        guard let raw = template?.trimmingCharacters(in: .whitespaces), !raw.isEmpty else {
            self.template = nil
            return
        }
        guard raw.contains("{region}") else {
            throw .configuration(
                "The endpoint template '\(raw)' has no {region} placeholder; write e.g. "
                    + "'http://127.0.0.1:8080/{region}' so every region maps to its own base URL.")
        }
        let sample = raw.replacingOccurrences(of: "{region}", with: "eu-west-1")
        guard let url = URL(string: sample), let scheme = url.scheme?.lowercased(), let host = url.host,
            !host.isEmpty
        else {
            throw .configuration("The endpoint template '\(raw)' is not a URL such as 'https://gateway.example/{region}'.")
        }
        switch scheme {
        case "https":
            break
        case "http":
            guard Self.isLoopback(host: host) else {
                throw .configuration(
                    "The endpoint template '\(raw)' uses plain http for host '\(host)'; http is allowed only for "
                        + "loopback (127.0.0.0/8, localhost, [::1]). Use https so secrets and tokens stay encrypted.")
            }
        default:
            throw .configuration("The endpoint template '\(raw)' must start with https:// (or http:// for loopback).")
        }
        if url.query != nil || url.fragment != nil {
            throw .configuration("The endpoint template '\(raw)' must not carry a query or fragment.")
        }
        var trimmed = raw
        while trimmed.hasSuffix("/") { trimmed.removeLast() }
        self.template = trimmed
    }

    /// The base URL of the Platform API for `region` (paths such as `/api/v2/...` are appended).
    public func apiBase(for region: Region) -> String {
        if let template { return template.replacingOccurrences(of: "{region}", with: region.id) }
        return "https://" + region.apiHost
    }

    /// The base URL of the OAuth server for `region` (`/oauth/token` is appended, reference §2.1).
    public func loginBase(for region: Region) -> String {
        if let template { return template.replacingOccurrences(of: "{region}", with: region.id) }
        return "https://" + region.loginHost
    }

    /// Whether `host` is a loopback address: 127.0.0.0/8, `localhost` or `::1`.
    static func isLoopback(host: String) -> Bool {
        var h = host.lowercased()
        if h.hasPrefix("[") && h.hasSuffix("]") { h = String(h.dropFirst().dropLast()) }
        if h == "localhost" || h == "::1" { return true }
        let parts = h.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0] == "127" else { return false }
        return parts.allSatisfy { part in
            guard let n = Int(part), part.count <= 3, part.allSatisfy(\.isNumber) else { return false }
            return (0...255).contains(n)
        }
    }
}

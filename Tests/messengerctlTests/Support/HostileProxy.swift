import Foundation
import Synchronization

/// `scripts/hostile-proxy` on 127.0.0.1 in front of an emulator: a real HTTP server that misbehaves by
/// rule (drips bodies, sends absurd numbers, echoes credentials, pages forever). Stopped by closing its
/// standard input, so a failed test never leaves it running.
final class HostileProxy: Sendable {
    let port: Int
    let logPath: String
    private let process: Process
    private let input: Pipe

    /// - Parameters:
    ///   - upstream: the emulator's base URL (`http://127.0.0.1:PORT`).
    ///   - rules: the rules as JSON values (see the script's doc string).
    init(upstream: String, rules: [[String: Any]]) throws {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("scripts/hostile-proxy")
        logPath = FileManager.default.temporaryDirectory.appendingPathComponent("hostile-proxy-\(UUID().uuidString).log").path
        let data = try JSONSerialization.data(withJSONObject: rules)
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script.path, "--upstream", upstream, "--rules", String(decoding: data, as: UTF8.self), "--log", logPath]
        input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.standardError
        try process.run()
        // The first line says where it listens; read on this thread (the proxy answers within milliseconds).
        var line = Data()
        while true {
            let byte = output.fileHandleForReading.readData(ofLength: 1)
            if byte.isEmpty || byte == Data("\n".utf8) { break }
            line.append(byte)
        }
        let text = String(decoding: line, as: UTF8.self)
        guard text.hasPrefix("listening on "), let port = Int(text.dropFirst("listening on ".count)) else {
            process.terminate()
            throw ProxyError(message: "hostile-proxy did not start: \(text)")
        }
        self.port = port
    }

    /// The `--endpoint` template that sends every region through the proxy.
    var endpoint: String { "http://127.0.0.1:\(port)/{region}" }

    /// Every credential the proxy quoted back to the client, one a line.
    var echoed: [String] {
        ((try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
            .filter { !$0.isEmpty }
    }

    func stop() {
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
        try? FileManager.default.removeItem(atPath: logPath)
    }

    struct ProxyError: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }
}

/// A loopback port with nothing listening: bound, then closed, so a connection to it is refused.
func closedLoopbackPort() -> Int {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = 0
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) } }
    _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }
    return Int(UInt16(bigEndian: address.sin_port))
}

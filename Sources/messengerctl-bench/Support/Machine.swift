import Foundation

/// The machine a figure was measured on: figures are compared only within one run on one machine.
enum Machine {
    /// `2 cores, 23.5 GiB memory, release build` (cores as the scheduler sees them, memory from /proc/meminfo).
    static var summary: String {
        "\(ProcessInfo.processInfo.activeProcessorCount) cores, \(memory), \(configuration) build"
    }

    static var configuration: String {
        #if DEBUG
            "debug"
        #else
            "release"
        #endif
    }

    private static var memory: String {
        guard let text = try? String(contentsOfFile: "/proc/meminfo", encoding: .utf8),
            let line = text.split(separator: "\n").first(where: { $0.hasPrefix("MemTotal:") }),
            let kib = line.split(separator: " ").dropFirst().first.flatMap({ Double($0) })
        else { return "unknown memory" }
        return String(format: "%.1f GiB memory", kib / 1_048_576)
    }

    /// The 1-, 5- and 15-minute load averages (`uptime`), noted beside each figure: other jobs share the cores.
    static var load: String {
        guard let text = try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8) else { return "load ?" }
        return "load " + text.split(separator: " ").prefix(3).joined(separator: " ")
    }

    /// Prints the header every command starts with.
    static func printHeader(_ title: String) {
        print("== \(title)")
        print("machine: \(summary); \(ISO8601DateFormatter().string(from: Date()))")
    }
}

extension Duration {
    /// Seconds as a floating-point number.
    var seconds: Double {
        let parts = components
        return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
    }
}

/// Fixed-width table rows for terminal output and for pasting into Markdown.
enum Table {
    static func markdown(_ header: [String], _ rows: [[String]]) -> String {
        var lines = ["| " + header.joined(separator: " | ") + " |"]
        lines.append("|" + header.map { _ in "---:|" }.joined())
        for row in rows { lines.append("| " + row.joined(separator: " | ") + " |") }
        return lines.joined(separator: "\n")
    }

    static func format(_ value: Double, _ digits: Int = 2) -> String { String(format: "%.\(digits)f", value) }
}

import Foundation
import TestSupport
import Testing

/// Headless Chromium (Debian's `chromium`), for the tests that open messengerctl's HTML pages and
/// SVG previews in a real browser.
///
/// A missing browser fails the test with a message saying so (never a silent pass); setting
/// `MESSENGERCTL_NO_BROWSER=1` turns those tests into skips that name the reason instead.
enum Chromium {
    static let executable: String? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for name in ["chromium", "chromium-browser", "google-chrome"] {
            for folder in path.split(separator: ":") {
                let candidate = "\(folder)/\(name)"
                if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            }
        }
        return nil
    }()

    static let skipped = ProcessInfo.processInfo.environment["MESSENGERCTL_NO_BROWSER"] == "1"

    /// The browser, or a recorded failure that says how to get one.
    static func require() throws -> String {
        guard let executable else {
            let message: Comment = """
                headless Chromium is not installed, so the HTML page and the previews were NOT checked in a browser: \
                run scripts/bootstrap (it installs Debian's chromium), or set MESSENGERCTL_NO_BROWSER=1 to skip these tests
                """
            Issue.record(message)
            throw BrowserMissing()
        }
        return executable
    }

    struct BrowserMissing: Error {}

    struct Page {
        /// The DOM as the browser parsed it.
        var dom: String
        /// Every console message the page produced (errors, Content-Security-Policy violations).
        var console: [String]
        var screenshot: URL
    }

    /// Opens `file` once, dumping the parsed DOM and taking a screenshot at `width`×`height` in the same
    /// run (headless Chromium carries out both commands on one page load); the page's console goes to
    /// stderr, where its `CONSOLE` lines are collected. The browser is waited for on a Dispatch thread,
    /// never on the Swift concurrency pool the in-process emulators answer from (see `offPool`).
    static func open(_ file: URL, width: Int, height: Int, screenshot: URL) async throws -> Page {
        let browser = try require()
        let arguments = [
            "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions",
            "--hide-scrollbars", "--enable-logging=stderr", "--v=0",
            "--user-data-dir=\(FileManager.default.temporaryDirectory.appendingPathComponent("chromium-\(UUID().uuidString)").path)",
            "--dump-dom", "--screenshot=\(screenshot.path)", "--window-size=\(width),\(height)", file.absoluteString,
        ]
        try? FileManager.default.removeItem(at: screenshot)
        let run = try await offPool { try Self.run(browser, arguments) }
        if run.timedOut { Issue.record("chromium did not finish within 90 s: \(arguments.joined(separator: " "))") }
        let console = run.stderr.split(separator: "\n").filter { $0.contains(":CONSOLE") }.map(String.init)
        return Page(dom: run.stdout, console: console, screenshot: screenshot)
    }

    /// Runs the browser with a time bound (a hung browser fails the test, it does not hang it).
    static func run(_ executable: String, _ arguments: [String]) throws -> (stdout: String, stderr: String, timedOut: Bool) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("chromium-out-\(UUID().uuidString)")
        let err = FileManager.default.temporaryDirectory.appendingPathComponent("chromium-err-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        defer {
            try? FileManager.default.removeItem(at: out)
            try? FileManager.default.removeItem(at: err)
        }
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(90)
        while process.isRunning && Date() < deadline { usleep(50_000) }
        let timedOut = process.isRunning
        if timedOut { process.terminate() }
        process.waitUntilExit()
        return (
            (try? String(contentsOf: out, encoding: .utf8)) ?? "",
            (try? String(contentsOf: err, encoding: .utf8)) ?? "",
            timedOut
        )
    }

    /// Where screenshots go: `MESSENGERCTL_SCREENSHOTS` if set (to refresh docs/img/), else a temporary folder.
    static func screenshotFolder() throws -> URL {
        let folder = ProcessInfo.processInfo.environment["MESSENGERCTL_SCREENSHOTS"].map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("messengerctl-screenshots")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    /// The PNG's width and height, read from its IHDR chunk.
    static func pngSize(_ url: URL) -> (width: Int, height: Int)? {
        guard let data = try? Data(contentsOf: url), data.count > 24,
            data.prefix(8) == Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        else { return nil }
        let bytes = [UInt8](data[16..<24])
        let width = bytes[0..<4].reduce(0) { $0 << 8 | Int($1) }
        let height = bytes[4..<8].reduce(0) { $0 << 8 | Int($1) }
        return (width, height)
    }
}

import Foundation
import Synchronization

/// Runs the built `messengerctl` as a user or CI job would.
package enum ProcessRunner {
    package struct Result: Sendable {
        package var status: Int32
        package var stdout: String
        package var stderr: String
        package var all: String { stdout + stderr }
        /// When the child was started and when it ended, as seen by the threads that started and reaped
        /// it: a test measuring the child's time must not count how long its own task waited to resume
        /// (tests run in parallel on 2 cores).
        package var launchedAt: ContinuousClock.Instant
        package var exitedAt: ContinuousClock.Instant
        package var elapsed: Duration { exitedAt - launchedAt }

        package init(
            status: Int32, stdout: String, stderr: String, launchedAt: ContinuousClock.Instant = .now,
            exitedAt: ContinuousClock.Instant = .now
        ) {
            self.status = status
            self.stdout = stdout
            self.stderr = stderr
            self.launchedAt = launchedAt
            self.exitedAt = exitedAt
        }
    }

    /// The executable sits next to the test bundle in the build folder: `.build/debug/` for a bare
    /// `swift test`, `.build/release/` for `scripts/test`, so the tests always run the `messengerctl`
    /// built with them.
    package static let executable: URL = {
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let bundleDir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let candidates = [
            bundleDir.appendingPathComponent("messengerctl"),
            bundleDir.deletingLastPathComponent().appendingPathComponent("messengerctl"),
            repository.appendingPathComponent(".build/debug/messengerctl"),
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates.last!
    }()

    /// Starts `messengerctl ARGS` in `directory` with no terminal attached; the caller drains the pipes.
    package static func launch(
        _ arguments: [String], in directory: URL, environment: [String: String]? = nil,
        onExit: (@Sendable (Process) -> Void)? = nil
    ) throws -> (process: Process, stdout: Pipe, stderr: Pipe) {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        if let environment { process.environment = environment }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        process.terminationHandler = onExit
        try process.run()
        return (process, out, err)
    }

    /// Runs `messengerctl ARGS` in `directory` with no terminal attached.
    ///
    /// The child is waited for on threads of its own (`onOwnThread`), never on the Swift concurrency
    /// pool or Dispatch's global queues: an in-process emulator answers the child's requests from that
    /// pool, and on a 2-core machine a blocking wait there would leave it no thread to answer with.
    package static func run(
        _ arguments: [String], in directory: URL, environment: [String: String]? = nil,
        whileRunning: (@Sendable (Process) -> Void)? = nil
    ) async throws -> Result {
        let exited = Mutex<ContinuousClock.Instant?>(nil)
        let launchedAt = ContinuousClock.now
        let (process, out, err) = try launch(arguments, in: directory, environment: environment) { _ in
            exited.withLock { $0 = ContinuousClock.now }
        }
        if let whileRunning {
            onOwnThread { whileRunning(process) }
        }
        return await withCheckedContinuation { continuation in
            // Both pipes are drained at once so a full pipe can never block the child: stderr on a
            // thread of its own, stdout and the wait for the exit on another (see `offPool`).
            let stderr = Mutex(Data())
            let stderrDone = DispatchSemaphore(value: 0)
            onOwnThread {
                let data = err.fileHandleForReading.readDataToEndOfFile()
                stderr.withLock { $0 = data }
                stderrDone.signal()
            }
            onOwnThread {
                let stdout = out.fileHandleForReading.readDataToEndOfFile()
                stderrDone.wait()
                process.waitUntilExit()
                let exitedAt = exited.withLock { $0 } ?? ContinuousClock.now
                continuation.resume(
                    returning: Result(
                        status: process.terminationStatus,
                        stdout: String(decoding: stdout, as: UTF8.self),
                        stderr: String(decoding: stderr.withLock { $0 }, as: UTF8.self),
                        launchedAt: launchedAt, exitedAt: exitedAt))
            }
        }
    }
}

import Foundation
import Synchronization

/// Runs another executable (the real `messengerctl`, or Python) and times it.
enum ChildProcess {
    struct Result: Sendable {
        var status: Int32
        var stdout: String
        var stderr: String
        var elapsed: Duration
        /// User + system CPU time of the child alone (and of any children it waited for), from the
        /// difference of `getrusage(RUSAGE_CHILDREN)` around the run; children are run one at a time.
        var cpu: Duration
    }

    /// User + system time of every child this process has waited for so far.
    static func childrenCPU() -> Duration {
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_CHILDREN.rawValue), &usage)
        func micros(_ t: timeval) -> Int64 { Int64(t.tv_sec) * 1_000_000 + Int64(t.tv_usec) }
        return .microseconds(micros(usage.ru_utime) + micros(usage.ru_stime))
    }

    /// `messengerctl` built next to this benchmark (same build folder, same configuration).
    static var messengerctl: String {
        let own = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        return own.deletingLastPathComponent().appendingPathComponent("messengerctl").path
    }

    /// Runs `executable ARGS` in `directory` with no terminal attached.
    ///
    /// The child is waited for on Dispatch threads, never on the Swift concurrency pool: the in-process
    /// emulator answers the child's requests from that pool, and on a 2-core machine a blocking wait there
    /// would leave it no thread to answer with.
    static func run(
        _ executable: String, _ arguments: [String], in directory: URL, environment: [String: String]
    ) async throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var env = ProcessInfo.processInfo.environment
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        let clock = ContinuousClock()
        let started = clock.now
        let cpuBefore = childrenCPU()
        try process.run()
        return await withCheckedContinuation { continuation in
            let group = DispatchGroup()
            let stdout = Mutex(Data())
            let stderr = Mutex(Data())
            DispatchQueue.global().async(group: group) {
                let data = out.fileHandleForReading.readDataToEndOfFile()
                stdout.withLock { $0 = data }
            }
            DispatchQueue.global().async(group: group) {
                let data = err.fileHandleForReading.readDataToEndOfFile()
                stderr.withLock { $0 = data }
            }
            group.notify(queue: .global()) {
                process.waitUntilExit()
                let elapsed = clock.now - started
                continuation.resume(
                    returning: Result(
                        status: process.terminationStatus,
                        stdout: String(decoding: stdout.withLock { $0 }, as: UTF8.self),
                        stderr: String(decoding: stderr.withLock { $0 }, as: UTF8.self), elapsed: elapsed,
                        cpu: childrenCPU() - cpuBefore))
            }
        }
    }
}

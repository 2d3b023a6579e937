import Dispatch

/// Runs blocking work (waiting for a browser, a terminal session, a child process) on a Dispatch thread
/// and awaits its result.
///
/// The Swift concurrency pool has one thread per core: two on the test machine. The in-process emulators
/// answer every test's requests from that pool, so a test that blocks a pool thread while a child talks
/// to an emulator can stall the whole suite until some read timeout fires (30 s), and a second blocking
/// test deadlocks it. Blocking calls from a test therefore go through here.
package func offPool<R: Sendable>(_ work: @escaping @Sendable () throws -> R) async throws -> R {
    try await withCheckedThrowingContinuation { continuation in
        DispatchQueue.global().async {
            continuation.resume(with: Result { try work() })
        }
    }
}

import Foundation

/// Runs blocking work (waiting for a browser, a terminal session, a child process) on a thread of its
/// own and awaits its result.
///
/// Neither the Swift concurrency pool nor Dispatch's global queues will do. The concurrency pool has one
/// thread per core (two on the test machine), and the in-process emulators answer every test's requests
/// from it. On Linux, Dispatch's global queues grow past one thread per core only when a monitor notices
/// blocked workers, and until it does the concurrency jobs queued behind them wait. With a dozen tests
/// each blocked on a child's pipe, every emulator stalled for 30–40 s in each full run (measured with
/// vmstat: 95% idle from 14 s to 50 s). A dedicated thread blocks nobody else.
package func offPool<R: Sendable>(_ work: @escaping @Sendable () throws -> R) async throws -> R {
    try await withCheckedThrowingContinuation { continuation in
        onOwnThread { continuation.resume(with: Result { try work() }) }
    }
}

/// Starts `body` on a new thread that belongs to no pool.
package func onOwnThread(_ body: @escaping @Sendable () -> Void) {
    let thread = Thread { body() }
    thread.stackSize = 1 << 20
    thread.start()
}

import Synchronization

/// How apply treats moved preconditions and other writers' drafts.
public struct ApplyOptions: Sendable {
    /// On a moved precondition, re-plan against the new live state and go on when the other writer
    /// touched no field the file manages (DESIGN.md "Versions and concurrency"; a managed field the
    /// plan does not change would otherwise be reverted).
    public var rebase: Bool
    /// Publish a draft even when someone else left unpublished edits in it.
    public var publishForeignDraft: Bool

    /// Set by Ctrl-C: apply finishes the step in flight and attempts nothing more, so no write is
    /// cut in half.
    public var stop: StopFlag

    /// Waits between polls (activation, asynchronous deletes, publish retries). `nil`: the client's
    /// `ClientOptions.clock`, which tests replace with a clock they move by hand; a test may also pass
    /// its own pause here.
    public var pause: (@Sendable (Duration) async throws -> Void)?

    public init(
        rebase: Bool = false, publishForeignDraft: Bool = false, stop: StopFlag = StopFlag(),
        pause: (@Sendable (Duration) async throws -> Void)? = nil
    ) {
        self.rebase = rebase
        self.publishForeignDraft = publishForeignDraft
        self.stop = stop
        self.pause = pause
    }
}

/// A flag raised once (by a signal handler) and read between apply steps.
public final class StopFlag: Sendable {
    private let raised = Mutex(false)
    public init() {}
    public func raise() { raised.withLock { $0 = true } }
    public var isRaised: Bool { raised.withLock { $0 } }
}

/// How the emulator listens and misbehaves (DESIGN.md "The emulator", command line).
public struct EmulatorOptions: Sendable {
    public var host = "127.0.0.1"
    /// 0 picks a free port; ``GenesysEmulator/start()`` returns the bound one.
    public var port = 0
    /// Added before every API answer.
    public var latency: Duration = .zero
    /// Requests allowed per token per minute before 429 (reference §5.2); `nil` = unlimited.
    public var rateLimitPerMinutePerToken: Int? = nil
    /// Share of requests answered 5xx or dropped (half each).
    public var faultRate: Double = 0
    /// How long new or changed objects stay `Pending` before `Active` (reference §3.5 item 5).
    public var activationDelay: Duration = .milliseconds(200)
    /// Deletes complete only after this many further requests of the org (0: at once); see
    /// `EmulatorState+AsyncDeletes.swift` (reference §3.5 item 6).
    public var asyncDeleteRequests = 0
    /// Answer a stale Architect `version` with 400 "does not match the current version" instead of 409, as
    /// the directory service sometimes does (reference §5.4, Terraform's `IsVersionMismatch`).
    public var staleVersionAs400 = false
    /// Answer the first publish of each draft edit with a transient 400, although the draft is `Active`, as
    /// production now and then does (reference §3.5 item 5: Terraform retries publish on 400).
    public var transientPublish400 = false
    /// Audit records become visible to audit queries this long after the change they record (0: at once),
    /// as production's audit service lags behind the change (issue 15; the delay itself is not documented,
    /// reference §3.2 describes only the queries). Records keep the date of the change.
    public var auditDelay: Duration = .zero
    /// The emulator's time (activation, token expiry, rate windows, audit queries and delays, dates it
    /// writes); real time unless a test passes a clock it advances by hand.
    public var clock: EmulatorClock = .continuous
    /// Persist state to this file (loaded at start when present, written atomically after each change).
    public var statePath: String? = nil

    public init(
        host: String = "127.0.0.1", port: Int = 0, latency: Duration = .zero, rateLimitPerMinutePerToken: Int? = nil,
        faultRate: Double = 0, activationDelay: Duration = .milliseconds(200), statePath: String? = nil
    ) {
        self.host = host
        self.port = port
        self.latency = latency
        self.rateLimitPerMinutePerToken = rateLimitPerMinutePerToken
        self.faultRate = faultRate
        self.activationDelay = activationDelay
        self.statePath = statePath
    }
}

import Foundation
import GenesysCloud
import GenesysEmulator
import TestSupport
import Testing

/// Faults injected by the emulator over real HTTP: what is retried, and what is never sent twice.
@Suite struct RetryTests {
    /// Starts `operation`, waits until the emulator has failed it `failures` times, clears the faults, and
    /// returns the operation's result: the client must have kept retrying.
    func recovers<T: Sendable>(
        _ h: EmulatorHarness, faults: FaultPlan, failures: Int, failed: @escaping @Sendable (LoggedRequest) -> Bool,
        _ operation: @escaping @Sendable () async throws -> T
    ) async throws -> T {
        await h.emulator.setFaults(faults)
        let task = Task { try await operation() }
        try await h.waitForLog(count: failures, where: failed)
        await h.emulator.setFaults(FaultPlan())
        return try await task.value
    }

    func slowRetries() -> ClientOptions {
        var options = EmulatorHarness.fastOptions
        options.maxRetries = 30
        options.retryBaseDelay = .milliseconds(50)
        options.maxRetryDelay = .milliseconds(100)
        return options
    }

    @Test(arguments: [502, 503, 504])
    func gatewayErrorsOnGetAreRetried(status: Int) async throws {
        try await EmulatorHarness.with { h in
            let client = h.client(options: slowRetries())
            _ = try await client.tokenInfo()
            var faults = FaultPlan(methods: ["GET"], pathContains: "/webdeployments/configurations")
            switch status {
            case 502: faults.rate502 = 1
            case 503: faults.rate503 = 1
            default: faults.rate504 = 1
            }
            let list = try await recovers(h, faults: faults, failures: 2, failed: { $0.status == status }) {
                try await client.listConfigurations()
            }
            #expect(list.isEmpty)
            let log = await h.requests(method: "GET", pathSuffix: "/webdeployments/configurations")
            #expect(log.filter { $0.status == status }.count >= 2)
            #expect(log.last?.status == 200)
        }
    }

    @Test func droppedConnectionsOnGetAndPutAreRetried() async throws {
        try await EmulatorHarness.with { h in
            let client = h.client(options: slowRetries())
            let created = try await client.createConfiguration(EmulatorHarness.configurationBody(name: "retried"))
            let id = try #require(created.id)
            _ = try await recovers(
                h, faults: FaultPlan(dropBeforeRate: 1, methods: ["GET"]), failures: 2,
                failed: { $0.method == "GET" && $0.status == 0 }
            ) { try await client.configurationDraft(id: id) }

            var draft = try await client.configurationDraft(id: id)
            draft.description = "written through dropped connections"
            _ = try await recovers(
                h, faults: FaultPlan(dropBeforeRate: 1, methods: ["PUT"]), failures: 2,
                failed: { $0.method == "PUT" && $0.status == 0 }
            ) { [draft] in try await client.replaceConfigurationDraft(id: id, with: draft) }
            #expect(try await client.configurationDraft(id: id).description == "written through dropped connections")
        }
    }

    @Test func a503OnPutIsRetried() async throws {
        try await EmulatorHarness.with { h in
            let client = h.client(options: slowRetries())
            let created = try await client.createConfiguration(EmulatorHarness.configurationBody(name: "put-503"))
            let id = try #require(created.id)
            var draft = try await client.configurationDraft(id: id)
            draft.description = "after 503s"
            _ = try await recovers(
                h, faults: FaultPlan(rate503: 1, methods: ["PUT"]), failures: 2, failed: { $0.method == "PUT" && $0.status == 503 }
            ) { [draft] in try await client.replaceConfigurationDraft(id: id, with: draft) }
            #expect(try await client.configurationDraft(id: id).description == "after 503s")
        }
    }

    @Test func aDraftPutWhoseAnswerWasLostIsReadBackNotResent() async throws {
        try await EmulatorHarness.with { h in
            let client = h.client(options: slowRetries())
            let created = try await client.createConfiguration(EmulatorHarness.configurationBody(name: "put-lost"))
            let id = try #require(created.id)
            let base = try await client.configurationDraft(id: id)
            var draft = base
            draft.description = "ours"
            await h.emulator.setFaults(FaultPlan(dropAfterWriteRate: 1, methods: ["PUT"]))
            let answer = try await client.replaceConfigurationDraft(id: id, with: draft, basedOn: base)
            await h.emulator.setFaults(FaultPlan())
            #expect(answer.description == "ours")
            // Applied once, answer lost, read back: never sent a second time.
            #expect(await h.requests(method: "PUT", pathSuffix: "/versions/draft").count == 1)
        }
    }

    @Test func aDraftPutIsNotResentOverAnotherWritersEdit() async throws {
        try await EmulatorHarness.with { h in
            let client = h.client(options: slowRetries())
            let created = try await client.createConfiguration(EmulatorHarness.configurationBody(name: "put-race"))
            let id = try #require(created.id)
            let base = try await client.configurationDraft(id: id)
            // Another writer changes the draft after our read.
            var theirs = base
            theirs.description = "theirs"
            _ = try await client.replaceConfigurationDraft(id: id, with: theirs)
            var ours = base
            ours.description = "ours"
            // Our PUT never gets an answer (503 each time): since the draft is no longer our base,
            // it is not re-sent, and their edit stays.
            await h.emulator.setFaults(FaultPlan(rate503: 1, methods: ["PUT"]))
            await #expect(throws: GenesysError.self) {
                try await client.replaceConfigurationDraft(id: id, with: ours, basedOn: base)
            }
            await h.emulator.setFaults(FaultPlan())
            #expect(try await client.configurationDraft(id: id).description == "theirs")
            #expect(await h.requests(method: "PUT", pathSuffix: "/versions/draft").filter { $0.status == 503 }.count == 1)
        }
    }

    @Test func aCreateWhoseAnswerWasLostIsNotDuplicated() async throws {
        try await EmulatorHarness.with { h in
            let client = h.client()
            _ = try await client.tokenInfo()
            await h.emulator.setFaults(FaultPlan(dropAfterWriteRate: 1, methods: ["POST"], pathContains: "/api/v2/"))
            let configuration = try await client.createConfiguration(EmulatorHarness.configurationBody(name: "exactly-once"))
            let configurationId = try #require(configuration.id)
            let published = try await client.publishConfigurationDraft(id: configurationId)
            var deployment = Deployment(fields: ["name": "web-once", "allowedDomains": ["a.example"]])
            deployment.configuration = ConfigurationRef(id: configurationId, version: try #require(published.version))
            let madeDeployment = try await client.createDeployment(deployment)
            let schedule = try await client.createSchedule(Schedule(fields: [
                "name": "once", "start": "2026-01-05T09:00:00.000", "end": "2026-01-05T17:00:00.000", "rrule": "FREQ=DAILY",
            ]))
            await h.emulator.setFaults(FaultPlan())

            #expect(configuration.name == "exactly-once")
            #expect(schedule.name == "once")
            #expect(madeDeployment.name == "web-once")
            #expect(published.publishedVersionNumber == 1)
            #expect(try await client.listDeployments().filter { $0.name == "web-once" }.count == 1)
            #expect(try await client.configurationVersions(id: configurationId).compactMap(\.publishedVersionNumber) == [1])
            #expect(await h.requests(method: "POST", pathSuffix: "/api/v2/webdeployments/deployments").count == 1)
            #expect(await h.requests(method: "POST", pathSuffix: "/publish").count == 1)
            // Each lost answer was noticed (the emulator closed the connection after applying the write).
            #expect(await h.emulator.requestLog().filter { $0.method == "POST" && $0.status == 0 }.count == 4)
            #expect(try await client.listConfigurations().filter { $0.name == "exactly-once" }.count == 1)
            #expect(try await client.listSchedules().filter { $0.name == "once" }.count == 1)
            // One POST each: the lost answer was settled by reading back, not by sending again.
            #expect(await h.requests(method: "POST", pathSuffix: "/api/v2/webdeployments/configurations").count == 1)
            #expect(await h.requests(method: "POST", pathSuffix: "/api/v2/architect/schedules").count == 1)
        }
    }

    @Test func aPublishWhoseAnswerWasLostIsNotPublishedTwice() async throws {
        try await EmulatorHarness.with { h in
            let client = h.client()
            let created = try await client.createConfiguration(EmulatorHarness.configurationBody(name: "publish-once"))
            let id = try #require(created.id)
            _ = try await client.publishConfigurationDraft(id: id)
            await h.emulator.setFaults(FaultPlan(dropAfterWriteRate: 1, methods: ["POST"], pathContains: "/publish"))
            let second = try await client.publishConfigurationDraft(id: id)
            await h.emulator.setFaults(FaultPlan())
            #expect(second.publishedVersionNumber == 2)
            #expect(try await client.configurationVersions(id: id).compactMap(\.publishedVersionNumber).sorted() == [1, 2])
            #expect(await h.requests(method: "POST", pathSuffix: "/publish").count == 2)
        }
    }

    @Test func aCreateThatNeverArrivedIsSentAgainOnlyOnce() async throws {
        try await EmulatorHarness.with { h in
            let client = h.client()
            _ = try await client.tokenInfo()
            // Every POST is dropped before it is applied: reading back finds nothing, so the client sends it
            // once more, and then reports that the outcome is unknown instead of trying forever.
            await h.emulator.setFaults(FaultPlan(dropBeforeRate: 1, methods: ["POST"], pathContains: "/webdeployments"))
            let error = await #expect(throws: GenesysError.self) {
                try await client.createConfiguration(EmulatorHarness.configurationBody(name: "never-arrives"))
            }
            await h.emulator.setFaults(FaultPlan())
            #expect(error?.kind == .outcomeUnknown)
            #expect(await h.requests(method: "POST", pathSuffix: "/api/v2/webdeployments/configurations").count == 2)
            #expect(try await client.listConfigurations().isEmpty)
        }
    }

    @Test func aRetryAfterLongerThanTheCapIsAClearError() async throws {
        try await EmulatorHarness.with { h in
            var options = EmulatorHarness.fastOptions
            options.maxRetryAfter = .seconds(5)
            let client = h.client(options: options)
            await h.emulator.setFaults(FaultPlan(rateLimitPerMinutePerToken: 1))
            _ = try await client.tokenInfo()
            let error = await #expect(throws: GenesysError.self) { try await client.listConfigurations() }
            let failure = try #require(error)
            #expect(failure.kind == .rateLimitExceeded)
            #expect(failure.isRateLimited)
            #expect(failure.code == "too.many.requests.retry.after")
            #expect(failure.description.contains("maxRetryAfter"))
            // It did not hammer the API while rate-limited.
            #expect(await h.emulator.requestLog().filter { $0.status == 429 }.count == 1)
        }
    }

    /// The emulator's window is one minute per token, so its `Retry-After` is close to 60 s: this test waits
    /// that long, and runs in parallel with the rest of the suite.
    @Test func retryAfterIsObeyed() async throws {
        // Emulator and client share a clock that a wait moves (virtual time): the minute-long rate window
        // is waited out for real on that clock, in milliseconds of real time.
        let clock = ManualClock(autoAdvance: true)
        try await EmulatorHarness.with(clock: clock) { h in
            var options = EmulatorHarness.fastOptions
            options.maxRetryAfter = .seconds(75)
            let client = h.client(options: options)
            await h.emulator.setFaults(FaultPlan(rateLimitPerMinutePerToken: 2, methods: ["GET"]))
            _ = try await client.tokenInfo()
            let started = clock.now
            _ = try await client.listConfigurations()  // second request in the window: allowed
            let third = try await client.listDeployments()  // 429, waits Retry-After, then succeeds
            let waited = started.duration(to: clock.now)
            #expect(third.isEmpty)
            let log = await h.emulator.requestLog().filter { $0.method == "GET" }
            #expect(log.map(\.status) == [200, 200, 429, 200])
            // It waited for the window instead of retrying at once (the 429 said roughly 60 s), and no
            // longer than the window (the retry was the very next request after the wait).
            #expect(waited > .seconds(50))
            #expect(waited <= .seconds(60))
            #expect(clock.sleeps.contains { $0 > .seconds(50) })
            #expect(await client.rateLimitWait > .seconds(50))
        }
    }
}

import Foundation
import GenesysCloud
import GenesysEmulator
import TestSupport
import Testing

/// OAuth client credentials against the emulator (reference §2.1–2.2).
///
/// The time limit turns a stall into a failure instead of a hung run. It is generous: in the full
/// parallel run on 2 cores every test starts at once and these finish after 60–70 s of sharing the CPU.
@Suite(.timeLimit(.minutes(5))) struct TokenProviderTests {
    @Test func aTokenIsReusedUntilItsLifetimeEndsAndThenReplacedBeforeAny401() async throws {
        // The emulator's token expiry and the client's refresh run on one clock the test moves, so the
        // 2 s lifetime is exact however loaded the machine is, and nobody waits for it. The clock moves
        // on its own only when the client sleeps (a retry's 20 ms backoff after a transport error on the
        // loaded machine): with a clock that never moved by itself, such a retry slept forever and the
        // run hung (seen twice in full parallel runs).
        let clock = ManualClock(autoAdvance: true)
        try await EmulatorHarness.with(clock: clock) { h in
            let client = h.client("eu-short")  // tokens live 2 s
            for _ in 0..<5 { _ = try await client.tokenInfo() }
            clock.advance(by: .milliseconds(1700))
            _ = try await client.tokenInfo()
            // Reused for its lifetime less the margin (a tenth of it: 1.8 s).
            #expect(await h.requests(method: "POST", pathSuffix: "/oauth/token").count == 1)

            clock.advance(by: .milliseconds(200))
            _ = try await client.tokenInfo()
            #expect(await h.requests(method: "POST", pathSuffix: "/oauth/token").count == 2)
            // The client renewed on its own from expires_in; the API never had to refuse a stale token.
            #expect(await h.emulator.requestLog().filter { $0.status == 401 }.isEmpty)
        }
    }

    @Test func fiftyConcurrentCallersShareOneTokenRequest() async throws {
        try await EmulatorHarness.with { h in
            var options = EmulatorHarness.fastOptions
            options.maxConcurrentRequests = 50
            let client = h.client(options: options)
            try await withThrowingTaskGroup(of: String?.self) { group in
                for _ in 0..<50 { group.addTask { try await client.tokenInfo().organization?.id } }
                for try await org in group { #expect(org == EmulatorHarness.euOrg) }
            }
            #expect(await h.requests(method: "POST", pathSuffix: "/oauth/token").count == 1)
            #expect(await h.requests(method: "GET", pathSuffix: "/api/v2/tokens/me").count == 50)
        }
    }

    @Test func aTokenRevokedEarlyIsRenewedOnceAndTheRequestSentAgain() async throws {
        try await EmulatorHarness.with { h in
            let client = h.client()
            _ = try await client.tokenInfo()
            await h.emulator.expireTokens()
            // Many callers hit the 401 at once; still one new token.
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<10 { group.addTask { _ = try await client.listConfigurations() } }
                try await group.waitForAll()
            }
            #expect(await h.requests(method: "POST", pathSuffix: "/oauth/token").count == 2)
            let refused = await h.emulator.requestLog().filter { $0.status == 401 }
            #expect(refused.count >= 1 && refused.count <= 10)
        }
    }

    @Test func aWrongSecretIsAClearErrorThatNeverShowsTheSecret() async throws {
        try await EmulatorHarness.with { h in
            let wrong = "SENTINEL-wrong-secret-22d9"
            let client = h.client("eu-ci", secret: wrong)
            let error = await #expect(throws: GenesysError.self) { try await client.tokenInfo() }
            let failure = try #require(error)
            #expect(failure.isUnauthorized || failure.status == 400)
            #expect(failure.description.contains("eu-ci"))
            #expect(!failure.description.contains(wrong))
            #expect(!failure.description.contains(EmulatorHarness.sentinelSecret))
            // No API request was attempted without a token.
            #expect(await h.requests(pathSuffix: "/api/v2/tokens/me").isEmpty)
        }
    }
}

import Foundation
import GenesysCloud
import GenesysEmulator
import Testing

/// The emulator's `--fault-rate`: 5xx answers and dropped connections (before and after the write is applied)
/// on a share of all requests, token requests included.
@Suite struct FaultRateTests {
    @Test func underRandomFaultsNothingIsCreatedOrPublishedTwice() async throws {
        try await EmulatorHarness.with(options: EmulatorOptions(faultRate: 0.3, activationDelay: .milliseconds(10))) { h in
            var options = EmulatorHarness.fastOptions
            options.maxRetries = 14
            options.retryBaseDelay = .milliseconds(5)
            options.maxRetryDelay = .milliseconds(40)
            options.readBackAttempts = 6
            let client = h.client(options: options)
            var created: [String: String] = [:]  // name → id
            var unknown = 0
            for n in 0..<12 {
                let name = "faulty-\(n)"
                do {
                    let configuration = try await client.createConfiguration(EmulatorHarness.configurationBody(name: name))
                    let id = try #require(configuration.id)
                    created[name] = id
                } catch let error as GenesysError where error.kind == .outcomeUnknown {
                    // Allowed: the client said it could not tell, and did not send a third time.
                    unknown += 1
                }
            }
            var publishes: [String: Int] = [:]  // id → versions the client reported
            for (_, id) in created {
                for _ in 0..<2 {
                    do {
                        let version = try await client.publishConfigurationDraft(id: id)
                        publishes[id, default: 0] += version.publishedVersionNumber == nil ? 0 : 1
                    } catch let error as GenesysError where error.kind == .outcomeUnknown {
                        unknown += 1
                    }
                }
            }
            await h.emulator.setFaults(FaultPlan())

            let live = try await client.listConfigurations()
            let counts = Dictionary(grouping: live.compactMap(\.name), by: { $0 }).mapValues(\.count)
            #expect(counts.values.allSatisfy { $0 == 1 }, "duplicates: \(counts.filter { $0.value > 1 })")
            for (name, id) in created {
                #expect(counts[name] == 1)
                let versions = try await client.configurationVersions(id: id).compactMap(\.publishedVersionNumber).sorted()
                // Every publish the client reported happened exactly once: versions are 1...n without gaps, and
                // never more versions than publish calls.
                #expect(versions == Array(0..<versions.count).map { $0 + 1 })
                #expect(versions.count <= 2)
                #expect(versions.count >= publishes[id] ?? 0)
            }
            let faults = await h.emulator.requestLog().filter { $0.status == 0 || $0.status >= 500 }.count
            print("fault-rate run: \(faults) injected faults, \(created.count) creates confirmed, \(unknown) outcomes reported unknown")
            #expect(faults > 0)
        }
    }
}

import Foundation
import GenesysCloud
import GenesysEmulator
import TestSupport
import Testing

/// Fast with the flags a user types: tenants fan out by default, the reads inside one tenant go out
/// together, and an apply of one changed field sends no request it does not need. Concurrency is read
/// from the emulator's request log (which requests were in flight together), never from the wall clock.
@Suite(.serialized) struct FleetSpeedTests {
    static let simpleBody = """
        configurations:
          - name: support
            description: Support messenger
            languages: [en-us, fr]
            defaultLanguage: en-us
            messenger:
              enabled: true
              styles: { primaryColor: "#0052CC" }
            greetings:
              en-us: { title: "Hello!", subtitle: "How can we help?" }
        deployments:
          - name: web
            configuration: support
            allowedDomains: [www.example.com]

        """

    static func harness(tenants: Int, body: String = simpleBody, activationDelay: Duration = .zero) async throws -> CLIHarness {
        let regions = ["eu-west-1", "us-east-1", "ap-southeast-2"]
        let specs = (0..<tenants).map { i in
            CLIHarness.TenantSpec(
                name: String(format: "s%02d", i + 1), region: regions[i % regions.count],
                organizationId: String(format: "5b1e2b3c-4d5e-4f60-8a7b-9c0d1e2f%04x", i), secret: "secret-\(i)",
                yamlBody: body)
        }
        return try await CLIHarness(tenants: specs, activationDelay: activationDelay)
    }

    /// The requests one tenant's CI client made since `start`, in the order they were answered.
    static func requests(_ h: CLIHarness, tenant: String, since start: Int) async -> [LoggedRequest] {
        await h.emulator.requestLog().dropFirst(start).filter { $0.clientID == "\(tenant)-ci" }
    }

    /// The most requests that went out one after another (each sent after the previous was answered).
    static func roundTrips(_ requests: [LoggedRequest]) -> Int {
        let sorted = requests.sorted { $0.arrived < $1.arrived }
        var longest = [Int](repeating: 1, count: sorted.count)
        for i in sorted.indices {
            for j in 0..<i where sorted[j].answered < sorted[i].arrived { longest[i] = max(longest[i], longest[j] + 1) }
        }
        return longest.max() ?? 0
    }

    /// The most requests of `requests` in flight at one moment.
    static func mostInFlight(_ requests: [LoggedRequest]) -> Int {
        requests.map { request in requests.filter { $0.arrived <= request.arrived && request.arrived < $0.answered }.count }
            .max() ?? 0
    }

    @Test func withDefaultFlagsEveryTenantIsInFlightAtOnce() async throws {
        // More tenants than the old default of 8 in flight; a latency so that they overlap on the emulator.
        try await CLIHarness.with(await Self.harness(tenants: 12)) { h in
            // The emulator holds the first twelve token requests until the twelfth arrives: sent together
            // they all overlap however slowly a loaded machine runs the child; with at most 8 in flight
            // the first ones wait out the 10 s bound and the overlap below fails. A loaded machine may
            // also make a client retry a token request whose connection was slow to open (its first
            // attempt still reaches the log), so each tenant's first token request is what is counted.
            await h.emulator.setFaults(FaultPlan(pathContains: "/oauth/token", holdFirst: 12))
            let start = await h.emulator.requestLog().count
            let plan = try await h.run(["plan", "--detailed-exitcode"])
            #expect(plan.status == 2, "\(plan.all)")
            let tokens = await h.emulator.requestLog().dropFirst(start).filter { $0.path.hasSuffix("/oauth/token") }
            var firstPerTenant: [String: LoggedRequest] = [:]
            for token in tokens.sorted(by: { $0.arrived < $1.arrived }) where firstPerTenant[token.clientID ?? ""] == nil {
                firstPerTenant[token.clientID ?? ""] = token
            }
            #expect(firstPerTenant.count == 12, "\(tokens.map { $0.clientID ?? "?" })")
            #expect(Self.mostInFlight(Array(firstPerTenant.values)) == 12, "token requests in flight together")

            // The default and its cap are documented where a user looks.
            let help = try await h.run(["plan", "--help"])
            let text = help.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            #expect(text.contains("default: every tenant, at most 256"), "\(help.stdout)")
        }
    }

    @Test func readsInsideOneTenantGoOutTogetherInThreeRoundTrips() async throws {
        try await CLIHarness.with(await Self.harness(tenants: 1, body: PlanApplyTests.body)) { h in
            let apply = try await h.run(["apply", "--auto-approve"])
            #expect(apply.status == 0, "\(apply.all)")
            // The emulator holds the five API reads of the second round until the fifth arrives: sent
            // together they overlap however slowly a loaded machine runs the child; sent one after
            // another the first is held alone (10 s bound) and the overlaps below fail.
            await h.emulator.setFaults(FaultPlan(pathContains: "/api/v2/", holdFirst: 5))

            let start = await h.emulator.requestLog().count
            let plan = try await h.run(["plan", "--detailed-exitcode"])
            #expect(plan.status == 0, "\(plan.all)")
            let requests = await Self.requests(h, tenant: "s01", since: start)
            func one(_ suffix: String) throws -> LoggedRequest {
                try #require(requests.first { $0.method == "GET" && $0.path.hasSuffix(suffix) }, "no GET …\(suffix)")
            }
            let independent = [
                try one("/api/v2/tokens/me"), try one("/api/v2/webdeployments/configurations"),
                try one("/api/v2/webdeployments/deployments"), try one("/api/v2/architect/schedules"),
                try one("/api/v2/architect/schedulegroups"),
            ]
            for (i, a) in independent.enumerated() {
                for b in independent.dropFirst(i + 1) {
                    #expect(a.overlaps(b), "\(a.path) and \(b.path) were not in flight together")
                }
            }
            // Versions need the configuration ids, so they follow the listing.
            let versions = try one("/versions")
            #expect(versions.arrived > independent[1].answered)
            #expect(Self.roundTrips(requests) == 3, "\(requests.map { "\($0.method) \($0.path)" })")
        }
    }

    @Test func aFailedOrganizationCheckStillReportsTheMismatchWhenReadsWentOutBesideIt() async throws {
        try await CLIHarness.with(await Self.harness(tenants: 1, body: PlanApplyTests.body)) { h in
            let file = try h.read(tenant: "s01").replacingOccurrences(
                of: "organizationId: 5b1e2b3c-4d5e-4f60-8a7b-9c0d1e2f0000", with: "organizationId: 5b1e2b3c-4d5e-4f60-8a7b-9c0d1e2fffff")
            try h.write(tenant: "s01", file)
            let start = await h.emulator.requestLog().count
            let plan = try await h.run(["plan", "--detailed-exitcode"])
            #expect(plan.status == 1, "\(plan.all)")
            #expect(plan.all.contains("expects organization 5b1e2b3c-4d5e-4f60-8a7b-9c0d1e2fffff"), "\(plan.all)")
            // The reads that went out beside the check are never used, and nothing is written.
            let requests = await Self.requests(h, tenant: "s01", since: start)
            #expect(!requests.contains { $0.method != "GET" && !$0.path.hasSuffix("/oauth/token") })
            #expect(!plan.stdout.contains("configuration \"support\""), "\(plan.stdout)")
        }
    }

    @Test func applyOfOneChangedFieldSendsOnlyTheRequestsItNeeds() async throws {
        try await CLIHarness.with(await Self.harness(tenants: 1)) { h in
            #expect(try await h.run(["apply", "--auto-approve"]).status == 0)
            try h.write(
                tenant: "s01", try h.read(tenant: "s01").replacingOccurrences(of: "description: Support messenger", with: "description: Revised"))

            let start = await h.emulator.requestLog().count
            let apply = try await h.run(["apply", "--auto-approve"])
            #expect(apply.status == 0, "\(apply.all)")
            let requests = await Self.requests(h, tenant: "s01", since: start)
            let shapes = requests.map { "\($0.method) \($0.path.split(separator: "/").dropFirst().map { $0.count >= 32 ? "{id}" : String($0) }.joined(separator: "/"))" }
            // The org is checked once per run, before anything is written.
            #expect(requests.filter { $0.path.hasSuffix("/tokens/me") }.count == 1, "\(shapes)")
            // Each read answers its own question (the counts below); none is made twice for one answer.
            let counts = Dictionary(shapes.map { ($0, 1) }, uniquingKeysWith: +)
            #expect(counts["GET api/v2/webdeployments/configurations/{id}/versions/draft"] == nil, "\(shapes)")
            #expect(counts["GET api/v2/webdeployments/configurations/{id}/versions"] == 4, "\(shapes)")
            #expect(counts["GET api/v2/webdeployments/deployments/{id}"] == 1, "\(shapes)")
            #expect(counts["GET api/v2/webdeployments/deployments/{id}/configurations"] == 1, "\(shapes)")
            // Three writes: the draft, its publish, the deployment.
            #expect(requests.filter { $0.method != "GET" && !$0.path.hasSuffix("/oauth/token") }.count == 3, "\(shapes)")
            #expect(try await h.run(["plan", "--detailed-exitcode"]).status == 0)
        }
    }
}

import Foundation
import GenesysCloud
import GenesysEmulator
import TestSupport
import Testing

/// End to end: export, rollback, audit, shards and guards through the executable (issue "Fleet operations").
@Suite(.serialized) struct FleetCommandTests {
    @Test func exportRoundTripsEveryExampleTenantWithZeroDiff() async throws {
        try await CLIHarness.with(await CLIHarness.examples()) { h in
            let apply = try await h.run(["apply", "--auto-approve"])
            #expect(apply.status == 0, "\(apply.all)")

            // A field the file format has no sugar for and the examples do not set survives the round trip.
            let admin = try h.adminClient(tenant: "acme-eu")
            try await admin.uiEdit(configuration: "acme-support") { $0.set("messenger.homeScreen.logoUrl", "https://cdn.acme.example/logo.png") }
            try await admin.pointDeploymentsAtLatest(configuration: "acme-support")

            for org in h.orgs {
                let prefix = CLIHarness.envPrefix(org.name)
                let export = try await h.run([
                    "export", org.name, "--region", org.region, "--client-id-env", "\(prefix)_CLIENT_ID",
                    "--client-secret-env", "\(prefix)_CLIENT_SECRET", "--out", "exported/\(org.name).yaml",
                ])
                #expect(export.status == 0, "\(export.all)")
            }
            let validate = try await h.run(["validate", "exported"])
            #expect(validate.status == 0, "\(validate.all)")
            let plan = try await h.run(["plan", "exported", "--detailed-exitcode"])
            #expect(plan.status == 0, "\(plan.all)")
            let exported = try String(contentsOf: URL(fileURLWithPath: h.path("exported/acme-eu.yaml")), encoding: .utf8)
            #expect(exported.contains("logoUrl: https://cdn.acme.example/logo.png"))
            #expect(exported.contains("greetings:"))
            #expect(exported.contains("availability:"))
            #expect(exported.contains("visibility: \"On\""))
        }
    }

    @Test func exportAsBaseReplicatesOneOrgToAnother() async throws {
        try await CLIHarness.with(await CLIHarness.examples()) { h in
            #expect(try await h.run(["apply", "--auto-approve", "tenants/acme-us.yaml"]).status == 0)
            let base = try await h.run([
                "export", "acme-us", "--region", "us-east-1", "--as-base", "--out", "bases/from-us.yaml",
            ])
            #expect(base.status == 0, "\(base.all)")
            let text = try String(contentsOf: URL(fileURLWithPath: h.path("bases/from-us.yaml")), encoding: .utf8)
            #expect(!text.contains("organizationId"))
            #expect(!text.contains("tenant:"))
            // The EU tenant now extends the US org's base.
            let eu = try h.read(tenant: "acme-eu").replacingOccurrences(of: "extends: ../bases/acme.yaml", with: "extends: ../bases/from-us.yaml")
            try h.write(tenant: "acme-eu", eu)
            let apply = try await h.run(["apply", "--auto-approve", "tenants/acme-eu.yaml"])
            #expect(apply.status == 0, "\(apply.all)")
            #expect(try await h.run(["plan", "--detailed-exitcode", "tenants/acme-eu.yaml"]).status == 0)
        }
    }

    @Test func rollbackPointsADeploymentBackAndPlanShowsTheDifference() async throws {
        try await CLIHarness.with(await CLIHarness.examples()) { h in
            #expect(try await h.run(["apply", "--auto-approve", "tenants/acme-au.yaml"]).status == 0)
            let au = try h.read(tenant: "acme-au")
            try h.write(tenant: "acme-au", au + "\n")  // unchanged file; change the base colour instead
            let base = try String(contentsOf: URL(fileURLWithPath: h.path("bases/acme.yaml")), encoding: .utf8)
            try base.replacingOccurrences(of: "#0052CC", with: "#0B3D91").write(
                toFile: h.path("bases/acme.yaml"), atomically: true, encoding: .utf8)
            #expect(try await h.run(["apply", "--auto-approve", "tenants/acme-au.yaml"]).status == 0)

            let rollback = try await h.run(["rollback", "acme-au", "--deployment", "acme-au-web", "--to-version", "1"])
            #expect(rollback.status == 0, "\(rollback.all)")
            #expect(rollback.stdout.contains("now differs from the org"))
            let admin = try h.adminClient(tenant: "acme-au")
            let deployment = try #require(try await admin.listDeployments().first)
            let active = try await admin.activeConfiguration(deploymentId: deployment.fields["id"]!.stringValue!)
            #expect(active.fields["configurationVersion"]?["version"] == "1")

            let plan = try await h.run(["plan", "--detailed-exitcode", "tenants/acme-au.yaml"])
            #expect(plan.status == 2)
            #expect(plan.stdout.contains("configuration.version: \"1\" → \"2\""), "\(plan.stdout)")
            let missing = try await h.run(["rollback", "acme-au", "--deployment", "acme-au-web", "--to-version", "9"])
            #expect(missing.status == 1)
            #expect(missing.stderr.contains("no published version 9"))
        }
    }

    @Test func auditSeparatesMessengerctlFromEveryoneElse() async throws {
        try await CLIHarness.with(await CLIHarness.examples()) { h in
            #expect(try await h.run(["apply", "--auto-approve", "tenants/acme-eu.yaml"]).status == 0)
            let admin = try h.adminClient(tenant: "acme-eu")
            try await admin.uiEdit(configuration: "acme-support") { $0.set("messenger.launcherButton.visibility", "Off") }

            let audit = try await h.run(["audit", "tenants/acme-eu.yaml", "--since", "1h"])
            #expect(audit.status == 0, "\(audit.all)")
            #expect(audit.stdout.contains("GitOps CI [messengerctl]"))
            #expect(audit.stdout.contains("Admin UI user  Publish"))
            let json = try await h.run(["audit", "tenants/acme-eu.yaml", "--since", "1h", "--format", "json"])
            let report = try JSONValue.parse(Data(json.stdout.utf8))
            let entries = try #require(report["tenants"]?.arrayValue?.first?["entries"]?.arrayValue)
            #expect(entries.contains { $0["byMessengerctl"] == false && $0["user"] == "Admin UI user" })
            #expect(entries.contains { $0["byMessengerctl"] == true })

            // A window reaching past 14 days uses the asynchronous query (reference §3.2), polled and paged.
            let before = await h.emulator.requestLog().count
            let older = try await h.run(["audit", "tenants/acme-eu.yaml", "--since", "30d"])
            #expect(older.status == 0, "\(older.all)")
            #expect(older.stdout.contains("Admin UI user  Publish"))
            let asyncCalls = await h.emulator.requestLog().dropFirst(before).filter {
                $0.method == "POST" && $0.path.hasSuffix("/api/v2/audits/query")
            }
            #expect(!asyncCalls.isEmpty)
        }
    }

    @Test func shardsCoverEveryTenantOnceAndMergeBack() async throws {
        try await CLIHarness.with(await CLIHarness.examples()) { h in
            var seen: [String] = []
            for k in 1...3 {
                let plan = try await h.run(["plan", "--shard", "\(k)/3", "--out", "plan-\(k).json"])
                #expect(plan.status == 0, "\(plan.all)")
                let json = try JSONValue.parse(Data(contentsOf: URL(fileURLWithPath: h.path("plan-\(k).json"))))
                seen += (json["tenants"]?.arrayValue ?? []).compactMap { $0["tenant"]?.stringValue }
            }
            #expect(seen.sorted() == ["acme-au", "acme-eu", "acme-us"])
            let merged = try await h.run(["report", "merge", "plan-1.json", "plan-2.json", "plan-3.json", "--out", "plan.json"])
            #expect(merged.status == 0, "\(merged.all)")
            let apply = try await h.run(["apply", "plan.json"])
            #expect(apply.status == 0, "\(apply.all)")
        }
    }

    @Test func guardsBlockRiskyPlansUnlessAllowed() async throws {
        try await CLIHarness.with(await CLIHarness.examples()) { h in
            #expect(try await h.run(["apply", "--auto-approve"]).status == 0)
            let eu = try h.read(tenant: "acme-eu")
            try h.write(
                tenant: "acme-eu",
                eu.replacingOccurrences(of: "allowAllDomains: false", with: "allowAllDomains: true")
                    .replacingOccurrences(of: "allowedDomains: [www.acme.example.eu, support.acme.example.eu]", with: "allowedDomains: []"))
            let blocked = try await h.run(["apply", "--auto-approve"])
            #expect(blocked.status == 4, "\(blocked.all)")
            #expect(blocked.stderr.contains("guard allow-all-domains"))
            #expect(blocked.stderr.contains("guard remove-domains"))
            let plan = try await h.run(["plan", "--detailed-exitcode"])
            #expect(plan.status == 2)
            let allowed = try await h.run(["apply", "--auto-approve", "--allow-risky"])
            #expect(allowed.status == 0, "\(allowed.all)")
        }
    }

    @Test func explainNamesTheFileThatSetEachValue() async throws {
        try await CLIHarness.with(await CLIHarness.examples()) { h in
            let plan = try await h.run(["plan", "--explain", "tenants/acme-eu.yaml"])
            #expect(plan.status == 0, "\(plan.all)")
            let colour = try #require(plan.stdout.split(separator: "\n").first { $0.contains("messenger.styles.primaryColor") })
            #expect(colour.contains("(set in ") && colour.contains("bases/acme.yaml:"), "\(colour)")
            let domains = try #require(plan.stdout.split(separator: "\n").first { $0.contains("allowedDomains") })
            #expect(domains.contains("tenants/acme-eu.yaml:"), "\(domains)")
        }
    }

    @Test func ignoredDriftIsListedNeverHidden() async throws {
        try await CLIHarness.with(await CLIHarness.examples()) { h in
            let eu = try h.read(tenant: "acme-eu")
            try h.write(
                tenant: "acme-eu",
                eu + """
                    ignore:
                      - path: configurations[acme-support].messenger.launcherButton
                        reason: the web team switches the launcher during campaigns

                    """)
            #expect(try await h.run(["apply", "--auto-approve", "tenants/acme-eu.yaml"]).status == 0)
            let admin = try h.adminClient(tenant: "acme-eu")
            try await admin.uiEdit(configuration: "acme-support") { $0.set("messenger.launcherButton.visibility", "Off") }
            try await admin.pointDeploymentsAtLatest(configuration: "acme-support")

            let drift = try await h.run(["drift", "tenants/acme-eu.yaml"])
            #expect(drift.status == 0, "\(drift.all)")
            #expect(drift.stdout.contains("ignored: configuration \"acme-support\" messenger.launcherButton.visibility"), "\(drift.stdout)")
            let junit = try await h.run(["drift", "tenants/acme-eu.yaml", "--format", "junit"])
            #expect(junit.stdout.contains("ignored drift: configuration acme-support messenger.launcherButton.visibility"))
            // Apply leaves the ignored field as the other team set it.
            #expect(try await h.run(["apply", "--auto-approve", "tenants/acme-eu.yaml"]).status == 0)
            let published = try #require(try await admin.published(configuration: "acme-support"))
            #expect(published["messenger"]?["launcherButton"]?["visibility"] == "Off")
        }
    }
}

/// The README's "next step": a long-running `messengerctl emulator` and the example tenants.
@Suite struct EmulatorCommandTests {
    @Test func theExampleTenantsPlanAgainstTheBuiltInDemoOrgs() async throws {
        let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let emulator = Process()
        emulator.executableURL = ProcessRunner.executable
        emulator.arguments = ["emulator", "--port", "0", "--activation-delay-ms", "20"]
        let out = Pipe()
        emulator.standardOutput = out
        emulator.standardError = FileHandle.nullDevice
        try emulator.run()
        defer { emulator.interrupt() }
        // The first line is "listening on http://HOST:PORT" (DESIGN.md "The emulator").
        let line = await withCheckedContinuation { continuation in
            onOwnThread {
                var text = ""
                while !text.contains("\n") {
                    let chunk = out.fileHandleForReading.availableData
                    if chunk.isEmpty { break }
                    text += String(decoding: chunk, as: UTF8.self)
                }
                continuation.resume(returning: text)
            }
        }
        let url = try #require(line.split(separator: "\n").first.map { $0.replacingOccurrences(of: "listening on ", with: "") })
        #expect(url.hasPrefix("http://127.0.0.1:"))
        var env = ProcessInfo.processInfo.environment
        env["MESSENGERCTL_ENDPOINT"] = url + "/{region}"
        for tenant in ["acme-us", "acme-eu", "acme-au"] {
            let prefix = tenant.uppercased().replacingOccurrences(of: "-", with: "_")
            env["\(prefix)_CLIENT_ID"] = "\(tenant)-ci"
            env["\(prefix)_CLIENT_SECRET"] = "\(tenant)-ci-secret"
        }
        let plan = try await ProcessRunner.run(["plan", "--detailed-exitcode"], in: repo, environment: env)
        #expect(plan.status == 2, "\(plan.all)")
        #expect(plan.stdout.contains("Plan: 21 to create"), "\(plan.stdout)")
    }
}

import Foundation
import GenesysCloud
import TestSupport
import Testing

/// End to end: `messengerctl drift --format html --out drift.html` writes one self-contained status
/// page (issue 14, "A status page for the nightly drift job"): counts first, a table by severity,
/// each tenant folded, hostile text escaped, no secret; and a real browser shows it without a
/// console error.
@Suite(.serialized) struct DriftHTMLTests {
    static let hostile = "<script>alert(\"x\")</script>"

    static func body(colour: String, extra: String = "") -> String {
        """
        configurations:
          - name: support
            description: 'Support \(hostile)'
            languages: [en-us, de]
            defaultLanguage: en-us
            messenger:
              enabled: true
              styles: { primaryColor: "\(colour)" }
              launcherButton: { visibility: On }
            greetings:
              en-us: { title: "Hello!", subtitle: "How can we help?", launcher: "Chat with us" }
              de: { title: "Hallo!", subtitle: "Wie können wir helfen?", launcher: "Chatten" }
        deployments:
          - name: web
            configuration: support
            allowedDomains: [www.example.com]
        \(extra)
        """
    }

    static func harness() async throws -> CLIHarness {
        try await CLIHarness(tenants: [
            .init(name: "t1", region: "eu-west-1", organizationId: "6a1e2b3c-4d5e-4f60-8a7b-9c0d1e2f3a61", secret: PlanApplyTests.sentinel, yamlBody: body(colour: "#0052CC")),
            .init(name: "t2", region: "us-east-1", organizationId: "6a1e2b3c-4d5e-4f60-8a7b-9c0d1e2f3a62", secret: "secret-t2", yamlBody: body(colour: "#00875A")),
            .init(name: "t3", region: "ap-southeast-2", organizationId: "6a1e2b3c-4d5e-4f60-8a7b-9c0d1e2f3a63", secret: "secret-t3", yamlBody: body(colour: "#0052CC")),
            .init(
                name: "t4", region: "eu-central-1", organizationId: "6a1e2b3c-4d5e-4f60-8a7b-9c0d1e2f3a64", secret: "secret-t4",
                yamlBody: body(colour: "#0052CC", extra: """
                    ignore:
                      - path: configurations[support].messenger.launcherButton
                        reason: campaigns switch the launcher
                    """)),
        ])
    }

    /// Applies every tenant, then: in t1 the admin writes hostile text into the description and
    /// changes the colour; in t4 the admin switches the ignored launcher off.
    static func history(_ h: CLIHarness) async throws {
        let applied = try await h.run(["apply", "--auto-approve"])
        #expect(applied.status == 0, "\(applied.all)")
        let transport = GenesysTransport()
        defer { Task { try? await transport.shutdown() } }
        let admin = try h.adminClient(tenant: "t1", transport: transport)
        try await admin.uiEdit(configuration: "support") {
            $0.set("description", .string("<img src=x onerror=alert(1)> & \(hostile)"))
            $0.set("messenger.styles.primaryColor", "#AA0000")
        }
        try await admin.pointDeploymentsAtLatest(configuration: "support")
        let admin4 = try h.adminClient(tenant: "t4", transport: transport)
        try await admin4.uiEdit(configuration: "support") { $0.set("messenger.launcherButton.visibility", "Off") }
        try await admin4.pointDeploymentsAtLatest(configuration: "support")
    }

    /// Runs the drift page with t3's secret wrong (so t3 cannot be checked) and returns its text.
    static func page(_ h: CLIHarness, out: String = "reports/drift.html") async throws -> (ProcessRunner.Result, String) {
        let result = try await h.run(["drift", "--format", "html", "--out", out], environment: ["T3_CLIENT_SECRET": "wrong-secret"])
        let html = (try? String(contentsOfFile: h.path(out), encoding: .utf8)) ?? ""
        return (result, html)
    }

    @Test func thePageLeadsWithCountsThenFindingsBySeverityEscapedAndWithoutSecrets() async throws {
        try await CLIHarness.with(await Self.harness()) { h in
            try await Self.history(h)
            let (result, html) = try await Self.page(h)

            // Exit code as the other formats: an error wins over drift.
            #expect(result.status == 1, "\(result.all)")
            #expect(result.stdout.isEmpty, "the page goes to --out, not stdout: \(result.stdout)")
            #expect(html.hasPrefix("<!DOCTYPE html>"), "\(html.prefix(200))")

            // One line of counts before anything else.
            let counts = try #require(html.range(of: "id=\"counts\"")).lowerBound
            let table = try #require(html.range(of: "id=\"findings\"")).lowerBound
            #expect(counts < table)
            for count in ["<b>1</b> in sync", "<b>1</b> drifted", "<b>1</b> error", "<b>1</b> ignored", "<b>0</b> not checked"] {
                #expect(html.contains(count), "no \(count) in the counts")
            }
            // Rows most severe first: t3's error, then t1's drift, then t4's ignored field.
            let rows = html.components(separatedBy: "<tr class=\"").dropFirst().map { String($0.prefix(while: { $0 != "\"" })) }
            #expect(rows.first == "error" && rows.last == "ignored", "\(rows)")
            #expect(rows == rows.sorted { ["error": 0, "drift": 1, "ignored": 2][$0]! < ["error": 0, "drift": 1, "ignored": 2][$1]! }, "\(rows)")
            // The drifted colour: live → file, who and when, and both fixes.
            let colour = try #require(html.components(separatedBy: "<tr class=\"").dropFirst().first { $0.contains("messenger.styles.primaryColor") })
            #expect(colour.contains("&quot;#AA0000&quot;</code> → <code>&quot;#0052CC&quot;"), "\(colour)")
            #expect(colour.contains("by Admin UI user"), "\(colour)")
            #expect(colour.contains("Re-apply") && colour.contains("accept it"), "\(colour)")
            // The error is in the last column, whole; each tenant folds.
            let error = try #require(html.components(separatedBy: "<tr class=\"").first { $0.hasPrefix("error\"") })
            #expect(error.contains("<td data-label=\"Notes\" class=\"notes\"><pre>"), "\(error)")
            for tenant in ["t1", "t2", "t3", "t4"] { #expect(html.contains("<details id=\"tenant-\(tenant)\">")) }

            // Hostile text is shown, never markup: no element the server or the file did not come from us.
            #expect(!html.contains("<script"), "unescaped script in the page")
            #expect(!html.contains("<img"), "unescaped img in the page")
            #expect(html.contains("&lt;script&gt;alert(\\&quot;x\\&quot;)&lt;/script&gt;"))
            #expect(html.contains("&lt;img src=x onerror=alert(1)&gt;"))
            // Self-contained: nothing is fetched.
            #expect(!html.contains("http://") && !html.contains("https://") && !html.contains("src=\"") && !html.contains("href=\"http"), "the page refers to something outside itself")
            // No secret: neither t1's sentinel secret nor t3's wrong one.
            #expect(!html.contains(PlanApplyTests.sentinel) && !html.contains("wrong-secret"))
            #expect(!result.all.contains(PlanApplyTests.sentinel))
        }
    }

    @Test func aRealBrowserShowsTheCountsWithoutAConsoleError() async throws {
        guard !Chromium.skipped else {
            print("skipped: MESSENGERCTL_NO_BROWSER=1, the drift page was not opened in a browser")
            return
        }
        try await CLIHarness.with(await Self.harness()) { h in
            try await Self.history(h)
            let (_, html) = try await Self.page(h)
            #expect(!html.isEmpty)

            let folder = try Chromium.screenshotFolder()
            let file = URL(fileURLWithPath: h.path("reports/drift.html"))
            for (name, width, height) in [("drift-page-phone.png", 390, 1400), ("drift-page.png", 1280, 900)] {
                let page = try await Chromium.open(file, width: width, height: height, screenshot: folder.appendingPathComponent(name))
                #expect(page.console.isEmpty, "console messages: \(page.console)")
                // The browser's own parse: the counts show, and no script element exists.
                #expect(page.dom.contains("<b>1</b> drifted") && page.dom.contains("<b>1</b> error"), "\(page.dom.prefix(2000))")
                #expect(!page.dom.contains("<script"), "the browser built a script element")
                let size = try #require(Chromium.pngSize(page.screenshot), "no screenshot at \(page.screenshot.path)")
                #expect(size.width == width && size.height == height)
                print("drift page screenshot (\(width)×\(height)): \(page.screenshot.path)")
            }
        }
    }

    /// The check above can fail: a page whose script writes to the console, or that loads from the
    /// network, is caught.
    @Test func theBrowserCheckCatchesAConsoleError() async throws {
        guard !Chromium.skipped else { return }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("messengerctl-browser-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let bad = folder.appendingPathComponent("bad.html")
        try "<!DOCTYPE html><p>x</p><script>console.error('boom')</script>".write(to: bad, atomically: true, encoding: .utf8)
        let page = try await Chromium.open(bad, width: 320, height: 240, screenshot: folder.appendingPathComponent("bad.png"))
        #expect(page.console.contains { $0.contains("boom") }, "\(page.console)")
    }
}

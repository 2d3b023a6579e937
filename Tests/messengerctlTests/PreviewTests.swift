import Foundation
import GenesysCloud
import Reconciler
import TestSupport
import Testing

/// End to end: `messengerctl preview --out DIR` draws each configuration per language as an SVG
/// sketch; `plan --preview DIR` draws every changed configuration before and after; `plan --format
/// html` and the drift page show them side by side; a real browser opens them (issue 14).
@Suite(.serialized) struct PreviewTests {
    static let body = """
        policy: { contrastWith: "#FFFFFF", minContrast: 4.5 }
        configurations:
          - name: support
            languages: [en-us, de]
            defaultLanguage: en-us
            messenger:
              enabled: true
              styles: { primaryColor: "#0052CC" }
              launcherButton: { visibility: On, displayType: IconAndText }
            position: { alignment: Left, sideSpace: 40, bottomSpace: 30 }
            greetings:
              en-us: { title: "Hello!", subtitle: "How can we help?", launcher: "Chat <script>x</script>" }
              de: { title: "Hallo!", subtitle: "Wie können wir helfen?", launcher: "Chatten" }

        """

    static func harness() async throws -> CLIHarness {
        try await CLIHarness(tenants: [
            .init(name: "t1", region: "eu-west-1", organizationId: "6a1e2b3c-4d5e-4f60-8a7b-9c0d1e2f3a81", secret: PlanApplyTests.sentinel, yamlBody: body)
        ])
    }

    static func ratio(_ colour: String) -> String {
        String(format: "%.2f:1", HexColour(colour)!.contrastRatio(with: HexColour("#FFFFFF")!))
    }

    @Test func previewDrawsEachConfigurationPerLanguage() async throws {
        try await CLIHarness.with(await Self.harness()) { h in
            let result = try await h.run(["preview", "--out", "previews"])
            #expect(result.status == 0, "\(result.all)")
            let english = try String(contentsOfFile: h.path("previews/t1/support.en-us.svg"), encoding: .utf8)
            let german = try String(contentsOfFile: h.path("previews/t1/support.de.svg"), encoding: .utf8)
            #expect(result.stdout.contains("previews/t1/support.de.svg"), "the paths are printed: \(result.stdout)")
            #expect(german.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
            #expect(german.contains(">Hallo!</text>") && german.contains(">Wie können wir helfen?</text>") && german.contains(">Chatten</text>"))
            #expect(english.contains(">Hello!</text>") && !english.contains("Hallo"))
            // Colour from primaryColor, text in policy.contrastWith, the ratio beside it.
            #expect(german.contains("fill=\"#0052CC\"") && german.contains("fill=\"#FFFFFF\""))
            #expect(german.contains("contrast \(Self.ratio("#0052CC"))"), "\(german)")
            // The launcher on the left, 40 from the side and 30 from the bottom, with icon and text.
            #expect(german.contains("launcher On · IconAndText · Left side 40 bottom 30"))
            #expect(german.contains("<rect x=\"40\" y=\"\(560 - 30 - 56)\""), "the launcher is where position says")
            // Hostile text is text.
            #expect(!english.contains("<script") && english.contains("&lt;script&gt;"))
            #expect(german.contains("not a render"))
        }
    }

    @Test func planPreviewDrawsBeforeAndAfterAndTheHTMLPlanShowsThemSideBySide() async throws {
        try await CLIHarness.with(await Self.harness()) { h in
            #expect(try await h.run(["apply", "--auto-approve"]).status == 0)
            try h.write(tenant: "t1", try h.read(tenant: "t1").replacingOccurrences(of: "#0052CC", with: "#00664D")
                .replacingOccurrences(of: "Wie können wir helfen?", with: "Wie kann ich helfen?"))

            let plan = try await h.run(["plan", "--preview", "previews"])
            #expect(plan.status == 0, "\(plan.all)")
            let before = try String(contentsOfFile: h.path("previews/t1/support.de.before.svg"), encoding: .utf8)
            let after = try String(contentsOfFile: h.path("previews/t1/support.de.after.svg"), encoding: .utf8)
            #expect(before.contains("fill=\"#0052CC\"") && before.contains("Wie können wir helfen?"))
            #expect(after.contains("fill=\"#00664D\"") && after.contains("Wie kann ich helfen?"))
            #expect(after.contains("contrast \(Self.ratio("#00664D")) ≥ 4.5 ✓"), "\(after)")
            #expect(FileManager.default.fileExists(atPath: h.path("previews/t1/support.en-us.before.svg")))

            let html = try await h.run(["plan", "--format", "html"])
            #expect(html.status == 0)
            let pairs = html.stdout.components(separatedBy: "<div class=\"pair\">").dropFirst()
            #expect(pairs.count == 2, "one pair per language")
            #expect(pairs.allSatisfy { $0.components(separatedBy: "<svg ").count == 3 }, "before and after side by side")
            #expect(!html.stdout.contains("<script") && !html.stdout.contains("http://") && !html.all.contains(PlanApplyTests.sentinel))

            // The drift page shows live and file side by side too.
            let drift = try await h.run(["drift", "--format", "html", "--out", "drift.html"])
            #expect(drift.status == 2)
            let page = try String(contentsOfFile: h.path("drift.html"), encoding: .utf8)
            #expect(page.contains("<figcaption>live: support · de</figcaption>") && page.contains("<figcaption>file: support · de</figcaption>"))
        }
    }

    @Test func aRealBrowserShowsThePreviewAndTheHTMLPlan() async throws {
        guard !Chromium.skipped else {
            print("skipped: MESSENGERCTL_NO_BROWSER=1, the previews were not opened in a browser")
            return
        }
        try await CLIHarness.with(await Self.harness()) { h in
            #expect(try await h.run(["apply", "--auto-approve"]).status == 0)
            try h.write(tenant: "t1", try h.read(tenant: "t1").replacingOccurrences(of: "#0052CC", with: "#00875A"))
            #expect(try await h.run(["preview", "--out", "previews"]).status == 0)
            let html = try await h.run(["plan", "--format", "html"])
            try html.stdout.write(toFile: h.path("plan.html"), atomically: true, encoding: .utf8)

            let folder = try Chromium.screenshotFolder()
            let svg = try await Chromium.open(
                URL(fileURLWithPath: h.path("previews/t1/support.de.svg")), width: 360, height: 672,
                screenshot: folder.appendingPathComponent("preview-de.png"))
            #expect(svg.console.isEmpty, "\(svg.console)")
            #expect(svg.dom.contains("Hallo!") && !svg.dom.contains("parsererror"), "\(svg.dom.prefix(1500))")
            print("preview screenshot: \(svg.screenshot.path)")

            let page = try await Chromium.open(
                URL(fileURLWithPath: h.path("plan.html")), width: 900, height: 1000, screenshot: folder.appendingPathComponent("plan-html.png"))
            #expect(page.console.isEmpty, "\(page.console)")
            #expect(page.dom.contains("<b>1</b> to update") || page.dom.contains("to update"), "\(page.dom.prefix(1500))")
            #expect(Chromium.pngSize(page.screenshot).map { $0.width == 900 } == true)
            print("HTML plan screenshot: \(page.screenshot.path)")
        }
    }
}

import Testing

@testable import GenesysCloud

/// The byte search that decides whether a response body holds a credential: it must find every
/// occurrence a plain search finds, wherever it sits, or a secret echoed by a server would pass through.
@Suite struct RedactorSearchTests {
    /// The obvious search, to compare with.
    static func naive(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty else { return true }
        guard haystack.count >= needle.count else { return false }
        return (0...(haystack.count - needle.count)).contains { Array(haystack[$0..<($0 + needle.count)]) == needle }
    }

    @Test func findsANeedleAtTheStartTheEndAndAfterFalseStarts() {
        let cases: [(String, String, Bool)] = [
            ("s3cr3t-token", "s3cr3t", true),
            ("{\"a\":\"xx s3cr3t\"}", "s3cr3t\"}", true),
            ("ss3ss3cs3cr3s3cr3t", "s3cr3t", true),
            ("s3cr3", "s3cr3t", false),
            ("xxxxs3cr3", "s3cr3t", false),
            ("", "s3cr3t", false),
            ("anything", "", true),
            ("prefix é s3cr3t-é", "t-é", true),
        ]
        for (haystack, needle, expected) in cases {
            #expect(Redactor.contains(Array(haystack.utf8), needle) == expected, "\(needle) in \(haystack)")
        }
    }

    /// Many small haystacks over a two-letter alphabet, where partial matches are everywhere.
    @Test func agreesWithAPlainSearch() {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state >> 33
        }
        for _ in 0..<2000 {
            let haystack = (0..<Int(next() % 24)).map { _ in next() % 2 == 0 ? UInt8(ascii: "a") : UInt8(ascii: "b") }
            let needle = String((0..<Int(1 + next() % 4)).map { _ in next() % 2 == 0 ? Character("a") : Character("b") })
            #expect(Redactor.contains(haystack, needle) == Self.naive(haystack, Array(needle.utf8)))
        }
    }

    @Test func aBodyEndingInTheSecretIsRedacted() {
        let redactor = Redactor()
        redactor.add(clientId: "ci-client-id", secret: "SENTINEL-s3cr3t")
        let body = Array("{\"message\":\"bad SENTINEL-s3cr3t".utf8)
        let clean = String(decoding: redactor.redact(body), as: UTF8.self)
        #expect(!clean.contains("SENTINEL-s3cr3t"))
        #expect(clean.contains(Redactor.mark))
    }
}

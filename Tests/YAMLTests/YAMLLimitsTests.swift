import Foundation
import Testing
@testable import YAML

/// Hostile input: each limit refuses the file with a clear message, at the first offending position
/// (so the work done is bounded by the limit, not by the input), and without crashing.
@Suite struct YAMLLimitsTests {
    func error(_ text: String, limits: YAMLLimits = .default) -> YAMLError? {
        do {
            _ = try YAMLParser.parse(text, file: "evil.yaml", limits: limits)
            return nil
        } catch {
            return error
        }
    }

    func errorForBytes(_ bytes: [UInt8]) -> YAMLError? {
        do {
            _ = try YAMLParser.parse(bytes: bytes, file: "evil.yaml")
            return nil
        } catch {
            return error
        }
    }

    @Test func billionLaughsFailsFast() {
        var text = "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        for i in 1...9 {
            let refs = Array(repeating: "*a\(i - 1)", count: 10).joined(separator: ", ")
            text += "a\(i): &a\(i) [\(refs)]\n"
        }
        let e = error(text)
        #expect(e?.message.contains("billion laughs") == true)
        #expect(e?.message.contains("100000 nodes") == true)
        // Failing fast means stopping at the first alias over budget (a4 = 111,111 nodes on line 5),
        // not after expanding the 10^10 nodes of a9. Speed itself is measured by scripts/bench-validate.
        #expect(e?.mark.line == 5)
    }

    @Test func deepNestingHitsTheDepthLimitWithoutRecursing() {
        let depth = 100_000
        let flow = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        let e1 = error(flow)
        #expect(e1?.message.contains("nesting deeper than 128") == true)
        #expect(e1?.mark == Mark(line: 1, column: 129))

        var block = ""
        for level in 0..<1_000 { block += String(repeating: " ", count: level) + "k:\n" }
        let e2 = error(block)
        #expect(e2?.message.contains("nesting deeper than 128") == true, "\(String(describing: e2))")
    }

    @Test func nestingWithinTheLimitIsAccepted() throws {
        let text = String(repeating: "[", count: 100) + "x" + String(repeating: "]", count: 100)
        #expect(try YAMLParser.parse(text, file: "ok.yaml") != nil)
    }

    @Test func oversizedFileIsRefusedBeforeParsing() {
        let big = [UInt8](repeating: UInt8(ascii: "a"), count: 8 * 1024 * 1024 + 1)
        let e = errorForBytes(big)
        #expect(e?.message.contains("larger than the limit of 8388608 bytes") == true)
    }

    @Test func invalidUTF8IsRefusedWithItsPosition() {
        var bytes = Array("name: ok\ntitle: caf".utf8)
        bytes += [0xC3, 0x28]  // 0xC3 must be followed by a continuation byte
        let e = errorForBytes(bytes)
        #expect(e?.message.contains("invalid UTF-8") == true)
        #expect(e?.mark == Mark(line: 2, column: 11))
        // Overlong encoding of "/" and an encoded surrogate are invalid too.
        #expect(errorForBytes(Array("a: ".utf8) + [0xC0, 0xAF])?.message.contains("invalid UTF-8") == true)
        #expect(errorForBytes(Array("a: ".utf8) + [0xED, 0xA0, 0x80])?.message.contains("invalid UTF-8") == true)
    }

    @Test func controlCharactersAreRefused() {
        let e = error("a: b\nc: d\u{07}e\n")
        #expect(e?.message.contains("control character U+0007") == true)
        #expect(e?.mark == Mark(line: 2, column: 5))
        #expect(error("a: \u{1B}[31m\n")?.message.contains("U+001B") == true)
        #expect(error("a: x\u{85}y\u{9B}\n")?.message.contains("U+009B") == true)
        // Tabs, CR and LF are fine.
        #expect(error("a:\t'b'\r\nc: d\n") == nil)
    }

    @Test func duplicateKeysNameBothPositions() {
        let e = error("tenant: a\nregion: x\nnested:\n  k: 1\n  k: 2\n")
        #expect(e?.mark == Mark(line: 5, column: 3))
        #expect(e?.message.contains("already set at line 4, column 3") == true)
        #expect(error("a: 1\nb: 2\na: 3\n")?.message.contains("duplicate key `a`") == true)
    }
}

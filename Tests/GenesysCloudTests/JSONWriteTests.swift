import Foundation
import Testing

@testable import GenesysCloud

/// Content hashes are taken of `encoded()`, and plans saved by earlier builds carry them: the direct
/// writer must give exactly the bytes `JSONEncoder` gave, for every value.
@Suite struct JSONWriteTests {
    static func reference(_ value: JSONValue) -> [UInt8]? {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(value)).map { Array($0) }
    }

    /// Keys and strings where an order or an escape could differ: digits, case, `_` between the cases,
    /// prefixes, accents precomposed and combining, a sign outside the BMP, every kind of escape.
    static let words = [
        "", "a", "A", "b", "B", "_x", "a10", "a2", "aa", "a-b", "10", "9", "é", "e\u{301}", "ea", "f", "Z", "😀",
        "\u{212B}x", "\u{C5}", "x/y", "say \"hi\"", "back\\slash", "\u{0}", "\u{1}\u{1f}", "\u{7f}", "\u{8}\u{9}\u{a}\u{b}\u{c}\u{d}",
        "\u{2028}\u{2029}", "primaryColor", "#0A66C2", "null",
    ]

    static let numbers: [Double] = [
        0, -0.0, 1, -1, 10240, 0.1, 0.5, 2.5, -3.75, 100.25, 123456789.125, 1e15 + 0.5, 4503599627370496.5,
        8.99e15, 9.0e15, -9.0e15, 1e16, 1e17, 9.3e18, 1e19, 1.2345678901234567e19, 1e21, 1e300, .leastNonzeroMagnitude, 1.5e-7,
        1e-5, 0.001, 2.2250738585072014e-308, 1.7976931348623157e308,
    ]

    struct Generator {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }

        mutating func value(depth: Int) -> JSONValue {
            switch next(depth > 3 ? 4 : 6) {
            case 0: return .null
            case 1: return .bool(next(2) == 0)
            case 2: return .number(JSONWriteTests.numbers[next(JSONWriteTests.numbers.count)])
            case 3: return .string(JSONWriteTests.words[next(JSONWriteTests.words.count)])
            case 4: return .array((0..<next(4)).map { _ in value(depth: depth + 1) })
            default:
                var members: [String: JSONValue] = [:]
                for _ in 0..<next(7) { members[JSONWriteTests.words[next(JSONWriteTests.words.count)]] = value(depth: depth + 1) }
                return .object(members)
            }
        }
    }

    @Test func writesWhatJSONEncoderWrites() throws {
        var generator = Generator(state: 0x5DEE_CE66_D1CE_4E5B)
        for _ in 0..<3000 {
            let value = generator.value(depth: 0)
            let expected = try #require(Self.reference(value))
            let written = try #require(value.compactSortedBytes())
            #expect(written == expected, "\(String(decoding: written, as: UTF8.self)) vs \(String(decoding: expected, as: UTF8.self))")
            #expect(Array(value.encoded()) == expected)
        }
    }

    @Test func everyKeyOfOneObjectInOrder() throws {
        // `é` and `e\u{301}` are one key to a Swift dictionary: the first spelling stays.
        let value = JSONValue.object(Dictionary(Self.words.enumerated().map { ($1, .number(Double($0))) }, uniquingKeysWith: { a, _ in a }))
        #expect(value.compactSortedBytes() == Self.reference(value))
    }

    /// `JSONEncoder` refuses a number JSON cannot spell, and `encoded()` has always written `null` then.
    @Test func aNumberJSONCannotSpellStaysNull() {
        for bad in [Double.infinity, -Double.infinity, Double.nan] {
            let value: JSONValue = ["ok": 1, "bad": [.number(bad)]]
            #expect(value.compactSortedBytes() == nil)
            #expect(Self.reference(value) == nil)
            #expect(value.encoded() == Data("null".utf8))
        }
    }
}

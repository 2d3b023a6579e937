import Foundation
import Testing

@testable import GenesysCloud

/// The one-pass JSON reader gives exactly what `JSONDecoder` gives (value or error) on plain and on odd input.
@Suite struct JSONParseTests {
    static func viaDecoder(_ data: Data) -> JSONValue? { try? JSONDecoder().decode(JSONValue.self, from: data) }

    static let odd: [String] = [
        "{}", "[]", " {\"a\" : [1, -0, 2.5e3, 1E-2, true, false, null, \"x\"]} ", "\"\\u00e9\\ud83d\\ude00\\n\\t\\\"\\\\\\/\"",
        "{\"a\":1,\"a\":2}", "\"\\ud800\"", "\"\\udc00x\"", "\"a\u{01}b\"", "01", "1.", ".5", "-", "1e", "1e400", "-1e400",
        "12345678901234567890", "tru", "nul", "[1,]", "{\"a\":1,}", "[1 2]", "{\"a\" 1}", "\"abc", "[", "{", "1 2",
        String(repeating: "[", count: 600) + String(repeating: "]", count: 600),
        String(repeating: "[", count: 500) + String(repeating: "]", count: 500),
        "{\"name\":\"Support — \\u00fcber\",\"n\":[0.1,1e21,-3]}", "\"\\x\"", "\"\\u12G4\"",
    ]

    @Test func oddInputsParseAsJSONDecoderParsesThem() {
        for text in Self.odd {
            let data = Data(text.utf8)
            let fast = data.withUnsafeBytes { JSONValue.parsePlain($0.bindMemory(to: UInt8.self)) }
            #expect((try? JSONValue.parse(data)) == Self.viaDecoder(data), "\(text.prefix(80)) fast \(String(describing: fast)) decoder \(String(describing: Self.viaDecoder(data)))")
        }
        let invalidUTF8 = Data([0x22, 0xFF, 0xFE, 0x22])
        #expect((try? JSONValue.parse(invalidUTF8)) == Self.viaDecoder(invalidUTF8))
    }

    @Test func randomDocumentsRoundTrip() {
        var generator = SystemRandomNumberGenerator()
        func random(_ depth: Int) -> JSONValue {
            switch Int.random(in: 0..<(depth > 3 ? 4 : 6), using: &generator) {
            case 0: return .null
            case 1: return .bool(Bool.random(using: &generator))
            case 2: return .number(Bool.random() ? Double(Int.random(in: -1_000_000...1_000_000)) : Double.random(in: -1e6...1e6))
            case 3: return .string(String((0..<Int.random(in: 0..<12)).map { _ in "aé\"\\/\n\u{1F600}x ".randomElement()! }))
            case 4: return .array((0..<Int.random(in: 0..<5)).map { _ in random(depth + 1) })
            default: return .object(Dictionary(uniqueKeysWithValues: (0..<Int.random(in: 0..<5)).map { ("k\($0)", random(depth + 1)) }))
            }
        }
        for _ in 0..<300 {
            let data = random(0).encoded()
            #expect((try? JSONValue.parse(data)) == Self.viaDecoder(data), "\(String(decoding: data, as: UTF8.self).prefix(200))")
        }
    }
}

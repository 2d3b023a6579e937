/// A small, fast, seedable random number generator (SplitMix64), so a fuzz run is reproducible from
/// its seed on every platform (`SystemRandomNumberGenerator` cannot be seeded).
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Mutates YAML bytes the way hostile or careless edits would: bit flips, YAML-significant tokens,
/// invalid UTF-8, deep nesting, alias bombs, and whole-line splices, duplications and deletions.
///
/// Works on bytes, not `String`, so it can produce what no editor would save (invalid UTF-8, NUL,
/// a lone CR) and the parser's own checks get exercised.
struct YAMLMutator {
    /// Tokens that change YAML structure or meaning wherever they land.
    static let tokens: [[UInt8]] = {
        let text: [String] = [
            ":", ": ", "- ", "-", "[", "]", "{", "}", ",", "? ", "&a ", "*a", "&a", "*b", "!!str ", "!!int ",
            "!!binary ", "!!map ", "!!seq ", "!custom ", "!<tag:x> ", "<<: ", "<<: *a\n", "\t", "#", " #", "'", "\"",
            "|", ">", "|-\n", ">+\n", "---\n", "...\n", "%YAML 1.1\n", "%TAG ! tag:x,2000:\n", "\\", "\\u0000", "\n",
            "\r", "\r\n", "  ", "    ", "~", "null", "Null", "yes", "No", "On", "off", "true", "0x1F", "0o17", "017",
            "1_000", "1e999", "-.inf", ".nan", "2026-13-45", "25:61", "\"#GGGGGG\"", "#0052CC", "extends: ",
            "extends: ../bases/acme.yaml\n", "extends: fuzz.yaml\n", "extends: /\n", "tenant: ", "region: ",
            "configurations:\n", "greetings:\n", "availability:\n", "- name: x\n", "id: 1\n", "version: 2\n",
            "\u{FEFF}", "\u{0085}", "\u{2028}", "\u{00A0}", "é", "😀", "\u{0301}", "ß",
        ]
        var tokens = text.map { Array($0.utf8) }
        // Invalid UTF-8: a lone continuation byte, an overlong NUL, an encoded surrogate, a cut-off
        // sequence, bytes that never occur, plus raw control characters.
        tokens += [[0x80], [0xC0, 0x80], [0xED, 0xA0, 0x80], [0xE2, 0x82], [0xFF], [0xF5, 0x80, 0x80, 0x80], [0x00], [0x1B], [0x7F], [0xC2, 0x9B]]
        return tokens
    }()

    /// Values that a typed field might be handed instead of what it expects.
    static let values: [String] = [
        "", "~", "null", "[]", "{}", "[a, b]", "{a: 1}", "0", "-1", "99999999999999999999999", "1.5", "1e400", "true",
        "On", "\"\"", "'x'", "|\n  text\n", "*a", "&a v", "!!str 12", "\"#FFFFFF\"", "\"#fff\"", "x" + String(repeating: "y", count: 300),
        "\"\\uD800\"", "\"\\x00\"", "2026-02-30", "\"24:00\"", "[MO, XX]", "{ days: [], from: \"17:00\", to: \"09:00\" }",
    ]

    var rng: SplitMix64

    init(seed: UInt64) { rng = SplitMix64(seed: seed) }

    /// One to four mutations of `input`; `donors` supply lines to splice in.
    mutating func mutate(_ input: [UInt8], donors: [[UInt8]]) -> [UInt8] {
        var bytes = input
        for _ in 0..<Int.random(in: 1...4, using: &rng) {
            bytes = mutateOnce(bytes, donors: donors)
        }
        return bytes
    }

    private mutating func mutateOnce(_ input: [UInt8], donors: [[UInt8]]) -> [UInt8] {
        var bytes = input
        switch Int.random(in: 0..<12, using: &rng) {
        case 0 where !bytes.isEmpty:
            let i = index(in: bytes)
            bytes[i] ^= UInt8(1) << UInt8.random(in: 0..<8, using: &rng)
        case 1, 2:
            bytes.insert(contentsOf: Self.tokens.randomElement(using: &rng)!, at: position(in: bytes))
        case 3 where !bytes.isEmpty:
            let i = index(in: bytes)
            let length = min(bytes.count - i, Int.random(in: 1...8, using: &rng))
            bytes.replaceSubrange(i..<(i + length), with: Self.tokens.randomElement(using: &rng)!)
        case 4:
            bytes.insert(contentsOf: nesting(), at: position(in: bytes))
        case 5:
            var lines = Self.lines(bytes)
            let donor = Self.lines(donors.randomElement(using: &rng) ?? bytes)
            if let line = donor.randomElement(using: &rng) {
                lines.insert(line, at: Int.random(in: 0...lines.count, using: &rng))
            }
            bytes = Self.join(lines)
        case 6:
            var lines = Self.lines(bytes)
            if let i = lines.indices.randomElement(using: &rng) { lines.insert(lines[i], at: Int.random(in: 0...lines.count, using: &rng)) }
            bytes = Self.join(lines)
        case 7:
            var lines = Self.lines(bytes)
            if let i = lines.indices.randomElement(using: &rng) { lines.remove(at: i) }
            bytes = Self.join(lines)
        case 8:
            var lines = Self.lines(bytes)
            if let i = lines.indices.randomElement(using: &rng) {
                if Bool.random(using: &rng) {
                    lines[i].insert(contentsOf: Array(repeating: UInt8(ascii: " "), count: Int.random(in: 1...4, using: &rng)), at: 0)
                } else {
                    lines[i].removeFirst(min(lines[i].prefix { $0 == UInt8(ascii: " ") }.count, Int.random(in: 1...4, using: &rng)))
                }
            }
            bytes = Self.join(lines)
        case 9:
            // Replace the value after a `: ` with a value of another type or shape.
            var lines = Self.lines(bytes)
            let candidates = lines.indices.filter { lines[$0].firstRange(of: Array(": ".utf8)) != nil }
            if let i = candidates.randomElement(using: &rng), let range = lines[i].firstRange(of: Array(": ".utf8)) {
                lines[i] = Array(lines[i][..<range.upperBound]) + Array(Self.values.randomElement(using: &rng)!.utf8)
            }
            bytes = Self.join(lines)
        case 10:
            bytes = Array(bytes.prefix(Int.random(in: 0...bytes.count, using: &rng)))
        default:
            bytes += aliasChain()
        }
        return bytes
    }

    private mutating func index(in bytes: [UInt8]) -> Int { Int.random(in: 0..<bytes.count, using: &rng) }
    private mutating func position(in bytes: [UInt8]) -> Int { Int.random(in: 0...bytes.count, using: &rng) }

    /// Nesting from a few levels to well past `YAMLLimits.maxDepth`, in flow or block style.
    private mutating func nesting() -> [UInt8] {
        let depth = Int.random(in: 1...200, using: &rng)
        switch Int.random(in: 0..<3, using: &rng) {
        case 0: return Array(String(repeating: "[", count: depth).utf8)
        case 1: return Array((String(repeating: "{a: ", count: depth) + "x" + String(repeating: "}", count: depth)).utf8)
        default:
            var text = "\n"
            for level in 0..<depth { text += String(repeating: " ", count: level) + "- \n" }
            return Array(text.utf8)
        }
    }

    /// An anchor and a chain of aliases that doubles at each level ("billion laughs").
    private mutating func aliasChain() -> [UInt8] {
        // Short chains, or long ones that cross `YAMLLimits.maxExpandedNodes` (100,000) early:
        // chains just under the limit are legal but slow, and would eat the CI budget.
        let levels = Bool.random(using: &rng) ? Int.random(in: 1...8, using: &rng) : Int.random(in: 18...24, using: &rng)
        var text = "\nb0: &b0 [x, x]\n"
        for level in 1..<max(levels, 2) {
            text += "b\(level): &b\(level) [*b\(level - 1), *b\(level - 1)]\n"
        }
        return Array(text.utf8)
    }

    /// Lines including their line break, so joining gives the bytes back.
    static func lines(_ bytes: [UInt8]) -> [[UInt8]] {
        var lines: [[UInt8]] = []
        var current: [UInt8] = []
        for byte in bytes {
            current.append(byte)
            if byte == UInt8(ascii: "\n") {
                lines.append(current)
                current = []
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }

    static func join(_ lines: [[UInt8]]) -> [UInt8] {
        var bytes: [UInt8] = []
        for line in lines {
            bytes += line
            // A spliced last line without its break would glue onto the next one.
            if line.last != UInt8(ascii: "\n") && line.last != UInt8(ascii: "\r") { bytes.append(UInt8(ascii: "\n")) }
        }
        return bytes
    }
}

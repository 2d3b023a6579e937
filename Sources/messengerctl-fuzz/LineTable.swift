/// Characters per line of some bytes, to check a reported `line:column` lies inside them.
///
/// Lines break at LF, CR and CRLF (the parser's character check) or also at NEL, LS and PS (libyaml);
/// a position is accepted when it is inside the bytes under either reading.
struct LineTable: Sendable {
    let plain: [Int]
    let unicode: [Int]

    init(_ bytes: [UInt8]) {
        plain = Self.lengths(bytes, unicodeBreaks: false)
        unicode = Self.lengths(bytes, unicodeBreaks: true)
    }

    var count: Int { plain.count }

    /// A character, the end of a line, or the end of the file (1-based).
    func contains(_ line: Int, _ column: Int) -> Bool {
        Self.contains(line, column, plain) || Self.contains(line, column, unicode)
    }

    private static func contains(_ line: Int, _ column: Int, _ lines: [Int]) -> Bool {
        guard line >= 1, column >= 1 else { return false }
        if line == lines.count + 1 { return column == 1 }
        return line <= lines.count && column <= lines[line - 1] + 1
    }

    private static func lengths(_ b: [UInt8], unicodeBreaks: Bool) -> [Int] {
        var lengths: [Int] = []
        var current = 0
        var i = 0
        while i < b.count {
            var breakLength = 0
            if b[i] == 0x0A {
                breakLength = 1
            } else if b[i] == 0x0D {
                breakLength = i + 1 < b.count && b[i + 1] == 0x0A ? 2 : 1
            } else if unicodeBreaks && b[i] == 0xC2 && i + 1 < b.count && b[i + 1] == 0x85 {
                breakLength = 2
            } else if unicodeBreaks && b[i] == 0xE2 && i + 2 < b.count && b[i + 1] == 0x80 && (b[i + 2] == 0xA8 || b[i + 2] == 0xA9) {
                breakLength = 3
            }
            if breakLength > 0 {
                lengths.append(current)
                current = 0
                i += breakLength
                continue
            }
            // Continuation bytes belong to the character before them.
            if b[i] & 0xC0 != 0x80 { current += 1 }
            i += 1
        }
        if current > 0 { lengths.append(current) }
        return lengths
    }
}

/// The lines of a file's bytes, to check that a reported `line:column` points inside the file.
///
/// Two line models are kept because the two sources of marks differ on rare breaks: the parser's
/// character check breaks lines at LF, CR and CRLF only, while libyaml also breaks at NEL (U+0085),
/// LS (U+2028) and PS (U+2029). A mark is inside the file if it is inside it under either model.
struct SourceText {
    /// Characters (Unicode scalars; an invalid byte counts as one) per line, for each model.
    let plainLines: [Int]
    let unicodeLines: [Int]

    init(_ bytes: [UInt8]) {
        plainLines = Self.lineLengths(bytes, unicodeBreaks: false)
        unicodeLines = Self.lineLengths(bytes, unicodeBreaks: true)
    }

    /// Whether 1-based `line:column` is a character of the file, the end of a line, or the end of the file.
    func contains(line: Int, column: Int) -> Bool {
        Self.contains(line: line, column: column, in: plainLines) || Self.contains(line: line, column: column, in: unicodeLines)
    }

    var lineCount: Int { plainLines.count }

    private static func contains(line: Int, column: Int, in lines: [Int]) -> Bool {
        guard line >= 1, column >= 1 else { return false }
        if line == lines.count + 1 { return column == 1 }
        guard line <= lines.count else { return false }
        return column <= lines[line - 1] + 1
    }

    private static func lineLengths(_ b: [UInt8], unicodeBreaks: Bool) -> [Int] {
        var lengths: [Int] = []
        var current = 0
        var i = 0
        while i < b.count {
            let byte = b[i]
            if byte == 0x0A || byte == 0x0D {
                lengths.append(current)
                current = 0
                i += (byte == 0x0D && i + 1 < b.count && b[i + 1] == 0x0A) ? 2 : 1
                continue
            }
            if unicodeBreaks {
                // NEL is C2 85; LS and PS are E2 80 A8 and E2 80 A9.
                if byte == 0xC2, i + 1 < b.count, b[i + 1] == 0x85 {
                    lengths.append(current)
                    current = 0
                    i += 2
                    continue
                }
                if byte == 0xE2, i + 2 < b.count, b[i + 1] == 0x80, b[i + 2] == 0xA8 || b[i + 2] == 0xA9 {
                    lengths.append(current)
                    current = 0
                    i += 3
                    continue
                }
            }
            // Continuation bytes belong to the character before them.
            if byte & 0xC0 != 0x80 { current += 1 }
            i += 1
        }
        if current > 0 { lengths.append(current) }
        return lengths
    }
}

/// Text from a server or a file, made safe to print: terminal control characters are shown escaped, so
/// a message cannot clear the screen, retitle the window, or fake a line of output (`ESC` → `\u{1b}`,
/// a line break → `\u{a}`).
public enum TerminalText {
    /// - Parameter keepingLineBreaks: keep `\n` for text of several lines that we composed (a tenant's
    ///   error or warnings), whose server-supplied parts were escaped whole before.
    public static func escape(_ text: String, keepingLineBreaks: Bool = false) -> String {
        let escaped = { (scalar: Unicode.Scalar) in isControl(scalar) && !(keepingLineBreaks && scalar == "\n") }
        guard text.unicodeScalars.contains(where: escaped) else { return text }
        var result = ""
        result.reserveCapacity(text.utf8.count + 8)
        for scalar in text.unicodeScalars {
            if escaped(scalar) {
                result += "\\u{" + String(scalar.value, radix: 16) + "}"
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// C0 and C1 controls, DEL, and the bidirectional overrides that reorder what a reader sees.
    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        return v < 0x20 || (0x7F...0x9F).contains(v) || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v)
    }
}

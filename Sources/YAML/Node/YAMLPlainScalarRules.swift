/// What YAML 1.1 resolvers (PyYAML, libyaml-based tools, Genesys' own Terraform provider's YAML
/// readers) do with a plain scalar, so the emitter can quote strings that would otherwise change type.
enum YAMLPlainScalarRules {
    /// YAML 1.1 `bool` (yes/no/on/off/y/n/true/false in three casings) and `null` spellings.
    static let ambiguousWords: Set<String> = {
        let words = ["y", "yes", "n", "no", "true", "false", "on", "off", "null"]
        var all: Set<String> = ["~", "", "Y", "N"]
        for w in words {
            all.insert(w)
            all.insert(w.prefix(1).uppercased() + w.dropFirst())
            all.insert(w.uppercased())
        }
        return all
    }()

    static func isNull(_ text: String) -> Bool {
        text.isEmpty || text == "~" || text == "null" || text == "Null" || text == "NULL"
    }

    static func decimalInteger(_ text: String) -> Int? {
        var digits = Substring(text)
        if digits.first == "-" || digits.first == "+" { digits = digits.dropFirst() }
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return Int(text.first == "+" ? String(text.dropFirst()) : text)
    }

    static func decimalNumber(_ text: String) -> Double? {
        guard !text.isEmpty,
            text.allSatisfy({ $0.isASCII && ($0.isNumber || "+-.eE".contains($0)) }),
            text.contains(where: { $0.isNumber })
        else { return nil }
        return Double(text)
    }

    /// Anything that starts like a number, date or sexagesimal (`1.0`, `0x1F`, `1_000`, `12:30`,
    /// `2026-12-25`, `.inf`, `.NaN`) is treated as ambiguous: quoting too much is harmless.
    static func looksNumeric(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first else { return false }
        if first.properties.numericType != nil && first.isASCII { return true }
        if first == "-" || first == "+" || first == "." {
            let rest = text.unicodeScalars.dropFirst()
            if let second = rest.first, second.isASCII, ("0"..."9").contains(second) || second == "." { return true }
            let lower = String(String.UnicodeScalarView(rest)).lowercased()
            if lower == "inf" || lower == "nan" || lower == ".inf" { return true }
        }
        return false
    }

    static let indicatorStarts: Set<Unicode.Scalar> = [
        "-", "?", ":", ",", "[", "]", "{", "}", "#", "&", "*", "!", "|", ">", "'", "\"", "%", "@", "`",
    ]

    /// Whether `text` written plain reads back as exactly this string under YAML 1.1.
    static func canBePlainString(_ text: String) -> Bool {
        isSyntacticallyPlain(text) && !ambiguousWords.contains(text) && !looksNumeric(text) && text != "<<"
    }

    /// Whether `text` can be written plain without changing structure (regardless of resolved type).
    static func isSyntacticallyPlain(_ text: String) -> Bool {
        let scalars = Array(text.unicodeScalars)
        guard let first = scalars.first, let last = scalars.last else { return false }
        if first == " " || last == " " || first == "\t" || last == "\t" { return false }
        if indicatorStarts.contains(first) {
            // `-x`, `?x`, `:x` start a plain scalar in block context (the emitter's only context)
            // when a non-space follows: `-1` must stay a plain number, not become the string "-1".
            let startsPlain = (first == "-" || first == "?" || first == ":") && scalars.count > 1 && scalars[1] != " " && scalars[1] != "\t"
            if !startsPlain { return false }
        }
        if text.hasPrefix("---") || text.hasPrefix("...") { return false }
        for (i, c) in scalars.enumerated() {
            if c.value < 0x20 || c.value == 0x7F || (0x80...0x9F).contains(c.value) || c == "\u{FEFF}" { return false }
            if c == ":" && (i + 1 == scalars.count || scalars[i + 1] == " ") { return false }
            if c == "#" && i > 0 && scalars[i - 1] == " " { return false }
            if c == "\u{2028}" || c == "\u{2029}" || c == "\u{85}" { return false }
        }
        return true
    }
}

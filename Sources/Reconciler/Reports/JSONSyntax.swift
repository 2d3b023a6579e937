import YAML

/// Finds where a JSON text stops being JSON, so a broken plan file is reported as "truncated at
/// byte N" or "not valid JSON at byte N" instead of Foundation's generic decoding error.
///
/// Only syntax is checked (RFC 8259); values are decoded afterwards by `JSONDecoder`. Nesting is
/// bounded so a hostile file cannot exhaust the stack.
struct JSONSyntax {
    struct Failure: Error, Sendable, Equatable {
        /// 0-based byte offset of the first byte that is not JSON (the file's size when it ended early).
        var offset: Int
        /// 1-based line and column of that byte, for an editor.
        var mark: Mark
        var line: Int { mark.line }
        var column: Int { mark.column }
        /// Whether the text ended before the JSON value did.
        var truncated: Bool
        var message: String
    }

    static let maximumDepth = 512

    private let bytes: [UInt8]
    private var index = 0

    private init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// nil when `bytes` is one JSON value (with optional surrounding whitespace).
    static func check(_ bytes: [UInt8]) -> Failure? {
        var scanner = JSONSyntax(bytes)
        do {
            scanner.skipWhitespace()
            try scanner.value(depth: 0)
            scanner.skipWhitespace()
            if scanner.index < bytes.count { throw scanner.failure("unexpected text after the end of the JSON value") }
            return nil
        } catch let failure as Failure {
            return failure
        } catch {
            return nil
        }
    }

    private func failure(_ message: String) -> Failure {
        var line = 1
        var column = 1
        for byte in bytes[..<min(index, bytes.count)] {
            if byte == 0x0A {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1  // count characters, not UTF-8 continuation bytes
            }
        }
        let truncated = index >= bytes.count
        return Failure(
            offset: index, mark: Mark(line: line, column: column), truncated: truncated,
            message: truncated ? "the file ends in the middle of a value" : message)
    }

    private func unexpected() -> Failure {
        guard index < bytes.count else { return failure("") }
        let byte = bytes[index]
        let shown = byte >= 0x20 && byte < 0x7F ? "`\(Character(Unicode.Scalar(byte)))`" : "byte 0x" + String(byte, radix: 16, uppercase: true)
        return failure("unexpected \(shown)")
    }

    private mutating func skipWhitespace() {
        while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
    }

    private mutating func expect(_ byte: UInt8) throws(Failure) {
        guard index < bytes.count, bytes[index] == byte else { throw unexpected() }
        index += 1
    }

    private mutating func value(depth: Int) throws(Failure) {
        guard index < bytes.count else { throw failure("") }
        guard depth < Self.maximumDepth else { throw failure("nested more than \(Self.maximumDepth) levels deep") }
        switch bytes[index] {
        case UInt8(ascii: "{"):
            try container(closing: UInt8(ascii: "}"), keyed: true, depth: depth)
        case UInt8(ascii: "["):
            try container(closing: UInt8(ascii: "]"), keyed: false, depth: depth)
        case UInt8(ascii: "\""):
            try string()
        case UInt8(ascii: "t"): try literal("true")
        case UInt8(ascii: "f"): try literal("false")
        case UInt8(ascii: "n"): try literal("null")
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            try number()
        default:
            throw unexpected()
        }
    }

    /// An object (`keyed`: `"key": value` members) or an array, from its opening bracket.
    private mutating func container(closing: UInt8, keyed: Bool, depth: Int) throws(Failure) {
        index += 1
        skipWhitespace()
        if index < bytes.count, bytes[index] == closing {
            index += 1
            return
        }
        while true {
            skipWhitespace()
            if keyed {
                guard index < bytes.count else { throw failure("") }
                guard bytes[index] == UInt8(ascii: "\"") else { throw unexpected() }
                try string()
                skipWhitespace()
                try expect(UInt8(ascii: ":"))
                skipWhitespace()
            }
            try value(depth: depth + 1)
            skipWhitespace()
            guard index < bytes.count else { throw failure("") }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
                continue
            }
            try expect(closing)
            return
        }
    }

    private mutating func literal(_ word: String) throws(Failure) {
        for byte in word.utf8 { try expect(byte) }
    }

    private mutating func string() throws(Failure) {
        try expect(UInt8(ascii: "\""))
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\""):
                index += 1
                return
            case UInt8(ascii: "\\"):
                index += 1
                guard index < bytes.count else { throw failure("") }
                if bytes[index] == UInt8(ascii: "u") {
                    index += 1
                    for _ in 0..<4 {
                        guard index < bytes.count else { throw failure("") }
                        guard Character(Unicode.Scalar(bytes[index])).isHexDigit else { throw unexpected() }
                        index += 1
                    }
                } else {
                    guard "\"\\/bfnrt".utf8.contains(bytes[index]) else { throw unexpected() }
                    index += 1
                }
            case 0x00..<0x20:
                throw failure("a control character inside a string")
            default:
                index += 1
            }
        }
        throw failure("")
    }

    private mutating func number() throws(Failure) {
        if bytes[index] == UInt8(ascii: "-") { index += 1 }
        try digits()
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            try digits()
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            try digits()
        }
    }

    private mutating func digits() throws(Failure) {
        let start = index
        while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) { index += 1 }
        if index == start { throw index < bytes.count ? unexpected() : failure("") }
    }
}

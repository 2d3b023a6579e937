// The compact, sorted JSON text of a value is what every content hash and precondition fingerprint is
// taken of (several per tenant), and `JSONEncoder` spent most of that time in its generic boxing and
// dynamic casts (3.5 % of a 500-tenant plan's CPU). This writes the same bytes directly: keys in UTF-8
// byte order, the same escapes, whole numbers as integers and other numbers as Swift prints them, so
// hashes in plans saved by earlier builds still match (`JSONWriteTests` compares it with `JSONEncoder`).

extension JSONValue {
    /// The bytes `JSONEncoder` with `[.sortedKeys, .withoutEscapingSlashes]` writes for this value, or
    /// `nil` when it holds a number JSON cannot spell (`JSONEncoder` refuses those; the caller decides).
    func compactSortedBytes() -> [UInt8]? {
        var out: [UInt8] = []
        out.reserveCapacity(256)
        return write(into: &out) ? out : nil
    }

    private func write(into out: inout [UInt8]) -> Bool {
        switch self {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case .number(let n):
            // As `encode(to:)`: whole numbers without a fraction (`10240`), others as Swift prints a
            // Double, less a trailing `.0` (`1e+16`, `0.5`), which is how `JSONEncoder` writes them.
            guard n.isFinite else { return false }
            if let i = intValue {
                out.append(contentsOf: String(i).utf8)
            } else {
                var text = n.description
                if text.hasSuffix(".0") { text.removeLast(2) }
                out.append(contentsOf: text.utf8)
            }
        case .string(let s): Self.writeString(s.utf8, into: &out)
        case .array(let items):
            out.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                guard item.write(into: &out) else { return false }
            }
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            out.append(UInt8(ascii: "{"))
            let sorted = members.map { (key: Array($0.key.utf8), value: $0.value) }
                .sorted { $0.key.lexicographicallyPrecedes($1.key) }
            for (index, member) in sorted.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                Self.writeString(member.key, into: &out)
                out.append(UInt8(ascii: ":"))
                guard member.value.write(into: &out) else { return false }
            }
            out.append(UInt8(ascii: "}"))
        }
        return true
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    private static func writeString(_ bytes: some Sequence<UInt8>, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "\""): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
            case UInt8(ascii: "\\"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case 0x08: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "b")])
            case 0x09: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case 0x0A: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case 0x0C: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "f")])
            case 0x0D: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case 0x00..<0x20:
                out.append(contentsOf: Array("\\u00".utf8))
                out.append(hexDigits[Int(byte >> 4)])
                out.append(hexDigits[Int(byte & 0x0F)])
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}

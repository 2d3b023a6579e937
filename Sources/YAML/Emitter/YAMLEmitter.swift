/// Writes a `YAMLNode` tree as block-style YAML, keeping key order.
///
/// Scalars keep their style where it is safe: a plain scalar stays plain only when writing it plain
/// cannot change the document's structure; quoted strings stay quoted (as double-quoted, with escapes);
/// multi-line text is written double-quoted so `parse(emit(x))` gives back exactly the same text.
/// Build string values with `YAMLNode.string(_:)`, which quotes what YAML 1.1 would read as a
/// bool, null or number (`On`, `no`, `1.0`, `~`).
public enum YAMLEmitter {
    /// The YAML text for `node`, ending with a newline.
    public static func emit(_ node: YAMLNode) -> String {
        var out = ""
        // An explicit work list instead of recursion: an emitted tree can be as deep as a parsed one.
        enum Work {
            case node(YAMLNode, indent: Int, context: Context)
            case text(String)
        }
        enum Context { case root, mappingValue, sequenceItem }
        var work: [Work] = [.node(node, indent: 0, context: .root)]
        while let item = work.popLast() {
            switch item {
            case .text(let t):
                out += t
            case .node(let n, let indent, let context):
                let pad = String(repeating: " ", count: indent)
                let tagPrefix = n.tag.map { tagText($0) + " " } ?? ""
                switch n.kind {
                case .scalar(let s):
                    let lead = context == .root ? "" : " "
                    if s.style == .plain && s.value.isEmpty {
                        // An empty plain scalar is YAML's null (`key:`, which removes a key in an
                        // overlay); writing `""` would turn it into an empty string. An empty
                        // document is written as an explicit `---` so it still has a root node.
                        out += n.tag.map { lead + tagText($0) + "\n" } ?? (context == .root ? "---\n" : "\n")
                    } else {
                        out += lead + tagPrefix + scalarText(s) + "\n"
                    }
                case .sequence(let items):
                    if items.isEmpty {
                        out += (context == .root ? "" : " ") + tagPrefix + "[]\n"
                        continue
                    }
                    if context == .mappingValue || n.tag != nil {
                        out += (n.tag != nil ? (context == .root ? "" : " ") + tagPrefix.dropLast() : "") + "\n"
                    }
                    var pending: [Work] = []
                    for (i, child) in items.enumerated() {
                        // In a sequence, the first line of an item follows "- " directly.
                        pending.append(.text((i == 0 && context == .sequenceItem && n.tag == nil ? " " : pad) + "-"))
                        pending.append(.node(child, indent: indent + 2, context: .sequenceItem))
                    }
                    work.append(contentsOf: pending.reversed())
                case .mapping(let pairs):
                    if pairs.isEmpty {
                        out += (context == .root ? "" : " ") + tagPrefix + "{}\n"
                        continue
                    }
                    if context == .mappingValue || n.tag != nil {
                        out += (n.tag != nil ? (context == .root ? "" : " ") + tagPrefix.dropLast() : "") + "\n"
                    }
                    var pending: [Work] = []
                    for (i, pair) in pairs.enumerated() {
                        // A key keeps its tag (`!!str 10: x`): without it the key would be read back retyped.
                        let key = (pair.key.tag.map { tagText($0) + " " } ?? "") + (pair.key.scalar.map(scalarText) ?? "\"\"")
                        let firstInItem = i == 0 && context == .sequenceItem && n.tag == nil
                        pending.append(.text((firstInItem ? " " : pad) + key + ":"))
                        pending.append(.node(pair.value, indent: indent + 2, context: .mappingValue))
                    }
                    work.append(contentsOf: pending.reversed())
                }
            }
        }
        return out
    }

    static func tagText(_ tag: String) -> String {
        let core = "tag:yaml.org,2002:"
        if tag.hasPrefix(core) { return "!!" + tag.dropFirst(core.count) }
        if tag.hasPrefix("!") { return tag }
        return "!<\(tag)>"
    }

    static func scalarText(_ s: YAMLScalar) -> String {
        switch s.style {
        case .plain where YAMLPlainScalarRules.isSyntacticallyPlain(s.value) || s.value.isEmpty:
            return s.value.isEmpty ? "\"\"" : s.value
        default:
            return doubleQuoted(s.value)
        }
    }

    static func doubleQuoted(_ text: String) -> String {
        var out = "\""
        for c in text.unicodeScalars {
            switch c {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if c.value < 0x20 || c.value == 0x7F || (0x80...0x9F).contains(c.value) || c == "\u{FEFF}"
                    || c == "\u{2028}" || c == "\u{2029}"
                {
                    out += "\\u" + YAMLParser.hex(c.value)
                } else {
                    out.unicodeScalars.append(c)
                }
            }
        }
        return out + "\""
    }
}

import CYAML

/// Reads one YAML document into a `YAMLNode` tree with 1-based marks, refusing hostile input.
///
/// libyaml does the scanning; this type adds what libyaml does not: duplicate-key detection, alias
/// expansion within a budget, a nesting limit, a size limit, UTF-8 and control-character checks, and
/// refusal of `<<` merge keys (the tenant format has `extends:` for sharing, and merge keys hide where a
/// value came from). The tree is built from events with an explicit stack, so no input can recurse
/// deeply: nesting beyond `YAMLLimits.maxDepth` is refused as soon as the event arrives.
public enum YAMLParser {
    /// Parses `text` (one document).
    /// - Returns: the root node, or `nil` for a file with no document (empty or only comments).
    /// - Throws: `YAMLError` naming `file`, the 1-based position and what to do.
    public static func parse(_ text: String, file: String, limits: YAMLLimits = .default) throws(YAMLError) -> YAMLNode? {
        try parse(bytes: Array(text.utf8), file: file, limits: limits)
    }

    /// Parses raw bytes (UTF-8 is required and checked). A duplicate key is thrown as an error.
    public static func parse(bytes: [UInt8], file: String, limits: YAMLLimits = .default) throws(YAMLError) -> YAMLNode? {
        var problems: [YAMLError] = []
        let node = try parse(bytes: bytes, file: file, limits: limits, problems: &problems)
        if let first = problems.first { throw first }
        return node
    }

    /// Parses raw bytes, collecting the problems parsing can go on after (every duplicate key, each
    /// with the place of the first) in `problems` instead of stopping at the first; what cannot be
    /// parsed past is thrown. With problems, the tree keeps the first value of each duplicated key.
    public static func parse(
        bytes: [UInt8], file: String, limits: YAMLLimits = .default, problems: inout [YAMLError]
    ) throws(YAMLError) -> YAMLNode? {
        if bytes.count > limits.maxBytes {
            throw YAMLError(
                file: file, mark: Mark(line: 1, column: 1),
                message: "file is \(bytes.count) bytes, larger than the limit of \(limits.maxBytes) bytes; split it or check it is the right file")
        }
        try checkCharacters(bytes, file: file)
        var builder = TreeBuilder(file: file, limits: limits)
        defer { problems += builder.problems }
        return try builder.run(bytes)
    }

    /// Refuses invalid UTF-8 and control characters other than tab, line feed and carriage return,
    /// naming the first offending position.
    static func checkCharacters(_ bytes: [UInt8], file: String) throws(YAMLError) {
        var line = 1
        var column = 1
        var index = 0
        let count = bytes.count
        while index < count {
            let byte = bytes[index]
            if byte < 0x80 {
                if byte == 0x0A {
                    line += 1
                    column = 1
                } else if byte == 0x0D {
                    if index + 1 < count && bytes[index + 1] == 0x0A {
                        // CRLF: the LF ends the line.
                    } else {
                        line += 1
                        column = 1
                        index += 1
                        continue
                    }
                } else if (byte < 0x20 && byte != 0x09) || byte == 0x7F {
                    throw YAMLError(
                        file: file, mark: Mark(line: line, column: column),
                        message: "control character U+\(hex(UInt32(byte))) is not allowed in a YAML file; remove it")
                } else {
                    column += 1
                }
                index += 1
                continue
            }
            guard let (scalar, length) = decodeScalar(bytes, at: index) else {
                throw YAMLError(
                    file: file, mark: Mark(line: line, column: column),
                    message: "invalid UTF-8 byte sequence; save the file as UTF-8")
            }
            if (0x80...0x9F).contains(scalar) && scalar != 0x85 {
                throw YAMLError(
                    file: file, mark: Mark(line: line, column: column),
                    message: "control character U+\(hex(scalar)) is not allowed in a YAML file; remove it")
            }
            column += 1
            index += length
        }
    }

    /// Decodes one multi-byte UTF-8 scalar strictly (no overlong forms, no surrogates, ≤ U+10FFFF).
    private static func decodeScalar(_ b: [UInt8], at i: Int) -> (UInt32, Int)? {
        let lead = b[i]
        let length: Int
        var value: UInt32
        var minimum: UInt32
        switch lead {
        case 0xC2...0xDF: length = 2; value = UInt32(lead & 0x1F); minimum = 0x80
        case 0xE0...0xEF: length = 3; value = UInt32(lead & 0x0F); minimum = 0x800
        case 0xF0...0xF4: length = 4; value = UInt32(lead & 0x07); minimum = 0x10000
        default: return nil
        }
        guard i + length <= b.count else { return nil }
        for k in 1..<length {
            let c = b[i + k]
            guard c & 0xC0 == 0x80 else { return nil }
            value = value << 6 | UInt32(c & 0x3F)
        }
        guard value >= minimum, value <= 0x10FFFF, !(0xD800...0xDFFF).contains(value) else { return nil }
        return (value, length)
    }

    static func hex(_ v: UInt32) -> String {
        let digits = String(v, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}

/// Turns libyaml events into a tree with an explicit stack (never recursion).
private struct TreeBuilder {
    struct Frame {
        var isMapping: Bool
        var mark: Mark
        var tag: String?
        var anchor: String?
        var items: [YAMLNode] = []
        var pairs: [YAMLPair] = []
        var pendingKey: YAMLNode?
        var pendingKeyCount = 0
        /// The pending key repeats an earlier one: its value is reported, not kept.
        var pendingIsDuplicate = false
        /// First position of each scalar key, for the duplicate-key error.
        var keyMarks: [String: Mark] = [:]
        var count = 1
    }

    let file: String
    let limits: YAMLLimits
    var stack: [Frame] = []
    var anchors: [String: (node: YAMLNode, count: Int)] = [:]
    var totalNodes = 0
    /// Nodes added by expanding aliases, to tell an alias bomb from a merely huge document.
    var aliasNodes = 0
    var problems: [YAMLError] = []
    /// The input, for advice about the line an error is on (a tab).
    var input: [UInt8] = []
    var root: YAMLNode?
    var documents = 0

    init(file: String, limits: YAMLLimits) {
        self.file = file
        self.limits = limits
    }

    func error(_ mark: Mark, _ message: String) -> YAMLError {
        YAMLError(file: file, mark: mark, message: message)
    }

    mutating func run(_ bytes: [UInt8]) throws(YAMLError) -> YAMLNode? {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else {
            throw error(Mark(line: 1, column: 1), "could not initialise the YAML parser (out of memory)")
        }
        defer { yaml_parser_delete(&parser) }
        input = bytes
        // libyaml reads from the buffer lazily, so the buffer must outlive the whole loop.
        let result: Result<YAMLNode?, YAMLError> = bytes.withUnsafeBufferPointer { buffer in
            yaml_parser_set_input_string(&parser, buffer.baseAddress ?? UnsafePointer(bitPattern: 1)!, buffer.count)
            do throws(YAMLError) {
                try loop(&parser)
                return .success(root)
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    mutating func loop(_ parser: inout yaml_parser_t) throws(YAMLError) {
        var event = yaml_event_t()
        while true {
            guard yaml_parser_parse(&parser, &event) == 1 else {
                throw libyamlError(parser)
            }
            defer { yaml_event_delete(&event) }
            let mark = Mark(line: Int(event.start_mark.line) + 1, column: Int(event.start_mark.column) + 1)
            switch event.type {
            case YAML_STREAM_END_EVENT:
                return
            case YAML_DOCUMENT_START_EVENT:
                documents += 1
                if documents > 1 {
                    throw error(mark, "a second YAML document starts here; a tenant file holds exactly one document (remove the `---` or split the file)")
                }
            case YAML_SCALAR_EVENT:
                let s = event.data.scalar
                let value = string(s.value, Int(s.length)) ?? ""
                let style: ScalarStyle =
                    switch s.style {
                    case YAML_SINGLE_QUOTED_SCALAR_STYLE: .singleQuoted
                    case YAML_DOUBLE_QUOTED_SCALAR_STYLE: .doubleQuoted
                    case YAML_LITERAL_SCALAR_STYLE: .literal
                    case YAML_FOLDED_SCALAR_STYLE: .folded
                    default: .plain
                    }
                let node = YAMLNode(.scalar(YAMLScalar(value, style: style)), mark: mark, tag: cString(s.tag))
                try count(1, at: mark)
                if let anchor = cString(s.anchor) { anchors[anchor] = (node, 1) }
                try attach(node, count: 1)
            case YAML_ALIAS_EVENT:
                guard let name = cString(event.data.alias.anchor), let target = anchors[name] else {
                    throw error(mark, "alias refers to an unknown anchor")
                }
                aliasNodes += target.count
                try count(target.count, at: mark)
                var node = target.node
                node.mark = mark
                try attach(node, count: target.count)
            case YAML_SEQUENCE_START_EVENT:
                let s = event.data.sequence_start
                try push(Frame(isMapping: false, mark: mark, tag: cString(s.tag), anchor: cString(s.anchor)))
            case YAML_MAPPING_START_EVENT:
                let s = event.data.mapping_start
                try push(Frame(isMapping: true, mark: mark, tag: cString(s.tag), anchor: cString(s.anchor)))
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                let frame = stack.removeLast()
                let node = YAMLNode(frame.isMapping ? .mapping(frame.pairs) : .sequence(frame.items), mark: frame.mark, tag: frame.tag)
                if let anchor = frame.anchor { anchors[anchor] = (node, frame.count) }
                try attach(node, count: frame.count)
            default:
                break
            }
        }
    }

    mutating func push(_ frame: Frame) throws(YAMLError) {
        if stack.count >= limits.maxDepth {
            throw error(frame.mark, "nesting deeper than \(limits.maxDepth) levels; a tenant file never needs this much (is the file generated by mistake?)")
        }
        try count(1, at: frame.mark)
        stack.append(frame)
    }

    mutating func count(_ n: Int, at mark: Mark) throws(YAMLError) {
        totalNodes += n
        guard totalNodes > limits.maxExpandedNodes else { return }
        if aliasNodes > 0 {
            throw error(
                mark,
                "document expands to more than \(limits.maxExpandedNodes) nodes (aliases included); refusing it as a likely alias bomb (\"billion laughs\"): write the values out or reduce the aliases")
        }
        throw error(
            mark,
            "document holds more than \(limits.maxExpandedNodes) values (keys, items and scalars), the limit for one file; a tenant file holds a few hundred: split it or check it is the right file")
    }

    mutating func attach(_ node: YAMLNode, count: Int) throws(YAMLError) {
        guard !stack.isEmpty else {
            root = node
            return
        }
        let top = stack.count - 1
        stack[top].count += count
        if !stack[top].isMapping {
            stack[top].items.append(node)
            return
        }
        guard let key = stack[top].pendingKey else {
            stack[top].pendingIsDuplicate = false
            if let scalar = node.scalar {
                if scalar.style == .plain && scalar.value == "<<" && node.tag == nil {
                    throw error(node.mark, "merge keys (`<<`) are not supported; write the keys out, or share settings between tenants with `extends:`")
                }
                if let first = stack[top].keyMarks[scalar.value] {
                    // Reported, and parsing goes on so that every duplicate of the file is listed at once.
                    problems.append(
                        error(node.mark, "duplicate key `\(scalar.value)`: it is already set at line \(first.line), column \(first.column); remove one of them"))
                    stack[top].pendingIsDuplicate = true
                } else {
                    stack[top].keyMarks[scalar.value] = node.mark
                }
            }
            stack[top].pendingKey = node
            return
        }
        if !stack[top].pendingIsDuplicate { stack[top].pairs.append(YAMLPair(key: key, value: node)) }
        stack[top].pendingKey = nil
    }

    func libyamlError(_ parser: yaml_parser_t) -> YAMLError {
        let problem = parser.problem.map { String(cString: $0) } ?? "syntax error"
        let context = parser.context.map { String(cString: $0) }
        let mark = Mark(line: Int(parser.problem_mark.line) + 1, column: Int(parser.problem_mark.column) + 1)
        var message = problem
        if let context { message += " (\(context))" }
        if lineHasTab(upTo: mark) {
            message += "; a tab cannot indent or start a value in YAML: indent with spaces instead"
        }
        return error(mark, message)
    }

    /// Whether line `mark.line` has a tab at or before `mark.column`: libyaml's complaint about such
    /// a line ("found character that cannot start any token") never says the culprit is a tab.
    func lineHasTab(upTo mark: Mark) -> Bool {
        var line = 1
        var column = 1
        for byte in input {
            if line == mark.line {
                if byte == 0x0A || column > mark.column { return false }
                if byte == 0x09 { return true }
                if byte & 0xC0 != 0x80 { column += 1 }
            } else if byte == 0x0A {
                line += 1
                if line > mark.line { return false }
            }
        }
        return false
    }

    func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?, _ length: Int) -> String? {
        guard let pointer else { return nil }
        return String(decoding: UnsafeBufferPointer(start: pointer, count: length), as: UTF8.self)
    }

    func cString(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        guard let pointer else { return nil }
        return String(cString: pointer)
    }
}

import YAML

/// A YAML node that knows its file: the tree tenant files and their `extends` bases are merged in,
/// so every value keeps the location of the file that set it.
struct SourceNode: Sendable {
    enum Kind: Sendable {
        case scalar(YAMLScalar)
        case sequence([SourceNode])
        case mapping([SourceEntry])
    }

    var kind: Kind
    var location: SourceLocation
    var tag: String?

    var scalar: YAMLScalar? { if case .scalar(let s) = kind { s } else { nil } }
    var sequence: [SourceNode]? { if case .sequence(let s) = kind { s } else { nil } }
    var mapping: [SourceEntry]? { if case .mapping(let m) = kind { m } else { nil } }

    /// Plain `~`, `null` or empty, as `YAMLNode.isNull`.
    var isNull: Bool {
        guard tag == nil, let s = scalar, s.style == .plain else { return false }
        return s.value.isEmpty || s.value == "~" || s.value == "null" || s.value == "Null" || s.value == "NULL"
    }

    subscript(key: String) -> SourceNode? { mapping?.first { $0.key == key }?.value }
    func entry(_ key: String) -> SourceEntry? { mapping?.first { $0.key == key } }

    /// What the node is, for "expected X, found Y" messages.
    var kindPhrase: String {
        switch kind {
        case .scalar: isNull ? "null" : "a scalar"
        case .sequence: "a list"
        case .mapping: "a mapping"
        }
    }

    /// Converts a parsed tree, naming `file` in every location. Keys must be scalars; other keys
    /// are reported and dropped.
    init(_ node: YAMLNode, file: String, diagnostics: inout [Diagnostic]) {
        location = SourceLocation(file: file, mark: node.mark)
        tag = node.tag
        switch node.kind {
        case .scalar(let s):
            kind = .scalar(s)
        case .sequence(let items):
            kind = .sequence(items.map { SourceNode($0, file: file, diagnostics: &diagnostics) })
        case .mapping(let pairs):
            var entries: [SourceEntry] = []
            entries.reserveCapacity(pairs.count)
            for pair in pairs {
                let keyLocation = SourceLocation(file: file, mark: pair.key.mark)
                guard let key = pair.key.scalar?.value else {
                    diagnostics.append(Diagnostic(at: keyLocation, "a key must be a plain name, not a list or mapping"))
                    continue
                }
                entries.append(SourceEntry(key: key, keyLocation: keyLocation, value: SourceNode(pair.value, file: file, diagnostics: &diagnostics)))
            }
            kind = .mapping(entries)
        }
    }

    init(kind: Kind, location: SourceLocation, tag: String? = nil) {
        self.kind = kind
        self.location = location
        self.tag = tag
    }
}

/// One `key: value` of a mapping, with where the key was written.
struct SourceEntry: Sendable {
    var key: String
    var keyLocation: SourceLocation
    var value: SourceNode
}

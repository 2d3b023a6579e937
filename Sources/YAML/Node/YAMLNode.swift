/// A node of a parsed YAML document: a scalar, sequence or mapping, with the position where it starts.
///
/// Aliases are resolved while parsing (within `YAMLLimits.maxExpandedNodes`), so a tree never contains
/// an alias node; an aliased subtree carries the marks of its anchor.
public struct YAMLNode: Sendable {
    public enum Kind: Sendable {
        case scalar(YAMLScalar)
        case sequence([YAMLNode])
        case mapping([YAMLPair])
    }

    public var kind: Kind
    public var mark: Mark
    /// The explicit tag (`!!str` is reported as `tag:yaml.org,2002:str`), or `nil` when none was written.
    public var tag: String?

    public init(_ kind: Kind, mark: Mark = Mark(line: 1, column: 1), tag: String? = nil) {
        self.kind = kind
        self.mark = mark
        self.tag = tag
    }

    /// A string scalar whose style is plain when reading it back gives the same string, and
    /// double-quoted when YAML 1.1 would read it as something else (`On`, `no`, `1.0`, `~`).
    public static func string(_ value: String, mark: Mark = Mark(line: 1, column: 1)) -> YAMLNode {
        let style: ScalarStyle = YAMLPlainScalarRules.canBePlainString(value) ? .plain : .doubleQuoted
        return YAMLNode(.scalar(YAMLScalar(value, style: style)), mark: mark)
    }

    /// A plain scalar for a value that is not a string (`true`, `42`, `1.5`, `null`).
    public static func plain(_ value: String, mark: Mark = Mark(line: 1, column: 1)) -> YAMLNode {
        YAMLNode(.scalar(YAMLScalar(value, style: .plain)), mark: mark)
    }

    public static func sequence(_ items: [YAMLNode], mark: Mark = Mark(line: 1, column: 1)) -> YAMLNode {
        YAMLNode(.sequence(items), mark: mark)
    }

    public static func mapping(_ pairs: [YAMLPair], mark: Mark = Mark(line: 1, column: 1)) -> YAMLNode {
        YAMLNode(.mapping(pairs), mark: mark)
    }
}

extension YAMLNode {
    public var scalar: YAMLScalar? { if case .scalar(let s) = kind { s } else { nil } }
    public var sequence: [YAMLNode]? { if case .sequence(let s) = kind { s } else { nil } }
    public var mapping: [YAMLPair]? { if case .mapping(let m) = kind { m } else { nil } }

    /// A plain `~`, `null` (any case YAML 1.1 allows) or an empty plain scalar, untagged.
    public var isNull: Bool {
        guard tag == nil || tag == "tag:yaml.org,2002:null", let s = scalar, s.style == .plain else { return false }
        return YAMLPlainScalarRules.isNull(s.value)
    }

    /// The text of a scalar that is not null; `nil` for collections and nulls.
    public var stringValue: String? {
        guard let s = scalar, !isNull else { return nil }
        return s.value
    }

    /// `true`/`false` (also `True`, `TRUE`, …) written plain. YAML 1.1's `yes`/`no`/`on`/`off` are
    /// deliberately not booleans here: a schema field that wants a bool refuses them with a hint.
    public var boolValue: Bool? {
        guard let s = scalar, s.style == .plain, tag == nil || tag == "tag:yaml.org,2002:bool" else { return nil }
        switch s.value {
        case "true", "True", "TRUE": return true
        case "false", "False", "FALSE": return false
        default: return nil
        }
    }

    /// A plain decimal integer such as `10240` or `-3` (no YAML 1.1 octal, hex or `1_000` forms).
    public var intValue: Int? {
        guard let s = scalar, s.style == .plain, tag == nil || tag == "tag:yaml.org,2002:int" else { return nil }
        return YAMLPlainScalarRules.decimalInteger(s.value)
    }

    /// A plain decimal number such as `4.5`, `3` or `1e3`.
    public var doubleValue: Double? {
        guard let s = scalar, s.style == .plain, tag == nil || tag == "tag:yaml.org,2002:float" || tag == "tag:yaml.org,2002:int"
        else { return nil }
        return YAMLPlainScalarRules.decimalNumber(s.value)
    }

    /// The value for `key` in a mapping whose keys are scalars.
    public subscript(key: String) -> YAMLNode? {
        mapping?.first(where: { $0.key.scalar?.value == key })?.value
    }

    /// Whether two trees hold the same values (scalar text, structure, key order and tags), ignoring
    /// marks and scalar styles. This is what `parse(emit(x))` preserves.
    public func hasSameValue(as other: YAMLNode) -> Bool {
        guard tag == other.tag else { return false }
        switch (kind, other.kind) {
        case (.scalar(let a), .scalar(let b)):
            return a.value == b.value
        case (.sequence(let a), .sequence(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.hasSameValue(as: $1) }
        case (.mapping(let a), .mapping(let b)):
            return a.count == b.count
                && zip(a, b).allSatisfy { $0.key.hasSameValue(as: $1.key) && $0.value.hasSameValue(as: $1.value) }
        default:
            return false
        }
    }
}

/// How a scalar was written. The binding keeps scalars as text; the schema-aware decoder decides
/// what a plain `On` or `1.0` means where it reads it (YAML 1.1 would silently make them bool/float).
public enum ScalarStyle: Sendable, Hashable {
    case plain, singleQuoted, doubleQuoted, literal, folded

    /// Whether the text was quoted or a block scalar, i.e. certainly meant as a string.
    public var isQuotedOrBlock: Bool { self != .plain }
}

/// A scalar's text and the style it was written in.
public struct YAMLScalar: Sendable, Hashable {
    public var value: String
    public var style: ScalarStyle

    public init(_ value: String, style: ScalarStyle = .plain) {
        self.value = value
        self.style = style
    }
}

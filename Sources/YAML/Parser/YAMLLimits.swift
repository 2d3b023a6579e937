/// Bounds that make parsing safe on hostile input (libyaml alone enforces none of them).
public struct YAMLLimits: Sendable, Hashable {
    /// Largest input accepted, in bytes.
    public var maxBytes: Int
    /// Deepest nesting of sequences and mappings.
    public var maxDepth: Int
    /// Total nodes in the resolved tree, counting every alias expansion ("billion laughs" guard).
    public var maxExpandedNodes: Int

    public init(maxBytes: Int = 8 << 20, maxDepth: Int = 128, maxExpandedNodes: Int = 100_000) {
        self.maxBytes = maxBytes
        self.maxDepth = maxDepth
        self.maxExpandedNodes = maxExpandedNodes
    }

    /// 8 MiB, depth 128, 100,000 nodes: far above any real tenant file, far below trouble.
    public static let `default` = YAMLLimits()
}

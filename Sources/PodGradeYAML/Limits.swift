/// Bounds that keep a hostile file from exhausting time or memory. The defaults
/// are far above any honest manifest; each is checked while reading, so a file
/// that passes one never costs more than it allows.
public struct YAMLLimits: Sendable, Hashable {
    /// Largest file read at all, in bytes.
    public var maxFileBytes: Int
    /// Deepest nesting of sequences and mappings.
    public var maxDepth: Int
    /// Nodes created while reading, aliases counted once.
    public var maxNodes: Int
    /// Nodes a consumer would visit with aliases expanded ("billion laughs").
    public var maxExpandedNodes: Int
    /// Documents in one stream.
    public var maxDocuments: Int

    public init(maxFileBytes: Int = 4 << 20, maxDepth: Int = 128, maxNodes: Int = 500_000,
                maxExpandedNodes: Int = 1_000_000, maxDocuments: Int = 10_000) {
        self.maxFileBytes = maxFileBytes
        self.maxDepth = maxDepth
        self.maxNodes = maxNodes
        self.maxExpandedNodes = maxExpandedNodes
        self.maxDocuments = maxDocuments
    }

    public static let `default` = YAMLLimits()
}

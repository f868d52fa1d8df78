import PodGradeYAML

/// Bounds on what is read from a repository.
public struct SourceLimits: Sendable, Hashable {
    public var maxFileBytes: Int
    public var maxFiles: Int
    public var maxTotalBytes: Int
    public var maxDepth: Int

    public init(maxFileBytes: Int = 4 << 20, maxFiles: Int = 20_000, maxTotalBytes: Int = 64 << 20, maxDepth: Int = 32) {
        self.maxFileBytes = maxFileBytes
        self.maxFiles = maxFiles
        self.maxTotalBytes = maxTotalBytes
        self.maxDepth = maxDepth
    }
}

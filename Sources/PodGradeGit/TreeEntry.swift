/// What `GitRepository.files(at:)` found at one path of a commit's tree.
public enum TreeEntryContent: Sendable, Equatable {
    /// The blob's bytes (regular or executable file).
    case blob([UInt8])
    /// A blob (or symlink text) larger than the limit; never read into memory.
    case tooLarge(size: Int)
    /// A symbolic link (mode 120000) with its link text; never followed.
    case symlink(target: String)
    /// A gitlink (mode 160000, submodule) with the commit it pins; never fetched.
    case submodule(commit: String)
}

public struct TreeEntry: Sendable, Equatable {
    /// Relative to the repository root, '/'-separated, e.g. "a/b/pod.yaml".
    public let path: String
    public let content: TreeEntryContent

    public init(path: String, content: TreeEntryContent) {
        self.path = path
        self.content = content
    }
}

/// Bounds on what one `files(at:)` call may read, so a hostile repository cannot
/// exhaust memory or time.
public struct TreeLimits: Sendable, Equatable {
    /// A selected blob above this size is reported as `.tooLarge` without being read.
    public var maxBlobBytes: Int
    /// Visiting more tree entries than this (all kinds, selected or not) fails with `.limitExceeded`.
    public var maxEntries: Int
    /// Reading more blob bytes in total than this fails with `.limitExceeded`.
    public var maxTotalBytes: Int

    public init(maxBlobBytes: Int = 4 << 20, maxEntries: Int = 20_000, maxTotalBytes: Int = 64 << 20) {
        self.maxBlobBytes = maxBlobBytes
        self.maxEntries = maxEntries
        self.maxTotalBytes = maxTotalBytes
    }
}

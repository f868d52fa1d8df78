/// A file of a learner's repository as podgrade sees it: its bytes, or why
/// they were not read.
public struct SourceFile: Sendable {
    public enum Content: Sendable {
        case bytes([UInt8])
        case skipped(SkipReason)
    }

    public let path: String
    public let content: Content

    public init(path: String, content: Content) {
        self.path = path
        self.content = content
    }
}

/// Why a file was not read. None of these is ever followed or opened.
public enum SkipReason: Error, Sendable, Hashable {
    case symlink(target: String)
    case tooLarge(bytes: Int, limit: Int)
    case notRegularFile
    case unreadable(String)
    case submodule
}

/// Where a snapshot came from, for the result's `source`.
public struct SourceOrigin: Sendable, Hashable {
    public var path: String?
    public var url: String?
    public var commit: String?
    /// With `--deadline`: commits on the branch after the one graded.
    public var newerCommits: Int?
    public var deadline: String?

    public init(path: String? = nil, url: String? = nil, commit: String? = nil, newerCommits: Int? = nil, deadline: String? = nil) {
        self.path = path
        self.url = url
        self.commit = commit
        self.newerCommits = newerCommits
        self.deadline = deadline
    }
}

/// The manifest files of a repository at one moment.
public struct SourceSnapshot: Sendable {
    public let origin: SourceOrigin
    public let files: [SourceFile]
    /// Problems met while listing (too many files...), for the learner to see.
    public let notes: [String]

    public init(origin: SourceOrigin, files: [SourceFile], notes: [String] = []) {
        self.origin = origin
        self.files = files
        self.notes = notes
    }

    /// Whether a path names a manifest podgrade reads.
    public static func isManifest(_ path: String) -> Bool {
        let lower = path.lowercased()
        return lower.hasSuffix(".yaml") || lower.hasSuffix(".yml") || lower.hasSuffix(".json")
    }
}

/// Bounds on what is read from a repository.
public struct SourceLimits: Sendable {
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

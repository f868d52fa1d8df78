public import PodGradeYAML

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
public enum SkipReason: Error, Sendable, Hashable, Codable {
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

/// Every bound a grading run applies to its input: what is read from the
/// repository (`source`) and how each manifest is parsed (`yaml`). The
/// defaults are far above any honest submission. `podgrade check` and
/// `podgrade validate` take overrides from `PODGRADE_LIMITS`, a comma-separated
/// list such as `yaml.maxDepth=64,source.maxFiles=1000` (see README).
public struct GradingLimits: Sendable, Hashable {
    public var source: SourceLimits
    public var yaml: YAMLLimits

    public init(source: SourceLimits = SourceLimits(), yaml: YAMLLimits = .default) {
        self.source = source
        self.yaml = yaml
    }

    public static let names = ["yaml.maxFileBytes", "yaml.maxDepth", "yaml.maxNodes", "yaml.maxExpandedNodes", "yaml.maxDocuments",
                               "source.maxFileBytes", "source.maxFiles", "source.maxTotalBytes", "source.maxDepth"]

    /// Parses `name=value,...` over the defaults; a message names the first bad item.
    public static func parse(_ text: String) -> Result<GradingLimits, SourceFailure> {
        var limits = GradingLimits()
        for item in text.split(separator: ",", omittingEmptySubsequences: true) {
            let parts = item.split(separator: "=", maxSplits: 1).map { $0.trimmingSpaces() }
            guard parts.count == 2, let value = Int(parts[1]), value >= 0 else {
                return .failure(SourceFailure("invalid PODGRADE_LIMITS item '\(item)': use name=number, such as yaml.maxDepth=64"))
            }
            switch parts[0] {
            case "yaml.maxFileBytes": limits.yaml.maxFileBytes = value
            case "yaml.maxDepth": limits.yaml.maxDepth = value
            case "yaml.maxNodes": limits.yaml.maxNodes = value
            case "yaml.maxExpandedNodes": limits.yaml.maxExpandedNodes = value
            case "yaml.maxDocuments": limits.yaml.maxDocuments = value
            case "source.maxFileBytes": limits.source.maxFileBytes = value
            case "source.maxFiles": limits.source.maxFiles = value
            case "source.maxTotalBytes": limits.source.maxTotalBytes = value
            case "source.maxDepth": limits.source.maxDepth = value
            default:
                return .failure(SourceFailure("unknown PODGRADE_LIMITS name '\(parts[0])': use one of \(names.joined(separator: ", "))"))
            }
        }
        return .success(limits)
    }
}

private extension Substring {
    func trimmingSpaces() -> String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}

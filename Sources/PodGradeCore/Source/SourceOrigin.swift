import PodGradeYAML

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

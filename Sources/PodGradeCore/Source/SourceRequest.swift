import PodGradeGit
#if canImport(Glibc)
import Glibc
#endif

/// What `podgrade check` was asked to grade.
public struct SourceRequest: Sendable {
    public var source: String
    public var rev: String?
    public var deadline: String?
    public var cacheDirectory: String?
    public var cloneTimeout: Double
    public var allowLocal: Bool
    /// Bounds on what is read (files, sizes, depth), on disk or from git objects.
    public var limits: SourceLimits

    public init(source: String, rev: String? = nil, deadline: String? = nil, cacheDirectory: String? = nil,
                cloneTimeout: Double = 60, allowLocal: Bool = true, limits: SourceLimits = SourceLimits()) {
        self.limits = limits
        self.source = source
        self.rev = rev
        self.deadline = deadline
        self.cacheDirectory = cacheDirectory
        self.cloneTimeout = cloneTimeout
        self.allowLocal = allowLocal
    }
}

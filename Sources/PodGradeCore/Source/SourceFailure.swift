import PodGradeGit
#if canImport(Glibc)
import Glibc
#endif

/// A source that cannot be graded: one line for the person who named it.
public struct SourceFailure: Error, Sendable {
    /// What went wrong, where a person can be told in their language.
    public enum Kind: Sendable, Equatable {
        /// Nothing at that path (and it is no URL).
        case notFound(path: String)
        /// Any other failure: `message` says it (git's and the system's words).
        case other
    }

    public let message: String
    public let kind: Kind

    public init(_ message: String, kind: Kind = .other) {
        self.message = message
        self.kind = kind
    }
}

import PodGradeGit
#if canImport(Glibc)
import Glibc
#endif

public struct SourceFailure: Error, Sendable {
    public let message: String
    public init(_ message: String) { self.message = message }
}

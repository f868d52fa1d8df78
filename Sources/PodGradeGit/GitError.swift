internal import CGit2
import FoundationEssentials

/// Every failure of the git layer. `message` is one English line that says what
/// failed and what the user can do about it; it is safe to show to a learner.
public struct GitError: Error, Sendable, Equatable, CustomStringConvertible, LocalizedError {
    public enum Code: String, Sendable, Equatable {
        /// The path is not (inside) a git repository.
        case notARepository
        /// A revision, branch, tag or deadline did not name any commit.
        case revisionNotFound
        /// Cloning or fetching a remote failed (network, auth, protocol, server).
        case cloneFailed
        /// A remote stopped answering for longer than the allowed timeout.
        case timedOut
        /// The URL was refused by policy before any connection was made.
        case transportRefused
        /// Reading or writing the local object database or file system failed.
        case io
        /// A tree was larger than `TreeLimits` allow (entry count or total bytes).
        case limitExceeded
        /// Anything else libgit2 reported.
        case other
    }

    public let code: Code
    public let message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        // Callers print this on one line; libgit2 messages sometimes carry newlines.
        self.message = GitError.oneLine(message)
    }

    public var description: String { message }
    public var errorDescription: String? { message }

    static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline)
            .map { $0.trimmingFoundationWhitespace() }
            .filter { !$0.isEmpty }
            .joined(separator: " ")
    }

    /// Builds an error from libgit2's thread-local last error:
    /// "<what>: <libgit2 detail>. <advice>".
    static func fromLibgit2(_ code: Code, _ what: String, advice: String) -> GitError {
        var text = what
        if let detail = lastLibgit2Message(), !detail.isEmpty {
            text += ": " + detail
        }
        if !advice.isEmpty {
            text += ". " + advice
        }
        return GitError(code, text)
    }

    static func lastLibgit2Message() -> String? {
        guard let last = git_error_last(), let cMessage = last.pointee.message else { return nil }
        return String(cString: cMessage)
    }
}

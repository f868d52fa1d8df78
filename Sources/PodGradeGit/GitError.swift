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
        /// Cloning or fetching a remote failed in a way that can pass: connection
        /// refused or reset, the connection dropped early, an HTTP 5xx answer.
        case cloneFailed
        /// A remote stopped answering for longer than the allowed timeout.
        case timedOut
        /// The server says there is no such repository (or will not show it).
        case repositoryNotFound
        /// The server asks for credentials, which podgrade never sends.
        case authenticationRequired
        /// Another process held the cache entry's lock for longer than allowed.
        case lockTimedOut
        /// The file system of the cache is full.
        case diskFull
        /// The operation was ended by Ctrl-C.
        case interrupted
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

    /// True for errors that can pass by themselves, so trying again later makes
    /// sense (a server down, a network hiccup, a full disk, a busy cache);
    /// false for those that need someone to act (no such repository or
    /// revision, credentials, a URL refused by policy, a broken setup).
    public var isTransient: Bool {
        switch code {
        case .cloneFailed, .timedOut, .lockTimedOut, .diskFull, .interrupted: return true
        case .notARepository, .revisionNotFound, .transportRefused, .io, .limitExceeded, .other,
             .repositoryNotFound, .authenticationRequired: return false
        }
    }

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

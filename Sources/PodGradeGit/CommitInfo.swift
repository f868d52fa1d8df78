internal import CGit2
import FoundationEssentials

/// What the grader needs to know about one commit.
public struct CommitInfo: Sendable, Equatable {
    /// Full object id, 40 lowercase hex characters.
    public let id: String
    /// Committer time (when the commit was made, as recorded by the learner's clock).
    public let time: Date
    /// First paragraph of the message, joined on one line (git's "subject").
    public let summary: String
    /// "Name <email>" of the author.
    public let author: String

    public init(id: String, time: Date, summary: String, author: String) {
        self.id = id
        self.time = time
        self.summary = summary
        self.author = author
    }

    /// Reads a libgit2 commit. Non-UTF-8 bytes in names or messages become U+FFFD.
    init(commit: OpaquePointer) {
        id = git_commit_id(commit).map(hexString) ?? ""
        time = Date(timeIntervalSince1970: TimeInterval(git_commit_time(commit)))
        summary = git_commit_summary(commit).map { String(cString: $0) } ?? ""
        if let signature = git_commit_author(commit) {
            let name = signature.pointee.name.map { String(cString: $0) } ?? ""
            let email = signature.pointee.email.map { String(cString: $0) } ?? ""
            author = "\(name) <\(email)>"
        } else {
            author = ""
        }
    }
}

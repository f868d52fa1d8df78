import PodGradeCore

/// One learner of a class report: who, which repository, and what grading gave.
public struct ClassEntry: Sendable {
    /// Whether the learner was graded, or grading failed (clone, read).
    public enum Status: String, Sendable { case graded, error }

    public var student: String
    public var repo: String
    public var commit: String?
    public var status: Status
    public var error: String?
    public var result: GradeResult?
    /// A relative path to the learner's feedback (`results/<student>.json`), not
    /// yet percent-encoded: the report encodes it and never makes it absolute.
    public var feedbackLink: String?

    public init(student: String, repo: String, commit: String? = nil, status: Status, error: String? = nil,
                result: GradeResult? = nil, feedbackLink: String? = nil) {
        self.student = student
        self.repo = repo
        self.commit = commit
        self.status = status
        self.error = error
        self.result = result
        self.feedbackLink = feedbackLink
    }
}

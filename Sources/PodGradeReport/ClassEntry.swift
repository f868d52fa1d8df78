import PodGradeCore

/// One learner of a class report: who, which repository, and what grading gave.
public struct ClassEntry: Sendable {
    public var student: String
    public var repo: String
    public var commit: String?
    public var status: LearnerStatus
    public var error: String?
    public var result: GradeResult?
    /// A relative path to the learner's feedback (`results/<student>.json`), not
    /// yet percent-encoded: the report encodes it and never makes it absolute.
    public var feedbackLink: String?

    public init(student: String, repo: String, commit: String? = nil, status: LearnerStatus, error: String? = nil,
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

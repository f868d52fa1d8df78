public import PodGradeCore

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
    /// With a late window: the learner's own deadline, seconds late, points
    /// taken and the score left.
    public var deadline: String?
    public var late: Int?
    public var penalty: Int?
    public var finalScore: Int?
    /// The lines the findings point at: file path → line number → text (a
    /// small excerpt the result file keeps, so a merged report shows frames too).
    public var excerpt: [String: [Int: String]]
    /// Hook for Pod pictures: exercise id → an SVG (`PodPictureSVG`), shown in
    /// the learner's section when non-empty. The SVG is trusted markup made by
    /// podgrade (it escapes the learner's names itself), not learner text.
    public var podPictures: [String: String]

    public init(student: String, repo: String, commit: String? = nil, status: LearnerStatus, error: String? = nil,
                result: GradeResult? = nil, feedbackLink: String? = nil, deadline: String? = nil, late: Int? = nil,
                penalty: Int? = nil, finalScore: Int? = nil, excerpt: [String: [Int: String]] = [:], podPictures: [String: String] = [:]) {
        self.student = student
        self.repo = repo
        self.commit = commit
        self.status = status
        self.error = error
        self.result = result
        self.feedbackLink = feedbackLink
        self.deadline = deadline
        self.late = late
        self.penalty = penalty
        self.finalScore = finalScore
        self.excerpt = excerpt
        self.podPictures = podPictures
    }
}

/// The deadline the batch applied and its late policy, as the report shows them.
public struct ClassPolicy: Sendable, Equatable {
    public var deadline: String
    public var lateUntil: String?
    /// The late penalty in words ("10% per day or part of a day, at most 50%").
    public var penalty: String?

    public init(deadline: String, lateUntil: String? = nil, penalty: String? = nil) {
        self.deadline = deadline
        self.lateUntil = lateUntil
        self.penalty = penalty
    }
}

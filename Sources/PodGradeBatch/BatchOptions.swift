public import PodGradeCore
public import PodGradeReport

public struct BatchOptions: Sendable {
    public var outDirectory: String
    public var jobs: Int
    public var deadline: String?
    public var shard: Shard?
    public var resume: Bool
    public var cloneTimeout: Double
    public var allowLocal: Bool
    public var cacheDirectory: String?
    public var lang: Lang
    /// Input limits for every learner (`PODGRADE_LIMITS`).
    public var limits: GradingLimits
    /// Tries after the first on a transient error (`--retries`).
    public var retries: Int
    /// The first pause before trying again, in seconds; each next pause doubles.
    public var retryBackoff: Double
    /// Longest wait for another process's lock on a cache entry (nil: the default of `GitRemote`).
    public var lockWait: Double?
    /// `--late-until`: commits after the deadline and at or before this time are graded, late.
    public var lateUntil: String?
    /// `--late-penalty` and `--late-cap`.
    public var latePolicy: LatePolicy?
    /// `--gradebook moodle|canvas`: a school gradebook's import file beside gradebook.csv.
    public var gradebookFormat: GradebookFormat?

    public init(outDirectory: String, jobs: Int, deadline: String? = nil, shard: Shard? = nil, resume: Bool = false,
                cloneTimeout: Double = 60, allowLocal: Bool = false, cacheDirectory: String? = nil, lang: Lang = .ru,
                limits: GradingLimits = GradingLimits(), retries: Int = 2, retryBackoff: Double = 1, lockWait: Double? = nil) {
        self.limits = limits
        self.outDirectory = outDirectory
        self.jobs = jobs
        self.deadline = deadline
        self.shard = shard
        self.resume = resume
        self.cloneTimeout = cloneTimeout
        self.allowLocal = allowLocal
        self.cacheDirectory = cacheDirectory
        self.lang = lang
        self.retries = retries
        self.retryBackoff = retryBackoff
        self.lockWait = lockWait
    }

    /// The deadline and late window of one learner, when `--deadline` is given.
    public func window(for learner: RosterEntry) -> LearnerDeadline? {
        guard let text = deadline, let date = Deadline.parse(text) else { return nil }
        return LearnerDeadline(deadline: date, lateUntil: lateUntil.flatMap(Deadline.parse), extension: learner.deadlineExtension)
    }

    /// What the class report says of the deadline and the late policy.
    public var policy: ClassPolicy? {
        guard let deadline else { return nil }
        return ClassPolicy(deadline: deadline, lateUntil: lateUntil, penalty: latePolicy.map { $0.describe(lang) })
    }
}

/// Where the batch stands.
public struct BatchProgress: Sendable {
    public let done: Int
    public let total: Int
    public let errors: Int
    public let elapsed: Double
    /// Learners being graded now, in roster order.
    public let inProgress: [String]
}

/// What the progress display is told, always on the thread that called `run`.
public enum BatchEvent: Sendable {
    /// A learner finished: graded, or an error row.
    case finished(JournalEntry, BatchProgress)
    /// A learner waits for another process's lock on its cache entry.
    case waitingForLock(student: String)
    /// A transient error: the learner is tried again after `delay` seconds.
    case retrying(student: String, attempt: Int, delay: Double, error: String)
    /// Nothing finished for a second: who is still in progress.
    case idle(BatchProgress)
}

public struct BatchSummary: Sendable {
    public let graded: Int
    public let errors: Int
    public let skippedByResume: Int
    public let inShard: Int
    /// Learners whose gradebook row is an error, counting those journaled by
    /// an earlier run that `--resume` kept: what the exit status reports.
    public let errorsInGradebook: Int
    /// Their names, in roster order.
    public let studentsInError: [String]
    /// Ctrl-C stopped the batch: the outputs hold the learners that finished.
    public let interrupted: Bool
    public let resumed: Bool
}

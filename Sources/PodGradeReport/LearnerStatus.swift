public import PodGradeCore

/// A learner's status, the same in gradebook.csv, journal.jsonl and report.html.
public enum LearnerStatus: String, Codable, Sendable {
    /// Passed: every exercise of the course passed; one missing (not
    /// submitted) or failed exercise makes the learner `fail`.
    case pass
    /// Graded, and some exercise failed or was not submitted.
    case fail
    /// Not graded: the repository could not be read (the row says why).
    case error

    /// The one definition of "passed" for a learner (README, "For instructors").
    public init(_ result: GradeResult) {
        self = !result.exercises.isEmpty && result.exercises.allSatisfy(\.passed) ? .pass : .fail
    }
}

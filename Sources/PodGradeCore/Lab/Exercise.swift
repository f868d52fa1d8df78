import PodGradeYAML

/// An exercise of the lab: what object the learner builds and how it is graded.
public struct Exercise: Sendable {
    public let id: String
    public let title: LocalizedText
    public let objectKinds: [String]
    public let objectName: String
    public let passScore: Int
    public let checks: [CheckSpec]
    public let task: LocalizedText
    /// Starter files: path inside the exercise folder → content.
    public let starter: [(path: String, content: [UInt8])]
    public let wrongCases: [WrongCase]
    /// Correct alternative answers (`right/`), each scoring full marks.
    public var rightCases: [RightCase] = []
    /// Container names the checks' parameters mention (for identifying a part by its role).
    public var mentionedContainers: Set<String> = []
    /// The variables the spec declares (`variables:`); empty for most exercises.
    public var variables: [ExerciseVariable] = []
    /// This instance's value of each variable (the default variant's in `Lab.exercises`).
    public var values: [String: String] = [:]

    public var maxScore: Int { checks.reduce(0) { $0 + $1.points } }
}

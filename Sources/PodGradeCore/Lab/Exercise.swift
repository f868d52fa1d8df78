import PodGradeYAML

/// An exercise of the lab: what object the learner builds and how it is graded.
/// Immutable, and a class: every submission's grading hands it to every check.
public final class Exercise: Sendable {
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
    public let rightCases: [RightCase]
    /// Container names the checks' parameters mention (for identifying a part by its role).
    public let mentionedContainers: Set<String>
    /// The variables the spec declares (`variables:`); empty for most exercises.
    public let variables: [ExerciseVariable]
    /// This instance's value of each variable (the default variant's in `Lab.exercises`).
    public let values: [String: String]
    /// What `check --run` looks at in the running Pod (`probes:`).
    public let probes: [ProbeSpec]
    /// What the checks judge that `pod.works` leaves to them: found here once, not for every
    /// Pod it finds a fault in.
    let judgedElsewhere: PodWorksRule.JudgedElsewhere

    init(id: String, title: LocalizedText, objectKinds: [String], objectName: String, passScore: Int, checks: [CheckSpec],
         task: LocalizedText, starter: [(path: String, content: [UInt8])], wrongCases: [WrongCase],
         rightCases: [RightCase] = [], mentionedContainers: Set<String> = [], variables: [ExerciseVariable] = [],
         values: [String: String] = [:], probes: [ProbeSpec] = []) {
        self.id = id
        self.title = title
        self.objectKinds = objectKinds
        self.objectName = objectName
        self.passScore = passScore
        self.checks = checks
        self.task = task
        self.starter = starter
        self.wrongCases = wrongCases
        self.rightCases = rightCases
        self.mentionedContainers = mentionedContainers
        self.variables = variables
        self.values = values
        self.probes = probes
        self.judgedElsewhere = PodWorksRule.JudgedElsewhere(checks)
    }

    /// The same exercise as a variant: its variables and their values.
    func with(variables: [ExerciseVariable], values: [String: String]) -> Exercise {
        Exercise(id: id, title: title, objectKinds: objectKinds, objectName: objectName, passScore: passScore, checks: checks,
                 task: task, starter: starter, wrongCases: wrongCases, rightCases: rightCases,
                 mentionedContainers: mentionedContainers, variables: variables, values: values, probes: probes)
    }

    public var maxScore: Int { checks.reduce(0) { $0 + $1.points } }
}

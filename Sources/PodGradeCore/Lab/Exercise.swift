import PodGradeYAML

/// One check of an exercise, as its spec states it, its rule resolved when the lab loads.
public struct CheckSpec: Sendable {
    public let id: String
    public let rule: any Rule
    public let points: Int
    public let params: Params
    public let hint: LocalizedText?
}

/// A known-wrong submission that must fail exactly the named rules.
public struct WrongCase: Sendable {
    public let file: String
    public let content: [UInt8]
    public let fails: [String]
    public let why: LocalizedText?
}

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

    public var maxScore: Int { checks.reduce(0) { $0 + $1.points } }
}

/// A problem in a course's own files (a spec naming an unknown rule...).
public struct LabProblem: Sendable, Hashable, CustomStringConvertible {
    public let file: String
    public let line: Int?
    public let message: String

    public var description: String {
        line.map { "\(file):\($0): \(message)" } ?? "\(file): \(message)"
    }
}

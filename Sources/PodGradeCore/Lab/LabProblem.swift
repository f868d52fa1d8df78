import PodGradeYAML

/// A problem in a course's own files (a spec naming an unknown rule...).
public struct LabProblem: Sendable, Hashable, CustomStringConvertible {
    public let file: String
    public let line: Int?
    public let message: String

    public var description: String {
        line.map { "\(file):\($0): \(message)" } ?? "\(file): \(message)"
    }
}

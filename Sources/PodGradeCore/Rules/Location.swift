public import PodGradeYAML

/// Where a finding points: a file of the submission and a 1-based line and
/// character column. A missing field points at its parent mapping.
public struct Location: Sendable, Hashable, Codable {
    public let file: String
    public let line: Int
    public let column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    public init(file: String, mark: Mark) {
        self.init(file: file, line: mark.line, column: mark.column)
    }
}

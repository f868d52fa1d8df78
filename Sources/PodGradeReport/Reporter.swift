public import PodGradeCore

/// One output format. Each format is one type in its own file.
public protocol Reporter: Sendable {
    /// The `--format` name.
    static var name: String { get }
    func render(_ result: GradeResult, context: ReportContext) -> String
}

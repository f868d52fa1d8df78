public import PodGradeCore

/// What a reporter may use besides the result: the language, whether to
/// color, and the submission's lines for code frames.
public struct ReportContext: Sendable {
    public let lang: Lang
    public let color: Bool
    /// The lines of a submission file, by its path in the result.
    public let sourceLines: @Sendable (String) -> [Substring]?

    public init(lang: Lang, color: Bool = false, sourceLines: @escaping @Sendable (String) -> [Substring]? = { _ in nil }) {
        self.lang = lang
        self.color = color
        self.sourceLines = sourceLines
    }
}

/// One output format. Each format is one type in its own file.
public protocol Reporter: Sendable {
    /// The `--format` name.
    static var name: String { get }
    func render(_ result: GradeResult, context: ReportContext) -> String
}

public enum Reporters {
    public static let all: [any Reporter.Type] = [
        TextReporter.self, JSONReporter.self, JUnitReporter.self, SARIFReporter.self,
        GitHubReporter.self, MarkdownReporter.self, GradescopeReporter.self,
    ]

    public static func named(_ name: String) -> (any Reporter)? {
        switch name {
        case TextReporter.name: return TextReporter()
        case JSONReporter.name: return JSONReporter()
        case JUnitReporter.name: return JUnitReporter()
        case SARIFReporter.name: return SARIFReporter()
        case GitHubReporter.name: return GitHubReporter()
        case MarkdownReporter.name: return MarkdownReporter()
        case GradescopeReporter.name: return GradescopeReporter()
        default: return nil
        }
    }

    public static var names: [String] { all.map { $0.name } }
}

import PodGradeCore

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

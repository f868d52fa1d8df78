import PodGradeCore

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

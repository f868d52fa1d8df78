import PodGradeCore

/// What a reporter may use besides the result: the language, whether to
/// color, the submission's lines for code frames, and whether every exercise
/// is listed by name (`check --all`, `--exercise`) or those without a
/// submission in one line (the text format's compact view).
public struct ReportContext: Sendable {
    public let lang: Lang
    public let color: Bool
    public let listEveryExercise: Bool
    /// The lines of a submission file, by its path in the result.
    public let sourceLines: @Sendable (String) -> [Substring]?

    public init(lang: Lang, color: Bool = false, listEveryExercise: Bool = false,
                sourceLines: @escaping @Sendable (String) -> [Substring]? = { _ in nil }) {
        self.lang = lang
        self.color = color
        self.listEveryExercise = listEveryExercise
        self.sourceLines = sourceLines
    }
}

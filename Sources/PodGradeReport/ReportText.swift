public import PodGradeCore

/// The reporters' own words, in every language.
public enum ReportText {
    public static let source = LocalizedText(ru: "Источник", en: "Source")
    public static let missing = LocalizedText(ru: "решение не найдено", en: "no submission found")
    public static let total = LocalizedText(ru: "Итого", en: "Total")
    public static let hint = LocalizedText(ru: "Подсказка", en: "Hint")
    public static let passed = LocalizedText(ru: "зачтено", en: "passed")
    public static let failed = LocalizedText(ru: "не зачтено", en: "failed")

    /// "5 баллов" / "5 points".
    public static func points(_ n: Int, _ lang: Lang) -> String {
        switch lang {
        case .ru: return RussianPlural.points(n)
        case .en: return EnglishPlural.points(n)
        }
    }

    public static func passAt(_ n: Int, _ lang: Lang) -> String {
        switch lang {
        case .ru: return "зачёт от \(n)"
        case .en: return "pass at \(n)"
        }
    }

    public static func passedExercises(_ passed: Int, _ graded: Int, _ lang: Lang) -> String {
        switch lang {
        case .ru: return "зачтено \(passed) из \(graded) " + RussianPlural.form(graded, one: "задания", few: "заданий", many: "заданий")
        case .en: return "\(passed) of \(graded) " + (graded == 1 ? "exercise" : "exercises") + " passed"
        }
    }

    public static func newerCommits(_ n: Int, _ lang: Lang) -> String {
        switch lang {
        case .ru: return "после срока ещё " + RussianPlural.form(n, one: "\(n) коммит", few: "\(n) коммита", many: "\(n) коммитов")
        case .en: return n == 1 ? "1 commit after the deadline" : "\(n) commits after the deadline"
        }
    }
}

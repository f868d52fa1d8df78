public import PodGradeCore

/// The reporters' own words, in every language.
public enum ReportText {
    public static let source = LocalizedText(ru: "Источник", en: "Source")
    public static let missing = LocalizedText(ru: "решение не найдено", en: "no submission found")
    public static let total = LocalizedText(ru: "Итого", en: "Total")
    public static let hint = LocalizedText(ru: "Подсказка", en: "Hint")
    public static let warning = LocalizedText(ru: "предупреждение", en: "warning")
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

    /// The compact view's line for the exercises without a submission: "Not started: 01, 03–06, 08–12".
    public static func notStarted(_ labels: [String], _ lang: Lang) -> String {
        let list = labels.joined(separator: ", ")
        switch lang {
        case .ru: return (labels.count == 1 ? "Не начато: " : "Не начаты: ") + list
        case .en: return "Not started: " + list
        }
    }

    /// Said once for the checks that wait for a file that does not parse.
    public static func checksWaitForFile(_ n: Int, points: Int, _ lang: Lang) -> String {
        let worth = self.points(points, lang)
        switch lang {
        case .ru:
            return RussianPlural.form(n, one: "\(n) проверка (\(worth)) ждёт этот файл: она выполнится, когда он прочитается.",
                                      few: "\(n) проверки (\(worth)) ждут этот файл: они выполнятся, когда он прочитается.",
                                      many: "\(n) проверок (\(worth)) ждут этот файл: они выполнятся, когда он прочитается.")
        case .en:
            return n == 1 ? "1 check (\(worth)) waits for this file: it runs once the file parses."
                : "\(n) checks (\(worth)) wait for this file: they run once the file parses."
        }
    }

    public static func newerCommits(_ n: Int, _ lang: Lang) -> String {
        switch lang {
        case .ru: return "после срока ещё " + RussianPlural.form(n, one: "\(n) коммит", few: "\(n) коммита", many: "\(n) коммитов")
        case .en: return n == 1 ? "1 commit after the deadline" : "\(n) commits after the deadline"
        }
    }
}

/// Words of the CI and course formats (JUnit, SARIF, GitHub, Markdown, Gradescope, class report).
extension ReportText {
    public static let exercise = LocalizedText(ru: "Задание", en: "Exercise")
    public static let title = LocalizedText(ru: "Название", en: "Title")
    public static let score = LocalizedText(ru: "Баллы", en: "Score")
    public static let status = LocalizedText(ru: "Статус", en: "Status")
    public static let checkError = LocalizedText(ru: "проверка не смогла выполниться", en: "the check could not run")
    public static let submission = LocalizedText(ru: "решение", en: "submission")
}

/// Words of `podgrade explain` (and SARIF's help text).
extension ReportText {
    public static let lectureSection = LocalizedText(ru: "Раздел лекции", en: "Lecture section")
    public static let parameters = LocalizedText(ru: "Параметры:", en: "Parameters:")
    public static let examplePasses = LocalizedText(ru: "Проходит", en: "Passes")
    public static let exampleFails = LocalizedText(ru: "Не проходит", en: "Fails")
}

extension ReportText {
    /// "✗ 02-yellow  Pod yellow  9/11 points (pass at 11)": an exercise's plain score line.
    static func scoreLine(_ exercise: ExerciseResult, _ lang: Lang) -> String {
        switch exercise.status {
        case .missing:
            return "○ \(exercise.id)  \(exercise.title.text(lang)) — " + missing.text(lang)
        case .pass:
            return "✓ \(exercise.id)  \(exercise.title.text(lang))  \(exercise.score)/" + points(exercise.maxScore, lang)
        case .fail, .error:
            return "✗ \(exercise.id)  \(exercise.title.text(lang))  \(exercise.score)/" + points(exercise.maxScore, lang)
                + " (" + passAt(exercise.passScore, lang) + ")"
        }
    }

    /// "Total: 37/40 points · 3 of 5 exercises passed".
    static func totalLine(_ result: GradeResult, _ lang: Lang) -> String {
        let graded = result.exercises.filter { $0.status != .missing }
        return total.text(lang) + ": \(result.score)/" + points(result.maxScore, lang)
            + " · " + passedExercises(graded.filter(\.passed).count, graded.count, lang)
    }

    /// `file:line:column: message`, or the message alone.
    static func located(_ finding: FindingResult, _ lang: Lang) -> String {
        let text = finding.message.text(lang)
        guard let location = finding.location else { return text }
        return "\(location.file):\(location.line):\(location.column): \(text)"
    }
}

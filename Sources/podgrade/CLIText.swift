import PodGradeCore
import PodGradeBatch

/// The command line's own words, in every language (a new language: the
/// compiler lists each switch here).
enum CLIText {
    static let checks = LocalizedText(ru: "Проверки:", en: "Checks:")
    static let errors = LocalizedText(ru: "ошибок", en: "errors")

    /// "Зачёт: от 8 из 10." under `podgrade show`.
    static func passMark(_ pass: Int, of max: Int, _ lang: Lang) -> String {
        switch lang {
        case .ru: return "Зачёт: от \(pass) из \(max)."
        case .en: return "Pass: \(pass) of \(max)."
        }
    }

    /// What to do after `podgrade start`.
    static func nextSteps(_ slug: String, _ lang: Lang) -> String {
        switch lang {
        case .ru: return "Задание: podgrade show \(slug); проверка: podgrade check --exercise \(slug)"
        case .en: return "Task: podgrade show \(slug); check: podgrade check --exercise \(slug)"
        }
    }

    /// What `podgrade report` wrote.
    static func reportWritten(_ learners: Int, csv: String, html: String, _ lang: Lang) -> String {
        switch lang {
        case .ru: return RussianPlural.form(learners, one: "\(learners) ученик", few: "\(learners) ученика", many: "\(learners) учеников") + ": \(csv), \(html)"
        case .en: return (learners == 1 ? "1 learner" : "\(learners) learners") + ": \(csv), \(html)"
        }
    }

    /// The last line of `podgrade grade`.
    static func batchFinished(_ summary: BatchSummary, out: String, _ lang: Lang) -> String {
        switch lang {
        case .ru:
            return "Проверено \(summary.graded) из \(summary.inShard) (пропущено по --resume: \(summary.skippedByResume)), ошибок: \(summary.errorsInGradebook). Итоги: \(out)/gradebook.csv, \(out)/report.html"
        case .en:
            return "Graded \(summary.graded) of \(summary.inShard) (skipped by --resume: \(summary.skippedByResume)), errors: \(summary.errorsInGradebook). Results: \(out)/gradebook.csv, \(out)/report.html"
        }
    }
}

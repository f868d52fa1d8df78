import ArgumentParser
import PodGradeCore
import PodGradeReport
#if canImport(Glibc)
import Glibc
#endif

struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Show an exercise's task and its checks.")
    @Argument(help: "The exercise (see `podgrade list`).") var slug: String
    @OptionGroup var language: LanguageOptions
    @OptionGroup var labOptions: LabOptions

    func run() throws {
        let lang = try language.resolve()
        let exercise = try labOptions.exercise(slug)
        print(exercise.task.text(lang).trimmingTrailingNewlines())
        print("")
        print(CLIText.checks.text(lang))
        for check in exercise.checks {
            print("  - \(check.id) [\(check.rule.id)] \(check.rule.doc.title.text(lang)): " + ReportText.points(check.points, lang))
        }
        print(CLIText.passMark(exercise.passScore, of: exercise.maxScore, lang))
    }
}

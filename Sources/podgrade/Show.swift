import ArgumentParser
import PodGradeCore
import PodGradeReport
#if canImport(Glibc)
import Glibc
#endif

struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: say("Show an exercise's task and its checks.", ru: "Показать условие задания и его проверки."))
    @Argument(help: ArgumentHelp(say("The exercise: its slug, a unique prefix or its number (see podgrade list).", ru: "Задание: его имя, однозначное начало или номер (см. podgrade list)."))) var slug: String
    @OptionGroup var options: ExerciseOptions<ForShow>

    func run() throws {
        let (lang, exercise) = try options.resolve(slug)
        if let line = options.learner.variantLine(exercise, lang: lang) { print(line); print("") }
        print(exercise.task.text(lang).trimmingTrailingNewlines())
        print("")
        print(CommandText.checksHeading.text(lang))
        for check in exercise.checks {
            print("  - \(check.id) [\(check.rule.id)] \(check.rule.doc.title.text(lang)): " + ReportText.points(check.points, lang))
        }
        print(CommandText.passMark(pass: exercise.passScore, max: exercise.maxScore).text(lang))
    }
}

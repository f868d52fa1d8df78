import ArgumentParser
import PodGradeCore
import PodGradeReport
#if canImport(Glibc)
import Glibc
#endif

struct List: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: say("List the exercises.", ru: "Список заданий."))
    @OptionGroup var language: LanguageOptions
    @OptionGroup var labOptions: CourseOptions<ForList>

    func run() throws {
        let lang = try language.resolve()
        let lab = try labOptions.load()
        let width = lab.exercises.map(\.id.count).max() ?? 0
        for exercise in lab.exercises {
            let id = exercise.id + String(repeating: " ", count: width - exercise.id.count)
            print("\(id)  \(exercise.title.text(lang))  (" + ReportText.points(exercise.maxScore, lang) + ")")
        }
    }
}

import ArgumentParser
import PodGradeCore

struct Verify: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: say("Prove a course sound: solutions score full marks, starters fail, known-wrong cases fail exactly their rules.", ru: "Доказать, что курс исправен: решения набирают все баллы, заготовки не проходят, заведомо неверные ответы не проходят ровно свои правила."))

    @Option(name: .long, help: ArgumentHelp(say("The course's exercises folder (default: the bundled lab).", ru: "Папка заданий курса (по умолчанию — встроенный курс).")))
    var exercises: String?

    @Option(name: .long, help: ArgumentHelp(say("The course's solutions folder (default: the bundled solutions).", ru: "Папка решений курса (по умолчанию — встроенные решения).")))
    var solutions: String?

    func run() throws {
        let lab = try LabOptions(exercises: exercises).load()
        var solutionFiles = Lab.bundledSolutions
        if let solutions {
            do { solutionFiles = try Lab.files(inDirectory: solutions) } catch { throw UsageFailure("cannot read solutions folder: \(error.message)") }
        } else if exercises != nil {
            throw UsageFailure("--exercises needs --solutions (the bundled solutions belong to the bundled lab)")
        }
        let report = CourseVerifier.verify(lab: lab, solutions: solutionFiles)
        for problem in report.problems { print("✗ " + problem) }
        print("\(lab.exercises.count) exercises, \(report.solutions) solutions, \(report.starters) starters, \(report.wrongCases) known-wrong cases: "
              + (report.ok ? "the course is sound" : "\(report.problems.count) problems"))
        if !report.ok { throw ExitCode(1) }
    }
}

import FoundationEssentials
import ArgumentParser
import PodGradeCore

struct Verify: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: say("Prove a course sound: solutions score full marks, starters fail, known-wrong cases fail exactly their rules.", ru: "Доказать, что курс исправен: решения набирают все баллы, заготовки не проходят, заведомо неверные ответы не проходят ровно свои правила."))

    @Option(name: .long, help: ArgumentHelp(say("The course's exercises folder (default: the bundled lab).", ru: "Папка заданий курса (по умолчанию — встроенный курс).")))
    var exercises: String?

    @Option(name: .long, help: ArgumentHelp(say("The course's solutions folder (default: the bundled solutions).", ru: "Папка решений курса (по умолчанию — встроенные решения).")))
    var solutions: String?

    @Flag(name: .long, help: "Print mutants of each solution that fail exactly one check (candidates for known-wrong cases).")
    var proposeMutants = false

    @Option(name: .long, help: "With --propose-mutants: write one mutant a check no case fails into DIR/<slug>/wrong/ and its cases.yaml.")
    var writeMutants: String?

    func run() throws {
        let lab = try LabOptions(exercises: exercises).load(withCases: true)
        var solutionFiles = Lab.bundledSolutions
        if let solutions {
            do { solutionFiles = try Lab.files(inDirectory: solutions) } catch { throw UsageFailure("cannot read solutions folder: \(error.message)") }
        } else if exercises != nil {
            throw UsageFailure("--exercises needs --solutions (the bundled solutions belong to the bundled lab)")
        }
        let report = CourseVerifier.verify(lab: lab, solutions: solutionFiles)
        if proposeMutants {
            let mutants = CourseMutants.propose(lab: lab, solutions: solutionFiles, uncovered: Set(report.uncovered))
            for m in mutants.sorted(by: { ($0.uncovered ? 0 : 1, $0.exercise, $0.check) < ($1.uncovered ? 0 : 1, $1.exercise, $1.check) }) {
                print("\(m.uncovered ? "+" : " ") \(m.exercise)/\(m.check) [\(m.rule)\(m.key.map { " " + $0 } ?? "")] \(m.change)")
            }
            print("\(mutants.count) mutants fail exactly one check (+: a check no known-wrong case fails yet)")
            if let dir = writeMutants { try write(mutants.filter(\.uncovered), to: dir) }
            return
        }
        for problem in report.problems { print("✗ " + problem) }
        print("\(lab.exercises.count) exercises, \(report.solutions) solutions, \(report.starters) starters, \(report.rightCases) right cases, "
              + "\(report.wrongCases) known-wrong cases" + (report.variants > 0 ? ", \(report.variants) more variants, \(report.copiesCaught) copies caught" : "")
              + ": " + (report.ok ? "the course is sound" : "\(report.problems.count) problems"))
        if !report.ok { throw ExitCode(1) }
    }

    /// The first mutant of each uncovered check, as a known-wrong case.
    func write(_ mutants: [CourseMutants.Mutant], to dir: String) throws {
        var done = Set<String>()
        for m in mutants where done.insert(m.exercise + "/" + m.check).inserted {
            let folder = "\(dir)/\(m.exercise)/wrong"
            let file = "mutant-\(m.check).yaml"
            guard FileManager.default.createFile(atPath: "\(folder)/\(file)", contents: Data(m.content.utf8)) else {
                throw UsageFailure("cannot write \(folder)/\(file)")
            }
            let change = m.change.replacing("\"", with: "'")
            let ru = change.replacing("line ", with: "строка ").replacing(" removed: ", with: " удалена: ")
                .replacing(" renamed: ", with: ": имя изменено: ").replacing(" cut: ", with: ": команда обрезана: ")
                .replacing(" port ", with: ": порт заменён на ")
            let entry = "- file: \(file)\n  fails: [\(m.rule)]\n" + (m.key.map { "  key: \($0)\n" } ?? "")
                + "  why: {ru: \"мутант решения (make mutants), \(ru)\", en: \"a mutant of the solution (make mutants), \(change)\"}\n"
            let cases = "\(folder)/cases.yaml"
            var text = (try? String(contentsOfFile: cases, encoding: .utf8)) ?? ""
            if !text.isEmpty && !text.hasSuffix("\n") { text += "\n" }
            text += entry
            try text.write(toFile: cases, atomically: true, encoding: .utf8)
        }
    }
}

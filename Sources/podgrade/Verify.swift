import ArgumentParser
import PodGradeCore

struct Verify: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Prove a course sound: solutions score full marks, starters fail, known-wrong cases fail exactly their rules.")

    @Option(name: .long, help: "The course's exercises folder (default: the bundled lab).")
    var exercises: String?

    @Option(name: .long, help: "The course's solutions folder (default: the bundled solutions).")
    var solutions: String?

    @Flag(name: .long, help: "Also count as a problem every check that no known-wrong case fails.")
    var strict = false

    @Flag(name: .long, help: "Print mutants of each solution that fail exactly one check (candidates for known-wrong cases).")
    var proposeMutants = false

    func run() throws {
        let lab = try LabOptions(exercises: exercises).load()
        var solutionFiles = Lab.bundledSolutions
        if let solutions {
            do { solutionFiles = try Lab.files(inDirectory: solutions) } catch { throw UsageFailure("cannot read solutions folder: \(error.message)") }
        } else if exercises != nil {
            throw UsageFailure("--exercises needs --solutions (the bundled solutions belong to the bundled lab)")
        }
        var report = CourseVerifier.verify(lab: lab, solutions: solutionFiles)
        if proposeMutants {
            let mutants = CourseMutants.propose(lab: lab, solutions: solutionFiles, uncovered: Set(report.uncovered))
            for m in mutants.sorted(by: { ($0.uncovered ? 0 : 1, $0.exercise, $0.check) < ($1.uncovered ? 0 : 1, $1.exercise, $1.check) }) {
                print("\(m.uncovered ? "+" : " ") \(m.exercise)/\(m.check) [\(m.rule)\(m.key.map { " " + $0 } ?? "")] \(m.change)")
            }
            print("\(mutants.count) mutants fail exactly one check (+: a check no known-wrong case fails yet)")
            return
        }
        if strict { report.problems += report.uncovered.map { "\($0): no known-wrong case fails this check" } }
        for problem in report.problems { print("✗ " + problem) }
        let coverage = report.uncovered.isEmpty ? "" : ", \(report.uncovered.count) checks no case fails"
        print("\(lab.exercises.count) exercises, \(report.solutions) solutions, \(report.starters) starters, \(report.rightCases) right cases, "
              + "\(report.wrongCases) known-wrong cases\(coverage): " + (report.ok ? "the course is sound" : "\(report.problems.count) problems"))
        if !report.ok { throw ExitCode(1) }
    }
}

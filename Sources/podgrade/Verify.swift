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

    func run() throws {
        let lab = try LabOptions(exercises: exercises).load()
        var solutionFiles = Lab.bundledSolutions
        if let solutions {
            do { solutionFiles = try Lab.files(inDirectory: solutions) } catch { throw UsageFailure("cannot read solutions folder: \(error.message)") }
        } else if exercises != nil {
            throw UsageFailure("--exercises needs --solutions (the bundled solutions belong to the bundled lab)")
        }
        var report = CourseVerifier.verify(lab: lab, solutions: solutionFiles)
        if strict { report.problems += report.uncovered.map { "\($0): no known-wrong case fails this check" } }
        for problem in report.problems { print("✗ " + problem) }
        let coverage = report.uncovered.isEmpty ? "" : ", \(report.uncovered.count) checks no case fails"
        print("\(lab.exercises.count) exercises, \(report.solutions) solutions, \(report.starters) starters, \(report.rightCases) right cases, "
              + "\(report.wrongCases) known-wrong cases\(coverage): " + (report.ok ? "the course is sound" : "\(report.problems.count) problems"))
        if !report.ok { throw ExitCode(1) }
    }
}

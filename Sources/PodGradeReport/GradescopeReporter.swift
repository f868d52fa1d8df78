public import PodGradeCore
import FoundationEssentials

/// Gradescope's autograder `results.json`
/// (https://gradescope-autograders.readthedocs.io/en/latest/specs/): the total
/// score, a summary, and a test per check (`"<exercise> · <check>"`, numbered
/// `exercise.check`). A missing exercise is one test scoring 0 of its points.
/// The spec has no top-level maximum: it is kept in `extra_data.max_score`.
public struct GradescopeReporter: Reporter {
    public static let name = "gradescope"

    public init() {}

    public func render(_ result: GradeResult, context: ReportContext) -> String {
        JSONReporter.encode(results(result, lang: context.lang))
    }

    func results(_ result: GradeResult, lang: Lang) -> Results {
        var tests: [Test] = []
        for (e, exercise) in result.exercises.enumerated() {
            if exercise.status == .missing {
                tests.append(Test(name: "\(exercise.id) · " + ReportText.submission.text(lang), number: "\(e + 1).1",
                                  score: 0, max_score: exercise.maxScore, status: "failed",
                                  output: ReportText.missing.text(lang)))
                continue
            }
            for (c, check) in exercise.checks.enumerated() {
                let passed = check.status == .pass || check.status == .info
                tests.append(Test(name: "\(exercise.id) · \(check.id)", number: "\(e + 1).\(c + 1)",
                                  score: check.points, max_score: check.maxPoints, status: passed ? "passed" : "failed",
                                  output: output(check, lang: lang)))
            }
        }
        var summary = [ReportText.totalLine(result, lang)]
        summary += result.exercises.map { ReportText.scoreLine($0, lang) }
        summary += result.notes ?? []
        return Results(score: result.score, output: summary.joined(separator: "\n"),
                       extra_data: Extra(max_score: result.maxScore, passed: result.passed, commit: result.source.commit),
                       tests: tests)
    }

    /// The check's message(s) with their locations, then the hint.
    private func output(_ check: CheckResult, lang: Lang) -> String {
        var lines: [String] = []
        switch check.status {
        case .error: lines.append(ReportText.checkError.text(lang) + ": " + check.text(lang))
        default: lines += check.findings.map { ReportText.located($0, lang) }
        }
        if let hint = check.hint { lines.append(ReportText.hint.text(lang) + ": " + hint.text(lang)) }
        return lines.joined(separator: "\n")
    }

    // Field names are Gradescope's, snake_case as the spec spells them.
    struct Results: Encodable {
        var score: Int
        var output: String
        var output_format = "text"
        var test_output_format = "text"
        var visibility = "visible"
        var stdout_visibility = "hidden"
        var extra_data: Extra
        var tests: [Test]
    }

    struct Extra: Encodable {
        var max_score: Int
        var passed: Bool
        var commit: String?
    }

    struct Test: Encodable {
        var name: String
        var number: String
        var score: Int
        var max_score: Int
        var status: String
        var output: String
        var visibility = "visible"
    }
}

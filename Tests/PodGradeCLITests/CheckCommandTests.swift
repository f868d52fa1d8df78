import Foundation
import XCTest
import PodGradeCore

final class CheckCommandTests: XCTestCase {
    let sample = "Tests/Fixtures/sample-learner"

    func testSolutionsPassWithExitZero() throws {
        let run = try podgrade(["check", "solutions"])
        XCTAssertEqual(run.status, 0, run.stderr)
        let lab = Lab.bundled, total = lab.exercises.reduce(0) { $0 + $1.maxScore }, n = lab.exercises.count
        let line = "Итого: \(total)/" + RussianPlural.points(total) + " · зачтено \(n) из \(n) " + RussianPlural.form(n, one: "задания", few: "заданий", many: "заданий")
        // Without a student id, the exercises with variables are graded against their default variant, said once.
        let note = "! Задания с вариантом для каждого ученика (03-sidecar-logging, 05-ambassador, 07-shared-volume) проверены по варианту по умолчанию: номер ученика не указан "
            + "(укажите --student ID или student: ID в .podgrade.yaml).\n"
        XCTAssertTrue(run.stdout.hasSuffix(line + "\n" + note), run.stdout)
        XCTAssertEqual(run.stdout.components(separatedBy: "05-ambassador, 07").count, 2)
        XCTAssertEqual(run.stderr, "")
    }

    func testSampleLearnerTextOutputInBothLanguages() throws {
        let ru = try podgrade(["check", sample])
        XCTAssertEqual(ru.status, 1)
        try assertGolden(ru.stdout, "sample-learner.ru.txt")
        let en = try podgrade(["check", sample, "--lang", "en"])
        XCTAssertEqual(en.status, 1)
        try assertGolden(en.stdout, "sample-learner.en.txt")
        let env = try podgrade(["check", sample], environment: ["PODGRADE_LANG": "en"])
        XCTAssertEqual(env.stdout, en.stdout)
    }

    func testJSONOutputFollowsTheContract() throws {
        let run = try podgrade(["check", sample, "--format", "json", "--lang", "en"])
        XCTAssertEqual(run.status, 1)
        try assertGolden(run.stdout, "sample-learner.json")
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(json["schema"] as? String, "podgrade.result/v1")
        XCTAssertEqual((json["tool"] as? [String: Any])?["name"] as? String, "podgrade")
        XCTAssertEqual(json["lang"] as? String, "en")
        XCTAssertEqual(json["passed"] as? Bool, false)
        let exercises = try XCTUnwrap(json["exercises"] as? [[String: Any]])
        XCTAssertEqual(exercises.count, Lab.bundled.exercises.count)
        let yellow = try XCTUnwrap(exercises.first { $0["id"] as? String == "02-yellow" })
        XCTAssertEqual(yellow["files"] as? [String], ["misc/yellow.yaml"])
        let checks = try XCTUnwrap(yellow["checks"] as? [[String: Any]])
        let failed = try XCTUnwrap(checks.first { $0["status"] as? String == "fail" })
        XCTAssertEqual(failed["rule"] as? String, "container.long-running")
        let location = try XCTUnwrap(failed["location"] as? [String: Any])
        XCTAssertEqual(location["file"] as? String, "misc/yellow.yaml")
        XCTAssertEqual(location["line"] as? Int, 7)
        XCTAssertEqual(location["column"] as? Int, 11)
        XCTAssertEqual(failed["path"] as? String, "spec.containers[0].name")
        let missing = try XCTUnwrap(exercises.first { $0["id"] as? String == "04-adapter" })
        XCTAssertEqual(missing["status"] as? String, "missing")
        XCTAssertEqual((missing["checks"] as? [Any])?.count, 0)
    }

    func testExitCodes() throws {
        // An exercise named with --exercise that has no submission: 1.
        XCTAssertEqual(try podgrade(["check", sample, "--exercise", "04-adapter"]).status, 1)
        // Only passing exercises named: 0.
        XCTAssertEqual(try podgrade(["check", sample, "--exercise", "01-multi-container-pod", "--exercise", "07-shared-volume"]).status, 0)
        for arguments in [["check", "/nonexistent/repo"], ["check", sample, "--exercise", "99-nope"], ["check", sample, "--format", "xml"],
                          ["check", sample, "--lang", "de"], ["check", "--bogus"], ["show", "99-nope"], ["explain", "no.such"]] {
            let run = try podgrade(arguments)
            XCTAssertEqual(run.status, 2, arguments.joined(separator: " "))
            XCTAssertEqual(run.stdout, "", arguments.joined(separator: " "))
            XCTAssertEqual(run.stderr.filter { $0 == "\n" }.count, 1, "one line on stderr: \(run.stderr)")
            XCTAssertTrue(run.stderr.hasPrefix("podgrade: "), run.stderr)
        }
        XCTAssertEqual(try podgrade(["check", "/nonexistent/repo"]).stderr,
                       "podgrade: Нет такого файла, папки или репозитория: /nonexistent/repo. Укажите папку с манифестами, файл манифеста или URL git-репозитория.\n")
    }

    func testHelpAndVersion() throws {
        let help = try podgrade(["--help"])
        XCTAssertEqual(help.status, 0)
        for command in ["check", "list", "show", "start", "explain", "validate", "verify"] {
            XCTAssertTrue(help.stdout.contains("  \(command)"), command)
        }
        let checkHelp = try podgrade(["check", "--help"])
        XCTAssertEqual(checkHelp.status, 0)
        XCTAssertTrue(checkHelp.stdout.contains("--exercise"))
        XCTAssertEqual(try podgrade(["--version"]).stdout, "0.1.0\n")
    }

    func testOutputFilesAreWrittenPerFormat() throws {
        let dir = try temporaryDirectory()
        let run = try podgrade(["check", sample, "--format", "json", "--output", dir + "/r.json", "--format", "text"])
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.stdout.contains("Итого:"))
        let json = try String(contentsOfFile: dir + "/r.json", encoding: .utf8)
        XCTAssertTrue(json.contains("\"schema\" : \"podgrade.result/v1\""))
        let unwritable = try podgrade(["check", sample, "--format", "json", "--output", "/nonexistent/dir/r.json"])
        XCTAssertEqual(unwritable.status, 2)
        XCTAssertEqual(unwritable.stderr, "podgrade: Не удалось записать /nonexistent/dir/r.json: No such file or directory.\n")
    }

    func testSeveralFormatsInOneRun() throws {
        let dir = try temporaryDirectory()
        let run = try podgrade(["check", "solutions", "--format", "sarif:\(dir)/p.sarif", "--format", "junit", "--output", dir + "/p.xml",
                                "--format", "github"])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stdout.hasPrefix("::notice"), run.stdout)
        XCTAssertTrue(try String(contentsOfFile: dir + "/p.sarif", encoding: .utf8).contains("\"version\" : \"2.1.0\""))
        XCTAssertTrue(try String(contentsOfFile: dir + "/p.xml", encoding: .utf8).hasPrefix("<?xml"))
        let twoToStdout = try podgrade(["check", "solutions", "--format", "json", "--format", "text"])
        XCTAssertEqual(twoToStdout.status, 2)
        XCTAssertEqual(twoToStdout.stderr, "podgrade: Несколько форматов попали бы в стандартный вывод: всем, кроме одного, дайте файл (--format sarif:out.sarif или --output ФАЙЛ).\n")
    }

    func testGitHubStepSummaryIsAppended() throws {
        let dir = try temporaryDirectory()
        let summary = dir + "/summary.md"
        try "# earlier step\n".write(toFile: summary, atomically: true, encoding: .utf8)
        let run = try podgrade(["check", sample, "--format", "github", "--lang", "en"], environment: ["GITHUB_STEP_SUMMARY": summary])
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.stdout.contains("::error file=03-sidecar-logging/pod.yaml,line=17,col=7,"), run.stdout)
        let text = try String(contentsOfFile: summary, encoding: .utf8)
        XCTAssertTrue(text.hasPrefix("# earlier step\n"))
        XCTAssertTrue(text.contains("03-sidecar-logging"))
    }
}

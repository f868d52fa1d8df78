import Foundation
import XCTest
import PodGradeCore

/// Issue 10, "Messages and commands that help": typos get suggestions, the
/// language is resolved one way, a single file is graded as its exercise,
/// `--watch` refuses what it cannot follow, and no message repeats itself.
final class HelpfulCommandTests: XCTestCase {
    func testAMistypedCommandIsNamed() throws {
        let run = try podgrade(["chek"])
        XCTAssertEqual(run.status, 2)
        XCTAssertEqual(run.stdout, "")
        XCTAssertEqual(run.stderr, "podgrade: Нет такой команды и такого пути: 'chek'. Может быть, podgrade check?\n")
        let en = try podgrade(["lsit", "--lang", "en"])
        XCTAssertEqual(en.stderr, "podgrade: No such command or path: 'lsit'. Did you mean podgrade list?\n")
    }

    func testAMissingPathIsSaidPlainly() throws {
        let run = try podgrade(["check", "no/such/folder", "--lang", "en"])
        XCTAssertEqual(run.status, 2)
        XCTAssertEqual(run.stderr, "podgrade: No such file, folder or repository: no/such/folder. Give a folder of manifests, a manifest file or a git repository URL.\n")
    }

    func testExercisesByNumberPrefixOrSuggestion() throws {
        let byNumber = try podgrade(["show", "3", "--lang", "en"])
        XCTAssertEqual(byNumber.status, 0)
        let points = Lab.bundled.exercise("03-sidecar-logging")?.maxScore ?? 0
        XCTAssertTrue(byNumber.stdout.hasSuffix("Pass: \(points) points of \(points).\n"), byNumber.stdout)
        let byPrefix = try podgrade(["show", "03-side", "--lang", "en"])
        XCTAssertEqual(byPrefix.stdout, byNumber.stdout)
        let misspelled = try podgrade(["show", "03-sidecar-loging", "--lang", "en"])
        XCTAssertEqual(misspelled.status, 2)
        XCTAssertEqual(misspelled.stderr, "podgrade: No exercise '03-sidecar-loging'. Did you mean 03-sidecar-logging? See podgrade list.\n")
        let ambiguous = try podgrade(["check", "-e", "1", "--lang", "en"])
        XCTAssertEqual(ambiguous.status, 2)
        XCTAssertEqual(ambiguous.stderr, "podgrade: '1' matches several exercises: 10-native-sidecar, 11-fix-broken-pod, 12-elastic-sidecar. Be more specific.\n")
        let russian = try podgrade(["start", "yelow", "/nonexistent"])
        XCTAssertEqual(russian.stderr, "podgrade: Нет задания 'yelow'. Может быть, 02-yellow? Список: podgrade list.\n")
    }

    func testExplainACheckIDOrSuggestARule() throws {
        let check = try podgrade(["explain", "logs-readonly", "--lang", "en"])
        XCTAssertEqual(check.status, 0)
        XCTAssertTrue(check.stdout.hasPrefix("Check logs-readonly (03-sidecar-logging) applies rule volume.readonly:\n\nvolume.readonly: "), check.stdout)
        let typo = try podgrade(["explain", "volume.readonli", "--lang", "en"])
        XCTAssertEqual(typo.status, 2)
        XCTAssertEqual(typo.stderr, "podgrade: No rule or check 'volume.readonli'. Did you mean volume.readonly? See podgrade explain for the rules.\n")
    }

    func testOneLanguageRuleForEveryCommand() throws {
        for arguments in [["list"], ["explain"], ["check", "solutions"], ["show", "02-yellow"]] {
            let run = try podgrade(arguments, environment: ["PODGRADE_LANG": "fr"])
            XCTAssertEqual(run.status, 2, "\(arguments)")
            XCTAssertEqual(run.stderr, "podgrade: Неизвестный язык 'fr' в PODGRADE_LANG: укажите ru или en / Unknown language 'fr' in PODGRADE_LANG: use ru or en.\n", "\(arguments)")
        }
        let flag = try podgrade(["list", "--lang", "de"])
        XCTAssertEqual(flag.status, 2)
        XCTAssertEqual(flag.stderr, "podgrade: Неизвестный язык 'de' в --lang: укажите ru или en / Unknown language 'de' in --lang: use ru or en.\n")
        // The flag wins over the environment; a locale name of ru/en is understood.
        XCTAssertEqual(try podgrade(["list", "--lang", "en"], environment: ["PODGRADE_LANG": "fr"]).status, 0)
        let locale = try podgrade(["show", "02-yellow"], environment: ["PODGRADE_LANG": "en_US.UTF-8"])
        XCTAssertTrue(locale.stdout.contains("\nChecks:\n"), locale.stdout)
    }

    func testParserErrorsInTheUsersLanguage() throws {
        let ru = try podgrade(["check", "--bogus"])
        XCTAssertEqual(ru.status, 2)
        XCTAssertEqual(ru.stderr, "podgrade: Неизвестный параметр --bogus. Справка: podgrade check --help.\n")
        let en = try podgrade(["check", "--color", "purple", "--lang", "en"])
        XCTAssertEqual(en.stderr, "podgrade: Invalid value 'purple' for --color <color>. See podgrade check --help.\n")
    }

    func testASingleFileIsGradedAsItsExercise() throws {
        let run = try podgrade(["check", "solutions/02-yellow/pod.yaml", "--lang", "en"])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stdout.contains("02-yellow"), run.stdout)
        XCTAssertFalse(run.stdout.contains("01-multi-container-pod"), run.stdout)
        XCTAssertTrue(run.stdout.hasSuffix("Total: 13/13 points · 1 of 1 exercise passed\n"), run.stdout)
        // Outside its exercise's folder, the file is matched by kind and name.
        let folder = try temporaryDirectory()
        try FileManager.default.copyItem(atPath: packageRoot + "/solutions/07-shared-volume/pod.yaml", toPath: folder + "/answer.yaml")
        let json = try podgrade(["check", folder + "/answer.yaml", "--format", "json"])
        let result = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        let exercises = result?["exercises"] as? [[String: Any]]
        XCTAssertEqual(exercises?.compactMap { $0["id"] as? String }, ["07-shared-volume"])
        XCTAssertEqual(exercises?.first?["status"] as? String, "pass")
        let notManifest = try podgrade(["check", "README.md", "--lang", "en"])
        XCTAssertEqual(notManifest.status, 2)
        XCTAssertEqual(notManifest.stderr, "podgrade: Cannot read the source: README.md: not a manifest (.yaml, .yml or .json) nor a folder or repository.\n")
    }

    func testWatchRefusesWhatItCannotFollow() throws {
        let rev = try podgrade(["check", "--watch", "--rev", "HEAD", "--lang", "en"])
        XCTAssertEqual(rev.status, 2)
        XCTAssertEqual(rev.stderr, "podgrade: --watch follows a folder's files while --rev grades a commit: choose one.\n")
        let url = try podgrade(["check", "https://example.invalid/repo.git", "--watch", "--lang", "en"])
        XCTAssertEqual(url.stderr, "podgrade: --watch follows a folder on disk, not a remote repository.\n")
    }

    func testAWriteErrorNamesThePathOnce() throws {
        let run = try podgrade(["check", "solutions", "--output", "/nonexistent/x.txt", "--lang", "en"])
        XCTAssertEqual(run.status, 2)
        XCTAssertEqual(run.stderr, "podgrade: Cannot write /nonexistent/x.txt: No such file or directory.\n")
    }

    func testShortFlagsAndDefaultsShownOnce() throws {
        let help = try podgrade(["check", "--help"]).stdout
        for flag in ["-e, --exercise", "-f, --format", "-o, --output"] {
            XCTAssertTrue(help.contains(flag), "\(flag) in\n\(help)")
        }
        // ArgumentParser prints each default itself; the help texts must not say it again.
        let flattened = help.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
        XCTAssertFalse(flattened.contains("(default 60)"), help)
        XCTAssertEqual(flattened.components(separatedBy: "default: auto").count - 1, 1, help)
        // Every command shows each default once (ArgumentParser prints them itself).
        for command in ["check", "grade", "similar", "lsp", "validate", "report"] {
            let text = try podgrade([command, "--help"]).stdout.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
            for twice in ["(default 60). (default", "(default 0.5). (default", "(default 50)", "(default 150"] {
                XCTAssertFalse(text.contains(twice), "\(command): \(twice) in \(text)")
            }
        }
        // Help in the user's language, as every other text: Russian by default, English with --lang en or PODGRADE_LANG=en.
        let russian = try podgrade(["check", "--help"]).stdout
        XCTAssertTrue(russian.hasPrefix("OVERVIEW: Проверить репозиторий: папку, рабочую копию git, голый репозиторий"), russian)
        XCTAssertTrue(russian.contains("Проверить только это задание"), russian)
        let english = try podgrade(["list", "--help"], environment: ["PODGRADE_LANG": "en"]).stdout
        XCTAssertTrue(english.hasPrefix("OVERVIEW: List the exercises."), english)
        let grade = try podgrade(["grade", "--help"]).stdout
        XCTAssertTrue(grade.contains("-j, --jobs") && grade.contains("-o, --out"), grade)
        // --exercises says what it does for each command.
        for (command, words) in [("check", "Grade against the exercises of this course folder"), ("list", "List the exercises of this course folder"),
                                 ("show", "Show a task of this course folder"), ("explain", "Look check ids up in this course folder")] {
            let text = try podgrade([command, "--help", "--lang", "en"]).stdout.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
            XCTAssertTrue(text.contains(words), "\(command): \(text)")
        }
    }

    /// CONTRACT.md: the exit status speaks of the exercises graded; `passed` of the whole course.
    func testHalfWayThroughExitsZeroWhilePassedIsFalse() throws {
        let repo = try temporaryDirectory()
        try FileManager.default.createDirectory(atPath: repo + "/02-yellow", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: packageRoot + "/solutions/02-yellow/pod.yaml", toPath: repo + "/02-yellow/pod.yaml")
        let run = try podgrade(["check", repo, "--format", "json"])
        XCTAssertEqual(run.status, 0, run.stderr)
        let result = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
        XCTAssertEqual(result?["passed"] as? Bool, false)
        let named = try podgrade(["check", repo, "-e", "02-yellow", "--format", "json"])
        XCTAssertEqual(named.status, 0)
        XCTAssertEqual((try JSONSerialization.jsonObject(with: Data(named.stdout.utf8)) as? [String: Any])?["passed"] as? Bool, true)
        // An exercise named with --exercise that has no submission fails.
        XCTAssertEqual(try podgrade(["check", repo, "-e", "02-yellow", "-e", "07-shared-volume"]).status, 1)
    }
}

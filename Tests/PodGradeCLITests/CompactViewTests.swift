import Foundation
import XCTest

/// `podgrade check`'s text output shows what matters: the exercises with a
/// submission, one line for the rest; `--all` and `--exercise` list every one.
/// A file that does not parse is said once, with the checks it holds back counted.
final class CompactViewTests: XCTestCase {
    /// A learner who did 2 of the 12 exercises (02 and 07, the reference solutions).
    func twoOfTwelve() throws -> String {
        let root = try temporaryDirectory()
        for slug in ["02-yellow", "07-shared-volume"] {
            try FileManager.default.createDirectory(atPath: root + "/" + slug, withIntermediateDirectories: true)
            try FileManager.default.copyItem(atPath: packageRoot + "/solutions/\(slug)/pod.yaml", toPath: root + "/\(slug)/pod.yaml")
        }
        return root
    }

    func testTwoOfTwelveShowsTheTwoThenOneLineForTheRest() throws {
        let root = try twoOfTwelve()
        let en = try podgrade(["check", ".", "--lang", "en"], in: root)
        XCTAssertEqual(en.status, 0)
        XCTAssertEqual(en.stdout, """
            Source: .

            ✓ 02-yellow  Pod yellow: lemon and gold  13/13 points

            ✓ 07-shared-volume  A shared volume: writer and reader  15/15 points

            ○ Not started: 01, 03–06, 08–12

            Total: 28/182 points · 2 of 2 exercises passed
            ! Exercises with a variant per learner (07-shared-volume) were graded against their default variant: no student id was given (give --student ID or student: ID in .podgrade.yaml).

            """)
        let ru = try podgrade(["check", "."], in: root)
        XCTAssertEqual(ru.status, 0)
        XCTAssertTrue(ru.stdout.hasSuffix("""

            ○ Не начаты: 01, 03–06, 08–12

            Итого: 28/182 балла · зачтено 2 из 2 заданий
            ! Задания с вариантом для каждого ученика (07-shared-volume) проверены по варианту по умолчанию: номер ученика не указан (укажите --student ID или student: ID в .podgrade.yaml).

            """), ru.stdout)
        XCTAssertFalse(ru.stdout.contains("решение не найдено"))
    }

    func testAllAndExerciseKeepTheFullView() throws {
        let root = try twoOfTwelve()
        let all = try podgrade(["check", ".", "--all", "--lang", "en"], in: root)
        XCTAssertEqual(all.status, 0)
        XCTAssertEqual(all.stdout.components(separatedBy: " — no submission found\n").count - 1, 10)
        XCTAssertTrue(all.stdout.contains("\n○ 04-adapter  Adapter: normalizing the application's output — no submission found\n"), all.stdout)
        XCTAssertFalse(all.stdout.contains("Not started"))
        let named = try podgrade(["check", ".", "-e", "4", "-e", "7", "--lang", "en"], in: root)
        XCTAssertEqual(named.status, 1)
        XCTAssertEqual(named.stdout, """
            Source: .

            ○ 04-adapter  Adapter: normalizing the application's output — no submission found

            ✓ 07-shared-volume  A shared volume: writer and reader  15/15 points

            Total: 15/30 points · 1 of 1 exercise passed
            ! Exercises with a variant per learner (07-shared-volume) were graded against their default variant: no student id was given (give --student ID or student: ID in .podgrade.yaml).

            """)
        // The JSON result lists every exercise whatever the view (CONTRACT.md).
        let json = try podgrade(["check", ".", "-f", "json"], in: root)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let exercises = try XCTUnwrap(object["exercises"] as? [[String: Any]])
        XCTAssertEqual(exercises.count, 12)
        XCTAssertEqual(exercises.filter { $0["status"] as? String == "missing" }.count, 10)
    }

    /// A file that does not parse: its YAML error once, then one line for the checks
    /// waiting for it (`pod.found` among them, not checked like the others); the score is unchanged.
    func testUnparsableFileIsSaidOnce() throws {
        let root = try twoOfTwelve()
        try FileManager.default.createDirectory(atPath: root + "/03-sidecar-logging", withIntermediateDirectories: true)
        try "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web-server-with-sidecar\nspec:\n  containers:\n  - name: web\n    image nginx\n  - name: x\n"
            .write(toFile: root + "/03-sidecar-logging/pod.yaml", atomically: false, encoding: .utf8)
        let en = try podgrade(["check", ".", "-e", "3", "--lang", "en"], in: root)
        XCTAssertEqual(en.status, 1)
        XCTAssertEqual(en.stdout, """
            Source: .

            ✗ 03-sidecar-logging  A logging sidecar  0/15 points  (pass at 15)
              ✗ yaml-syntax [yaml.syntax] 0/0
                  03-sidecar-logging/pod.yaml:8:5: this key has no colon ':' after it; reading stopped at line 9, column 3
                   8 |     image nginx
                     |     ^
                  Hint: Every manifest file of the submission must be valid YAML: spaces for indentation, a colon after each key, no repeated keys. An error names the line and column where reading stopped. See the lecture's section «Создание много-контейнерного POD».
              – 11 checks (15 points) wait for this file: they run once the file parses.

            Total: 0/15 points · 0 of 1 exercise passed
            ! Exercises with a variant per learner (03-sidecar-logging) were graded against their default variant: no student id was given (give --student ID or student: ID in .podgrade.yaml).

            """)
        let ru = try podgrade(["check", "."], in: root)
        XCTAssertEqual(ru.status, 1)
        XCTAssertTrue(ru.stdout.contains("""
            См. раздел лекции «Создание много-контейнерного POD».
              – 11 проверок (15 баллов) ждут этот файл: они выполнятся, когда он прочитается.

            ✓ 07-shared-volume
            """), ru.stdout)
        XCTAssertTrue(ru.stdout.contains("\n○ Не начаты: 01, 04–06, 08–12\n"), ru.stdout)
        XCTAssertEqual(ru.stdout.components(separatedBy: "Не проверено").count, 1)

        let json = try podgrade(["check", ".", "-e", "3", "-f", "json", "--lang", "en"], in: root)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let exercise = try XCTUnwrap((object["exercises"] as? [[String: Any]])?.first)
        XCTAssertEqual(exercise["score"] as? Int, 0)
        XCTAssertEqual(exercise["status"] as? String, "fail")
        let checks = try XCTUnwrap(exercise["checks"] as? [[String: Any]])
        XCTAssertEqual(checks.map { $0["status"] as? String ?? "" },
                       ["fail"] + Array(repeating: "skip", count: 11))
        let found = try XCTUnwrap(checks.first { $0["rule"] as? String == "pod.found" })
        XCTAssertEqual(found["key"] as? String, "notCheckedUnparsable")
        XCTAssertEqual(found["points"] as? Int, 0)
        XCTAssertEqual((found["location"] as? [String: Any])?["line"] as? Int, 8)
        XCTAssertTrue(found["hint"] is NSNull)
    }
}

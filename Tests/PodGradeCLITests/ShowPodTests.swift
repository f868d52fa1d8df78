import Foundation
import XCTest

/// `podgrade check --show-pod` and `podgrade explain --pod FILE`: what podgrade understood
/// of a Pod, drawn without grading and beside the grade. The check tests compare the picture
/// part only, so a change of grading does not touch them.
final class ShowPodTests: XCTestCase {
    let learner = packageRoot + "/Tests/Fixtures/sample-learner"

    func testExplainPodDrawsEveryPodOfTheFile() throws {
        for lang in ["ru", "en"] {
            let run = try podgrade(["explain", "--pod", "07-shared-volume/pod.yaml", "--lang", lang], in: learner)
            XCTAssertEqual(run.status, 0, run.stderr)
            XCTAssertEqual(run.stderr, "")
            try assertGolden(run.stdout, "explain-pod-07.\(lang).txt")
        }
        let markdown = try podgrade(["explain", "--pod", "Tests/Fixtures/corpus/pods/multi-container/adapter.yaml", "--format", "markdown",
                                     "--lang", "en"])
        XCTAssertEqual(markdown.status, 0, markdown.stderr)
        try assertGolden(markdown.stdout, "explain-pod-adapter.en.md")
    }

    func testExplainPodTwoObjectsInOneFile() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let yaml = """
            apiVersion: v1
            kind: Pod
            metadata: {name: one}
            spec:
              containers: [{name: a, image: nginx}]
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: two}
            spec:
              template:
                spec:
                  containers: [{name: b, image: redis, command: [redis-server, --port, "7000"]}]

            """
        try yaml.write(toFile: dir + "/two.yaml", atomically: true, encoding: .utf8)
        let run = try podgrade(["explain", "--pod", "two.yaml", "--lang", "en"], in: dir)
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertEqual(run.stdout, """
            Pod one (two.yaml)
              ■ a  nginx  [keeps running]
                  $ nginx -g 'daemon off;'  (the image's command)
                  ⊙ 80 (nginx)

            Deployment two (two.yaml)
              ■ b  redis  [keeps running]
                  $ redis-server --port 7000
                  ⊙ 7000 (redis-server)

            """)
    }

    func testExplainPodRefusesWhatItCannotDraw() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n".write(toFile: dir + "/cm.yaml", atomically: true, encoding: .utf8)
        let none = try podgrade(["explain", "--pod", "cm.yaml", "--lang", "en"], in: dir)
        XCTAssertEqual(none.status, 2)
        XCTAssertEqual(none.stdout, "")
        XCTAssertEqual(none.stderr, "podgrade: cm.yaml holds no Pod and no pod template (spec.template): nothing to draw. "
                       + "Give a file with a Pod or Deployment manifest.\n")
        let ru = try podgrade(["explain", "--pod", "cm.yaml"], in: dir)
        XCTAssertEqual(ru.status, 2)
        XCTAssertEqual(ru.stderr, "podgrade: В cm.yaml нет ни Pod, ни шаблона Pod (spec.template): рисовать нечего. "
                       + "Укажите файл с манифестом Pod или Deployment.\n")
        let format = try podgrade(["explain", "--pod", "cm.yaml", "--format", "json", "--lang", "en"], in: dir)
        XCTAssertEqual(format.status, 2)
        XCTAssertEqual(format.stderr, "podgrade: explain --pod cannot write the format 'json': use --format text or --format markdown.\n")
    }

    /// The text report carries, under the exercise, exactly what `explain --pod` draws.
    func testCheckShowPodAddsThePictureToTheText() throws {
        for lang in ["ru", "en"] {
            let picture = try podgrade(["explain", "--pod", "07-shared-volume/pod.yaml", "--lang", lang], in: learner).stdout
            let plain = try podgrade(["check", ".", "-e", "07", "--lang", lang], in: learner)
            let shown = try podgrade(["check", ".", "-e", "07", "--lang", lang, "--show-pod"], in: learner)
            XCTAssertEqual(shown.status, plain.status)
            let heading = lang == "ru" ? "  Что понял podgrade:\n" : "  What podgrade understood:\n"
            let block = heading + picture.split(separator: "\n").map { "    " + $0 + "\n" }.joined()
            XCTAssertTrue(shown.stdout.contains(block), shown.stdout)
            XCTAssertEqual(shown.stdout.replacingOccurrences(of: block, with: ""), plain.stdout)
        }
    }

    func testCheckShowPodAddsMermaidToMarkdownAndTheStepSummary() throws {
        let picture = try podgrade(["explain", "--pod", "05-ambassador/pod.yaml", "--format", "markdown", "--lang", "en"], in: learner).stdout
        let diagram = String(try XCTUnwrap(picture.range(of: "```mermaid").map { picture[$0.lowerBound...] }))
        let markdown = try podgrade(["check", ".", "-e", "05", "--format", "markdown", "--lang", "en", "--show-pod"], in: learner)
        XCTAssertTrue(markdown.stdout.contains("### What podgrade understood\n\n#### 05-ambassador — `Pod app-with-ambassador (05-ambassador/pod.yaml)`\n\n" + diagram),
                      markdown.stdout)

        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let summary = dir + "/summary.md"
        let plain = try podgrade(["check", ".", "-e", "05", "--format", "github", "--lang", "en"], in: learner)
        let github = try podgrade(["check", ".", "-e", "05", "--format", "github", "--lang", "en", "--show-pod"], in: learner,
                                  environment: ["GITHUB_STEP_SUMMARY": summary])
        XCTAssertEqual(github.stdout, plain.stdout, "the annotations stay as they are")
        let written = try String(contentsOfFile: summary, encoding: .utf8)
        XCTAssertTrue(written.contains(diagram), written)
    }

    /// JSON carries the picture as the exercise's `pod` when asked for, and only then;
    /// the formats that do not draw are unchanged.
    func testCheckShowPodInOtherFormats() throws {
        let shown = try podgrade(["check", ".", "-e", "06", "--format", "json", "--show-pod"], in: learner)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(shown.stdout.utf8)) as? [String: Any])
        let exercises = try XCTUnwrap(object["exercises"] as? [[String: Any]])
        let pod = try XCTUnwrap(exercises.first?["pod"])
        let data = try JSONSerialization.data(withJSONObject: pod, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        try assertGolden(String(decoding: data, as: UTF8.self) + "\n", "show-pod-06.json")

        let plain = try podgrade(["check", ".", "-e", "06", "--format", "json"], in: learner)
        XCTAssertFalse(plain.stdout.contains("\"pod\""))
        for format in ["junit", "sarif", "gradescope"] {
            let a = try podgrade(["check", ".", "-e", "06", "--format", format], in: learner)
            let b = try podgrade(["check", ".", "-e", "06", "--format", format, "--show-pod"], in: learner)
            XCTAssertEqual(a.stdout, b.stdout, format)
        }
    }
}

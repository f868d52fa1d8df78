import Foundation
import XCTest
import PodGradeCore
import PodGradeReport

final class SARIFTests: XCTestCase {
    private func json(_ text: String) throws -> [String: Any] {
        try XCTUnwrap(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    private func run(_ lang: Lang = .en) throws -> [String: Any] {
        let log = try json(SARIFReporter().render(Fixture.result, context: ReportContext(lang: lang)))
        let runs = try XCTUnwrap(log["runs"] as? [[String: Any]])
        XCTAssertEqual(runs.count, 1)
        return try XCTUnwrap(runs.first)
    }

    func testRegionsAreTheFindingsLocationsAndAnUnlocatedFindingHasNone() throws {
        let results = try XCTUnwrap(try run()["results"] as? [[String: Any]])
        // ports-unique: two findings (one located, one not), the Kubernetes warning, the error, the advice.
        XCTAssertEqual(results.count, 5)
        let ports = results.filter { ($0["ruleId"] as? String) == "ports.unique" }
        XCTAssertEqual(ports.count, 2)

        let located = try XCTUnwrap((ports[0]["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])
        let region = try XCTUnwrap(located["region"] as? [String: Any])
        XCTAssertEqual(region["startLine"] as? Int, 14)
        XCTAssertEqual(region["startColumn"] as? Int, 22)
        let artifact = try XCTUnwrap(located["artifactLocation"] as? [String: Any])
        XCTAssertEqual(artifact["uri"] as? String, "01-pod/pod%2C%20v1%3A%25.yaml")
        XCTAssertEqual(artifact["uriBaseId"] as? String, "%SRCROOT%")

        let unlocated = try XCTUnwrap((ports[1]["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])
        XCTAssertNil(unlocated["region"], "a finding without a location must not get a region")
        XCTAssertEqual(ports[0]["level"] as? String, "error")

        let warning = try XCTUnwrap(results.first { ($0["ruleId"] as? String) == "k8s.valid" })
        XCTAssertEqual(warning["level"] as? String, "warning")
        let advice = try XCTUnwrap(results.first { ($0["ruleId"] as? String) == "container.long-running" })
        XCTAssertEqual(advice["level"] as? String, "warning")
        XCTAssertFalse(results.contains { ($0["ruleId"] as? String) == "volume.readonly" }, "a skipped check is no result")
    }

    func testRulesAreTheCatalogWithIndexes() throws {
        let run = try run(.ru)
        let tool = try XCTUnwrap(run["tool"] as? [String: Any])
        let driver = try XCTUnwrap(tool["driver"] as? [String: Any])
        XCTAssertEqual(driver["name"] as? String, "podgrade")
        XCTAssertEqual(driver["version"] as? String, PodGrade.version)
        let rules = try XCTUnwrap(driver["rules"] as? [[String: Any]])
        XCTAssertEqual(rules.map { $0["id"] as? String }, RuleCatalog.all.map(\.id))
        for (rule, descriptor) in zip(RuleCatalog.all, rules) {
            XCTAssertEqual((descriptor["shortDescription"] as? [String: Any])?["text"] as? String, rule.doc.title.ru)
            XCTAssertEqual((descriptor["fullDescription"] as? [String: Any])?["text"] as? String, rule.doc.explanation.ru)
            XCTAssertEqual((descriptor["help"] as? [String: Any])?["text"] as? String, RuleText.explain(rule, lang: .ru))
            XCTAssertEqual((descriptor["defaultConfiguration"] as? [String: Any])?["level"] as? String, "error")
        }
        let results = try XCTUnwrap(run["results"] as? [[String: Any]])
        for result in results {
            let id = try XCTUnwrap(result["ruleId"] as? String)
            if let index = result["ruleIndex"] as? Int {
                XCTAssertEqual(rules[index]["id"] as? String, id)
            } else {
                XCTAssertNil(RuleCatalog.rule(id), "\(id) is in the catalog but has no ruleIndex")
            }
        }
    }
}

final class GitHubTests: XCTestCase {
    func testEscapesATrickyMessageAndProperties() {
        let lines = GitHubReporter().render(Fixture.result, context: ReportContext(lang: .en)).split(separator: "\n").map(String.init)
        let expected = "::error file=01-pod/pod%2C v1%3A%25.yaml,line=14,col=22,title=01-pod%3A ports-unique::"
            + "порт <80> & \"web\" 'x' | 100%25 a,b: c%0Aвторая строка%0AHint: Подсказка с | и * и `кодом` и <b>html</b> 50%25"
        XCTAssertTrue(lines.contains(expected), lines.joined(separator: "\n"))
        // A message cannot start a command of its own: every line is one of ours.
        for line in lines {
            XCTAssertTrue(line.hasPrefix("::error ") || line.hasPrefix("::warning ") || line.hasPrefix("::notice "), line)
        }
        XCTAssertTrue(lines.contains("::error title=01-pod%3A ports-unique::Находка без места звонок ::error::injected%0AHint: Подсказка с | и * и `кодом` и <b>html</b> 50%25"))
        XCTAssertTrue(lines.contains("::warning file=01-pod/pod%2C v1%3A%25.yaml,line=3,col=5,title=01-pod%3A k8s-valid::Предупреждение Kubernetes: поле `spec.foo` устарело"))
        XCTAssertTrue(lines.contains("::notice title=03-adapter::○ 03-adapter  Adapter — no submission found"))
        XCTAssertEqual(lines.last, "::warning title=podgrade::Файл misc/a b.yaml пропущен: 100%25 бинарный")
    }
}

final class MarkdownTests: XCTestCase {
    func testTableCellsEscapePipesAndMarkup() {
        let markdown = MarkdownReporter().render(Fixture.result, context: ReportContext(lang: .en))
        XCTAssertTrue(markdown.contains("| ❌ | 01-pod | Под «Ёлка» \\<для\\> Пети \\& Васи | 3/9 |"), markdown)
        XCTAssertTrue(markdown.contains("\\| 100% a,b: c<br>вторая строка"), markdown)
        XCTAssertFalse(markdown.contains("<b>html</b>"))
        // Every table row has exactly the table's five pipes.
        for line in markdown.split(separator: "\n") where line.hasPrefix("| ") {
            let unescaped = line.replacingOccurrences(of: "\\|", with: "")
            XCTAssertEqual(unescaped.filter { $0 == "|" }.count, 5, String(line))
        }
    }
}

final class GradescopeTests: XCTestCase {
    func testTotalsAndFields() throws {
        let text = GradescopeReporter().render(Fixture.result, context: ReportContext(lang: .en))
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        XCTAssertEqual(object["score"] as? Int, 7)
        XCTAssertEqual(object["visibility"] as? String, "visible")
        XCTAssertEqual(object["stdout_visibility"] as? String, "hidden")
        XCTAssertEqual((object["extra_data"] as? [String: Any])?["max_score"] as? Int, 18)
        let tests = try XCTUnwrap(object["tests"] as? [[String: Any]])
        XCTAssertEqual(tests.count, 8) // 6 checks, 1 check, 1 missing exercise
        XCTAssertEqual(tests.compactMap { $0["score"] as? Int }.reduce(0, +), 7)
        XCTAssertEqual(tests.compactMap { $0["max_score"] as? Int }.reduce(0, +), 18)
        for test in tests {
            XCTAssertTrue(["passed", "failed"].contains(test["status"] as? String ?? ""))
            XCTAssertEqual(test["visibility"] as? String, "visible")
        }
        XCTAssertEqual(tests.map { $0["number"] as? String }, ["1.1", "1.2", "1.3", "1.4", "1.5", "1.6", "2.1", "3.1"])
        let ports = try XCTUnwrap(tests.first { ($0["name"] as? String) == "01-pod · ports-unique" })
        XCTAssertEqual(ports["status"] as? String, "failed")
        let output = try XCTUnwrap(ports["output"] as? String)
        XCTAssertTrue(output.hasPrefix("01-pod/pod, v1:%.yaml:14:22: порт <80>"), output)
        XCTAssertTrue(output.hasSuffix("Hint: Подсказка с | и * и `кодом` и <b>html</b> 50%"), output)
        let missing = try XCTUnwrap(tests.last)
        XCTAssertEqual(missing["score"] as? Int, 0)
        XCTAssertEqual(missing["max_score"] as? Int, 5)
        XCTAssertEqual(missing["output"] as? String, "no submission found")
    }
}

final class JUnitTests: XCTestCase {
    func testStructureAndEscaping() {
        let xml = JUnitReporter().render(Fixture.result, context: ReportContext(lang: .ru))
        XCTAssertFalse(xml.unicodeScalars.contains("\u{07}"), "a control character XML forbids must not survive")
        XCTAssertTrue(xml.contains("<testsuites name=\"podgrade\" tests=\"8\" failures=\"2\" errors=\"1\" time=\"0\">"), xml)
        XCTAssertTrue(xml.contains("<testsuite name=\"01-pod\" tests=\"6\" failures=\"1\" errors=\"1\" skipped=\"1\" time=\"0\">"), xml)
        XCTAssertTrue(xml.contains("<testcase classname=\"01-pod\" name=\"ports-unique [ports.unique]\" time=\"0\">"), xml)
        XCTAssertTrue(xml.contains("<failure message=\"порт &lt;80&gt; &amp; &quot;web&quot; &apos;x&apos; | 100% a,b: c&#10;вторая строка\" type=\"rule\">"), xml)
        XCTAssertTrue(xml.contains("<failure message=\"решение не найдено\" type=\"missing\">"), xml)
    }
}

/// A result written as JSON in one language reads back as message values that
/// render in any language exactly as the original does.
final class ResultRoundTripTests: XCTestCase {
    func testAResultWrittenInRussianRendersInEnglish() throws {
        let snapshot = try WorkTreeReader.read(root: Paths.packageRoot.appendingPathComponent("Tests/Fixtures/sample-learner").path)
        let original = Grader(lab: .bundled).grade(snapshot)
        let written = JSONReporter.encode(original, lang: .ru)
        let decoded = try JSONDecoder().decode(GradeResult.self, from: Data(written.utf8))
        for lang in Lang.allCases {
            for reporter in [TextReporter() as any Reporter, MarkdownReporter(), JUnitReporter(), SARIFReporter(), JSONReporter()] {
                XCTAssertEqual(reporter.render(decoded, context: ReportContext(lang: lang)),
                               reporter.render(original, context: ReportContext(lang: lang)), "\(type(of: reporter)) in \(lang)")
            }
        }
        // Every finding came back as its rule's message, none as the text it was written with.
        let keys = decoded.exercises.flatMap(\.checks).flatMap(\.findings).map { "\(type(of: $0.message))" }
        XCTAssertFalse(keys.contains("WrittenMessage"), keys.joined(separator: ", "))
    }
}

/// The text format's compact view: the short names of exercises not started,
/// and the line for the checks that wait for a file, in both languages.
final class CompactTextTests: XCTestCase {
    let course = (1...12).map { String(format: "%02d", $0) + "-x" }

    func testNotStartedAreNumbersWithRangesInCourseOrder() {
        let missing = ["01", "03", "04", "05", "06", "08", "09", "10", "11", "12"].map { $0 + "-x" }
        XCTAssertEqual(TextReporter.labels(missing, course: course), ["01", "03–06", "08–12"])
        XCTAssertEqual(TextReporter.labels(["02-x", "03-x", "07-x"], course: course), ["02", "03", "07"])
        XCTAssertEqual(TextReporter.labels(course, course: course), ["01–12"])
        // Without a number on every id, the ids themselves.
        XCTAssertEqual(TextReporter.labels(["b", "c", "d"], course: ["a", "b", "c", "d"]), ["b–d"])
        XCTAssertEqual(TextReporter.labels(["01-x"], course: ["01-x", "intro"]), ["01-x"])
        XCTAssertEqual(ReportText.notStarted(["01", "03–06"], .ru), "Не начаты: 01, 03–06")
        XCTAssertEqual(ReportText.notStarted(["04"], .ru), "Не начато: 04")
        XCTAssertEqual(ReportText.notStarted(["04"], .en), "Not started: 04")
    }

    func testChecksWaitingForAFileInRussianPlurals() {
        XCTAssertEqual(ReportText.checksWaitForFile(1, points: 1, .ru), "1 проверка (1 балл) ждёт этот файл: она выполнится, когда он прочитается.")
        XCTAssertEqual(ReportText.checksWaitForFile(3, points: 4, .ru), "3 проверки (4 балла) ждут этот файл: они выполнятся, когда он прочитается.")
        XCTAssertEqual(ReportText.checksWaitForFile(8, points: 11, .ru), "8 проверок (11 баллов) ждут этот файл: они выполнятся, когда он прочитается.")
        XCTAssertEqual(ReportText.checksWaitForFile(21, points: 22, .ru), "21 проверка (22 балла) ждёт этот файл: она выполнится, когда он прочитается.")
        XCTAssertEqual(ReportText.checksWaitForFile(1, points: 2, .en), "1 check (2 points) waits for this file: it runs once the file parses.")
        XCTAssertEqual(ReportText.checksWaitForFile(8, points: 11, .en), "8 checks (11 points) wait for this file: they run once the file parses.")
    }
}

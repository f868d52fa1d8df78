import Foundation
import XCTest
import PodGradeCore
import PodGradeReport

final class ClassReportTests: XCTestCase {
    func testHostileTextIsEscaped() {
        let html = ClassReport.html(Fixture.classEntries, lang: .en, title: "<img src=x onerror=alert(1)>")
        XCTAssertFalse(html.contains("<script>alert(1)</script>"))
        XCTAssertTrue(html.contains("<td><a href=\"#learner-1\">&lt;script&gt;alert(1)&lt;/script&gt;</a></td>"))
        XCTAssertFalse(html.contains("<img src=x"))
        XCTAssertFalse(html.contains("<b>timeout</b>"))
        XCTAssertFalse(html.contains("href=\"javascript:"), "a link must never carry a scheme of the learner's")
        XCTAssertTrue(html.contains("href=\"javascript%3Aalert%283%29\""))
        XCTAssertTrue(html.contains("href=\"results/%3Cscript%3Ealert%281%29%3C/script%3E.json\""))
        XCTAssertTrue(html.contains("<a href=\"https://example.com/x?a=1&amp;b=&quot;2&quot;\">"))
        // Self-contained: no external resources.
        XCTAssertFalse(html.contains("src=\"http"))
        XCTAssertFalse(html.contains("<link"))
        // The only script is ours.
        XCTAssertEqual(html.components(separatedBy: "<script>").count, 2)
    }

    func testAggregates() {
        let html = ClassReport.html(Fixture.classEntries, lang: .en, title: "t")
        XCTAssertTrue(html.contains("Learners: <b>3</b> · graded: <b>2</b> · passed: <b>1</b> · grading errors: <b>1</b> · mean score: <b>69%</b> · median: <b>69%</b>"), html)
        // ports.unique failed for one of the two learners it was checked for; its lecture section is named.
        XCTAssertTrue(html.contains("<td class=\"num\">50% (1/2)</td>"), html)
        if let section = RuleCatalog.rule("ports.unique")?.doc.section {
            XCTAssertTrue(html.contains(section))
        }
    }

    func testScalesLinearlyWithoutPerLearnerCharts() {
        var entries: [ClassEntry] = []
        for i in 0..<5000 {
            let base = Fixture.classEntries[i % 3]
            entries.append(ClassEntry(student: "student-\(i)", repo: base.repo, commit: base.commit, status: base.status,
                                      error: base.error, result: base.result, feedbackLink: "results/student-\(i).json"))
        }
        let small = ClassReport.html(Array(entries.prefix(500)), lang: .ru, title: "t").utf8.count
        let large = ClassReport.html(entries, lang: .ru, title: "t").utf8.count
        XCTAssertLessThan(large, 6_000_000, "5,000 learners (each a collapsed section with findings) should stay a modest file")
        XCTAssertLessThan(Double(large), Double(small) * 11, "size should grow linearly")
        XCTAssertGreaterThan(Double(large), Double(small) * 8)
    }
}

final class ClassReportSectionTests: XCTestCase {
    func testWhatTheClassMissedSaysItInWordsAndLinksTheRule() {
        let html = ClassReport.html(Fixture.classEntries, lang: .en, title: "t")
        // Only rules with a failure; the denominator is who submitted the exercise.
        XCTAssertTrue(html.contains("1 of 2 learners who submitted 01-pod lost points on ports.unique"), html)
        XCTAssertFalse(html.contains("on pod.found"))
        XCTAssertTrue(html.contains("<a href=\"#rule-ports.unique\">"))
        XCTAssertTrue(html.contains("<div id=\"rule-ports.unique\">"))
        let ru = ClassReport.html(Fixture.classEntries, lang: .ru, title: "t")
        XCTAssertTrue(ru.contains("1 из 2 учащихся, сдавших 01-pod, потерял баллы на ports.unique"), ru)
    }

    func testMissSentencePlurals() {
        XCTAssertEqual(ClassReport.missSentence(failed: 7, submitted: 9, exercise: "03", rule: "volume.readonly", lang: .en),
                       "7 of 9 learners who submitted 03 lost points on volume.readonly")
        XCTAssertEqual(ClassReport.missSentence(failed: 1, submitted: 1, exercise: "03", rule: "r", lang: .en),
                       "1 of 1 learner who submitted 03 lost points on r")
        XCTAssertEqual(ClassReport.missSentence(failed: 21, submitted: 21, exercise: "03", rule: "r", lang: .ru),
                       "21 из 21 учащегося, сдавшего 03, потерял баллы на r")
        XCTAssertEqual(ClassReport.missSentence(failed: 7, submitted: 11, exercise: "03", rule: "r", lang: .ru),
                       "7 из 11 учащихся, сдавших 03, потеряли баллы на r")
    }

    func testLearnerSectionHasFindingsFramesCommitAndLateness() {
        var entries = Fixture.classEntries
        entries[0].excerpt = ["01-pod/pod, v1:%.yaml": [13: "  - name: a", 14: "    containerPort: 80 <x>", 15: "  - name: b"]]
        entries[0].deadline = "2026-12-01T20:59:00Z"
        entries[0].late = 90_061
        entries[0].penalty = 1
        entries[0].finalScore = 6
        entries[0].podPictures = ["01-pod": "<svg class=\"pod\"></svg>"]
        let html = ClassReport.html(entries, lang: .en, title: "t",
                                    policy: ClassPolicy(deadline: "2026-12-01T23:59:00+03:00", lateUntil: "2026-12-08T23:59:00+03:00",
                                                        penalty: "10% per day or part of a day, at most 50%"))
        XCTAssertTrue(html.contains("<details class=\"learner\" id=\"learner-1\"><summary><b>&lt;script&gt;alert(1)&lt;/script&gt;</b> · 7/18 · failed</summary>"), html)
        XCTAssertTrue(html.contains("commit: <code>89abcdef0123456789</code>"))
        XCTAssertTrue(html.contains("<li><a href=\"#rule-ports.unique\"><code>ports.unique</code></a> −3: порт &lt;80&gt; &amp; &quot;web&quot;"))
        XCTAssertTrue(html.contains("<span class=\"hit\">14 |     containerPort: 80 &lt;x&gt;</span>"))
        XCTAssertTrue(html.contains("Deadline: 2026-12-01T20:59:00Z · Late: 1d 1h 1min · penalty: −1 · Final: 6"))
        XCTAssertTrue(html.contains("<div class=\"pod-picture\"><svg class=\"pod\"></svg></div>"))
        XCTAssertEqual(html.components(separatedBy: "class=\"pod-picture\"").count, 2, "a picture only where one is given")
        XCTAssertTrue(html.contains("<td class=\"nw\" data-v=\"90061\">1d 1h 1min</td><td class=\"nw\" data-v=\"6\">6 (−1)</td>"))
        XCTAssertTrue(html.contains("Deadline: <b>2026-12-01T23:59:00+03:00</b> · late work accepted until: <b>2026-12-08T23:59:00+03:00</b>"))
    }

    func testLongErrorsAreShortenedWithTheFullTextOnExpand() {
        let long = "clone failed: " + String(repeating: "<b>x</b> ", count: 20)
        let entry = ClassEntry(student: "s", repo: "https://h/r.git", status: .error, error: long)
        let html = ClassReport.html([entry], lang: .en, title: "t")
        XCTAssertTrue(html.contains("<td class=\"err\"><details class=\"long\"><summary>error: clone failed: &lt;b&gt;x&lt;/b&gt;"), html)
        XCTAssertTrue(html.contains("…</summary>error: " + "clone failed: " + String(repeating: "&lt;b&gt;x&lt;/b&gt; ", count: 20)))
        XCTAssertTrue(html.contains("No deadline: the newest commit was graded."))
    }
}

import Foundation
import XCTest
import PodGradeCore
@testable import PodGradeSimilarity

/// A small class of hand-written answers: two learners share a rare script
/// and comment (a copy), the others wrote their own.
func smallClass() -> [LearnerFingerprints] {
    let copied = original
    var answers: [(String, String)] = [("ann", copied), ("bob", disguised)]
    for (index, sleep) in [3, 11, 13, 17, 19, 23].enumerated() {
        let own = original
            .replacing("sleep 7", with: "sleep \(sleep)")
            .replacing("hello there", with: "note \(index)")
            .replacing("  # writes a greeting and the date\n", with: "")
            .replacing("tail -F", with: index % 2 == 0 ? "tail -f" : "tail -n 5 -f")
            .replacing("image: busybox:1.36\n    env", with: "image: busybox:1.3\(index)\n    env")
        answers.append(("learner\(index)", own))
    }
    return answers.map { name, text in
        Fingerprinter.fingerprints(of: snapshot(["07-shared-volume/pod.yaml": text]), lab: Lab.bundled, student: name)
    }
}

final class DetectorTests: XCTestCase {
    func testTheCopyIsTheBestPair() throws {
        let analysis = SimilarityDetector.analyze(smallClass(), lab: Lab.bundled)
        let best = try XCTUnwrap(analysis.scored.first)
        XCTAssertEqual([analysis.learners[best.a].student, analysis.learners[best.b].student], ["ann", "bob"])
        XCTAssertEqual(analysis.exercises.map(\.exercise), ["07-shared-volume"])
        XCTAssertEqual(analysis.exercises.first?.submissions, 8)
        XCTAssertEqual(SimilarityCSV.scoreText(best.score), "0.555")
        XCTAssertLessThan(analysis.scored.dropFirst().first?.score ?? 0, 0.3)
        let pair = try XCTUnwrap(analysis.pairs(threshold: 0.5).first)
        XCTAssertEqual(pair.shared.prefix(3).map(\.text), ["sleep 7", "tail -F /shared/data.txt", "spec.containers[writer].env[].value = hello there"])
        XCTAssertEqual(pair.shared.first?.kind, .command)
        XCTAssertEqual(analysis.pairs(threshold: 0.5).count, 1)
        XCTAssertEqual(analysis.pairs(threshold: 0, top: 2).count, 2)
    }

    /// What the starter gives weighs nothing: learners who handed in the
    /// starter unchanged share it all and still score 0.
    func testTheStarterWeighsNothing() throws {
        let exercise = try XCTUnwrap(Lab.bundled.exercise("07-shared-volume"))
        let starter = String(decoding: try XCTUnwrap(exercise.starter.first { $0.path == "pod.yaml" }).content, as: UTF8.self)
        var learners = ["ann", "bob"].map {
            Fingerprinter.fingerprints(of: snapshot(["07-shared-volume/pod.yaml": starter]), lab: Lab.bundled, student: $0)
        }
        learners += smallClass().suffix(3)
        let analysis = SimilarityDetector.analyze(learners, lab: Lab.bundled)
        let weights = try XCTUnwrap(analysis.weights["07-shared-volume"])
        let starterFragments = try XCTUnwrap(learners.first?.submissions.first?.fragments)
        XCTAssertGreaterThan(starterFragments.filter { $0.kind == .comment }.count, 1)
        XCTAssertEqual(starterFragments.filter { (weights[$0.hash] ?? -1) != 0 }.map(\.text), [])
        XCTAssertFalse(analysis.scored.contains { analysis.learners[$0.a].student == "ann" && analysis.learners[$0.b].student == "bob" })
    }

    func testCSVListsPairsWithTheirEvidence() throws {
        let analysis = SimilarityDetector.analyze(smallClass(), lab: Lab.bundled)
        let csv = SimilarityCSV.csv(analysis.pairs(threshold: 0.5))
        let lines = csv.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.count, 2)
        XCTAssertEqual(lines[0], "student_a,student_b,exercise,score,shared_fragments,signal")
        XCTAssertEqual(lines[1], "ann,bob,07-shared-volume,0.555,command: sleep 7 (1.4) | command: tail -F /shared/data.txt (1.4) | "
                       + "value: spec.containers[writer].env[].value = hello there (1.4),shared rare fragments")
        XCTAssertEqual(SimilarityCSV.field("=HYPERLINK(1)"), "'=HYPERLINK(1)")
        XCTAssertEqual(SimilarityCSV.field("a, \"b\""), "\"a, \"\"b\"\"\"")
        XCTAssertEqual(SimilarityCSV.csv([]), "student_a,student_b,exercise,score,shared_fragments,signal\n")
    }

    func testTheHTMLShowsThePairSideBySideWithSharedLinesMarked() throws {
        let analysis = SimilarityDetector.analyze(smallClass(), lab: Lab.bundled)
        let pairs = analysis.pairs(threshold: 0.5)
        let html = SimilarityHTML.section(pairs, threshold: 0.5, lang: .en)
        XCTAssertTrue(html.hasPrefix("<section class=\"similarity\" id=\"similarity\">\n<h2>Similar submissions</h2>"))
        XCTAssertTrue(html.contains("<td>ann</td><td>bob</td><td>07-shared-volume</td><td class=\"score\"><a href=\"#similar-1\">0.555</a></td>"))
        XCTAssertTrue(html.contains("<details class=\"similar-pair\" id=\"similar-1\"><summary>ann ~ bob · 07-shared-volume"))
        // ann's line 15 (the sleep of the writer's script) and bob's line 25 (the same command in a block scalar) are marked.
        XCTAssertTrue(html.contains("<span class=\"s3\"><i>15</i>    command: [&quot;sh&quot;, &quot;-c&quot;, &quot;while true; do echo"), html)
        XCTAssertTrue(html.contains("<span class=\"s3\"><i>25</i>              sleep 7</span>"), html)
        // The learners' own text is escaped.
        XCTAssertFalse(html.contains("\"$GREETING"))
        let ru = SimilarityHTML.page(pairs, threshold: 0.5, lang: .ru)
        XCTAssertTrue(ru.contains("<html lang=\"ru\">"))
        XCTAssertTrue(ru.contains("<h2>Похожие работы</h2>"))
        XCTAssertTrue(ru.contains("не вывод о списывании"))
        XCTAssertTrue(SimilarityHTML.section([], threshold: 0.5, lang: .ru).contains("<p>Ни одна пара не выше порога.</p>"))
    }

    func testRussianCountsUseTheirPlurals() {
        XCTAssertEqual([1, 3, 5, 21, 12].map { SimilarityText.learners($0, .ru) }, ["1 ученик", "3 ученика", "5 учеников", "21 ученик", "12 учеников"])
        XCTAssertEqual([1, 2, 5].map { SimilarityText.pairs($0, .ru) }, ["1 пара", "2 пары", "5 пар"])
        XCTAssertEqual([1, 3, 11].map { SimilarityText.exercises($0, .ru) }, ["1 задание", "3 задания", "11 заданий"])
        XCTAssertEqual([1, 2].map { SimilarityText.pairs($0, .en) }, ["1 pair", "2 pairs"])
    }

    /// Read lean (no spans, no files, each text once), the class scores and lists the same
    /// pairs; the side-by-side view reads the two learners whole again.
    func testALeanReadScoresTheSameAndReloadsThePairsShown() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("podgrade-lean-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        for learner in smallClass() { try SimilarityStore.write(learner, student: learner.student, to: directory) }
        let full = SimilarityStore.read([directory])
        let lean = SimilarityStore.read([directory], lean: true)
        let ann = try XCTUnwrap(lean.learners.first { $0.student == "ann" }?.submissions.first)
        XCTAssertEqual(ann.files.count, 0)
        XCTAssertTrue(ann.fragments.allSatisfy(\.spans.isEmpty))
        XCTAssertEqual(lean.files["ann"], SimilarityStore.path(student: "ann", in: directory))
        let byFull = SimilarityDetector.analyze(full.learners, lab: Lab.bundled)
        let byLean = SimilarityDetector.analyze(lean.learners, lab: Lab.bundled)
        XCTAssertEqual(byLean.scored.map { SimilarityCSV.scoreText($0.score) }, byFull.scored.map { SimilarityCSV.scoreText($0.score) })
        XCTAssertEqual(SimilarityCSV.csv(byLean.pairs(threshold: 0.3)), SimilarityCSV.csv(byFull.pairs(threshold: 0.3)))
        let files = lean.files
        let shown = try XCTUnwrap(byLean.reloading { files[$0].flatMap { SimilarityStore.load($0) } }.pairs(threshold: 0.5, top: 1).first)
        XCTAssertEqual(shown.submissionA.files.first?.text, original)
        XCTAssertEqual(shown.shared.first?.spansA, try XCTUnwrap(byFull.pairs(threshold: 0.5).first).shared.first?.spansA)
        XCTAssertFalse(shown.shared.first?.spansA.isEmpty ?? true)
    }

    /// What `podgrade grade` stores is what `podgrade similar DIR` reads back.
    func testTheStoreRoundTrips() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("podgrade-similar-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let learners = smallClass()
        for learner in learners { try SimilarityStore.write(learner, student: learner.student, to: directory) }
        try SimilarityStore.write(learners[0], student: "a/../odd name", to: directory)
        try "{not json".write(toFile: directory + "/fingerprints/broken.json", atomically: true, encoding: .utf8)
        let read = SimilarityStore.read([directory, directory])
        XCTAssertEqual(read.learners.map(\.student).sorted(), (learners.map(\.student) + ["a/../odd name"]).sorted())
        XCTAssertEqual(read.problems, ["\(directory)/fingerprints/broken.json: not a fingerprint file"])
        let ann = try XCTUnwrap(read.learners.first { $0.student == "ann" })
        let fragments = try XCTUnwrap(ann.submissions.first?.fragments)
        let written = try XCTUnwrap(learners[0].submissions.first?.fragments)
        XCTAssertEqual(fragments.map(\.hash), written.map(\.hash))
        XCTAssertEqual(fragments.map(\.spans), written.map(\.spans))
        XCTAssertEqual(fragments.map(\.given), written.map(\.given))
        XCTAssertEqual(ann.submissions.first?.files.first?.text, original)
        XCTAssertTrue(FileManager.default.fileExists(atPath: SimilarityStore.path(student: "a/../odd name", in: directory)))
        XCTAssertFalse(SimilarityStore.path(student: "a/../odd name", in: directory).contains("/../"))
        let again = SimilarityDetector.analyze(read.learners.filter { $0.student != "a/../odd name" }, lab: Lab.bundled)
        XCTAssertEqual(again.scored.first.map { SimilarityCSV.scoreText($0.score) }, "0.555")
        // The end of a batch in one call: the CSV written, the report's section returned.
        try FileManager.default.removeItem(atPath: directory + "/fingerprints/broken.json")
        try FileManager.default.removeItem(atPath: SimilarityStore.path(student: "a/../odd name", in: directory))
        let section = try XCTUnwrap(SimilarityReport.write(directories: [directory], lab: Lab.bundled, lang: .en,
                                                           csvPath: directory + "/similarity.csv"))
        XCTAssertTrue(section.contains("<td>ann</td><td>bob</td>"))
        XCTAssertTrue(try String(contentsOfFile: directory + "/similarity.csv", encoding: .utf8).contains("\nann,bob,07-shared-volume,0.555,"))
        XCTAssertNil(try SimilarityReport.write(directories: [directory + "/nowhere"], lab: Lab.bundled, lang: .en, csvPath: directory + "/x.csv"))
    }
}

/// Identical after normalizing: a signal of its own, scored 1 whatever the weights.
final class IdenticalSignalTests: XCTestCase {
    /// The task's example of 07 (writer appends the date, reader follows the file) with a
    /// learner's own sleep interval and comment, indented by `indent` a level.
    func answer(sleep: Int, comment: String? = nil, indent i: String = "  ") -> String {
        let item = i + "  " // the lines of a list item after its `- `
        let note = comment.map { "\(i)# \($0)\n" } ?? ""
        return """
            apiVersion: v1
            kind: Pod
            metadata:
            \(i)name: shared-volume-example
            spec:
            \(i)containers:
            \(note)\(i)- name: writer
            \(item)image: busybox:1.36
            \(item)command: ["sh", "-c", "while true; do date >> /shared/data.txt; sleep \(sleep); done"]
            \(item)volumeMounts:
            \(item)- name: shared-data
            \(item)  mountPath: /shared
            \(i)- name: reader
            \(item)image: busybox:1.36
            \(item)command: ["sh", "-c", "until [ -f /shared/data.txt ]; do sleep 1; done; tail -f /shared/data.txt"]
            \(item)volumeMounts:
            \(item)- name: shared-data
            \(item)  mountPath: /shared
            \(i)volumes:
            \(i)- name: shared-data
            \(i)  emptyDir: {}

            """
    }

    func learners(_ answers: [(String, String)]) -> [LearnerFingerprints] {
        answers.map { name, text in
            Fingerprinter.fingerprints(of: snapshot(["07-shared-volume/pod.yaml": text]), lab: Lab.bundled, student: name)
        }
    }

    func testAReindentedCopyOfAShortAnswerIsIdentical() throws {
        var answers = (0..<10).map { ("learner\($0)", answer(sleep: 11 + $0 * 3)) }
        answers.append(("dave", answer(sleep: 42, comment: "appends the date every 42 s")))
        answers.append(("carol", answer(sleep: 42, comment: "appends the date every 42 s", indent: "    ")))
        let analysis = SimilarityDetector.analyze(learners(answers), lab: Lab.bundled)
        let best = try XCTUnwrap(analysis.scored.first)
        XCTAssertEqual([analysis.learners[best.a].student, analysis.learners[best.b].student], ["carol", "dave"])
        XCTAssertTrue(best.identical)
        XCTAssertEqual(best.score, 1)
        XCTAssertEqual(analysis.scored.filter(\.identical).count, 1)
        let pairs = analysis.pairs(threshold: 0.5)
        XCTAssertEqual(pairs.map { "\($0.studentA)~\($0.studentB)" }, ["carol~dave"])
        XCTAssertEqual(SimilarityCSV.csv(pairs).split(separator: "\n").last.map(String.init),
                       "carol,dave,07-shared-volume,1.000,comment: appends the date every 42 s (1.8) | command: sleep 42 (1.8),identical after normalizing")
        let html = SimilarityHTML.section(pairs, threshold: 0.5, lang: .ru)
        XCTAssertTrue(html.contains("<span class=\"identical\">одинаковы после нормализации</span>"))
    }

    /// Two learners who handed in the same common answer, the task's example with no choice of their
    /// own, are not a signal: there is nothing to tell a copy by.
    func testTheSharedExampleIsNotASignal() {
        var answers = (0..<10).map { ("learner\($0)", answer(sleep: 11 + $0 * 3)) }
        answers += [("ann", answer(sleep: 5)), ("bob", answer(sleep: 5, indent: "    ")), ("cat", answer(sleep: 5))]
        answers += [("dan", answer(sleep: 5)), ("eve", answer(sleep: 5))]
        let analysis = SimilarityDetector.analyze(learners(answers), lab: Lab.bundled)
        XCTAssertEqual(analysis.scored.filter(\.identical).count, 0)
        XCTAssertEqual(analysis.pairs(threshold: 0.5).count, 0)
    }
}

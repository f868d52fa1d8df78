import Foundation
import XCTest
@testable import PodGradeCore
import PodGradeLab
import PodGradeYAML

final class LabTests: XCTestCase {
    /// The bundled lab is every folder of exercises/, without problems.
    func testBundledLabHasEveryExerciseWithoutProblems() throws {
        let lab = Lab.bundled
        XCTAssertEqual(lab.problems.map(\.description), [])
        let folders = try FileManager.default.contentsOfDirectory(atPath: packageRoot + "/exercises")
            .filter { FileManager.default.fileExists(atPath: packageRoot + "/exercises/\($0)/spec.yaml") }.sorted()
        XCTAssertEqual(lab.exercises.map(\.id), folders)
        XCTAssertEqual(lab.exercise("09-scaled-deployment")?.objectKinds, ["Deployment"])
        XCTAssertEqual(lab.exercise("12-elastic-sidecar")?.objectName, "app")
    }

    /// The binary embeds exercises/ and solutions/; `make lab` regenerates it.
    func testEmbeddedLabIsNotStale() throws {
        for (folder, embedded) in [("exercises", BundledLab.exercises), ("solutions", BundledLab.solutions)] {
            let root = packageRoot + "/" + folder
            var onDisk: [String: String] = [:]
            let enumerator = FileManager.default.enumerator(atPath: root)
            while let path = enumerator?.nextObject() as? String {
                var isDirectory: ObjCBool = false
                _ = FileManager.default.fileExists(atPath: root + "/" + path, isDirectory: &isDirectory)
                if !isDirectory.boolValue { onDisk[path] = try String(contentsOfFile: root + "/" + path, encoding: .utf8) }
            }
            XCTAssertEqual(Set(onDisk.keys), Set(embedded.keys), "\(folder): run `make lab`")
            for (path, text) in onDisk where embedded[path] != text {
                XCTFail("\(folder)/\(path) differs from the embedded copy: run `make lab`")
            }
        }
    }

    /// The bundled specs' trees laid out at build time (`make lab`) are those of the
    /// texts loading reads now, and give exactly the tree a parse gives.
    func testLaidOutSpecTreesAreNotStale() {
        let read = Lab.bundledImages()
        XCTAssertFalse(read.isEmpty)
        XCTAssertEqual(BundledLabImages.images.map { "\($0.length) \($0.fingerprint)" }, read.map { "\($0.length) \($0.fingerprint)" },
                       "run `make lab`")
        XCTAssertEqual(BundledLabImages.images.map(\.image), read.map(\.image), "run `make lab`")
        for (path, text) in BundledLab.exercises where path.hasSuffix("/spec.yaml") {
            let bytes = Array(text.utf8)
            XCTAssertEqual(YAMLImage.write(LabYAML.laidOut.read(bytes)), YAMLImage.write(YAMLReader.read(bytes)), path)
        }
        XCTAssertNotEqual(LabYAML.fingerprint(Array("a".utf8)), LabYAML.fingerprint(Array("b".utf8)))
        // Loaded from the images or parsed, the lab is the same.
        let files = Lab.gradingFiles
        let laidOut = Lab.load(files, yaml: .laidOut), parsed = Lab.load(files, yaml: .parsed)
        XCTAssertEqual(laidOut.exercises.map(\.id), parsed.exercises.map(\.id))
        XCTAssertEqual(laidOut.exercises.flatMap { $0.checks.map { "\($0.id) \($0.points) \($0.hint?.en ?? "")" } },
                       parsed.exercises.flatMap { $0.checks.map { "\($0.id) \($0.points) \($0.hint?.en ?? "")" } })
    }

    func testEverySolutionScoresFullMarks() {
        let result = Grader(lab: .bundled).grade(snapshot(Lab.bundledSolutions.map { ($0.key, String(decoding: $0.value, as: UTF8.self)) }))
        XCTAssertEqual(result.exercises.count, Lab.bundled.exercises.count)
        for exercise in result.exercises {
            XCTAssertEqual(exercise.score, exercise.maxScore, "\(exercise.id): " + exercise.checks.filter { $0.status != .pass }.map { "\($0.id): \($0.text(.en))" }.joined(separator: "; "))
            XCTAssertEqual(exercise.status, .pass)
        }
        XCTAssertEqual(result.score, Lab.bundled.exercises.reduce(0) { $0 + $1.maxScore })
        XCTAssertTrue(result.passed)
    }

    func testEveryStarterScoresBelowItsPassMark() {
        for exercise in Lab.bundled.exercises {
            let files = exercise.starter.map { ("\(exercise.id)/\($0.path)", String(decoding: $0.content, as: UTF8.self)) }
            let result = grade(exercise.id, files)
            XCTAssertNotNil(result)
            XCTAssertLessThan(result?.score ?? 99, exercise.passScore, exercise.id)
            XCTAssertEqual(result?.passed, false, exercise.id)
        }
    }

    func testEveryKnownWrongCaseFailsExactlyItsRules() {
        var count = 0
        for exercise in Lab.bundled.exercises {
            for wrong in exercise.wrongCases {
                count += 1
                let result = grade(exercise.id, [("\(exercise.id)/\(wrong.file)", String(decoding: wrong.content, as: UTF8.self))])
                XCTAssertEqual(result?.failedRules, Set(wrong.fails), "\(exercise.id)/wrong/\(wrong.file)")
            }
        }
        XCTAssertEqual(count, Lab.bundled.exercises.reduce(0) { $0 + $1.wrongCases.count })
        XCTAssertGreaterThan(count, 0)
    }

    func testVerifyPassesOnTheBundledCourse() {
        let report = CourseVerifier.verify(lab: .bundled, solutions: Lab.bundledSolutions)
        XCTAssertEqual(report.problems, [])
        XCTAssertEqual(report.solutions, Lab.bundled.exercises.count)
        XCTAssertEqual(report.starters, Lab.bundled.exercises.count)
    }

    func testVerifyFailsWhenASolutionBreaks() throws {
        var solutions = Lab.bundledSolutions
        let key = try XCTUnwrap(solutions.keys.first { $0.hasPrefix("02-yellow/") })
        solutions[key] = Array(String(decoding: solutions[key] ?? [], as: UTF8.self).replacingOccurrences(of: "redis", with: "memcached").utf8)
        let report = CourseVerifier.verify(lab: .bundled, solutions: solutions)
        XCTAssertEqual(report.problems.count, 1)
        XCTAssertTrue(report.problems[0].hasPrefix("02-yellow: the solution scores 11/13"), report.problems[0])
    }

    func testSpecProblemsAreReportedWithLines() {
        let spec = """
        id: demo
        title: {ru: Демо, en: Demo}
        object: {kind: Pod, name: demo}
        checks:
          - id: a
            rule: pod.found
          - id: b
            rule: ports.nonsense
          - id: c
            rule: containers.count
            params: {cnt: 2}
        """
        let lab = Lab.load(["demo/spec.yaml": Array(spec.utf8), "demo/task.ru.md": Array("Задание".utf8), "demo/task.en.md": Array("Task".utf8)])
        XCTAssertEqual(lab.problems.map(\.description), [
            "demo/spec.yaml:7: check 'b': unknown rule 'ports.nonsense' (see `podgrade explain`)",
            "demo/spec.yaml:9: check 'c' (containers.count): unknown parameter 'cnt' (known: count)",
            "demo/spec.yaml:9: check 'c' (containers.count): missing parameter 'count'",
        ])
    }
}

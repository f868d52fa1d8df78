import XCTest
import PodGradeCore
@testable import PodGradeSimilarity

func snapshot(_ files: [String: String]) -> SourceSnapshot {
    SourceSnapshot(origin: SourceOrigin(path: "memory"),
                   files: files.sorted { $0.key < $1.key }.map { SourceFile(path: $0.key, content: .bytes(Array($0.value.utf8))) })
}

func fingerprints(_ generated: GeneratedClass) -> [LearnerFingerprints] {
    generated.learners.map { Fingerprinter.fingerprints(of: snapshot($0.files), lab: Lab.bundled, student: $0.student) }
}

func now() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_MONOTONIC, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
}

final class ClassTests: XCTestCase {
    static let threshold = 0.5

    /// The pair key of a scored pair: "a~b exercise", a < b.
    static func key(_ analysis: SimilarityAnalysis, _ pair: ScoredPair) -> String {
        analysis.learners[pair.a].student + "~" + analysis.learners[pair.b].student + " " + pair.exercise
    }

    static func keys(_ planted: [PlantedCopy]) -> Set<String> {
        Set(planted.map { [$0.original, $0.copier].sorted().joined(separator: "~") + " " + $0.exercise })
    }

    /// The generated answers are correct: every one passes its exercise.
    func testGeneratedAnswersPassTheGrader() {
        let generated = ClassGenerator.makeClass(size: 200, copies: 5, seed: 14)
        let grader = Grader(lab: Lab.bundled)
        var failures: [String] = []
        var graded = 0
        for learner in generated.learners {
            let result = grader.grade(snapshot(learner.files), only: Array(Set(learner.files.keys.map { String($0.split(separator: "/")[0]) })))
            for exercise in result.exercises {
                graded += 1
                if !exercise.passed || exercise.score != exercise.maxScore {
                    failures.append("\(learner.student) \(exercise.id) \(exercise.score)/\(exercise.maxScore): "
                                    + exercise.checks.filter { $0.status != .pass }.map { "\($0.id) \($0.findings.map(\.message))" }.joined(separator: ","))
                }
            }
        }
        XCTAssertEqual(failures, [])
        XCTAssertGreaterThan(graded, 550)
    }

    func testPlantedCopiesStandOutInAClassOf200() {
        let generated = ClassGenerator.makeClass(size: 200, copies: 5, seed: 14)
        XCTAssertEqual(generated.planted.count, 5)
        let analysis = SimilarityDetector.analyze(fingerprints(generated), lab: Lab.bundled)
        let planted = Self.keys(generated.planted)
        // All five copies are the five best pairs, above the threshold ...
        XCTAssertEqual(Set(analysis.scored.prefix(5).map { Self.key(analysis, $0) }), planted)
        let flagged = analysis.scored.filter { $0.score >= Self.threshold }
        let truePositives = flagged.filter { planted.contains(Self.key(analysis, $0)) }.count
        XCTAssertEqual(truePositives, 5)
        // ... and no pair of independent answers reaches it.
        XCTAssertEqual(flagged.count, 5)
        let bestIndependent = analysis.scored.first { !planted.contains(Self.key(analysis, $0)) }?.score ?? 0
        XCTAssertLessThan(bestIndependent, Self.threshold)
        // Pairs that share nothing rare are never scored.
        let candidates = analysis.exercises.reduce(0) { $0 + $1.candidatePairs }
        let possible = analysis.exercises.reduce(0) { $0 + $1.possiblePairs }
        XCTAssertLessThan(candidates, possible)
        print("class of 200: precision \(truePositives)/\(flagged.count), recall \(truePositives)/\(planted.count);",
              "planted scores", analysis.scored.prefix(5).map { SimilarityCSV.scoreText($0.score) },
              "best independent", SimilarityCSV.scoreText(bestIndependent), "; pairs scored \(candidates) of \(possible)")
    }

    /// 1,000 learners, three exercises: fingerprinting and comparing finish
    /// (the time is printed, not asserted) without scoring every pair.
    func testAClassOf1000Finishes() {
        let generated = ClassGenerator.makeClass(size: 1000, copies: 5, seed: 1000)
        let start = now()
        let prints = fingerprints(generated)
        let fingerprinted = now()
        let analysis = SimilarityDetector.analyze(prints, lab: Lab.bundled)
        let compared = now()
        let planted = Self.keys(generated.planted)
        let flagged = analysis.scored.filter { $0.score >= Self.threshold }
        let truePositives = flagged.filter { planted.contains(Self.key(analysis, $0)) }.count
        let candidates = analysis.exercises.reduce(0) { $0 + $1.candidatePairs }
        let possible = analysis.exercises.reduce(0) { $0 + $1.possiblePairs }
        XCTAssertEqual(analysis.learners.count, 1000)
        XCTAssertLessThan(candidates, possible)
        print("class of 1000: fingerprints \(Int((fingerprinted - start) * 1000)) ms, comparison \(Int((compared - fingerprinted) * 1000)) ms;",
              "pairs scored \(candidates) of \(possible); precision \(truePositives)/\(flagged.count), recall \(truePositives)/\(planted.count);",
              "planted scores", analysis.scored.filter { planted.contains(Self.key(analysis, $0)) }.map { SimilarityCSV.scoreText($0.score) },
              "best independent", analysis.scored.first { !planted.contains(Self.key(analysis, $0)) }.map { SimilarityCSV.scoreText($0.score) } ?? "-")
    }
}

/// The measurement behind the README's numbers, over many generated classes:
/// PODGRADE_SIMILARITY_SWEEP=20 swift test --skip-build --filter SweepTests
final class SweepTests: XCTestCase {
    func testSweep() {
        guard let count = ProcessInfo.processInfo.environment["PODGRADE_SIMILARITY_SWEEP"].flatMap(Int.init) else { return }
        var found = 0, plantedTotal = 0, flagged = 0
        for seed in 1...UInt64(count) {
            let generated = ClassGenerator.makeClass(size: 200, copies: 5, seed: seed)
            let analysis = SimilarityDetector.analyze(fingerprints(generated), lab: Lab.bundled)
            let planted = Set(generated.planted.map { [$0.original, $0.copier].sorted().joined(separator: "~") + " " + $0.exercise })
            func key(_ p: ScoredPair) -> String { analysis.learners[p.a].student + "~" + analysis.learners[p.b].student + " " + p.exercise }
            let plantedScores = analysis.scored.filter { planted.contains(key($0)) }.map(\.score)
            let maxIndependent = analysis.scored.first { !planted.contains(key($0)) }?.score ?? 0
            plantedTotal += planted.count
            found += plantedScores.filter { $0 >= ClassTests.threshold }.count
            flagged += analysis.scored.filter { $0.score >= ClassTests.threshold }.count
            print("seed", seed, "planted", plantedScores.map { String(format: "%.2f", $0) }, "max independent", String(format: "%.2f", maxIndependent))
        }
        print("sweep: recall \(found)/\(plantedTotal), precision \(found)/\(flagged)")
    }
}

/// Writes a generated class to disk, one folder per learner, for timing the
/// command itself (README): PODGRADE_SIMILARITY_WRITE_CLASS=/tmp/class1000
/// swift test --skip-build --filter ClassWriterTests, then
/// time .build/release/podgrade similar --repos /tmp/class1000 --lang en
final class ClassWriterTests: XCTestCase {
    func testWriteClass() throws {
        guard let directory = ProcessInfo.processInfo.environment["PODGRADE_SIMILARITY_WRITE_CLASS"] else { return }
        let size = ProcessInfo.processInfo.environment["PODGRADE_SIMILARITY_CLASS_SIZE"].flatMap(Int.init) ?? 1000
        let generated = ClassGenerator.makeClass(size: size, copies: 5, seed: UInt64(size))
        for learner in generated.learners {
            for (path, text) in learner.files {
                let file = directory + "/" + learner.student + "/" + path
                try FileManager.default.createDirectory(atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                try text.write(toFile: file, atomically: true, encoding: .utf8)
            }
        }
        print("planted:", generated.planted.map { "\($0.original)~\($0.copier) \($0.exercise)" })
    }
}

/// Issue 23: classes that answered from the task's example with small
/// independent variations, and one or two copies re-indented, or renamed and
/// restyled. Every planted copy is in `similarity.csv` above the default
/// threshold, and no independent pair is.
final class ExampleClassTests: XCTestCase {
    func testCopiesOfAnswersFromTheExampleStandOut() {
        var found = 0, planted = 0, flaggedTotal = 0
        var lines: [String] = []
        for seed in UInt64(1)...20 {
            let generated = ExampleClassGenerator.makeClass(size: 24, copies: seed % 3 == 0 ? 1 : 2, seed: seed)
            let analysis = SimilarityDetector.analyze(fingerprints(generated), lab: Lab.bundled)
            let keys = ClassTests.keys(generated.planted)
            let flagged = analysis.pairs(threshold: ClassTests.threshold)
            let csv = SimilarityCSV.csv(flagged)
            let flaggedKeys = Set(flagged.map { [$0.studentA, $0.studentB].sorted().joined(separator: "~") + " " + $0.exercise })
            planted += keys.count
            found += keys.intersection(flaggedKeys).count
            flaggedTotal += flaggedKeys.count
            for key in keys {
                let names = key.split(separator: " ")[0].split(separator: "~")
                XCTAssertTrue(csv.contains("\n\(names[0]),\(names[1]),"), "seed \(seed): \(key) not in similarity.csv")
            }
            XCTAssertEqual(flaggedKeys.subtracting(keys), [], "seed \(seed): independent pairs flagged")
            for pair in flagged where !keys.contains([pair.studentA, pair.studentB].sorted().joined(separator: "~") + " " + pair.exercise) {
                print("FP seed \(seed) \(pair.studentA)~\(pair.studentB) \(pair.exercise) \(pair.identical) \(SimilarityCSV.summary(pair, count: 8))")
            }
            let bestIndependent = analysis.scored.first { !keys.contains(ClassTests.key(analysis, $0)) }?.score ?? 0
            let plantedScores = analysis.scored.filter { keys.contains(ClassTests.key(analysis, $0)) }.map { SimilarityCSV.scoreText($0.score) }
            lines.append("seed \(seed): planted \(plantedScores), best independent \(SimilarityCSV.scoreText(bestIndependent))")
        }
        print(lines.joined(separator: "\n"))
        print("classes from the example: precision \(found)/\(flaggedTotal), recall \(found)/\(planted)")
        // 20 classes of 24, 34 copies planted: every one found, nothing else (README).
        XCTAssertEqual([found, flaggedTotal, planted], [34, 34, 34])
    }
}

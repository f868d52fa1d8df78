import Foundation
import XCTest
@testable import PodGradeCore

final class ParallelTests: XCTestCase {
    /// Every index once, results in order, whatever the count.
    func testResultsComeInOrder() {
        for count in [0, 1, 2, 3, 12, 1_000] {
            XCTAssertEqual(Parallel.inTwoThreads(count) { $0 * 3 }, (0..<count).map { $0 * 3 }, "\(count)")
        }
        // Uneven work: the threads still cover every index exactly once.
        let results = Parallel.inTwoThreads(40) { index -> Int in
            var sum = 0
            for i in 0..<(index % 7 == 0 ? 200_000 : 10) { sum &+= i }
            return index + (sum == -1 ? 1 : 0)
        }
        XCTAssertEqual(results, Array(0..<40))
    }

    /// Graded on two threads, a learner's exercises give exactly the sequential result.
    func testExercisesGradedInTwoThreadsGiveTheSameResult() throws {
        var files = Lab.bundledSolutions.map { ($0.key, String(decoding: $0.value, as: UTF8.self)) }
        for (path, bytes) in Lab.bundledFiles where path.contains("/wrong/") && path.hasSuffix(".yaml") && !path.hasSuffix("cases.yaml") {
            files.append(("wrong/" + path, String(decoding: bytes, as: UTF8.self)))
        }
        let learner = snapshot(files)
        var parallel = Grader(lab: .bundled)
        parallel.exercisesInTwoThreads = true
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let sequential = try encoder.encode(Grader(lab: .bundled).grade(learner, describePods: true))
        XCTAssertEqual(try encoder.encode(parallel.grade(learner, describePods: true)), sequential)
        XCTAssertEqual(try encoder.encode(parallel.grade(learner, manifests: ManifestSet(learner), only: [], describePods: false, student: "s1")),
                       try encoder.encode(Grader(lab: .bundled).grade(learner, manifests: ManifestSet(learner), only: [], describePods: false, student: "s1")))
    }
}

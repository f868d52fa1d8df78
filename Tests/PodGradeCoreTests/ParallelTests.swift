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
}

import Foundation
import XCTest
@testable import PodGradeCore

/// The real manifests of Tests/Fixtures/corpus, written by nobody here, grade
/// against every exercise without a check erroring.
final class CorpusTests: XCTestCase {
    func testEveryCorpusManifestGradesWithoutError() throws {
        let root = corpusRoot
        let snapshot = try WorkTreeReader.read(root: root)
        XCTAssertEqual(snapshot.files.count, 29, "corpus at \(root)")
        let grader = Grader(lab: .bundled)
        for file in snapshot.files {
            // Each file alone, as a learner's whole repository; each exercise reads it by kind and name or not at all.
            let single = SourceSnapshot(origin: SourceOrigin(path: file.path), files: [SourceFile(path: "01-multi-container-pod/" + file.path, content: file.content)])
            let result = grader.grade(single)
            let exercise = try XCTUnwrap(result.exercises.first)
            XCTAssertEqual(exercise.status, .fail, file.path)
            XCTAssertFalse(exercise.checks.contains { $0.status == .error }, file.path)
            XCTAssertFalse(exercise.checks.contains { $0.rule == "yaml.syntax" }, "\(file.path) does not parse")
        }
    }
}

import XCTest
@testable import PodGradeCore

/// Starter comments exist in both languages; `podgrade start` writes one.
final class StarterCommentsTests: XCTestCase {
    let starter = """
        spec:
          containers:
          - name: app
            # ru: TODO: смонтируйте volume
            # ru:       в /data
            # en: TODO: mount the volume
            # en:       at /data
          # a comment with no language stays
        """

    func testEachLanguageGetsItsOwnComments() {
        let ru = String(decoding: StarterComments.localized(Array(starter.utf8), .ru), as: UTF8.self)
        XCTAssertEqual(ru, """
            spec:
              containers:
              - name: app
                # TODO: смонтируйте volume
                #       в /data
              # a comment with no language stays
            """)
        let en = String(decoding: StarterComments.localized(Array(starter.utf8), .en), as: UTF8.self)
        XCTAssertEqual(en, """
            spec:
              containers:
              - name: app
                # TODO: mount the volume
                #       at /data
              # a comment with no language stays
            """)
    }

    func testAMissingTranslationIsACourseProblem() {
        XCTAssertTrue(StarterComments.problems(Array(starter.utf8)).isEmpty)
        let unpaired = "a: 1\n  # ru: один\n  # ru: два\n  # en: one\nb: 2\n"
        let problems = StarterComments.problems(Array(unpaired.utf8))
        XCTAssertEqual(problems.map(\.line), [2])
        XCTAssertEqual(problems.first?.message, "comment block has 2 Russian and 1 English lines (# ru: / # en:)")
    }

    func testEveryBundledStarterIsTranslated() {
        for exercise in Lab.bundled.exercises {
            for file in exercise.starter {
                XCTAssertTrue(StarterComments.problems(file.content).isEmpty, "\(exercise.id)/\(file.path)")
                let text = String(decoding: file.content, as: UTF8.self)
                XCTAssertFalse(text.split(separator: "\n").contains { $0.trimmingCharacters(in: .whitespaces).hasPrefix("#") && !$0.contains("# ru:") && !$0.contains("# en:") },
                               "\(exercise.id): every starter comment is marked with its language")
            }
        }
    }
}

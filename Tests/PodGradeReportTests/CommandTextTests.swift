import XCTest
import PodGradeCore
import PodGradeReport

/// The commands' own words: Russian plurals and both languages.
final class CommandTextTests: XCTestCase {
    func testValidationSummaryPlurals() {
        XCTAssertEqual(CommandText.validationSummary(files: 12, objects: 14, errors: 0, warnings: 0).text(.ru), "12 файлов, 14 объектов, 0 ошибок")
        XCTAssertEqual(CommandText.validationSummary(files: 1, objects: 2, errors: 1, warnings: 0).text(.ru), "1 файл, 2 объекта, 1 ошибка")
        XCTAssertEqual(CommandText.validationSummary(files: 21, objects: 22, errors: 5, warnings: 3).text(.ru),
                       "21 файл, 22 объекта, 5 ошибок, 3 предупреждения")
        XCTAssertEqual(CommandText.validationSummary(files: 12, objects: 14, errors: 0, warnings: 0).text(.en), "12 files, 14 objects, 0 errors")
        XCTAssertEqual(CommandText.validationSummary(files: 1, objects: 1, errors: 1, warnings: 1).text(.en), "1 file, 1 object, 1 error, 1 warning")
    }
}

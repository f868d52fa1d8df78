import Foundation
import XCTest

/// Results hold message values: a batch graded in Russian reports in English
/// from its results/*.json, exactly as a batch graded in English does.
final class ReportLanguageTests: XCTestCase {
    func testReportRendersARussianBatchInEnglish() throws {
        let tmp = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: tmp) }
        try "student,repo\nivan,\(packageRoot)/Tests/Fixtures/sample-learner\n".write(toFile: tmp + "/roster.csv", atomically: true, encoding: .utf8)
        for lang in ["ru", "en"] {
            let run = try podgrade(["grade", "roster.csv", "--out", "out-\(lang)", "--allow-local", "--lang", lang], in: tmp)
            XCTAssertEqual(run.status, 0, run.stderr)
        }
        let report = try podgrade(["report", "out-ru", "--lang", "en", "--html", "out-ru/report.en.html", "--csv", "out-ru/gradebook.en.csv"], in: tmp)
        XCTAssertEqual(report.status, 0, report.stderr)
        let reRendered = try String(contentsOfFile: tmp + "/out-ru/report.en.html", encoding: .utf8)
        let english = try String(contentsOfFile: tmp + "/out-en/report.html", encoding: .utf8)
        XCTAssertEqual(reRendered, english)
        let russian = try String(contentsOfFile: tmp + "/out-ru/report.html", encoding: .utf8)
        XCTAssertNotEqual(russian, english, "the two languages must differ for the test to prove anything")
        // The result file itself carries the keys and arguments it was rendered from.
        let json = try String(contentsOfFile: tmp + "/out-ru/results/ivan.json", encoding: .utf8)
        XCTAssertTrue(json.contains("\"args\""), "results carry args")
        XCTAssertTrue(json.contains("\"lang\" : \"ru\""))
    }
}

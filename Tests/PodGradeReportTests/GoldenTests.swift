import XCTest
import PodGradeCore
@testable import PodGradeReport

/// Every format in both languages against its golden file (see `assertGolden`
/// for PODGRADE_UPDATE_GOLDEN=1).
final class GoldenTests: XCTestCase {
    private let formats: [(name: String, ext: String)] = [
        ("junit", "xml"), ("github", "txt"), ("markdown", "md"), ("gradescope", "json"),
    ]

    func testFormatsMatchGoldens() throws {
        for lang in Lang.allCases {
            for format in formats {
                let reporter = try XCTUnwrap(Reporters.named(format.name), format.name)
                let text = reporter.render(Fixture.result, context: ReportContext(lang: lang))
                assertGolden(text, "\(format.name).\(lang.rawValue).\(format.ext)")
            }
        }
    }

    /// SARIF's golden leaves out the rule catalog (it follows the rules' own
    /// documentation, tested in `SARIFTests`), so editing a rule's text does not
    /// break it.
    func testSARIFMatchesGolden() {
        for lang in Lang.allCases {
            var log = SARIFReporter().log(Fixture.result, lang: lang)
            log.runs[0].tool.driver.rules = []
            assertGolden(JSONReporter.encode(log), "sarif.\(lang.rawValue).json")
        }
    }

    func testGitHubSummaryIsTheMarkdownReport() {
        let context = ReportContext(lang: .en)
        XCTAssertEqual(GitHubReporter.summary(Fixture.result, context: context),
                       MarkdownReporter().render(Fixture.result, context: context))
    }

    func testClassReportMatchesGolden() {
        for lang in Lang.allCases {
            assertGolden(ClassReport.html(Fixture.classEntries, lang: lang, title: "Класс <K8s> & co"), "class.\(lang.rawValue).html")
        }
    }

    func testEveryFormatIsRegistered() {
        for name in ["text", "json", "junit", "sarif", "github", "markdown", "gradescope"] {
            XCTAssertNotNil(Reporters.named(name), name)
            XCTAssertTrue(Reporters.names.contains(name), name)
        }
        XCTAssertNil(Reporters.named("html"))
    }
}

import XCTest
import ArgumentParser
@testable import podgrade

/// `Check.usual` reads a learner's usual command line without ArgumentParser: it must
/// make exactly the command ArgumentParser makes, every option included, and leave
/// everything else to ArgumentParser.
final class UsualCommandLineTests: XCTestCase {
    /// Every stored option of a command as written out (an option `usual` forgot to
    /// set shows as its definition, not a value).
    private func written(_ command: Check) -> String {
        var text = ""
        Swift.dump(command, to: &text)
        return text
    }

    func testUsualLinesMakeWhatArgumentParserMakes() throws {
        let lines: [[String]] = [
            [], ["check"], ["."], ["check", "some/folder"], ["some/folder"], ["check", ""],
            ["check", "dir", "--color", "never"], ["dir", "--color=always"], ["--color", "auto", "dir"],
            ["check", "--lang", "en"], ["--lang=ru", "check-me"], ["check", "dir", "--lang", "xx", "--color", "never"],
        ]
        for line in lines {
            let usual = try XCTUnwrap(Check.usual(line), "\(line)")
            let arguments = line.first == "check" ? Array(line.dropFirst()) : line
            let parsed = try XCTUnwrap(Podgrade.parseAsRoot(line.first == "check" ? line : ["check"] + arguments) as? Check)
            XCTAssertEqual(written(usual), written(parsed), "\(line)")
        }
        XCTAssertEqual(Check.usual(["dir", "--color", "never"])?.color, .never)
        XCTAssertEqual(Check.usual(["check", "dir"])?.source, "dir")
    }

    func testAnythingElseIsLeftToArgumentParser() {
        for line in [["list"], ["check", "--help"], ["-h"], ["help"], ["check", "help"], ["a", "b"], ["--color", "pink"],
                     ["--color"], ["--lang", "en", "--lang", "ru"], ["--color", "--lang"], ["check", "-f", "json"],
                     ["check", "--format", "json"], ["check", "--all"], ["--version"], ["check", "--", "dir"], ["grade", "x"]] {
            XCTAssertNil(Check.usual(line), "\(line)")
        }
    }
}

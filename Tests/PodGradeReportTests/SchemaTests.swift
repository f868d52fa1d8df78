import Foundation
import XCTest
import PodGradeCore
import PodGradeReport

/// The outputs against the official schemas, with the tools CI installs
/// (`xmllint` from libxml2-utils, Python's `jsonschema`). A missing tool fails
/// the test: a skipped validation would pass silently.
final class SchemaTests: XCTestCase {
    func testJUnitValidatesAgainstXSD() throws {
        let schema = Paths.schemas.appendingPathComponent("junit-10.xsd")
        XCTAssertTrue(FileManager.default.fileExists(atPath: schema.path), "schema not found at \(schema.path)")
        guard let xmllint = External.which("xmllint") else {
            XCTFail("xmllint is not installed: install the Debian package libxml2-utils (make deps) to validate JUnit output")
            return
        }
        for lang in Lang.allCases {
            for result in [Fixture.result, Fixture.perfect] {
                let xml = JUnitReporter().render(result, context: ReportContext(lang: lang))
                let file = try External.temporary(xml, suffix: ".xml")
                defer { try? FileManager.default.removeItem(at: file) }
                let run = try External.run(xmllint, ["--noout", "--schema", schema.path, file.path])
                XCTAssertEqual(run.status, 0, "JUnit (\(lang)) does not validate:\n\(run.output)")
            }
        }
    }

    func testSARIFValidatesAgainstSchema() throws {
        let schema = Paths.schemas.appendingPathComponent("sarif-schema-2.1.0.json")
        XCTAssertTrue(FileManager.default.fileExists(atPath: schema.path), "schema not found at \(schema.path)")
        guard let python = External.which("python3") else {
            XCTFail("python3 is not installed: it is needed with jsonschema to validate SARIF output")
            return
        }
        let probe = try External.run(python, ["-c", "import jsonschema"])
        guard probe.status == 0 else {
            XCTFail("Python's jsonschema is not installed: install python3-jsonschema (or pip install jsonschema) to validate SARIF output\n\(probe.output)")
            return
        }
        for lang in Lang.allCases {
            let sarif = SARIFReporter().render(Fixture.result, context: ReportContext(lang: lang))
            let file = try External.temporary(sarif, suffix: ".sarif")
            defer { try? FileManager.default.removeItem(at: file) }
            let script = "import json,jsonschema,sys; jsonschema.validate(json.load(open(sys.argv[1])), json.load(open(sys.argv[2])))"
            let run = try External.run(python, ["-c", script, file.path, schema.path])
            XCTAssertEqual(run.status, 0, "SARIF (\(lang)) does not validate:\n\(run.output)")
        }
    }
}

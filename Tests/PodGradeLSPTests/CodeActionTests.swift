import XCTest
@testable import PodGradeLSP

/// Each quick fix is applied to the buffer and the buffer graded again: the
/// check it is about passes.
final class CodeActionTests: XCTestCase {
    let file = "03-sidecar-logging/pod.yaml"

    /// Opens `text`, asks for the actions on `line`, applies the only one, re-grades; returns its title and the new diagnostics.
    func fix(_ text: String, line: Int, expectRule rule: String) async throws -> (title: String, text: String, after: [JSON]) {
        let client = Client()
        try await client.initialize()
        client.open(uri(file), text)
        let before = try await client.diagnostics(uri(file))
        let target = before.filter { $0["code"]?.string == rule && $0["range"]?["start"]?["line"]?.int == line }
        XCTAssertEqual(target.count, 1, "one \(rule) diagnostic on line \(line): \(summary(before))")
        let response = try await client.request("textDocument/codeAction", [
            "textDocument": ["uri": .string(uri(file))], "range": range(line, 0, line, 0), "context": ["diagnostics": .array(target)],
        ])
        let actions = response["result"]?.array ?? []
        XCTAssertEqual(actions.count, 1, response.text)
        let action = try XCTUnwrap(actions.first)
        XCTAssertEqual(action["kind"]?.string, "quickfix")
        XCTAssertEqual(action["diagnostics"]?.array?.count, 1)
        let edits = try XCTUnwrap(action["edit"]?["changes"]?[uri(file)]?.array)
        let fixed = apply(edits, to: text)
        client.change(uri(file), version: 2, [["text": .string(fixed)]])
        let after = try await client.diagnostics(uri(file))
        _ = await client.finish()
        return (action["title"]?.string ?? "", fixed, after)
    }

    func testMisspelledFieldIsRenamed() async throws {
        let text = try fixture(file).replacingOccurrences(of: "    volumeMounts:\n    - name: logs\n      mountPath: /var", with: "    volumeMount:\n    - name: logs\n      mountPath: /var")
        let (title, fixed, after) = try await fix(text, line: 10, expectRule: "k8s.schema")
        XCTAssertEqual(title, "Change \"volumeMount\" to \"volumeMounts\"")
        XCTAssertEqual(fixed, try fixture(file))
        XCTAssertEqual(summary(after).filter { $0.contains("k8s.schema") }, [])
        XCTAssertEqual(summary(after).first, "0:0-0 podgrade.score 3 03-sidecar-logging: 13/15, pass at 15")
    }

    func testQuotedPortBecomesANumber() async throws {
        let text = try fixture(file).replacingOccurrences(of: "containerPort: 80", with: "containerPort: \"80\"")
        let (title, fixed, after) = try await fix(text, line: 9, expectRule: "k8s.schema")
        XCTAssertEqual(title, "Write 80 as a number, without quotes")
        XCTAssertEqual(fixed, try fixture(file))
        XCTAssertEqual(summary(after).filter { $0.contains("k8s.schema") }, [])
    }

    func testWritableMountGetsReadOnlyInABlockMapping() async throws {
        let (title, fixed, after) = try await fix(try fixture(file), line: 16, expectRule: "volume.readonly")
        XCTAssertEqual(title, "Add readOnly: true")
        XCTAssertTrue(fixed.hasSuffix("    - name: logs\n      readOnly: true\n      mountPath: /fluentd/log/nginx\n  volumes:\n  - name: logs\n    emptyDir: {}\n"), fixed)
        XCTAssertEqual(summary(after), ["0:0-0 podgrade.score 3 03-sidecar-logging: 15/15, passed"])
    }

    func testReadOnlyFalseIsReplaced() async throws {
        let text = try fixture(file).replacingOccurrences(of: "      mountPath: /fluentd/log/nginx", with: "      mountPath: /fluentd/log/nginx\n      readOnly: false")
        let (_, fixed, after) = try await fix(text, line: 18, expectRule: "volume.readonly")
        XCTAssertTrue(fixed.contains("      mountPath: /fluentd/log/nginx\n      readOnly: true\n"), fixed)
        XCTAssertEqual(summary(after), ["0:0-0 podgrade.score 3 03-sidecar-logging: 15/15, passed"])
    }

    func testReadOnlyInAFlowMapping() async throws {
        let text = try fixture(file).replacingOccurrences(of: "    - name: logs\n      mountPath: /fluentd/log/nginx",
                                                          with: "    - {name: logs, mountPath: \"/fluentd/log/nginx\"}")
        let (_, fixed, after) = try await fix(text, line: 16, expectRule: "volume.readonly")
        XCTAssertTrue(fixed.contains("    - {name: logs, mountPath: \"/fluentd/log/nginx\", readOnly: true}\n"), fixed)
        XCTAssertEqual(summary(after), ["0:0-0 podgrade.score 3 03-sidecar-logging: 15/15, passed"])
    }

    func testNoActionWhereTheFixIsNotCertain() async throws {
        let client = Client()
        try await client.initialize()
        // No suggestion for a field nothing resembles; a quoted non-number is not unquoted.
        let text = try fixture(file).replacingOccurrences(of: "    image: fluentd:latest", with: "    zzzqqq: 1\n    image: fluentd:latest")
            .replacingOccurrences(of: "containerPort: 80", with: "containerPort: \"http\"")
        client.open(uri(file), text)
        _ = try await client.diagnostics(uri(file))
        let response = try await client.request("textDocument/codeAction", [
            "textDocument": ["uri": .string(uri(file))], "range": range(9, 0, 15, 0), "context": ["diagnostics": []],
        ])
        XCTAssertEqual(response["result"], .array([]))
        _ = await client.finish()
    }
}

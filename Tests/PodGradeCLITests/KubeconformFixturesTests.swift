import Foundation
import XCTest

/// kubeconform's own fixtures (Tests/Fixtures/kubeconform, SOURCES.md there):
/// `podgrade validate` gives each the outcome kubeconform's tests expect with
/// `-strict`. `quantity.yaml` is the LimitRange whose `default` field podgrade
/// once refused as an unknown field.
final class KubeconformFixturesTests: XCTestCase {
    struct Expected {
        let file: String
        let status: Int32
        /// The finding lines (without code frames), then the closing line.
        let lines: [String]
    }

    static let expected: [Expected] = [
        Expected(file: "blank.yaml", status: 0, lines: [
            "blank.yaml:1:1: warning [k8s.schema] no Kubernetes object in this file",
            "1 file, 0 objects, 0 errors, 1 warning"]),
        Expected(file: "comment.yaml", status: 0, lines: [
            "comment.yaml:1:1: warning [k8s.schema] no Kubernetes object in this file",
            "1 file, 0 objects, 0 errors, 1 warning"]),
        Expected(file: "duplicate_property.yaml", status: 1, lines: [
            "duplicate_property.yaml:16:7: error [yaml.syntax] key \"containers\" is repeated (first on line 13)",
            "1 file, 0 objects, 1 error"]),
        Expected(file: "extra_property.yaml", status: 1, lines: [
            "extra_property.yaml:7:3: error [k8s.schema] spec.replicas: unknown field \"replicas\"",
            "extra_property.yaml:12:5: error [k8s.valid] spec.template.metadata.labels: Invalid value: \"{}\": `selector` does not match template `labels`",
            "1 file, 1 object, 2 errors"]),
        Expected(file: "folder/multi_valid.yaml", status: 0, lines: ["1 file, 6 objects, 0 errors"]),
        Expected(file: "folder/valid.yaml", status: 0, lines: ["1 file, 1 object, 0 errors"]),
        Expected(file: "generate_name.yaml", status: 0, lines: ["1 file, 1 object, 0 errors"]),
        Expected(file: "int_or_string.yaml", status: 0, lines: ["1 file, 1 object, 0 errors"]),
        Expected(file: "invalid.yaml", status: 1, lines: [
            "invalid.yaml:6:13: error [k8s.schema] spec.replicas: expected an integer, got string",
            "invalid.yaml:9:3: error [k8s.schema] spec.templates: unknown field \"templates\" (did you mean \"template\"?)",
            "1 file, 1 object, 2 errors"]),
        Expected(file: "list_empty_valid.yaml", status: 0, lines: ["1 file, 0 objects, 0 errors"]),
        Expected(file: "list_invalid.yaml", status: 1, lines: [
            "list_invalid.yaml:26:15: error [k8s.schema] items[1].spec.replicas: expected an integer, got string",
            "list_invalid.yaml:29:5: error [k8s.schema] items[1].spec.templates: unknown field \"templates\" (did you mean \"template\"?)",
            "1 file, 2 objects, 2 errors"]),
        Expected(file: "list_valid.yaml", status: 0, lines: ["1 file, 6 objects, 0 errors"]),
        Expected(file: "missing_apiversion.yaml", status: 1, lines: [
            "missing_apiversion.yaml:1:1: error [k8s.schema] apiVersion: Required value",
            "1 file, 1 object, 1 error"]),
        Expected(file: "missing_kind.yaml", status: 1, lines: [
            "missing_kind.yaml:1:1: error [k8s.schema] not a Kubernetes object: apiVersion and kind are not set",
            "1 file, 0 objects, 1 error"]),
        Expected(file: "missing_kind_value.yaml", status: 1, lines: [
            "missing_kind_value.yaml:1:1: error [k8s.schema] apiVersion: Required value",
            "missing_kind_value.yaml:1:6: error [k8s.schema] kind: Required value",
            "1 file, 1 object, 2 errors"]),
        Expected(file: "multi_invalid.yaml", status: 1, lines: [
            "multi_invalid.yaml:12:11: error [k8s.schema] spec.ports[0].port: expected an integer, got string",
            "1 file, 6 objects, 1 error"]),
        Expected(file: "multi_valid.yaml", status: 0, lines: ["1 file, 6 objects, 0 errors"]),
        Expected(file: "multi_with_list.yaml", status: 0, lines: ["1 file, 2 objects, 0 errors"]),
        Expected(file: "null_array.yaml", status: 0, lines: ["1 file, 1 object, 0 errors"]),
        Expected(file: "null_string.yaml", status: 0, lines: ["1 file, 1 object, 0 errors"]),
        Expected(file: "quantity.yaml", status: 0, lines: ["1 file, 1 object, 0 errors"]),
        Expected(file: "test_crd.yaml", status: 0, lines: [
            "test_crd.yaml:2:7: warning [k8s.schema] TrainingJob (sagemaker.aws.amazon.com/v1) is not a built-in kind: podgrade has no schema for it and does not check its fields",
            "1 file, 1 object, 0 errors, 1 warning"]),
        Expected(file: "valid.json", status: 0, lines: ["1 file, 1 object, 0 errors"]),
        Expected(file: "valid.yaml", status: 0, lines: ["1 file, 1 object, 0 errors"]),
    ]

    static let folder = packageRoot + "/Tests/Fixtures/kubeconform"

    /// Every fixture copied is in the table, and every one gives its outcome.
    func testEveryFixtureGivesTheExpectedOutcome() throws {
        let copied = (FileManager.default.enumerator(atPath: Self.folder)?.allObjects as? [String] ?? [])
            .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".json") }.sorted()
        XCTAssertEqual(copied, Self.expected.map(\.file))
        var matched = 0
        for fixture in Self.expected {
            let run = try podgrade(["validate", fixture.file, "--lang", "en"], in: Self.folder)
            let lines = run.stdout.split(separator: "\n").map(String.init).filter { !$0.hasPrefix(" ") }
            XCTAssertEqual(run.status, fixture.status, fixture.file)
            XCTAssertEqual(lines, fixture.lines, fixture.file)
            XCTAssertEqual(run.stderr, "", fixture.file)
            if run.status == fixture.status && lines == fixture.lines { matched += 1 }
        }
        XCTAssertEqual(matched, 24, "\(matched)/\(Self.expected.count) fixtures as kubeconform expects")
    }

    /// The whole folder at once, as kubeconform's own folder test runs it.
    func testTheWholeFolder() throws {
        let run = try podgrade(["validate", ".", "--lang", "en"], in: Self.folder)
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.stdout.hasSuffix("\n24 files, 41 objects, 12 errors, 3 warnings\n"), run.stdout)
    }
}

import XCTest
@testable import PodGradeCore
import PodGradeYAML

/// Every rule documents itself with examples that must pass and must fail;
/// the same examples `podgrade explain` prints are run here, each failing one
/// with the message key and the position (`↓`) it states.
final class RuleExampleTests: XCTestCase {
    func testEveryRuleHasPassingAndFailingExamples() {
        for rule in RuleCatalog.all {
            XCTAssertTrue(rule.examples.contains { $0.passes }, "\(rule.id) has no passing example")
            XCTAssertTrue(rule.examples.contains { !$0.passes }, "\(rule.id) has no failing example")
        }
    }

    func testEveryExampleGivesItsDeclaredVerdictKeyAndPosition() {
        for rule in RuleCatalog.all {
            for (index, example) in rule.examples.enumerated() {
                XCTAssertEqual(Self.run(rule, example), example.expectation, "\(rule.id) example \(index)")
            }
        }
    }

    func testTheMarkerGivesLineAndColumnInScalars() {
        let example = RuleExample.fails("a: 1\nb: «x» ↓c\n", key: "k")
        XCTAssertEqual(example.expectation, .fail(key: "k", line: 2, column: 8))
        XCTAssertEqual(example.manifest, "a: 1\nb: «x» c\n")
    }

    /// What a rule gives for an example: a pass, or the first finding's key and position.
    static func run(_ rule: any Rule, _ example: RuleExample) -> RuleExample.Expectation? {
        let kind = example.manifest.contains("kind: Deployment") ? "Deployment" : "Pod"
        let exercise = Exercise(id: "demo", title: LocalizedText(ru: "д", en: "d"), objectKinds: [kind], objectName: "demo", passScore: 1,
                                checks: [], task: LocalizedText(ru: "", en: ""), starter: [], wrongCases: [])
        let file = ParsedFile(path: "demo/pod.yaml", yaml: YAMLReader.read(example.manifest))
        let target = file.workloads.first.map { Target(workload: $0, file: file.path, exact: $0.name?.value == "demo") }
        let context = CheckContext(exercise: exercise, files: [file], target: target)
        guard let check = try? rule.bind(YAMLReader.read(example.params).documents.first?.root) else { return nil }
        switch check.run(context) {
        case .pass, .passWithNotes: return .pass
        case .fail(let findings):
            guard let first = findings.first else { return nil }
            return .fail(key: first.message.key, line: first.location?.line, column: first.location?.column)
        case .skip: return nil
        }
    }
}

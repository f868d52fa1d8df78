import XCTest
@testable import PodGradeCore
import PodGradeYAML

/// Every rule documents itself with examples that must pass and must fail;
/// the same examples `podgrade explain` prints are run here.
final class RuleExampleTests: XCTestCase {
    func testEveryRuleHasPassingAndFailingExamples() {
        for rule in RuleCatalog.all {
            XCTAssertTrue(rule.examples.contains { $0.passes }, "\(rule.id) has no passing example")
            XCTAssertTrue(rule.examples.contains { !$0.passes }, "\(rule.id) has no failing example")
        }
    }

    func testEveryRuleIdOfTheLabIsInTheCatalog() {
        let ids = Set(RuleCatalog.all.map(\.id))
        XCTAssertEqual(ids, [
            "yaml.syntax", "k8s.schema", "k8s.valid", "pod.found", "pod.metadata", "containers.count", "container.spec",
            "container.long-running", "ports.declared", "ports.unique", "volume.shared", "volume.readonly", "volume.hostpath",
            "resources.bounds", "network.localhost", "data.flow", "role.sidecar", "role.adapter", "role.ambassador",
            "sidecar.native", "workload.replicas",
        ])
    }

    func testEveryExampleGivesItsDeclaredVerdict() {
        for rule in RuleCatalog.all {
            for (index, example) in rule.examples.enumerated() {
                let outcome = Self.run(rule, example)
                XCTAssertEqual(outcome, example.passes ? "pass" : "fail", "\(rule.id) example \(index)")
            }
        }
    }

    static func run(_ rule: any Rule, _ example: RuleExample) -> String {
        let kind = example.manifest.contains("kind: Deployment") ? "Deployment" : "Pod"
        let exercise = Exercise(id: "demo", title: LocalizedText(ru: "д", en: "d"), objectKinds: [kind], objectName: "demo", passScore: 1,
                                checks: [], task: LocalizedText(ru: "", en: ""), starter: [], wrongCases: [])
        let file = ParsedFile(path: "demo/pod.yaml", yaml: YAMLReader.read(example.manifest))
        let target = file.workloads.first.map { Target(workload: $0, file: file.path, exact: $0.name?.value == "demo") }
        let context = CheckContext(exercise: exercise, files: [file], target: target)
        let params = Params(YAMLReader.read(example.params).documents.first?.root)
        switch rule.evaluate(context, params) {
        case .pass, .passWithNotes: return "pass"
        case .fail: return "fail"
        case .skip: return "skip"
        case .info: return "info"
        case .error: return "error"
        }
    }
}

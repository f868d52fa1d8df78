import XCTest
import PodGradeCore
import PodGradeKubernetes

/// A rule declared outside PodGradeCore, the way CONTRIBUTING adds one: one
/// type with its doc, parameters, messages and examples. It registers with a
/// lab, renders in every language and runs its own examples.
struct TestLabelsRule: Rule {
    let id = "test.labels"
    let doc = RuleDoc(
        title: LocalizedText(ru: "У объекта есть метки", en: "The object has labels"),
        explanation: LocalizedText(ru: "Метки находят объект.", en: "Labels find the object."),
        section: nil)

    struct Parameters: RuleParameters {
        let min: Int
    }

    let examples = [
        RuleExample.passes(RuleExample.podHeader + "  labels: {app: web, tier: front}\nspec:\n  containers: [{name: web, image: nginx}]\n", params: "{min: 2}"),
        RuleExample.fails("apiVersion: v1\nkind: Pod\nmetadata:\n  ↓name: demo\n  labels: {app: web}\nspec:\n  containers: [{name: web, image: nginx}]\n",
                          params: "{min: 2}", key: "tooFewLabels"),
    ]

    func check(_ context: CheckContext, _ params: Parameters) throws(RuleStop) -> Outcome {
        guard let workload = context.workload else { return .notRun }
        let minimum = params.min
        guard workload.labels.count >= minimum else {
            return .fail([context.finding(Message.tooFewLabels(found: workload.labels.count, minimum: minimum), mark: workload.metadataMark, path: "metadata")])
        }
        return .pass(Message.enoughLabels(count: workload.labels.count))
    }

    var messageSamples: [Message] { [.tooFewLabels(found: 1, minimum: 2), .enoughLabels(count: 2)] }

    enum Message: RuleMessage {
        case tooFewLabels(found: Int, minimum: Int)
        case enoughLabels(count: Int)

        var russian: String {
            switch self {
            case .tooFewLabels(let found, let minimum): return "Меток \(found), а нужно не меньше \(minimum)."
            case .enoughLabels(let count): return "Меток \(count): достаточно."
            }
        }

        var english: String {
            switch self {
            case .tooFewLabels(let found, let minimum): return "\(found) labels, at least \(minimum) needed."
            case .enoughLabels(let count): return "\(count) labels: enough."
            }
        }
    }
}

final class TestOnlyRuleTests: XCTestCase {
    static let spec = """
        id: demo
        title: {ru: Демо, en: Demo}
        object: {kind: Pod, name: demo}
        checks:
        - {id: labels, rule: test.labels, points: 2, params: {min: 2}}

        """

    func testARuleOfATestTargetRegistersRendersAndRunsItsExamples() throws {
        let files = ["demo/spec.yaml": Array(Self.spec.utf8), "demo/task.ru.md": Array("Задание".utf8), "demo/task.en.md": Array("Task".utf8)]
        XCTAssertFalse(Lab.load(files).problems.isEmpty, "without registering, the rule is unknown")
        let lab = Lab.load(files, extraRules: [TestLabelsRule()])
        XCTAssertEqual(lab.problems, [])
        let exercise = try XCTUnwrap(lab.exercise("demo"))
        XCTAssertEqual(exercise.checks.map(\.rule.id), ["test.labels"])

        let manifest = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: demo\n  labels: {app: web}\nspec:\n  containers: [{name: web, image: nginx}]\n"
        let snapshot = SourceSnapshot(origin: SourceOrigin(path: "t"), files: [SourceFile(path: "demo/pod.yaml", content: .bytes(Array(manifest.utf8)))])
        let check = try XCTUnwrap(Grader(lab: lab).grade(snapshot).exercises.first?.checks.first)
        XCTAssertEqual(check.status, .fail)
        XCTAssertEqual(check.key, "tooFewLabels")
        XCTAssertEqual(check.text(.ru), "Меток 1, а нужно не меньше 2.")
        XCTAssertEqual(check.text(.en), "1 labels, at least 2 needed.")
        XCTAssertEqual(check.location, Location(file: "demo/pod.yaml", line: 4, column: 3))

        let rule = TestLabelsRule()
        for message in rule.anyMessageSamples {
            for lang in Lang.allCases { XCTAssertFalse(message.text(lang).isEmpty, "\(message.key) in \(lang)") }
        }
        for (index, example) in rule.examples.enumerated() {
            XCTAssertEqual(RuleExampleTests.run(rule, example), example.expectation, "example \(index)")
        }
    }
}

import XCTest
@testable import PodGradeCore
import PodGradeYAML

/// The registry is generated from the rule files (`make rules`): one file
/// Rules/<Name>Rule.swift per rule, named after its id.
final class RuleRegistryTests: XCTestCase {
    static let rulesDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Sources/PodGradeCore/Rules")

    func testTheRegistryListsEveryRuleFile() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.rulesDirectory.path)
            .filter { $0.hasSuffix("Rule.swift") && $0 != "Rule.swift" }
            .map { String($0.dropLast(".swift".count)) }.sorted()
        let registered = RuleRegistry.rules.map { String(describing: type(of: $0)) }
        XCTAssertEqual(registered, files, "the registry is stale: run `make rules`")
    }

    func testEachRuleIsNamedAfterItsID() {
        for rule in RuleCatalog.all {
            let pascal = rule.id.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
            XCTAssertEqual(String(describing: type(of: rule)).lowercased(), (pascal + "Rule").lowercased(), rule.id)
        }
        XCTAssertEqual(Set(RuleCatalog.all.map(\.id)).count, RuleCatalog.all.count, "rule ids are unique")
    }

    /// Every rule a spec or a known-wrong case of the bundled lab names exists.
    func testTheBundledLabNamesOnlyKnownRules() {
        XCTAssertEqual(Lab.bundled.problems, [])
        for exercise in Lab.bundled.exercises {
            for wrong in exercise.wrongCases {
                for rule in wrong.fails { XCTAssertNotNil(RuleCatalog.rule(rule), "\(exercise.id): \(rule)") }
            }
        }
    }
}

/// Parameters are a typed struct per rule: the declared list is read from it,
/// and a check's `params:` is decoded once when the lab loads.
final class RuleParametersTests: XCTestCase {
    func testTheDeclaredParametersAreTheStructsProperties() {
        let specs = ContainerSpecRule().params
        XCTAssertEqual(specs.map(\.name), ["container", "image", "images", "tag", "command", "runs"])
        XCTAssertEqual(specs.map(\.required), [true, false, false, false, false, false])
        XCTAssertEqual(specs.map(\.type), [.string, .string, .stringList, .string, .stringList, .string])
        XCTAssertEqual(VolumeSharedRule().params.map(\.type), [.string, .string, .mountList])
        XCTAssertEqual(ResourcesBoundsRule().params.map(\.type), [.string, .quantityMap, .quantityMap])
        XCTAssertEqual(PodFoundRule().params.count, 0)
    }

    func testParametersDecodeOnceWithTheirTypes() throws {
        let node = YAMLReader.read("{container: web, command: [sleep, '1000'], tag: 1.25}").documents.first?.root
        let parameters = try ContainerSpecRule().parameters(node)
        XCTAssertEqual(parameters.container, "web")
        XCTAssertEqual(parameters.command, ["sleep", "1000"])
        XCTAssertEqual(parameters.tag, "1.25")
        XCTAssertNil(parameters.image)
        let labels = try PodMetadataRule().parameters(YAMLReader.read("{labels: {b: 2, a: 1}}").documents.first?.root)
        XCTAssertEqual(labels.labels?.pairs.map(\.key), ["b", "a"], "in the order written")
        XCTAssertThrowsError(try ContainerSpecRule().parameters(YAMLReader.read("{image: nginx}").documents.first?.root))
    }

    /// `podgrade verify` reports bad parameters with the spec's line, and the check is not graded.
    func testBadParametersAreCourseProblemsWithLines() {
        let spec = "id: demo\ntitle: {ru: Д, en: D}\nobject: {kind: Pod, name: demo}\nchecks:\n- {id: a, rule: containers.count, params: {count: two}}\n- {id: b, rule: containers.count, params: {count: 2}}\n"
        let lab = Lab.load(["demo/spec.yaml": Array(spec.utf8), "demo/task.ru.md": Array("З".utf8), "demo/task.en.md": Array("T".utf8)])
        XCTAssertEqual(lab.problems.map(\.description), ["demo/spec.yaml:5: check 'a' (containers.count): parameter 'count' must be a int"])
        XCTAssertEqual(lab.exercise("demo")?.checks.map(\.id), ["b"])
    }
}

/// What the compiler cannot see: every case of a rule's `Message` has a sample
/// (so the catalogue test renders it in every language), and every associated
/// value has a label: the synthesized `Codable` writes a case as
/// `{"<case>": {<label>: value}}`, which the result file keeps as `key` and
/// `args`; an unlabelled value would be written as `_0`.
final class MessageDeclarationTests: XCTestCase {
    func testEveryMessageCaseHasASampleAndLabelledArguments() throws {
        let sources = RuleRegistryTests.rulesDirectory
        for rule in RuleCatalog.all {
            let file = sources.appendingPathComponent(String(describing: type(of: rule)) + ".swift")
            let text = try String(contentsOf: file, encoding: .utf8)
            let declared = Self.cases(inEnumOf: text)
            XCTAssertFalse(declared.isEmpty, rule.id)
            XCTAssertEqual(Set(rule.anyMessageSamples.map(\.key)), declared, "\(rule.id): messageSamples must hold every case")
            for message in rule.anyMessageSamples { try Self.assertLabelled(message, rule.id) }
        }
        for message in SharedMessage.samples { try Self.assertLabelled(message, "SharedMessage") }
    }

    /// The message's synthesized encoding is one key, its case, over its arguments by label.
    static func assertLabelled(_ message: any RuleMessage, _ owner: String) throws {
        let json = try JSONSerialization.jsonObject(with: JSONEncoder().encode(message)) as? [String: Any]
        XCTAssertEqual(json.map { Array($0.keys) }, [message.key], "\(owner) \(message.key)")
        let args = (json?[message.key] as? [String: Any]).map { Array($0.keys) } ?? []
        XCTAssertEqual(args.filter { $0.hasPrefix("_") }, [], "\(owner) \(message.key): every associated value needs a label")
    }

    /// The case names declared in `enum Message: RuleMessage { ... }` before its first member.
    static func cases(inEnumOf text: String) -> Set<String> {
        guard let start = text.range(of: "enum Message: RuleMessage {") else { return [] }
        var names = Set<String>()
        for line in text[start.upperBound...].split(separator: "\n") {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("//") { continue }
            guard trimmed.hasPrefix("case ") else { break }
            let name = trimmed.dropFirst(5).prefix { $0.isLetter || $0.isNumber }
            names.insert(String(name))
        }
        return names
    }
}

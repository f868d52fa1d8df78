import XCTest
@testable import PodGradeCore

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

import XCTest
@testable import PodGradeCore
import PodGradeYAML
import PodGradeKubernetes
import PodGradeLab

/// Every Kubernetes issue renders in Russian and English: one sample of each
/// case of `K8sIssue.Problem`, `Reason`, `Forbidden` and `ValueType`. The
/// `covers` switches below have no default, so a new case does not compile
/// until it has a sample here (and so a rendering to check).
final class K8sIssueTextTests: XCTestCase {
    static let reasons: [K8sIssue.Reason] = [
        .dns1123Label, .dns1123Subdomain, .ianaServiceName, .portRange, .notAbsolutePath, .subPathAbsolute,
        .subPathBacktrack, .quantity, .quantityUnit(suggestion: "64Mi"), .requestAboveLimit(resource: "memory", limit: "64Mi"), .negative, .labelKey,
        .labelValue, .selectorMismatch, .nonNegative, .multipleVolumeSources("emptyDir"), .imageWhitespace, .envVarName,
    ]

    static let forbidden: [K8sIssue.Forbidden] = [
        .moreThanOneVolumeType, .noVolumeType, .restartPolicyOnAppContainer, .hostPortConflict, .subPathAndExpr,
        .emptySelector(kind: "Deployment"), .valuesWithExistsOperator, .probeOnInitContainer, .successThresholdNotOne,
        .moreThanOneHandler, .hostPortNotContainerPort, .valueFromWithValue,
    ]

    static let types: [K8sIssue.ValueType] = [.string, .integer, .boolean, .number, .object, .array, .quantity, .intOrString, .stringMap]

    static var problems: [K8sIssue.Problem] {
        [
            .unknownField("volumeMount", suggestion: "volumeMounts"), .unknownField("flavour", suggestion: nil),
            .required, .duplicate("app"), .notSupported("TCPX", supported: ["SCTP", "TCP", "UDP"]), .notFound("data"),
            .duplicatePort(port: 80, protocol: "TCP", otherPath: "spec.containers[0].ports[0]"),
            .notAnObject, .notAMapping(found: "array"),
            .unknownKind("Pood", apiVersion: "v1", suggestion: "Pod"), .unknownKind("Thing", apiVersion: "apps/v1", suggestion: nil),
            .unknownAPIVersion("v1", kind: "Deployment", served: ["apps/v1"]),
            .noSchema(kind: "Widget", apiVersion: "example.com/v1"), .noObjects,
        ]
        + types.map { .wrongType(expected: $0, found: "string") }
        + reasons.map { .invalid("X", $0) }
        + forbidden.map { .forbidden($0) }
    }

    func covers(_ problem: K8sIssue.Problem) -> String {
        switch problem {
        case .unknownField: return "unknownField"
        case .wrongType(let type, _): return "wrongType." + type.rawValue
        case .required: return "required"
        case .duplicate: return "duplicate"
        case .invalid(_, let reason): return "invalid." + covers(reason)
        case .notSupported: return "notSupported"
        case .notFound: return "notFound"
        case .forbidden(let reason): return "forbidden." + covers(reason)
        case .notAnObject: return "notAnObject"
        case .notAMapping: return "notAMapping"
        case .unknownKind: return "unknownKind"
        case .unknownAPIVersion: return "unknownAPIVersion"
        case .noSchema: return "noSchema"
        case .noObjects: return "noObjects"
        case .duplicatePort: return "duplicatePort"
        }
    }

    func covers(_ reason: K8sIssue.Reason) -> String {
        switch reason {
        case .dns1123Label: return "dns1123Label"
        case .dns1123Subdomain: return "dns1123Subdomain"
        case .ianaServiceName: return "ianaServiceName"
        case .portRange: return "portRange"
        case .notAbsolutePath: return "notAbsolutePath"
        case .subPathAbsolute: return "subPathAbsolute"
        case .subPathBacktrack: return "subPathBacktrack"
        case .quantity: return "quantity"
        case .quantityUnit: return "quantityUnit"
        case .requestAboveLimit: return "requestAboveLimit"
        case .negative: return "negative"
        case .labelKey: return "labelKey"
        case .labelValue: return "labelValue"
        case .selectorMismatch: return "selectorMismatch"
        case .nonNegative: return "nonNegative"
        case .multipleVolumeSources: return "multipleVolumeSources"
        case .imageWhitespace: return "imageWhitespace"
        case .envVarName: return "envVarName"
        }
    }

    func covers(_ reason: K8sIssue.Forbidden) -> String {
        switch reason {
        case .moreThanOneVolumeType: return "moreThanOneVolumeType"
        case .noVolumeType: return "noVolumeType"
        case .restartPolicyOnAppContainer: return "restartPolicyOnAppContainer"
        case .hostPortConflict: return "hostPortConflict"
        case .subPathAndExpr: return "subPathAndExpr"
        case .emptySelector: return "emptySelector"
        case .valuesWithExistsOperator: return "valuesWithExistsOperator"
        case .probeOnInitContainer: return "probeOnInitContainer"
        case .successThresholdNotOne: return "successThresholdNotOne"
        case .moreThanOneHandler: return "moreThanOneHandler"
        case .hostPortNotContainerPort: return "hostPortNotContainerPort"
        case .valueFromWithValue: return "valueFromWithValue"
        }
    }

    func testSamplesCoverEveryCase() {
        let covered = Set(Self.problems.map(covers))
        // 12 cases without a nested enum (unknownField and unknownKind have two samples each),
        // plus one per ValueType, Reason and Forbidden case.
        XCTAssertEqual(covered.count, 12 + Self.types.count + Self.reasons.count + Self.forbidden.count)
        XCTAssertEqual(Set(Self.reasons.map(covers)).count, Self.reasons.count)
        XCTAssertEqual(Set(Self.forbidden.map(covers)).count, Self.forbidden.count)
    }

    func testEveryIssueRendersInBothLanguages() {
        let cyrillic: (Character) -> Bool = { ("а"..."я").contains($0) || ("А"..."Я").contains($0) || $0 == "ё" }
        for problem in Self.problems {
            let issue = K8sIssue(.valid, problem, path: "spec.x", mark: Mark(line: 1, column: 1))
            let ru = SharedMessage.k8s(issue: LayerIssue(issue)).text(.ru), en = SharedMessage.k8s(issue: LayerIssue(issue)).text(.en)
            let body = (ru: ru.dropFirst("spec.x: ".count), en: en.dropFirst("spec.x: ".count))
            XCTAssertFalse(body.ru.trimmingCharacters(in: .whitespaces).isEmpty, "\(covers(problem)): empty ru")
            XCTAssertFalse(body.en.trimmingCharacters(in: .whitespaces).isEmpty, "\(covers(problem)): empty en")
            XCTAssertTrue(body.ru.contains(where: cyrillic), "\(covers(problem)): ru is untranslated: \(ru)")
            XCTAssertFalse(body.en.contains(where: cyrillic), "\(covers(problem)): en has Russian: \(en)")
            XCTAssertNotEqual(ru, en, "\(covers(problem))")
            XCTAssertTrue(ru.hasPrefix("spec.x: ") && en.hasPrefix("spec.x: "), "\(covers(problem))")
        }
    }

    func testIssueWithoutPathHasNoColonPrefix() {
        let issue = K8sIssue(.schema, .notAnObject, path: "", mark: Mark(line: 1, column: 1))
        XCTAssertEqual(SharedMessage.k8s(issue: LayerIssue(issue)).text(.en), "not a Kubernetes object: apiVersion and kind are not set")
        XCTAssertEqual(SharedMessage.k8s(issue: LayerIssue(issue)).text(.ru), "это не объект Kubernetes: не заданы apiVersion и kind")
    }

    /// `memory: 64` is 64 bytes; `128M` is not `128Mi`: the message says which slip it is.
    func testUnitConfusionExplained() {
        func text(_ found: String, _ expected: String, _ lang: Lang, resource: String = "memory") -> String? {
            Quantity.unitConfusion(found: found, expected: expected).map {
                ResourcesBoundsRule.Message($0, container: "web", section: "limits", resource: resource).text(lang)
            }
        }
        XCTAssertEqual(text("64", "64Mi", .en),
                       "Container \"web\" has resources.limits.memory = 64: a number without a unit counts bytes, so that is 64 bytes, not 64Mi (67108864 bytes) as asked.")
        XCTAssertEqual(text("64", "64Mi", .ru),
                       "У контейнера «web» resources.limits.memory = 64: число без единицы — это байты, то есть 64 байта, а нужно 64Mi (67108864 байта).")
        XCTAssertEqual(text("128M", "128Mi", .en),
                       "Container \"web\" has resources.limits.memory = 128M, which is 128000000 bytes, but 128Mi (134217728 bytes) is asked: k, M, G count powers of 10, Ki, Mi, Gi powers of 2.")
        XCTAssertEqual(text("128M", "128Mi", .ru),
                       "У контейнера «web» resources.limits.memory = 128M, это 128000000 байт, а нужно 128Mi (134217728 байт): k, M, G — степени 10, Ki, Mi, Gi — степени 2.")
        XCTAssertEqual(text("1Gi", "1G", .en)?.contains("1Gi, which is 1073741824 bytes, but 1G (1000000000 bytes)"), true)
        XCTAssertEqual(text("100", "100m", .ru, resource: "cpu"),
                       "У контейнера «web» resources.limits.cpu = 100: число без единицы — это ядра, то есть 100 ядер, а нужно 100m (0.1 ядра).")
        // Other differences are not a unit slip.
        XCTAssertNil(Quantity.unitConfusion(found: "64Mi", expected: "128Mi"))
        XCTAssertNil(Quantity.unitConfusion(found: "128Mi", expected: "128Mi"))
        XCTAssertNil(Quantity.unitConfusion(found: "0.1", expected: "100m"))
        XCTAssertNil(Quantity.unitConfusion(found: "128Ki", expected: "128Mi"))
        XCTAssertNil(Quantity.unitConfusion(found: "128MB", expected: "128Mi"))
        // A unit written as people write it is no quantity; k8s.valid says what to write.
        XCTAssertEqual(Quantity.unitSuggestion(for: "64MB"), "64Mi")
        XCTAssertEqual(Quantity.unitSuggestion(for: "1gb"), "1Gi")
        XCTAssertEqual(Quantity.unitSuggestion(for: "512mi"), "512Mi")
        XCTAssertEqual(Quantity.unitSuggestion(for: "2 GiB"), "2Gi")
        XCTAssertNil(Quantity.unitSuggestion(for: "64Mi"))
        XCTAssertNil(Quantity.unitSuggestion(for: "lots"))
        XCTAssertNil(Quantity.unitSuggestion(for: "1.5.0"))
    }

    /// Through the grader: exercise 08 asks web-server for limits.memory 128Mi.
    func testResourcesRuleNamesTheUnitSlip() throws {
        let path = "08-web-monitored/pod.yaml"
        let solution = try XCTUnwrap(BundledLab.solutions[path])
        for (written, key) in [("128M", "resourceDecimalBinary"), ("128", "resourceNoUnit"), ("134217728", "resourcesOK"), ("100Mi", "resourceWrong")] {
            let text = solution.replacingOccurrences(of: "memory: 128Mi", with: "memory: " + written)
            XCTAssertNotEqual(text, solution)
            let snapshot = SourceSnapshot(origin: SourceOrigin(path: "t"), files: [SourceFile(path: path, content: .bytes(Array(text.utf8)))])
            let graded = Grader(lab: Lab.bundled).grade(snapshot, only: ["08-web-monitored"])
            let check = graded.exercises.first?.checks.first { $0.id == "web-resources" }
            XCTAssertEqual(check?.findings.first?.message.key ?? check?.key, key, written)
        }
    }

}

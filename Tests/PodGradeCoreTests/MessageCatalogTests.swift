import XCTest
@testable import PodGradeCore
import PodGradeYAML
import PodGradeKubernetes
import Foundation

/// Each rule's messages are exhaustive switches per language (a message without
/// a translation does not compile); these tests check what the compiler cannot:
/// that each text is not empty, is in its language and shows its values.
final class MessageCatalogTests: XCTestCase {
    /// The values each sample (`Rule.messageSamples`, in order) must show in
    /// every language, by message key. A message without an entry is still
    /// rendered and checked for its language.
    static let values: [String: [[String]]] = [
        "skippedNoWorkload": [[]],
        "containerMissing": [["web", "a", "b"]],
        // A YAML error's location is shown beside its text, never in it (only the line where reading stopped is).
        "yaml": [[], ["name", "2"], [], ["4", "1"], ["2", "4"]],
        "fileSkipped": [["x.yaml", "/etc/passwd"]],
        "k8s": [["spec.containers[1].name", "app"]],
        "unknownRule": [["x.y"]],
        "checkCrashed": [["boom"]],
        "yamlOK": [["3"]],
        "noManifests": [[]],
        "schemaOK": [[]],
        "validOK": [[]],
        "validWarnings": [["2"]],
        "podFound": [["Pod", "yellow"]],
        "podNotFound": [["Pod", "yellow"]],
        "podWrongName": [["yellow", "green"]],
        "podWrongKind": [["Deployment", "Pod", "web-app"]],
        "namespaceWrong": [["elastic-stack", "default"]],
        "labelMissing": [["app", "web"]],
        "labelWrong": [["app", "web", "api"]],
        "metadataOK": [[]],
        "containerCountWrong": [["2", "1"]],
        "containerCountOK": [["2"]],
        "imageMissing": [["web"]],
        "imageInvalid": [["web", "Nginx"]],
        "imageWrong": [["web", "nginx", "httpd"]],
        "tagWrong": [["web", "1.25", "1.24"]],
        "commandWrong": [["web", "1000", "5"]],
        "runsWrong": [["web", "sleep"]],
        "containerSpecOK": [["web", "nginx"]],
        "longRunningOK": [["lemon"]],
        "noShellContainers": [[]],
        "portMissing": [["web", "80"]],
        "portNameWrong": [["web", "80", "http"], ["web", "80", "http"]],
        "portProtocolWrong": [["web", "53", "UDP", "TCP"]],
        "portDeclaredOK": [["web", "80"]],
        "portClash": [["80", "TCP", "a", "b"]],
        "portsUniqueOK": [["5"]],
        "volumeMissing": [["logs"]],
        "volumeTypeWrong": [["logs", "emptyDir", "hostPath"]],
        "volumeNotMounted": [["logs", "web"]],
        "mountPathWrong": [["logs", "web", "/a", "/b"]],
        "noSharedVolume": [["a", "b"]],
        "volumeSharedOK": [["logs", "a", "b"]],
        "volumeMountedByOne": [["shared-storage", "web-server", "cadvisor"]],
        "mountPathOther": [["data", "reader", "/shared", "/input"]],
        "volumeNamedOtherwise": [["app-logs", "logs"]],
        "mountNotReadOnly": [["agent", "logs", "/logs"]],
        "noMatchingMounts": [["agent"]],
        "readOnlyOnWriter": [["web-server", "logs", "log-collector"]],
        "writableHostPath": [["cadvisor", "sys", "/sys"]],
        "readOnlyOK": [["agent", "4"]],
        "hostPathMissing": [["/sys"]],
        "hostPathNotMounted": [["/sys", "agent"]],
        "hostPathOK": [["4"]],
        "resourceMissing": [["web", "limits", "cpu"]],
        "resourceWrong": [["web", "cpu", "200m", "100m"]],
        "resourceInvalid": [["web", "memory", "64MB"]],
        "limitBelowRequest": [["web", "memory", "256Mi", "128Mi"]],
        "resourcesOK": [["web"]],
        "noLocalhostReference": [["app"]],
        "containerNameAsHost": [["app", "ambassador:6379", "ambassador"]],
        "ambassadorContainerNameAsHost": [["app", "ambassador:6379", "ambassador"]],
        "localhostNobodyListens": [["app", "localhost:6380", "6380", "6379"]],
        "ambassadorNobodyListens": [["app", "localhost:6380", "6380", "6379"]],
        "bypassesAmbassador": [["app", "redis.database.svc.cluster.local:6379"]],
        "ambassadorBypassed": [["app", "redis.database.svc.cluster.local:6379", "proxy"]],
        "commandEnds": [["lemon", "busybox"], ["lemon", "sh -c echo hello"]],
        "initContainerNeverEnds": [["warm-up"]],
        "outputOnlyToStdout": [["app", "adapter", "/var/log/app/status.txt"]],
        "localhostOwnPort": [["app", "6379"]],
        "localhostWrongTarget": [["app", "80", "proxy", "web"]],
        "localhostOK": [["app", "80", "web"]],
        "noWrites": [["writer"]],
        "noReads": [["reader"]],
        "readsUnwrittenFile": [["reader", "shared-data:/data.txt", "writer", "/tmp/data.txt"]],
        "flowDifferentPlaces": [["w", "r", "shared-data:/writer/data.txt", "shared-data:/reader/data.txt"]],
        "flowFileWrong": [["w", "/shared/data.txt", "/shared/x"]],
        "dataFlowOK": [["w", "r", "shared", "data.txt"]],
        "sidecarNoSharedVolume": [["web", "agent"]],
        "mainCannotWrite": [["web", "logs"]],
        "sidecarReadsElsewhere": [["agent", "/tmp/x"]],
        "sidecarTakesPort": [["agent", "80"]],
        "sidecarOK": [["web", "agent", "logs"]],
        "adapterNoInput": [["app", "adapter"]],
        "adapterNoOwnPort": [["adapter"]],
        "adapterPortNameWrong": [["adapter", "metrics"]],
        "adapterOK": [["app", "adapter", "9113"]],
        "ambassadorNotReached": [["app", "proxy"]],
        "ambassadorPortOnMain": [["app", "6379"]],
        "ambassadorOK": [["app", "proxy", "6379"]],
        "nativeSidecarIsAppContainer": [["shipper"]],
        "nativeSidecarRestartPolicy": [["shipper", "OnFailure"]],
        "nativeSidecarNoRestartPolicy": [["shipper", "Always"], ["shipper", "Always"]],
        "nativeSidecarNoVolume": [["app", "shipper"]],
        "nativeSidecarOK": [["shipper"]],
        "notAWorkload": [["Pod"]],
        "replicasWrong": [["3", "2"]],
        "selectorMismatch": [[]],
        "replicasOK": [["3"]],
        "portTakenTwice": [["8080", "a", "b"]],
        "portMaybeTakenTwice": [["8080", "web", "cadvisor"]],
        "connectionRefused": [["probe", "http://localhost:8080/", "8080", "80"], ["probe", "8080"]],
        "addressNobodyServes": [["app", "localhost:5432", "5432"]],
        "listenerUnknown": [["app", "localhost:5432", "5432", "db"]],
        "declaredPortNotServed": [["web", "8080", "80", "nginx"]],
        "declaredPortMaybeNotServed": [["web", "8080", "80", "nginx"]],
        "writeOnReadOnlyMount": [["writer", "/data/log.txt", "data"]],
        "unwrittenFileRead": [["reader", "/data/b.txt", "data"]],
        "readerLacksVolume": [["reader", "/shared/data.txt", "writer", "shared-data"]],
        "writerUnknown": [["reader", "/data/app.log", "app"]],
        "programMissing": [["app", "bash", "busybox"]],
        "containerEnds": [["lemon"]],
        "initNeverEnds": [["warm-up"]],
        "podWorks": [["web", "probe"]],
    ]

    /// Every message a rule or the engine gives, one sample of each.
    static var samples: [(owner: String, message: any RuleMessage)] {
        RuleCatalog.all.flatMap { rule in rule.anyMessageSamples.map { (rule.id, $0) } }
            + SharedMessage.samples.map { ("shared", $0 as any RuleMessage) }
    }

    func testEveryMessageOfEveryRuleRendersInEveryLanguage() {
        var seen: [String: Int] = [:]
        for (owner, message) in Self.samples {
            let key = message.key
            let occurrence = seen[key, default: 0]
            seen[key] = occurrence + 1
            for lang in Lang.allCases {
                let text = message.text(lang)
                XCTAssertFalse(text.trimmingCharacters(in: .whitespaces).isEmpty, "\(owner) \(key): empty in \(lang)")
                let cyrillic = text.contains { ("а"..."я").contains($0) || ("А"..."Я").contains($0) }
                switch lang {
                case .ru: XCTAssertTrue(cyrillic, "\(owner) \(key): ru has no Russian: \(text)")
                case .en: XCTAssertFalse(text.contains { ("а"..."я").contains($0) }, "\(owner) \(key): en has Russian: \(text)")
                }
                for value in Self.values[key]?[safe: occurrence] ?? [] {
                    XCTAssertTrue(text.contains(value), "\(owner) \(key): \(lang) lacks \(value): \(text)")
                }
            }
        }
    }

    /// Every rule gives samples, and a key names one message across rules (a
    /// result file is read back by its rule's and the shared messages).
    func testEveryRuleHasSamplesAndKeysAreUnique() {
        for rule in RuleCatalog.all { XCTAssertFalse(rule.anyMessageSamples.isEmpty, rule.id) }
        var owners: [String: String] = [:]
        for (owner, message) in Self.samples {
            if let other = owners[message.key], other != owner { XCTFail("\(message.key) is a message of \(other) and \(owner)") }
            owners[message.key] = owner
        }
    }

    /// Every message is written to a result file as `key` and `args` and reads
    /// back as the same value (a case missing from a message enum's `init(from:)`
    /// would come back as the text it was written with).
    func testEveryMessageRoundTripsThroughAResultFile() throws {
        for (owner, message) in Self.samples {
            let check = CheckResult(id: "c", rule: owner, status: .fail, points: 0, maxPoints: 1, hint: nil,
                                    findings: [FindingResult(message: message, location: nil, path: nil)])
            let decoded = try JSONDecoder().decode(CheckResult.self, from: JSONEncoder().encode(check))
            let back = try XCTUnwrap(decoded.findings.first?.message)
            XCTAssertFalse(back is WrittenMessage, "\(owner) \(message.key) did not read back")
            XCTAssertEqual(back.key, message.key)
            for lang in Lang.allCases { XCTAssertEqual(back.text(lang), message.text(lang), "\(owner) \(message.key) in \(lang)") }
        }
    }

    func testKeysAreStableCaseNames() {
        XCTAssertEqual(PortsUniqueRule.Message.portClash(port: 80, protocol: "TCP", container: "b", other: "a").key, "portClash")
        XCTAssertEqual(K8sSchemaRule.Message.schemaOK.key, "schemaOK")
        let issue = K8sIssue(.valid, .duplicate("app"), path: "spec.containers[1].name", mark: Mark(line: 3, column: 7))
        XCTAssertEqual(SharedMessage.k8s(issue).text(.en), "spec.containers[1].name: Duplicate value: \"app\"")
        XCTAssertEqual(SharedMessage.k8s(issue).key, "k8s")
    }

    func testRussianPluralsFollowCLDR() {
        XCTAssertEqual([0, 1, 2, 3, 4, 5, 11, 12, 14, 21, 22, 25, 101, 111].map(RussianPlural.points), [
            "0 баллов", "1 балл", "2 балла", "3 балла", "4 балла", "5 баллов", "11 баллов", "12 баллов", "14 баллов",
            "21 балл", "22 балла", "25 баллов", "101 балл", "111 баллов",
        ])
        XCTAssertEqual(EnglishPlural.points(1), "1 point")
        XCTAssertEqual(EnglishPlural.points(2), "2 points")
        XCTAssertEqual(YAMLSyntaxRule.Message.yamlOK(files: 1).text(.ru), "YAML читается без ошибок (1 файл).")
        XCTAssertEqual(YAMLSyntaxRule.Message.yamlOK(files: 3).text(.ru), "YAML читается без ошибок (3 файла).")
        XCTAssertEqual(YAMLSyntaxRule.Message.yamlOK(files: 5).text(.ru), "YAML читается без ошибок (5 файлов).")
    }

    func testEveryRuleIsDocumentedInBothLanguages() {
        for rule in RuleCatalog.all {
            XCTAssertFalse(rule.doc.title.ru.isEmpty || rule.doc.title.en.isEmpty, rule.id)
            XCTAssertTrue(rule.doc.explanation.ru.contains { ("а"..."я").contains($0) }, rule.id)
            XCTAssertFalse(rule.doc.explanation.en.contains { ("а"..."я").contains($0) }, rule.id)
        }
    }

    func testLanguageResolution() {
        XCTAssertEqual(Lang.resolve(nil, environment: [:]), .ru)
        XCTAssertEqual(Lang.resolve(nil, environment: ["PODGRADE_LANG": "en"]), .en)
        XCTAssertEqual(Lang.resolve("ru", environment: ["PODGRADE_LANG": "en"]), .ru)
        XCTAssertNil(Lang.resolve("de", environment: [:]))
    }
}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}

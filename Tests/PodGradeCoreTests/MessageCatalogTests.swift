import XCTest
@testable import PodGradeCore
import PodGradeYAML
import PodGradeKubernetes

/// The catalogs are exhaustive switches (a message without a translation does
/// not compile); these tests check what the compiler cannot: that each text is
/// in its language and carries every value of its parameters.
final class MessageCatalogTests: XCTestCase {
    static let mark = Mark(line: 3, column: 7)
    static let issue = K8sIssue(.valid, .duplicate("app"), path: "spec.containers[1].name", mark: mark)

    /// One sample of every message, with the values each must show.
    static let samples: [(Message, [String])] = [
        (.skippedNoWorkload, []),
        (.containerMissing(name: "web", present: ["a", "b"]), ["web", "a", "b"]),
        // The location of a YAML error is shown beside its text, never in it; only the line where reading stopped is.
        (.yaml(YAMLError(.tabIndentation, at: mark)), []),
        (.yaml(YAMLError(.duplicateKey(key: "name", firstLine: 2), at: mark)), ["name", "2"]),
        (.yaml(YAMLError(.syntax(problem: "mapping values are not allowed in this context", context: nil), at: mark)), []),
        (.yaml(YAMLError(.syntax(problem: "could not find expected ':'", context: "while scanning a simple key"), at: mark,
                         stoppedAt: Mark(line: 4, column: 1))), ["4", "1"]),
        (.yaml(YAMLError(.syntax(problem: "did not find expected ',' or ']'", context: "while parsing a flow sequence"), at: mark,
                         openedAt: Mark(line: 2, column: 4))), ["2", "4"]),
        (.yamlOK(files: 3), ["3"]),
        (.noManifests, []),
        (.fileSkipped(path: "x.yaml", reason: .symlink(target: "/etc/passwd")), ["x.yaml", "/etc/passwd"]),
        (.k8s(issue), ["spec.containers[1].name", "app"]),
        (.schemaOK, []), (.validOK, []), (.validWarnings(count: 2), ["2"]),
        (.podFound(kind: "Pod", name: "yellow"), ["Pod", "yellow"]),
        (.podNotFound(kinds: ["Pod"], name: "yellow"), ["Pod", "yellow"]),
        (.podWrongName(kind: "Pod", expected: "yellow", found: "green"), ["yellow", "green"]),
        (.podWrongKind(expected: ["Deployment"], found: "Pod", name: "web-app"), ["Deployment", "Pod", "web-app"]),
        (.namespaceWrong(expected: "elastic-stack", found: "default"), ["elastic-stack", "default"]),
        (.labelMissing(key: "app", value: "web"), ["app", "web"]),
        (.labelWrong(key: "app", expected: "web", found: "api"), ["app", "web", "api"]),
        (.metadataOK, []),
        (.containerCountWrong(expected: 2, found: 1), ["2", "1"]),
        (.containerCountOK(count: 2), ["2"]),
        (.imageMissing(container: "web"), ["web"]),
        (.imageInvalid(container: "web", image: "Nginx"), ["web", "Nginx"]),
        (.imageWrong(container: "web", expected: "nginx", found: "httpd"), ["web", "nginx", "httpd"]),
        (.tagWrong(container: "web", expected: "1.25", found: "1.24"), ["web", "1.25", "1.24"]),
        (.commandWrong(container: "web", expected: ["sleep", "1000"], found: ["sleep", "5"]), ["web", "1000", "5"]),
        (.runsWrong(container: "web", program: "sleep"), ["web", "sleep"]),
        (.containerSpecOK(container: "web", image: "nginx"), ["web", "nginx"]),
        (.shellWithoutCommand(container: "lemon", image: "busybox"), ["lemon", "busybox"]),
        (.shellCommandEnds(container: "lemon"), ["lemon"]),
        (.longRunningOK(containers: ["lemon"]), ["lemon"]),
        (.noShellContainers, []),
        (.portMissing(container: "web", port: 80), ["web", "80"]),
        (.portNameWrong(container: "web", port: 80, expected: "http", found: "web"), ["web", "80", "http"]),
        (.portNameWrong(container: "web", port: 80, expected: "http", found: nil), ["web", "80", "http"]),
        (.portProtocolWrong(container: "web", port: 53, expected: "UDP", found: "TCP"), ["web", "53", "UDP", "TCP"]),
        (.portDeclaredOK(container: "web", port: 80), ["web", "80"]),
        (.portClash(port: 80, protocol: "TCP", container: "b", other: "a"), ["80", "TCP", "a", "b"]),
        (.portsUniqueOK(count: 5), ["5"]),
        (.volumeMissing(name: "logs"), ["logs"]),
        (.volumeTypeWrong(name: "logs", expected: "emptyDir", found: "hostPath"), ["logs", "emptyDir", "hostPath"]),
        (.volumeNotMounted(volume: "logs", container: "web"), ["logs", "web"]),
        (.mountPathWrong(volume: "logs", container: "web", expected: "/a", found: "/b"), ["logs", "web", "/a", "/b"]),
        (.noSharedVolume(containers: ["a", "b"]), ["a", "b"]),
        (.volumeSharedOK(volume: "logs", containers: ["a", "b"]), ["logs", "a", "b"]),
        (.mountNotReadOnly(container: "agent", volume: "logs", mountPath: "/logs"), ["agent", "logs", "/logs"]),
        (.noMatchingMounts(container: "agent"), ["agent"]),
        (.readOnlyOK(container: "agent", mounts: 4), ["agent", "4"]),
        (.hostPathMissing(path: "/sys"), ["/sys"]),
        (.hostPathNotMounted(path: "/sys", container: "agent"), ["/sys", "agent"]),
        (.hostPathOK(count: 4), ["4"]),
        (.resourceMissing(container: "web", section: "limits", resource: "cpu"), ["web", "limits", "cpu"]),
        (.resourceWrong(container: "web", section: "limits", resource: "cpu", expected: "200m", found: "100m"), ["web", "cpu", "200m", "100m"]),
        (.resourceInvalid(container: "web", resource: "memory", text: "64MB"), ["web", "memory", "64MB"]),
        (.limitBelowRequest(container: "web", resource: "memory", request: "256Mi", limit: "128Mi"), ["web", "memory", "256Mi", "128Mi"]),
        (.resourcesOK(container: "web"), ["web"]),
        (.noLocalhostReference(container: "app"), ["app"]),
        (.localhostPortUndeclared(container: "app", port: 6379), ["app", "6379"]),
        (.localhostOwnPort(container: "app", port: 6379), ["app", "6379"]),
        (.localhostWrongTarget(container: "app", port: 80, expected: "proxy", owners: ["web"]), ["app", "80", "proxy", "web"]),
        (.localhostOK(from: "app", port: 80, to: "web"), ["app", "80", "web"]),
        (.noWrites(container: "writer"), ["writer"]),
        (.noReads(container: "reader"), ["reader"]),
        (.writesOffVolume(container: "writer", paths: ["/tmp/x"]), ["writer", "/tmp/x"]),
        (.flowMismatch(writer: "w", reader: "r", writes: ["/a/x"], reads: ["/b/y"]), ["w", "r", "/a/x", "/b/y"]),
        (.flowFileWrong(writer: "w", expected: "/shared/data.txt", writes: ["/shared/x"]), ["w", "/shared/data.txt", "/shared/x"]),
        (.dataFlowOK(writer: "w", reader: "r", volume: "shared", file: "data.txt"), ["w", "r", "shared", "data.txt"]),
        (.sidecarNoSharedVolume(main: "web", sidecar: "agent"), ["web", "agent"]),
        (.mainCannotWrite(main: "web", volume: "logs"), ["web", "logs"]),
        (.sidecarReadsElsewhere(sidecar: "agent", paths: ["/tmp/x"]), ["agent", "/tmp/x"]),
        (.sidecarTakesPort(sidecar: "agent", port: 80), ["agent", "80"]),
        (.sidecarOK(main: "web", sidecar: "agent", volume: "logs"), ["web", "agent", "logs"]),
        (.adapterNoInput(main: "app", adapter: "adapter"), ["app", "adapter"]),
        (.adapterNoOwnPort(adapter: "adapter"), ["adapter"]),
        (.adapterPortNameWrong(adapter: "adapter", expected: "metrics"), ["adapter", "metrics"]),
        (.adapterOK(main: "app", adapter: "adapter", port: 9113), ["app", "adapter", "9113"]),
        (.ambassadorNotReached(main: "app", ambassador: "proxy"), ["app", "proxy"]),
        (.ambassadorPortOnMain(main: "app", port: 6379), ["app", "6379"]),
        (.ambassadorOK(main: "app", ambassador: "proxy", port: 6379), ["app", "proxy", "6379"]),
        (.nativeSidecarIsAppContainer(sidecar: "shipper"), ["shipper"]),
        (.nativeSidecarRestartPolicy(sidecar: "shipper", found: "OnFailure"), ["shipper", "OnFailure"]),
        (.nativeSidecarRestartPolicy(sidecar: "shipper", found: nil), ["shipper", "Always"]),
        (.nativeSidecarNoVolume(main: "app", sidecar: "shipper"), ["app", "shipper"]),
        (.nativeSidecarOK(sidecar: "shipper"), ["shipper"]),
        (.notAWorkload(kind: "Pod"), ["Pod"]),
        (.replicasWrong(expected: 3, found: 2), ["3", "2"]),
        (.selectorMismatch, []),
        (.replicasOK(replicas: 3), ["3"]),
        (.unknownRule("x.y"), ["x.y"]),
        (.checkCrashed("boom"), ["boom"]),
    ]

    func testEveryMessageIsInItsLanguageWithAllItsValues() {
        for (message, values) in Self.samples {
            let ru = message.text(.ru), en = message.text(.en)
            XCTAssertTrue(ru.contains { ("а"..."я").contains($0) || ("А"..."Я").contains($0) }, "\(message.key): ru has no Russian: \(ru)")
            XCTAssertFalse(en.contains { ("а"..."я").contains($0) }, "\(message.key): en has Russian: \(en)")
            for value in values {
                XCTAssertTrue(ru.contains(value), "\(message.key): ru lacks \(value): \(ru)")
                XCTAssertTrue(en.contains(value), "\(message.key): en lacks \(value): \(en)")
            }
        }
    }

    func testKeysAreStableCaseNames() {
        XCTAssertEqual(Message.portClash(port: 80, protocol: "TCP", container: "b", other: "a").key, "portClash")
        XCTAssertEqual(Message.schemaOK.key, "schemaOK")
        XCTAssertEqual(Message.k8s(Self.issue).text(.en), "spec.containers[1].name: Duplicate value: \"app\"")
    }

    /// The reflection-free key names every case exactly as reflection would.
    func testCaseNamesMatchReflection() {
        for (message, _) in Self.samples {
            let reflected = Mirror(reflecting: message).children.first?.label ?? String(describing: message)
            XCTAssertEqual(message.caseName, reflected)
        }
    }

    func testRussianPluralsFollowCLDR() {
        XCTAssertEqual([0, 1, 2, 3, 4, 5, 11, 12, 14, 21, 22, 25, 101, 111].map(RussianPlural.points), [
            "0 баллов", "1 балл", "2 балла", "3 балла", "4 балла", "5 баллов", "11 баллов", "12 баллов", "14 баллов",
            "21 балл", "22 балла", "25 баллов", "101 балл", "111 баллов",
        ])
        XCTAssertEqual(EnglishPlural.points(1), "1 point")
        XCTAssertEqual(EnglishPlural.points(2), "2 points")
        XCTAssertEqual(Message.yamlOK(files: 1).text(.ru), "YAML читается без ошибок (1 файл).")
        XCTAssertEqual(Message.yamlOK(files: 3).text(.ru), "YAML читается без ошибок (3 файла).")
        XCTAssertEqual(Message.yamlOK(files: 5).text(.ru), "YAML читается без ошибок (5 файлов).")
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

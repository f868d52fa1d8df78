import XCTest
@testable import PodGradeCore

/// Where a task leaves a choice, every valid choice passes (EXERCISES.md).
final class VariantTests: XCTestCase {
    func assertFullMarks(_ slug: String, _ files: [(String, String)], file: StaticString = #filePath, line: UInt = #line) {
        guard let result = grade(slug, files) else { return XCTFail("not graded", file: file, line: line) }
        XCTAssertEqual(result.score, result.maxScore,
                       result.checks.filter { $0.status != .pass }.map { "\($0.id): \($0.text(.en))" }.joined(separator: "; "), file: file, line: line)
    }

    func testImageTagsAndRegistriesAreFree() {
        let base = solution("01-multi-container-pod")
        for image in ["nginx", "nginx:latest", "docker.io/library/nginx:1.27", "index.docker.io/library/nginx", "nginx@sha256:abc"] {
            assertFullMarks("01-multi-container-pod", [("01-multi-container-pod/pod.yaml", base.replacingOccurrences(of: "image: nginx:1.25", with: "image: \(image)"))])
        }
    }

    func testFlowStyleAndKeyOrderPass() {
        let flow = """
        {kind: Pod, apiVersion: v1, metadata: {name: multi-container-pod},
         spec: {volumes: [{emptyDir: {}, name: shared-storage}],
                containers: [
                  {image: nginx, name: web-server, volumeMounts: [{mountPath: /var/www/html, name: shared-storage}], ports: [{containerPort: 80}]},
                  # the agent
                  {name: cadvisor, image: gcr.io/cadvisor/cadvisor, ports: [{containerPort: 8080}], volumeMounts: [{name: shared-storage, mountPath: /var/log/}]}
                ]}}
        """
        assertFullMarks("01-multi-container-pod", [("01-multi-container-pod/pod.yml", flow)])
    }

    func testJSONPasses() {
        let json = """
        {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "yellow"},
         "spec": {"containers": [
           {"name": "lemon", "image": "busybox", "command": ["sleep", "1000"]},
           {"name": "gold", "image": "redis"}]}}
        """
        assertFullMarks("02-yellow", [("02-yellow/pod.json", json)])
    }

    func testListAndMultiDocumentFilesPass() {
        let pod = solution("02-yellow")
        let indented = pod.split(separator: "\n").map { "  " + $0 }.joined(separator: "\n")
        let list = "apiVersion: v1\nkind: List\nitems:\n-\n" + indented + "\n"
        assertFullMarks("02-yellow", [("02-yellow/all.yaml", list)])
        let service = "apiVersion: v1\nkind: Service\nmetadata:\n  name: yellow\nspec:\n  ports:\n  - port: 80\n"
        assertFullMarks("02-yellow", [("02-yellow/all.yaml", "---\n" + service + "---\n# comment only\n---\n" + pod)])
    }

    func testSubmissionFoundByKindAndNameOutsideTheSlugFolder() {
        let result = grade("02-yellow", [("misc/whatever.yaml", solution("02-yellow")), ("notes.txt", "not yaml")])
        XCTAssertEqual(result?.files, ["misc/whatever.yaml"])
        XCTAssertEqual(result?.score, result?.maxScore)
    }

    func testTrailingSlashOnAMountPathPasses() {
        let base = solution("12-elastic-sidecar")
        let text = base.contains("/var/log/event-simulator/") ? base.replacingOccurrences(of: "/var/log/event-simulator/", with: "/var/log/event-simulator")
                                                              : base.replacingOccurrences(of: "/var/log/event-simulator", with: "/var/log/event-simulator/")
        XCTAssertNotEqual(text, base)
        assertFullMarks("12-elastic-sidecar", [("12-elastic-sidecar/pod.yaml", text)])
    }

    func testMissingAndWrongObjects() throws {
        let missing = try XCTUnwrap(grade("02-yellow", [("other/pod.yaml", solution("01-multi-container-pod"))]))
        XCTAssertEqual(missing.status, .missing)
        XCTAssertEqual(missing.checks.count, 0)
        XCTAssertEqual(missing.score, 0)

        // A Pod named web-app where a Deployment is asked: pod.found fails naming the kind, the rest is skipped.
        let pod = solution("01-multi-container-pod").replacingOccurrences(of: "name: multi-container-pod", with: "name: web-app")
        let wrongKind = try XCTUnwrap(grade("09-scaled-deployment", [("09-scaled-deployment/pod.yaml", pod)]))
        XCTAssertEqual(wrongKind.check("pod-found")?.status, .fail)
        XCTAssertEqual(wrongKind.check("pod-found")?.key, "podWrongKind")
        XCTAssertEqual(wrongKind.check("pod-found")?.location, Location(file: "09-scaled-deployment/pod.yaml", line: 1, column: 1))
        XCTAssertEqual(wrongKind.check("replicas")?.status, .skip)

        // Another name: pod.found fails, the other checks run on the only pod.
        let renamed = solution("02-yellow").replacingOccurrences(of: "name: yellow", with: "name: yelow")
        let result = try XCTUnwrap(grade("02-yellow", [("02-yellow/pod.yaml", renamed)]))
        XCTAssertEqual(result.check("pod-found")?.key, "podWrongName")
        XCTAssertEqual(result.check("pod-found")?.location?.line, 4)
        XCTAssertEqual(result.score, result.maxScore - 1)
    }

    func testExactFindingForADuplicatePort() throws {
        let text = solution("01-multi-container-pod").replacingOccurrences(of: "containerPort: 8080", with: "containerPort: 80")
        let result = try XCTUnwrap(grade("01-multi-container-pod", [("01-multi-container-pod/pod.yaml", text)]))
        let check = try XCTUnwrap(result.checks.first { $0.rule == "ports.unique" })
        XCTAssertEqual(check.status, .fail)
        XCTAssertEqual(check.key, "portClash")
        XCTAssertEqual(check.location, Location(file: "01-multi-container-pod/pod.yaml", line: 19, column: 22))
        XCTAssertEqual(check.path, "spec.containers[1].ports[0].containerPort")
        XCTAssertEqual(check.text(.ru), "Порт 80/TCP объявлен и в «web-server», и в «cadvisor»: контейнеры POD делят одно сетевое пространство (localhost), и второй не сможет занять этот порт.")
        XCTAssertEqual(check.points, 0)
        XCTAssertNotNil(check.hint)
    }

    func testYAMLErrorBecomesAFindingWithPosition() throws {
        let text = "apiVersion: v1\nkind: Pod\nmetadata:\n\tname: yellow\n"
        let result = try XCTUnwrap(grade("02-yellow", [("02-yellow/pod.yaml", text)]))
        XCTAssertEqual(result.status, .fail)
        let syntax = try XCTUnwrap(result.checks.first)
        XCTAssertEqual(syntax.id, "yaml-syntax")
        XCTAssertEqual(syntax.status, .fail)
        XCTAssertEqual(syntax.location, Location(file: "02-yellow/pod.yaml", line: 4, column: 1))
        XCTAssertEqual(syntax.text(.ru), "табуляция в отступе недопустима в YAML, используйте пробелы")
        // The checks that need the object say why they could not look at it, where.
        XCTAssertEqual(result.check("pod-found")?.key, "notCheckedUnparsable")
        XCTAssertEqual(result.check("pod-found")?.location, Location(file: "02-yellow/pod.yaml", line: 4, column: 1))
        XCTAssertEqual(result.check("pod-found")?.text(.en),
                       "Not checked: 02-yellow/pod.yaml does not parse as YAML (see line 4) and the exercise's object may be in it. Fix the YAML and the checks will run.")
        XCTAssertEqual(result.check("containers-count")?.status, .skip)
        XCTAssertEqual(result.check("containers-count")?.key, "notCheckedUnparsable")
        XCTAssertEqual(result.score, 0)
    }

    /// A leftover file that does not parse beside a found and passing object is a warning, not a failure.
    func testALeftoverUnparsableFileIsAWarning() throws {
        let result = try XCTUnwrap(grade("02-yellow", [("02-yellow/pod.yaml", solution("02-yellow")), ("02-yellow/old.yaml", "a: [1\n")]))
        XCTAssertEqual(result.status, .pass)
        XCTAssertEqual(result.score, result.maxScore)
        let syntax = try XCTUnwrap(result.checks.first)
        XCTAssertEqual(syntax.id, "yaml-syntax")
        XCTAssertEqual(syntax.status, .info)
        XCTAssertEqual(syntax.location?.file, "02-yellow/old.yaml")
    }

    /// An object whose metadata is broken cannot be told to be the exercise's: the checks say so once, no cascade.
    func testABrokenMetadataIsSaidInsteadOfACascade() throws {
        let text = "apiVersion: v1\nkind: Pod\nmetadata:\n  name yellow\nspec: {}\n"
        let result = try XCTUnwrap(grade("02-yellow", [("02-yellow/pod.yaml", text)]))
        XCTAssertEqual(result.check("pod-found")?.key, "notCheckedBrokenObject")
        XCTAssertEqual(result.check("pod-found")?.location, Location(file: "02-yellow/pod.yaml", line: 4, column: 3))
        XCTAssertEqual(result.check("pod-found")?.text(.en),
                       "Not checked: the object in 02-yellow/pod.yaml has a broken metadata (line 4, see k8s.schema), so it cannot be told whether it is the exercise's object.")
        XCTAssertEqual(result.check("lemon-spec")?.status, .skip)
        XCTAssertEqual(result.check("k8s-schema")?.status, .fail)
    }
}

extension String {
    func replacingOccurrences(of target: String, with replacement: String) -> String {
        components(separatedBy: target).joined(separator: replacement)
    }
}

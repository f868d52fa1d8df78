import Foundation
import XCTest
import PodGradeCore

final class CatalogCommandTests: XCTestCase {
    func testListShowExplain() throws {
        let list = try podgrade(["list", "--lang", "en"])
        XCTAssertEqual(list.status, 0)
        XCTAssertEqual(list.stdout.split(separator: "\n").count, Lab.bundled.exercises.count)
        let points = Lab.bundled.exercises.first?.maxScore ?? 0
        XCTAssertTrue(list.stdout.hasPrefix("01-multi-container-pod  A multi-container POD  (\(points) points)\n"), list.stdout)
        let ruList = try podgrade(["list"])
        XCTAssertTrue(ruList.stdout.contains("(\(points) балл"), ruList.stdout)

        let show = try podgrade(["show", "02-yellow"])
        XCTAssertEqual(show.status, 0)
        XCTAssertTrue(show.stdout.contains("lemon"))
        XCTAssertTrue(show.stdout.contains("Проверки:"))

        let explain = try podgrade(["explain", "ports.unique", "--lang", "en"])
        XCTAssertEqual(explain.status, 0)
        XCTAssertTrue(explain.stdout.hasPrefix("ports.unique: Container ports do not clash\n"), explain.stdout)
        XCTAssertTrue(explain.stdout.contains("Fails:"))
        let all = try podgrade(["explain"])
        XCTAssertEqual(all.stdout.split(separator: "\n").count, RuleCatalog.all.count)
    }

    func testStartCopiesTheStarterOnce() throws {
        let dir = try temporaryDirectory()
        let first = try podgrade(["start", "03-sidecar-logging", dir, "--lang", "en"])
        XCTAssertEqual(first.status, 0, first.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: dir + "/03-sidecar-logging/pod.yaml"))
        let again = try podgrade(["start", "03-sidecar-logging", dir])
        XCTAssertEqual(again.status, 2)
        XCTAssertEqual(again.stderr, "podgrade: \(dir)/03-sidecar-logging/pod.yaml уже существует: файл не перезаписан.\n")
        // The learner's language only: no marked comments left, English text kept.
        let written = try String(contentsOfFile: dir + "/03-sidecar-logging/pod.yaml", encoding: .utf8)
        XCTAssertTrue(written.contains("    # TODO: mount the same volume, read-only\n"), written)
        XCTAssertFalse(written.contains("# ru:") || written.contains("# en:") || written.contains("смонтируйте"), written)
        let russian = try temporaryDirectory()
        XCTAssertEqual(try podgrade(["start", "3", russian]).status, 0)
        let ru = try String(contentsOfFile: russian + "/03-sidecar-logging/pod.yaml", encoding: .utf8)
        XCTAssertTrue(ru.contains("    # TODO: смонтируйте тот же volume, только для чтения\n"), ru)
        XCTAssertFalse(ru.contains("read-only"), ru)
        // The starter is below the pass mark.
        XCTAssertEqual(try podgrade(["check", dir, "--exercise", "03-sidecar-logging"]).status, 1)
    }

    func testTheBinaryCopiedElsewhereKnowsTheLab() throws {
        let dir = try temporaryDirectory()
        let copy = dir + "/podgrade"
        try FileManager.default.copyItem(atPath: podgradeBinary, toPath: copy)
        let run = try podgrade(["list"], in: dir, binary: copy)
        XCTAssertEqual(run.status, 0)
        XCTAssertEqual(run.stdout.split(separator: "\n").count, Lab.bundled.exercises.count)
        XCTAssertEqual(try podgrade(["verify"], in: dir, binary: copy).status, 0)
    }

    func testVerify() throws {
        let run = try podgrade(["verify"])
        XCTAssertEqual(run.status, 0, run.stdout)
        let n = Lab.bundled.exercises.count, wrong = Lab.bundled.exercises.reduce(0) { $0 + $1.wrongCases.count }
        let right = Lab.bundled.exercises.reduce(0) { $0 + $1.rightCases.count }
        // Each exercise with variables proves its sampled variants too (CourseVerifier.sampleStudents).
        let report = CourseVerifier.verify(lab: .bundled, solutions: Lab.bundledSolutions)
        XCTAssertGreaterThan(report.variants, 0)
        XCTAssertEqual(report.copiesCaught, Lab.bundled.exercises.filter { !$0.variables.isEmpty }.count + report.variants)
        XCTAssertEqual(run.stdout, "\(n) exercises, \(n) solutions, \(n) starters, \(right) right cases, \(wrong) known-wrong cases, "
                       + "\(report.variants) more variants, \(report.copiesCaught) copies caught: the course is sound\n")
        // A broken course: a solution that no longer passes.
        let dir = try temporaryDirectory()
        try FileManager.default.copyItem(atPath: packageRoot + "/exercises", toPath: dir + "/exercises")
        try FileManager.default.copyItem(atPath: packageRoot + "/solutions", toPath: dir + "/solutions")
        let path = dir + "/solutions/02-yellow/pod.yaml"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        try text.replacingOccurrences(of: "redis", with: "memcached").write(toFile: path, atomically: true, encoding: .utf8)
        let broken = try podgrade(["verify", "--exercises", dir + "/exercises", "--solutions", dir + "/solutions"])
        XCTAssertEqual(broken.status, 1)
        XCTAssertTrue(broken.stdout.hasPrefix("✗ 02-yellow: the solution scores 11/13"), broken.stdout)
    }

    func testValidateReportsPositionsAndExitsOne() throws {
        let dir = try temporaryDirectory()
        try "apiVersion: v1\nkind: Pod\nmetadata:\n  name: demo\nspec:\n  containers:\n  - name: web\n    image: nginx\n    ports:\n    - containerPort: \"80\"\n"
            .write(toFile: dir + "/pod.yaml", atomically: true, encoding: .utf8)
        let run = try podgrade(["validate", dir + "/pod.yaml", "--lang", "en"])
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.stdout.hasPrefix("\(dir)/pod.yaml:10:22: error [k8s.schema] spec.containers[0].ports[0].containerPort: expected an integer, got string\n"), run.stdout)
        XCTAssertTrue(run.stdout.contains("10 |     - containerPort: \"80\""))
        let good = try podgrade(["validate", packageRoot + "/solutions"])
        XCTAssertEqual(good.status, 0, good.stdout)
        XCTAssertEqual(try podgrade(["validate", "/nonexistent"]).status, 2)
    }
}

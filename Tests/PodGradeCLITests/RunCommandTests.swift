import Foundation
import Synchronization
import XCTest

/// `check --run` against podman, on the lab's exercises whose images are built here: the
/// solution's probes pass, every probe fails on some wrong case, what was seen agrees with the
/// model or is shown as a contradiction, and nothing is left behind.
///
/// Needs podman and the local busybox image that `.ci/oracle.sh` builds (`make oracle-ci`, which
/// CI runs before the suite); without them the tests are skipped, saying so.
final class RunCommandTests: XCTestCase {
    static let environment = ["CONTAINERS_CONF": packageRoot + "/.ci/containers.conf"]
    /// The exercises whose images `.ci/oracle-images.sh` builds (busybox, nginx, redis, node-exporter).
    static let runnable = ["02-yellow", "04-adapter", "06-shared-network", "07-shared-volume", "11-fix-broken-pod"]

    func podman(_ args: [String]) -> (status: Int32, stdout: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["podman"] + args
        var env = ProcessInfo.processInfo.environment
        for (k, v) in Self.environment { env[k] = v }
        process.environment = env
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return (-1, "") }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    func requirePodman() throws {
        guard podman(["image", "exists", "docker.io/library/busybox:1.36"]).status == 0 else {
            throw XCTSkip("podman or the local busybox image is missing: `make oracle-ci` installs and builds them")
        }
    }

    func leftPods() -> [String] {
        podman(["pod", "ls", "--format", "{{.Name}}"]).stdout.split(separator: "\n").map(String.init).filter { $0.hasPrefix("podgrade-run-") }
    }

    /// A learner repository holding one case as the exercise's submission (the default variant's names).
    static func repository(_ slug: String, _ file: String) throws -> String {
        let root = try temporaryDirectory()
        // A solution is a template in the exercise (variants) or stands in solutions/.
        var path = packageRoot + "/exercises/\(slug)/\(file)"
        if file == "solution/pod.yaml", !FileManager.default.fileExists(atPath: path) { path = packageRoot + "/solutions/\(slug)/pod.yaml" }
        let text = try String(contentsOfFile: path, encoding: .utf8)
            .replacingOccurrences(of: "{{pod}}", with: "shared-volume-example") // 07's default variant; the others have no {{pod}}
        try FileManager.default.createDirectory(atPath: root + "/" + slug, withIntermediateDirectories: true)
        try text.write(toFile: root + "/\(slug)/" + (file.hasSuffix(".json") ? "pod.json" : "pod.yaml"), atomically: true, encoding: .utf8)
        return root
    }

    /// `check --run -f json` of one case: the JSON printed (empty when it could not run).
    static func runJSON(_ slug: String, _ file: String) -> String {
        guard let root = try? repository(slug, file),
              let result = try? podgrade(["check", root, "-e", slug, "--run", "--settle", "5", "--pull", "never", "-f", "json"],
                                         environment: environment) else { return "" }
        return result.stdout
    }

    /// The exercise's `run` object of a JSON result.
    func run(_ json: String, _ what: String) throws -> [String: Any] {
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any], what)
        let exercise = try XCTUnwrap((object["exercises"] as? [[String: Any]])?.first, what)
        return try XCTUnwrap(exercise["run"] as? [String: Any], "\(what): no run")
    }

    /// Runs the cases six at a time: (exercise, file, run object).
    func runAll(_ jobs: [(String, String)]) throws -> [(String, String, [String: Any])] {
        let results = Mutex<[Int: String]>([:])
        // Mostly waiting on the settle time: six at once.
        DispatchQueue.concurrentPerform(iterations: 6) { worker in
            for (k, job) in jobs.enumerated() where k % 6 == worker {
                let json = Self.runJSON(job.0, job.1)
                results.withLock { $0[k] = json }
            }
        }
        let all = results.withLock { $0 }
        return try jobs.enumerated().map { k, job in (job.0, job.1, try run(all[k] ?? "", "\(job.0)/\(job.1)")) }
    }

    func probes(_ run: [String: Any]) -> [(id: String, passed: Bool)] {
        (run["probes"] as? [[String: Any]] ?? []).map { ($0["id"] as? String ?? "", $0["passed"] as? Bool ?? false) }
    }

    /// A wrong case each probe fails on (the oracle finds them: `make oracle-ci` prints them).
    static let failing: [String: [String]] = [
        "02-yellow": ["wrong/lemon-exits.yaml"],
        "04-adapter": ["wrong/application-no-command.yaml"],
        // 06's wrong cases that fail its probe (collector-port-80) race two servers for port 80: which
        // binds first decides the answer. The oracle shows it fails; no end-to-end case here.
        "07-shared-volume": ["wrong/different-paths.yaml", "wrong/mutant-reader-spec.yaml"],
        "11-fix-broken-pod": ["wrong/mutant-content-updater-spec.yaml"],
    ]

    func testTheSolutionsPassEveryProbeAndEachProbeFailsOnAWrongCase() throws {
        try requirePodman()
        let jobs = Self.runnable.flatMap { slug in [(slug, "solution/pod.yaml")] + (Self.failing[slug] ?? []).map { (slug, $0) } }
        let results = try runAll(jobs)
        for slug in Self.runnable {
            let solution = try XCTUnwrap(results.first { $0.0 == slug && $0.1 == "solution/pod.yaml" }?.2)
            XCTAssertEqual(solution["status"] as? String, "ran", "\(slug): \(solution)")
            let declared = probes(solution).map(\.id)
            XCTAssertFalse(declared.isEmpty, slug)
            for probe in probes(solution) { XCTAssertTrue(probe.passed, "\(slug): probe \(probe.id) failed on the solution: \(solution)") }
            // What was seen agrees with the model, or each difference is named.
            let predictions = solution["predictions"] as? Int ?? 0, agreements = solution["agreements"] as? Int ?? 0
            XCTAssertEqual(predictions - agreements, (solution["contradictions"] as? [Any])?.count, slug)
            var failed = Set<String>()
            for (_, file, run) in results where run["status"] as? String == "ran" && file != "solution/pod.yaml" {
                guard results.contains(where: { $0.0 == slug && $0.1 == file }) else { continue }
                for probe in probes(run) where !probe.passed { failed.insert(probe.id) }
            }
            if Self.failing[slug] != nil {
                XCTAssertEqual(failed, Set(declared), "\(slug): every probe fails on at least one wrong case")
            }
        }
        XCTAssertEqual(leftPods(), [], "every Pod started is removed")
    }

    func testAHostPathPodIsRefusedWithoutAllowHost() throws {
        try requirePodman()
        let root = try temporaryDirectory()
        try FileManager.default.createDirectory(atPath: root + "/08-web-monitored", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: packageRoot + "/solutions/08-web-monitored/pod.yaml", toPath: root + "/08-web-monitored/pod.yaml")
        let result = try podgrade(["check", root, "-e", "8", "--run", "--pull", "never", "--lang", "en"], environment: Self.environment)
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("""
              ▶ Run: not run: the Pod reaches the host (hostPath /, hostPath /var/run, hostPath /sys, hostPath /var/lib/docker); run with --allow-host if you trust the manifest
            """), result.stdout)
        XCTAssertTrue(result.stdout.contains("18/18 points"), "the static grade is printed all the same")
    }

    func testWithoutPodmanOneLineAndTheStaticGrade() throws {
        let root = try Self.repository("07-shared-volume", "solution/pod.yaml")
        let result = try podgrade(["check", root, "--run", "--lang", "en"], environment: ["PATH": "/nonexistent"])
        XCTAssertEqual(result.status, 0)
        XCTAssertEqual(result.stderr, "podgrade: --run: no Pod was run: podman is not installed (it runs the Pod: apt-get install podman). The static grade follows.\n")
        XCTAssertTrue(result.stdout.contains("15/15 points"), result.stdout)
    }

    /// An init container that never ends holds podman's start: the run gives up after its time,
    /// shows the app waiting, and removes the Pod.
    func testAHungPodIsGivenUpAndRemoved() throws {
        try requirePodman()
        let root = try temporaryDirectory()
        try FileManager.default.createDirectory(atPath: root + "/02-yellow", withIntermediateDirectories: true)
        try """
        apiVersion: v1
        kind: Pod
        metadata: {name: yellow}
        spec:
          initContainers:
          - {name: wait-forever, image: busybox, command: [sleep, '3600']}
          containers:
          - {name: lemon, image: busybox, command: [sleep, '1000']}
          - {name: gold, image: busybox, command: [sleep, '1000']}
        """.write(toFile: root + "/02-yellow/pod.yaml", atomically: true, encoding: .utf8)
        let started = Date()
        let result = try podgrade(["check", root, "-e", "2", "--run", "--settle", "1", "--pull", "never", "-f", "json"], environment: Self.environment)
        XCTAssertEqual(result.status, 1, result.stderr)
        XCTAssertLessThan(Date().timeIntervalSince(started), 40)
        let run = try self.run(result.stdout, "hung")
        XCTAssertEqual(run["status"] as? String, "ran", "\(run)")
        let states = (run["containers"] as? [[String: Any]] ?? []).map { "\($0["name"] ?? ""):\($0["state"] ?? "")" }
        XCTAssertEqual(states, ["wait-forever:running", "lemon:waiting", "gold:waiting"])
        XCTAssertEqual(leftPods(), [], "the hung Pod was removed")
    }

    func testAnInterruptRemovesThePod() throws {
        try requirePodman()
        let root = try Self.repository("07-shared-volume", "solution/pod.yaml")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: podgradeBinary)
        process.arguments = ["check", root, "--run", "--settle", "60", "--pull", "never"]
        var env = ProcessInfo.processInfo.environment
        for (k, v) in Self.environment { env[k] = v }
        process.environment = env
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Wait until its Pod runs, then interrupt.
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline && !leftPods().contains(where: { $0.hasPrefix("podgrade-run-\(process.processIdentifier)-") }) {
            Thread.sleep(forTimeInterval: 0.3)
        }
        XCTAssertFalse(leftPods().isEmpty, "the Pod was started")
        process.interrupt()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 130)
        XCTAssertEqual(leftPods(), [], "the interrupted run removed its Pod")
    }
}

import Foundation
import XCTest
import PodGradeCore

/// Per-learner variants (README, «Variants»): 05-ambassador's port differs per student.
final class VariantsCommandTests: XCTestCase {
    /// The derivation is a stable hash: fixed values for fixed ids, here and on any machine.
    func testDerivationIsStable() {
        let port = ExerciseVariable(name: "port", choices: ["6379", "7379", "8379", "9379", "16379"])
        let file = ExerciseVariable(name: "file", choices: ["a.log", "b.log"])
        XCTAssertEqual(Variants.fnv1a(""), 0xcbf2_9ce4_8422_2325)
        XCTAssertEqual(Variants.fnv1a("a"), 0xaf63_dc4c_8601_ec8c)
        XCTAssertEqual(Variants.values(of: [port], seed: "podgrade-lab-1", exercise: "05-ambassador", student: "ann"), ["port": "6379"])
        XCTAssertEqual(Variants.values(of: [port], seed: "podgrade-lab-1", exercise: "05-ambassador", student: "bob"), ["port": "8379"])
        XCTAssertEqual(Variants.values(of: [port], seed: "podgrade-lab-1", exercise: "05-ambassador", student: "dave"), ["port": "16379"])
        XCTAssertEqual(Variants.values(of: [port, file], seed: "s", exercise: "x", student: nil), ["port": "6379", "file": "a.log"])
        // The bundled course's seed is exercises/course.yaml's.
        XCTAssertEqual(Lab.bundled.seed, "podgrade-lab-1")
        let ambassador = try? XCTUnwrap(Lab.bundled.exercise("05-ambassador"))
        XCTAssertEqual(ambassador?.variables, [port])
        XCTAssertEqual(Lab.bundled.exercise("05-ambassador", student: "dave")?.values, ["port": "16379"])
        XCTAssertEqual(Lab.bundled.withSeed("x").exercise("05-ambassador", student: "ann")?.values, ["port": "8379"])
    }

    /// `{{name}}` is replaced in the spec before it is read: a port becomes an integer parameter.
    func testSubstitutionAndCourseErrors() throws {
        let spec = """
            id: x
            title: {ru: "Икс {{port}}", en: "X {{port}}"}
            object: {kind: Pod, name: p}
            variables:
              port: {choose: [80, 8080]}
              unused: {choose: [a, b]}
            checks:
              - id: port
                rule: ports.declared
                params: {container: web, port: {{port}}}
              - id: typo
                rule: ports.declared
                params: {container: web, port: {{prot}}}

            """
        let files: [String: [UInt8]] = ["x/spec.yaml": Array(spec.utf8), "x/task.ru.md": Array("Порт `{{port}}`".utf8), "x/task.en.md": Array("Port `{{port}}`".utf8)]
        let lab = Lab.load(files)
        XCTAssertEqual(lab.problems.map(\.description).filter { !$0.contains("check 'typo'") }, [
            "x/spec.yaml:13: unknown placeholder {{prot}}: declare it under variables: in spec.yaml",
            "x/spec.yaml:6: variable 'unused' is never used: write {{unused}} where it belongs, or remove it",
        ])
        let x = try XCTUnwrap(lab.exercise("x"))
        XCTAssertEqual(x.task.en, "Port `80`")
        XCTAssertEqual(x.title.en, "X 80")
        XCTAssertEqual(lab.variant(of: x, values: ["port": "8080", "unused": "a"]).task.ru, "Порт `8080`")
        XCTAssertEqual(Variants.render("a {{ port }} {{port}}} {{9}} {{other}}", values: ["port": "1"]), "a 1 1} {{9}} {{other}}")
    }

    /// A class of 1,000 learners decodes each exercise once per distinct variant, not once per learner.
    func testInstancesAreCachedPerVariant() throws {
        let lab = Lab.load(Lab.bundledFiles)
        let start = Date()
        let classLabs = (0..<1_000).map { lab.forStudent("s\($0)") }
        let seconds = Date().timeIntervalSince(start)
        print("variants: 1000 learners instantiated in \(String(format: "%.3f", seconds)) s")
        let ports = Set(classLabs.compactMap { $0.exercise("05-ambassador")?.values["port"] })
        XCTAssertEqual(ports, ["6379", "7379", "8379", "9379", "16379"])
        // 4 non-default values each for 03, 05 and 07.
        XCTAssertEqual(lab.cachedVariantCount, 12)
    }

    func testShowAndStartWriteTheLearnersVariant() throws {
        let show = try podgrade(["show", "5", "--student", "dave", "--lang", "en"])
        XCTAssertEqual(show.status, 0)
        XCTAssertTrue(show.stdout.hasPrefix("Variant of student dave: port=16379\n\n# 05. Ambassador"), show.stdout)
        XCTAssertTrue(show.stdout.contains("declares containerPort `16379`"), show.stdout)
        let dir = try temporaryDirectory()
        let start = try podgrade(["start", "5", dir, "--student", "dave", "--lang", "en"])
        XCTAssertEqual(start.status, 0, start.stderr)
        XCTAssertEqual(try String(contentsOfFile: dir + "/.podgrade.yaml", encoding: .utf8), "student: \"dave\"\n")
        XCTAssertTrue(try String(contentsOfFile: dir + "/05-ambassador/TASK.md", encoding: .utf8).contains("`16379`"))
        // Another exercise later keeps the file, with the id updated.
        XCTAssertEqual(try podgrade(["start", "7", dir, "--student", "erin"]).status, 0)
        XCTAssertEqual(try String(contentsOfFile: dir + "/.podgrade.yaml", encoding: .utf8), "student: \"erin\"\n")
    }

    /// A learner's own solution passes their variant; another learner's copy fails it on the port.
    func testCheckGradesTheStudentsVariant() throws {
        let dir = try temporaryDirectory()
        let exercise = try XCTUnwrap(Lab.bundled.exercise("05-ambassador"))
        func handIn(_ owner: String) throws {
            for (path, bytes) in Lab.bundled.solution(of: exercise, student: owner) {
                try FileManager.default.createDirectory(atPath: dir + "/05-ambassador", withIntermediateDirectories: true)
                try Data(bytes).write(to: URL(fileURLWithPath: dir + "/" + path))
            }
        }
        try handIn("dave")
        try "student: dave\n".write(toFile: dir + "/.podgrade.yaml", atomically: true, encoding: .utf8)
        let own = try podgrade(["check", dir, "--format", "json", "--lang", "en"])
        XCTAssertEqual(own.status, 0, own.stdout)
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(own.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(json["student"] as? String, "dave")
        XCTAssertNil(json["notes"])
        let result = try XCTUnwrap((json["exercises"] as? [[String: Any]])?.first { $0["id"] as? String == "05-ambassador" })
        XCTAssertEqual(result["variant"] as? [String: String], ["port": "16379"])
        // bob (port 8379) copied dave's answer: --student overrides the file.
        let copy = try podgrade(["check", dir, "--student", "bob", "--format", "json", "--lang", "en"])
        XCTAssertEqual(copy.status, 1)
        let copied = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(copy.stdout.utf8)) as? [String: Any])
        let checks = try XCTUnwrap((copied["exercises"] as? [[String: Any]])?.first { $0["id"] as? String == "05-ambassador" }?["checks"] as? [[String: Any]])
        XCTAssertEqual(checks.filter { $0["status"] as? String == "fail" }.map { "\($0["id"] ?? "") \($0["rule"] ?? "")" },
                       ["db-via-localhost network.localhost", "ambassador-port ports.declared"])
    }

    func testMalformedLearnerFileIsAUsageError() throws {
        let dir = try temporaryDirectory()
        try "student: [a\n".write(toFile: dir + "/.podgrade.yaml", atomically: true, encoding: .utf8)
        let run = try podgrade(["check", dir, "--lang", "en"])
        XCTAssertEqual(run.status, 2)
        XCTAssertEqual(run.stderr.split(separator: "\n").count, 1, run.stderr)
        XCTAssertTrue(run.stderr.contains(dir + "/.podgrade.yaml:"), run.stderr)
        try "name: ann\n".write(toFile: dir + "/.podgrade.yaml", atomically: true, encoding: .utf8)
        let missing = try podgrade(["check", dir, "--lang", "en"])
        XCTAssertEqual(missing.status, 2)
        XCTAssertEqual(missing.stderr, "podgrade: \(dir)/.podgrade.yaml:1: no student: key; write it as student: YOUR_ID\n")
    }
}

/// `verify` proves the variants: a solution that is no template fails the other variants, and a
/// variable the checks do not judge lets a copy through.
final class VariantsVerifyTests: XCTestCase {
    func testVerifyCatchesABrokenVariant() throws {
        var files = Lab.bundledFiles
        let template = try XCTUnwrap(files["05-ambassador/solution/pod.yaml"])
        files["05-ambassador/solution/pod.yaml"] = Array(String(decoding: template, as: UTF8.self).replacingOccurrences(of: "{{port}}", with: "6379").utf8)
        let report = CourseVerifier.verify(lab: Lab.load(files), solutions: Lab.bundledSolutions)
        XCTAssertEqual(report.problems.first, "05-ambassador (sample-1: port=8379): the solution scores 13/16: "
                       + "db-via-localhost [network.localhost] Container \"application\" connects to \"localhost 6379\", but nothing in the pod listens on port 6379: the pod listens only on 6379.; "
                       + "ambassador-port [ports.declared] Container \"ambassador\" does not declare containerPort 8379.")
    }
}

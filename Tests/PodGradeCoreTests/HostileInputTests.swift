import Foundation
import XCTest
import PodGradeYAML
import PodGradeKubernetes
@testable import PodGradeCore

/// Every manifest is written by someone being graded. Each hostile input here
/// must end in a clear finding (rule, message key, position) within 5 seconds,
/// never in a crash, a hang or a misleading message. Big inputs are generated.
final class HostileInputTests: XCTestCase {
    static let slug = "01-multi-container-pod"
    static let budget: Duration = .seconds(5)

    /// A finding as the tests compare it: rule, message key, line and column.
    struct Seen: Equatable, CustomStringConvertible {
        let rule: String
        let key: String
        let line: Int?
        let column: Int?
        var description: String { "\(rule) \(key) @\(line.map(String.init) ?? "-"):\(column.map(String.init) ?? "-")" }
    }

    /// Grades bytes as `<slug>/pod.yaml` under a monotonic clock; fails past the budget.
    func grade(_ bytes: [UInt8], limits: YAMLLimits = .default, path: String = "\(slug)/pod.yaml",
               file: StaticString = #filePath, line: UInt = #line) -> ExerciseResult {
        let clock = ContinuousClock()
        var result: ExerciseResult?
        let elapsed = clock.measure {
            let snapshot = SourceSnapshot(origin: SourceOrigin(path: "test"), files: [SourceFile(path: path, content: .bytes(bytes))])
            result = Grader(lab: Lab.bundled, limits: limits).grade(snapshot, only: [Self.slug]).exercises.first
        }
        XCTAssertLessThan(elapsed, Self.budget, "grading took \(elapsed)", file: file, line: line)
        guard let result else { XCTFail("no result", file: file, line: line); fatalError() }
        return result
    }

    func grade(_ text: String, limits: YAMLLimits = .default, file: StaticString = #filePath, line: UInt = #line) -> ExerciseResult {
        grade(Array(text.utf8), limits: limits, file: file, line: line)
    }

    /// The findings of failed or errored checks of one rule.
    func findings(_ result: ExerciseResult, _ rule: String) -> [Seen] {
        result.checks.filter { $0.rule == rule && $0.status != .pass }.flatMap { check in
            check.findings.map { Seen(rule: rule, key: $0.message.key, line: $0.location?.line, column: $0.location?.column) }
        }
    }

    func yamlError(_ bytes: [UInt8], limits: YAMLLimits = .default) -> YAMLError? {
        YAMLReader.read(bytes, limits: limits).error
    }

    var solution: String { HostileInputTests.solutionText }
    static let solutionText: String = {
        Lab.bundledSolutions.first { $0.key.hasPrefix(slug + "/") }.map { String(decoding: $0.value, as: UTF8.self) } ?? ""
    }()

    // MARK: - Bombs and sizes

    func testAliasBombIsStoppedAtTheAliasThatBreaksTheLimit() {
        // "Billion laughs": 10 levels of 10 aliases each would be 10^10 nodes.
        var text = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for level in 1...9 {
            text += "a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ") + "]\n"
        }
        let result = grade(text)
        XCTAssertEqual(yamlError(Array(text.utf8))?.kind, .aliasExpansion(limit: 1_000_000))
        // a4 expands to 111,111 nodes; the 10th alias of a5 (line 6, column 55) goes past 1,000,000.
        XCTAssertEqual(findings(result, "yaml.syntax"), [Seen(rule: "yaml.syntax", key: "yaml", line: 6, column: 55)])
        XCTAssertFalse(result.passed)
    }

    func testNestingOneHundredThousandDeep() {
        let text = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        let result = grade(text)
        XCTAssertEqual(yamlError(Array(text.utf8))?.kind, .tooDeep(limit: 128))
        XCTAssertEqual(findings(result, "yaml.syntax"), [Seen(rule: "yaml.syntax", key: "yaml", line: 1, column: 129)])
        // Block style, as a learner's indentation would nest.
        var block = ""
        for depth in 0..<200 { block += String(repeating: " ", count: depth) + "k:\n" }
        XCTAssertEqual(yamlError(Array(block.utf8)), YAMLError(.tooDeep(limit: 128), at: Mark(line: 129, column: 129)))
    }

    func testSixtyMegabyteFileIsNotParsed() {
        let bytes = [UInt8](repeating: UInt8(ascii: "#"), count: 60 << 20)
        let result = grade(bytes)
        XCTAssertEqual(yamlError(bytes)?.kind, .fileTooLarge(bytes: 60 << 20, limit: 4 << 20))
        XCTAssertEqual(findings(result, "yaml.syntax"), [Seen(rule: "yaml.syntax", key: "yaml", line: 1, column: 1)])
    }

    func testTenThousandContainersAreGradedInTime() {
        var text = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: multi-container-pod\nspec:\n  containers:\n"
        for i in 0..<10_000 { text += "  - name: c\(i)\n    image: busybox\n    command: [sh, -c, 'echo localhost:\(i % 65535 + 1) > /data/x']\n    ports:\n    - containerPort: 80\n" }
        let result = grade(text)
        XCTAssertEqual(findings(result, "containers.count"), [Seen(rule: "containers.count", key: "containerCountWrong", line: 6, column: 3)])
        // The port clash is reported; the pod is not a passing answer.
        XCTAssertTrue(findings(result, "ports.unique").contains { $0.key == "portClash" })
        XCTAssertFalse(result.passed)
    }

    func testOneHundredThousandDocuments() {
        let text = String(repeating: "---\na: 1\n", count: 100_000)
        let result = grade(text)
        XCTAssertEqual(yamlError(Array(text.utf8)), YAMLError(.tooManyDocuments(limit: 10_000), at: Mark(line: 20_002, column: 1)))
        XCTAssertEqual(findings(result, "yaml.syntax"), [Seen(rule: "yaml.syntax", key: "yaml", line: 20_002, column: 1)])
    }

    // MARK: - Bytes and encodings

    func testBinaryFile() {
        let elf: [UInt8] = [0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x01, 0x00] + (0..<248).map { UInt8($0) }
        XCTAssertEqual(yamlError(elf), YAMLError(.controlCharacter, at: Mark(line: 1, column: 1)))
        XCTAssertEqual(findings(grade(elf), "yaml.syntax"), [Seen(rule: "yaml.syntax", key: "yaml", line: 1, column: 1)])
    }

    func testInvalidUTF8() {
        let bytes = Array("kind: Pod\nname: ".utf8) + [0xC3, 0x28] + Array("\n".utf8)
        XCTAssertEqual(yamlError(bytes), YAMLError(.invalidEncoding, at: Mark(line: 2, column: 7)))
        XCTAssertEqual(findings(grade(bytes), "yaml.syntax"), [Seen(rule: "yaml.syntax", key: "yaml", line: 2, column: 7)])
    }

    func testNULByte() {
        let bytes = Array("kind: Pod\nmetadata:\n  name: a".utf8) + [0] + Array("b\n".utf8)
        XCTAssertEqual(yamlError(bytes), YAMLError(.controlCharacter, at: Mark(line: 3, column: 10)))
        XCTAssertEqual(findings(grade(bytes), "yaml.syntax"), [Seen(rule: "yaml.syntax", key: "yaml", line: 3, column: 10)])
    }

    func testBOMAndCRLFAreHonestAndPass() {
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
        XCTAssertTrue(grade(bom + Array(solution.utf8)).passed)
        let crlf = solution.replacingOccurrences(of: "\n", with: "\r\n")
        XCTAssertTrue(grade(crlf).passed)
        // Positions stay right under a BOM and CRLF: the error is on line 6, column 3.
        let broken = solution.replacingOccurrences(of: "  containers:\n", with: "  containers: [\n")
        let expected = yamlError(Array(broken.utf8))
        XCTAssertNotNil(expected)
        XCTAssertEqual(yamlError(bom + Array(broken.replacingOccurrences(of: "\n", with: "\r\n").utf8))?.mark, expected?.mark)
    }

    func testEmptyDashesAndCommentOnlyFilesSayNoPodWasFound() {
        for text in ["", "---\n", "---\n---\n...\n", "# only a comment\n# another\n", "\n\n   \n"] {
            let result = grade(text)
            XCTAssertEqual(findings(result, "yaml.syntax"), [], "\(text.debugDescription)")
            XCTAssertEqual(findings(result, "pod.found").map(\.key), ["podNotFound"], "\(text.debugDescription)")
            XCTAssertFalse(result.passed)
        }
    }

    // MARK: - Wrong types

    func testWrongTypesAtEveryLevel() {
        let spec17 = grade("apiVersion: v1\nkind: Pod\nmetadata:\n  name: multi-container-pod\nspec: 17\n")
        XCTAssertEqual(findings(spec17, "k8s.schema"), [Seen(rule: "k8s.schema", key: "k8s", line: 5, column: 7)])
        XCTAssertEqual(spec17.checks.first { $0.rule == "k8s.schema" }?.findings.first?.message.text(.en), "spec: expected an object, got integer")

        let containersX = grade("apiVersion: v1\nkind: Pod\nmetadata:\n  name: multi-container-pod\nspec:\n  containers: \"x\"\n")
        XCTAssertEqual(findings(containersX, "k8s.schema"), [Seen(rule: "k8s.schema", key: "k8s", line: 6, column: 15)])

        let kindMap = grade("apiVersion: v1\nkind: {Pod: 1}\nmetadata:\n  name: multi-container-pod\n")
        XCTAssertEqual(findings(kindMap, "pod.found"), [Seen(rule: "pod.found", key: "podWrongKind", line: 2, column: 7)])
        XCTAssertEqual(kindMap.checks.first { $0.rule == "pod.found" }?.text(.en),
                       "\"multi-container-pod\" is a {…} but the exercise asks for a Pod.")
        // The schema names the mistyped kind (as `podgrade validate` shows it).
        let kindIssues = SchemaChecker.check(YAMLReader.read("kind: {Pod: 1}\n").documents[0].root, path: "")
        XCTAssertEqual(kindIssues.map(\.path), ["kind"])
        XCTAssertEqual(kindIssues.map(\.mark), [Mark(line: 1, column: 7)])

        // Every scalar of the solution replaced by a mapping, a sequence, a number: never a crash.
        let lines = solution.split(separator: "\n", omittingEmptySubsequences: false)
        for (i, line) in lines.enumerated() where line.contains(": ") && !line.hasSuffix(":") {
            for replacement in ["{a: 1}", "[1, 2]", "-9223372036854775808", "1e400", "!!binary AAAA", "~"] {
                var copy = lines
                let key = line.prefix { $0 != ":" }
                copy[i] = key + ": " + Substring(replacement)
                let result = grade(copy.joined(separator: "\n"))
                XCTAssertFalse(result.checks.isEmpty)
            }
        }
    }

    // MARK: - Tags

    func testCustomAndLanguageTagsAreData() {
        let python = solution.replacingOccurrences(of: "image: nginx:1.25", with: "image: !!python/object/apply:os.system [\"touch /tmp/pwned\"]")
        let result = grade(python)
        XCTAssertFalse(FileManager.default.fileExists(atPath: "/tmp/pwned"))
        XCTAssertEqual(findings(result, "k8s.schema"), [Seen(rule: "k8s.schema", key: "k8s", line: 9, column: 12)])
        let custom = solution.replacingOccurrences(of: "image: nginx:1.25", with: "image: !custom nginx:1.25")
        XCTAssertTrue(grade(custom).passed, "a custom tag on a string leaves it a string")
        let tagged = YAMLReader.read("a: !!python/name:os.system x\n").documents.first?.root["a"]
        XCTAssertEqual(tagged?.string, "x")
        XCTAssertEqual(tagged?.tag, "tag:yaml.org,2002:python/name:os.system")
    }

    // MARK: - Arithmetic and text the analyses meet

    func testQuantitiesThatOverflowAreInvalidNotFatal() {
        XCTAssertNil(Quantity("9999999999999999999999999999999.999999999999999999"))
        XCTAssertNil(Quantity("9999999999999999999999999999999Ei"))
        XCTAssertNil(Quantity("99999999999999999999999999999E999"))
        XCTAssertEqual(Quantity("1e-999")?.nanos, 1)
        XCTAssertEqual(Quantity("0.000000000000000000000001")?.nanos, 1)
        XCTAssertEqual(Quantity("100m"), Quantity("0.1"))
    }

    func testHugeNumbersAndOddScriptsInContainers() {
        var text = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: multi-container-pod\nspec:\n  containers:\n"
        text += "  - name: a\n    image: busybox\n    ports:\n    - containerPort: 9223372036854775807\n    - containerPort: -9223372036854775808\n    - containerPort: 1e300\n"
        text += "    resources:\n      limits: {cpu: 9999999999999999999999999999999.999999999999999999, memory: 1e999}\n"
        let script = String(repeating: "echo localhost:99999999999999999999 >", count: 5_000) + String(repeating: "'", count: 3) + "$(" + String(repeating: "\\", count: 1001)
        text += "    command: [sh, -c, \"\(script.replacingOccurrences(of: "\\", with: "\\\\"))\"]\n"
        text += "    env: [{name: HOST, value: localhost}, {name: PORT, value: '99999999999999999999999'}]\n"
        text += "    args: [--host, localhost, --port, '-1', --port]\n"
        text += "    volumeMounts: [{name: v, mountPath: '/a/../../..'}, {name: v, mountPath: '/**/?*'}]\n"
        text += "  volumes: [{name: v, emptyDir: {}}]\n"
        let result = grade(text)
        XCTAssertFalse(result.passed)
        XCTAssertFalse(findings(result, "k8s.valid").isEmpty)
        XCTAssertTrue(Paths.glob("**?*/*", matches: "a/b"))
        XCTAssertFalse(Paths.glob("*", matches: "/"))
        XCTAssertEqual(Shell.parse(String(repeating: "'", count: 1) + "x").first?.words, ["x"])
        XCTAssertEqual(Shell.parse("a 2>&").first?.words, ["a"])
    }
}

/// Every limit, at the limit and just past it.
final class LimitTests: XCTestCase {
    func read(_ text: String, _ limits: YAMLLimits) -> YAMLError.Kind? { YAMLReader.read(text, limits: limits).error?.kind }

    func testYAMLLimits() {
        XCTAssertNil(read("a: 1\n", YAMLLimits(maxFileBytes: 5)))
        XCTAssertEqual(read("a: 1\n", YAMLLimits(maxFileBytes: 4)), .fileTooLarge(bytes: 5, limit: 4))
        XCTAssertNil(read("a: [[1]]\n", YAMLLimits(maxDepth: 3)))
        XCTAssertEqual(read("a: [[1]]\n", YAMLLimits(maxDepth: 2)), .tooDeep(limit: 2))
        XCTAssertNil(read("[1, 2, 3]\n", YAMLLimits(maxNodes: 4)))
        XCTAssertEqual(read("[1, 2, 3]\n", YAMLLimits(maxNodes: 3)), .tooManyNodes(limit: 3))
        XCTAssertNil(read("a: &x [1, 2]\nb: *x\n", YAMLLimits(maxExpandedNodes: 9)))
        XCTAssertEqual(YAMLReader.read("a: &x [1, 2]\nb: *x\n", limits: YAMLLimits(maxExpandedNodes: 8)).error,
                       YAMLError(.aliasExpansion(limit: 8), at: Mark(line: 2, column: 4)))
        XCTAssertNil(read("a\n---\nb\n", YAMLLimits(maxDocuments: 2)))
        XCTAssertEqual(read("a\n---\nb\n", YAMLLimits(maxDocuments: 1)), .tooManyDocuments(limit: 1))
        // The grader applies its limits.
        let snapshot = SourceSnapshot(origin: SourceOrigin(path: "t"), files: [SourceFile(path: "01-multi-container-pod/p.yaml", content: .bytes(Array("a: [[1]]\n".utf8)))])
        let graded = Grader(lab: Lab.bundled, limits: YAMLLimits(maxDepth: 2)).grade(snapshot, only: ["01-multi-container-pod"])
        XCTAssertEqual(graded.exercises.first?.checks.first?.findings.first?.message.key, "yaml")
        XCTAssertEqual(ManifestValidation.findings(in: snapshot, limits: YAMLLimits(maxDepth: 2)).first?.location?.column, 5)
        XCTAssertEqual(ManifestValidation.findings(in: snapshot, limits: YAMLLimits(maxDepth: 3)).map(\.rule), ["k8s.schema"]) // read; `a:` is no object
    }

    func testParsingLimitsFromText() throws {
        let limits = try GradingLimits.parse("yaml.maxDepth=7, source.maxFiles=3").get()
        XCTAssertEqual(limits.yaml.maxDepth, 7)
        XCTAssertEqual(limits.source.maxFiles, 3)
        XCTAssertEqual(try GradingLimits.parse("").get(), GradingLimits())
        XCTAssertThrowsError(try GradingLimits.parse("yaml.maxDepth=-1").get())
        XCTAssertThrowsError(try GradingLimits.parse("nope=1").get())
    }

    func makeTree(_ files: [String: Int]) throws -> String {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("podgrade-limits-\(UUID().uuidString)").path
        for (path, size) in files {
            let full = root + "/" + path
            try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try String(repeating: "#", count: size).write(toFile: full, atomically: false, encoding: .utf8)
        }
        return root
    }

    func skipped(_ snapshot: SourceSnapshot) -> [String] {
        snapshot.files.compactMap { if case .skipped = $0.content { return $0.path } else { return nil } }
    }

    func testSourceLimitsOnDisk() throws {
        let root = try makeTree(["a.yaml": 10, "b.yaml": 10, "c.yaml": 10, "d/e/f.yaml": 1])
        XCTAssertEqual(skipped(try WorkTreeReader.read(root: root, limits: SourceLimits(maxFileBytes: 10))), [])
        XCTAssertEqual(skipped(try WorkTreeReader.read(root: root, limits: SourceLimits(maxFileBytes: 9))), ["a.yaml", "b.yaml", "c.yaml"])
        XCTAssertEqual(try WorkTreeReader.read(root: root, limits: SourceLimits(maxFiles: 4)).notes, [])
        XCTAssertEqual(try WorkTreeReader.read(root: root, limits: SourceLimits(maxFiles: 3)).notes, ["more than 3 files: the rest was not read"])
        XCTAssertEqual(skipped(try WorkTreeReader.read(root: root, limits: SourceLimits(maxTotalBytes: 31))), [])
        XCTAssertEqual(skipped(try WorkTreeReader.read(root: root, limits: SourceLimits(maxTotalBytes: 30))).count, 1)
        XCTAssertEqual(try WorkTreeReader.read(root: root, limits: SourceLimits(maxDepth: 2)).notes, [])
        XCTAssertEqual(try WorkTreeReader.read(root: root, limits: SourceLimits(maxDepth: 1)).notes, ["d/e: deeper than 1 directories, not read"])
        // SourceLoader passes the request's limits through.
        XCTAssertEqual(skipped(try SourceLoader.snapshot(SourceRequest(source: root, limits: SourceLimits(maxFileBytes: 9)))).count, 3)
    }

    func testTreeLimitsThroughGit() throws {
        let root = try makeTree(["a.yaml": 10, "b.yaml": 10])
        for args in [["init", "-q"], ["add", "-A"], ["-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", "x"]] {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/usr/bin/git")
            p.arguments = ["-C", root] + args
            try p.run(); p.waitUntilExit()
            guard p.terminationStatus == 0 else { throw XCTSkip("git unavailable") }
        }
        func load(_ limits: SourceLimits) throws -> SourceSnapshot {
            try SourceLoader.snapshot(SourceRequest(source: root, rev: "HEAD", limits: limits))
        }
        XCTAssertEqual(skipped(try load(SourceLimits(maxFileBytes: 10))), [])
        XCTAssertEqual(skipped(try load(SourceLimits(maxFileBytes: 9))), ["a.yaml", "b.yaml"])
        XCTAssertNoThrow(try load(SourceLimits(maxTotalBytes: 20)))
        XCTAssertThrowsError(try load(SourceLimits(maxTotalBytes: 19)))
        // Entries visited are bounded at 4 × maxFiles: 2 entries pass with maxFiles 1 (4), none with 0.
        XCTAssertNoThrow(try load(SourceLimits(maxFiles: 1)))
        XCTAssertThrowsError(try load(SourceLimits(maxFiles: 0)))
    }
}

import XCTest
import PodGradeCore
@testable import PodGradeSimilarity

let original = """
apiVersion: v1
kind: Pod
metadata:
  name: shared-volume-example
  labels:
    app: clock
spec:
  containers:
  # writes a greeting and the date
  - name: writer
    image: busybox:1.36
    env:
    - name: GREETING
      value: hello there
    command: ["sh", "-c", "while true; do echo \\"$GREETING $(date)\\" >> /shared/data.txt; sleep 7; done"]
    volumeMounts:
    - name: shared-data
      mountPath: /shared
    - name: scratch
      mountPath: /tmp/work
  - name: reader
    image: busybox:1.36
    command: ["sh", "-c", "tail -F /shared/data.txt"]
    volumeMounts:
    - name: shared-data
      mountPath: /shared
  volumes:
  - name: shared-data
    emptyDir: {}
  - name: scratch
    emptyDir: {}

"""

/// The same Pod, disguised: document start, flow style, quotes, 4-space
/// indentation, every mapping's keys and the containers reordered, the
/// script moved into args as a block scalar, the chosen names renamed
/// (label value, env variable, volume, mount path), the comment dropped.
let disguised = """
---
kind: "Pod"
spec:
    volumes:
        - {emptyDir: {}, name: 'cache-vol'}
        - emptyDir: {}
          name: shared-data
    containers:
        - volumeMounts: [{mountPath: /shared, name: shared-data}]
          command: ['/bin/sh', '-c']
          args:
            - tail -F /shared/data.txt
          name: reader
          image: "busybox:1.36"
        - name: "writer"
          volumeMounts:
            - {name: cache-vol, mountPath: /var/tmp/x}
            - {name: shared-data, mountPath: "/shared"}
          command: [sh]
          args:
            - -c
            - |
              while true
              do echo "$MSG $(date)" >> /shared/data.txt
              sleep 7
              done
          image: busybox:1.36
          env: [{value: "hello there", name: MSG}]
metadata: {labels: {app: "timer"}, name: shared-volume-example}
apiVersion: v1

"""

func submission(_ text: String, path: String = "07-shared-volume/pod.yaml") -> SubmissionFingerprint? {
    Fingerprinter.fingerprints(of: snapshot([path: text]), lab: Lab.bundled).submissions.first
}

final class FingerprintTests: XCTestCase {
    func hashes(_ submission: SubmissionFingerprint?, _ kinds: Set<FragmentKind>) -> Set<UInt64> {
        Set((submission?.fragments ?? []).filter { kinds.contains($0.kind) }.map(\.hash))
    }

    /// Restyling, reordering and renaming leave what the manifest says, and
    /// the winnowed token stream, exactly the same.
    func testADisguisedCopyHasTheSameContentAndKGrams() throws {
        let a = try XCTUnwrap(submission(original)), b = try XCTUnwrap(submission(disguised, path: "07-shared-volume/answer.yml"))
        XCTAssertEqual(a.exercise, "07-shared-volume")
        let content: Set<FragmentKind> = [.value, .key, .command, .script]
        XCTAssertEqual(hashes(a, content), hashes(b, content))
        XCTAssertEqual(hashes(a, [.kgram]), hashes(b, [.kgram]))
        XCTAssertGreaterThan(hashes(a, [.kgram]).count, 10)
        // What was renamed, and how: names in order of first appearance, paths apart.
        let texts = a.fragments.map(\.text)
        XCTAssertTrue(texts.contains("metadata.labels.app = $1"), "\(texts)")
        XCTAssertTrue(texts.contains("spec.containers[writer].env[].name = $2"), "\(texts)")
        XCTAssertTrue(texts.contains("do echo $2 $(date) >> /shared/data.txt"), "\(texts)")
        XCTAssertTrue(texts.contains("spec.containers[writer].volumeMounts[].mountPath = @1"), "\(texts)")
        XCTAssertTrue(texts.contains("spec.containers[writer].run: while true ; do echo $2 $(date) >> /shared/data.txt ; sleep 7"),
                      "\(texts)")
        // The comment and the written orders are the original's own.
        XCTAssertEqual(a.fragments.filter { $0.kind == .comment }.map(\.text), ["writes a greeting and the date"])
        XCTAssertEqual(b.fragments.filter { $0.kind == .comment }.map(\.text), [])
        XCTAssertNotEqual(hashes(a, [.order]), hashes(b, [.order]))
    }

    /// A real change is seen: another sleep is another command and script.
    func testAChangedCommandIsAnotherFragment() throws {
        let a = try XCTUnwrap(submission(original))
        let b = try XCTUnwrap(submission(original.replacing("sleep 7", with: "sleep 8")))
        XCTAssertEqual(hashes(a, [.command]).subtracting(hashes(b, [.command])).count, 1)
        XCTAssertEqual(hashes(a, [.script]).subtracting(hashes(b, [.script])).count, 1)
    }

    func testFragmentsKnowTheirLines() throws {
        let a = try XCTUnwrap(submission(original))
        let image = try XCTUnwrap(a.fragments.first { $0.text == "spec.containers[reader].image = busybox:1.36" })
        XCTAssertEqual(image.spans, [LineSpan(file: 0, first: 22, last: 22)])
        let sleep = try XCTUnwrap(a.fragments.first { $0.kind == .command && $0.text == "sleep 7" })
        XCTAssertEqual(sleep.spans, [LineSpan(file: 0, first: 15, last: 15)])
        let b = try XCTUnwrap(submission(disguised))
        // In a block scalar each command is on its own line.
        XCTAssertEqual(b.fragments.first { $0.kind == .command && $0.text == "sleep 7" }?.spans, [LineSpan(file: 0, first: 25, last: 25)])
        XCTAssertEqual(a.files.map(\.path), ["07-shared-volume/pod.yaml"])
        XCTAssertEqual(a.files.first?.text, original)
    }

    func testCommentsAreReadFromTheTextWithTheirLines() {
        let text = """
        # top comment
        key: value # trailing
        url: "http://x # not a comment" # after the quote
        tag: a#b
        - '#not'
          #   indented   #
        script: |
          # a shell comment counts too
        """
        let comments = Comments.extract(Array(text.utf8)).map { "\($0.line): \($0.text)" }
        XCTAssertEqual(comments, ["1: top comment", "2: trailing", "3: after the quote", "6: indented", "8: a shell comment counts too"])
    }

    /// The submission is found as the grader finds it: in the slug's folder,
    /// else by the object's kind and name.
    func testSubmissionsAreFoundByFolderOrByObject() {
        let byObject = Fingerprinter.fingerprints(of: snapshot(["answers/volume.yaml": original, "README.md": "# hi"]), lab: Lab.bundled)
        XCTAssertEqual(byObject.submissions.map(\.exercise), ["07-shared-volume"])
        let none = Fingerprinter.fingerprints(of: snapshot(["x.yaml": "kind: Pod\nmetadata: {name: other}\n"]), lab: Lab.bundled)
        XCTAssertEqual(none.submissions.count, 0)
        let broken = Fingerprinter.fingerprints(of: snapshot(["07-shared-volume/pod.yaml": "a: [\n"]), lab: Lab.bundled)
        XCTAssertEqual(broken.submissions.map(\.exercise), ["07-shared-volume"])
        XCTAssertEqual(broken.submissions.first?.fragments.count, 0)
    }

    /// A hostile submission costs little and crashes nothing: an alias bomb
    /// within the parser's limits is not walked, a huge script is bounded.
    func testHostileSubmissionsAreBounded() throws {
        var bomb = "apiVersion: v1\nkind: Pod\nmetadata: {name: shared-volume-example}\na0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for level in 1...5 { bomb += "a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ") + "]\n" }
        let start = now()
        let walked = try XCTUnwrap(submission(bomb))
        XCTAssertEqual(walked.fragments.filter { $0.kind != .comment }.count, 0)
        let script = "command: [sh, -c, \"" + String(repeating: "echo a; ", count: 50_000) + "\"]"
        let long = original.replacing("command: [\"sh\", \"-c\", \"tail -F /shared/data.txt\"]", with: script)
        let fingerprint = try XCTUnwrap(submission(long))
        XCTAssertGreaterThan(fingerprint.fragments.count, 10)
        XCTAssertLessThan(now() - start, 20)
        let comments = String(repeating: "# one more comment\n", count: 10_000) + original
        XCTAssertEqual(try XCTUnwrap(submission(comments)).fragments.filter { $0.kind == .comment }.count, 1)
    }

    func testWinnowingKeepsTheSmallestHashOfEachWindow() {
        let tokens = (0..<20).map { Token(text: "t\($0 % 7)", line: $0 + 1, file: 0) }
        let grams = Winnowing.select(tokens, parameters: WinnowingParameters(k: 3, w: 4))
        // 18 k-grams, 15 windows: a fingerprint per window at most, at least one per 4 k-grams.
        XCTAssertLessThanOrEqual(grams.count, 15)
        XCTAssertGreaterThanOrEqual(grams.count, 18 / 4)
        XCTAssertEqual(Winnowing.select(Array(tokens.prefix(2)), parameters: WinnowingParameters(k: 3, w: 4)).map(\.text), ["t0 t1"])
        XCTAssertEqual(Winnowing.select([], parameters: WinnowingParameters()).count, 0)
    }
}

import Foundation
import XCTest

/// `podgrade validate`: every built-in kind, what is not an object, skipped
/// entries, standard input, the closing line and the exit status.
final class ValidateCommandTests: XCTestCase {
    func write(_ files: [String: String]) throws -> String {
        let root = try temporaryDirectory()
        for (path, text) in files {
            let full = root + "/" + path
            try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try text.write(toFile: full, atomically: false, encoding: .utf8)
        }
        return root
    }

    func testFolderWithEveryKindOfFinding() throws {
        let root = try write([
            "d/svc.yaml": "apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec:\n  ports:\n  - port: sds\n    targetPort: http\n",
            "d/kv.yaml": "key: value\n",
            "d/empty-kind.yaml": "apiVersion: v1\nkind:\nmetadata: {name: a}\n",
            "d/crd.yaml": "apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\n",
            "d/comment.yaml": "# nothing yet\n",
            "d/dir.yaml/cm.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {a: \"1\"}\n",
        ])
        try FileManager.default.createSymbolicLink(atPath: root + "/d/loop.yaml", withDestinationPath: "loop.yaml")
        try FileManager.default.createSymbolicLink(atPath: root + "/d/up", withDestinationPath: "..")
        let run = try podgrade(["validate", "d", "--lang", "en"], in: root)
        XCTAssertEqual(run.status, 1)
        XCTAssertEqual(run.stdout, """
            warning [yaml.syntax] d/dir.yaml is a directory, not a file: the manifests inside it were read as a folder's.
            warning [yaml.syntax] d/loop.yaml is a symbolic link (to loop.yaml); podgrade does not follow links: commit the file itself.
            warning [yaml.syntax] d/up is a symbolic link (to ..); podgrade does not follow links: commit the file itself.
            d/comment.yaml:1:1: warning [k8s.schema] no Kubernetes object in this file
               1 | # nothing yet
                 | ^
            d/crd.yaml:2:7: warning [k8s.schema] Widget (example.com/v1) is not a built-in kind: podgrade has no schema for it and does not check its fields
               2 | kind: Widget
                 |       ^
            d/empty-kind.yaml:2:6: error [k8s.schema] kind: Required value
               2 | kind:
                 |      ^
            d/kv.yaml:1:1: error [k8s.schema] not a Kubernetes object: apiVersion and kind are not set
               1 | key: value
                 | ^
            d/svc.yaml:6:11: error [k8s.schema] spec.ports[0].port: expected an integer, got string
               6 |   - port: sds
                 |           ^
            6 files, 4 objects, 3 errors, 5 warnings

            """)
        XCTAssertEqual(run.stderr, "")
        let ru = try podgrade(["validate", "d/svc.yaml", "d/kv.yaml"], in: root)
        XCTAssertEqual(ru.status, 1)
        XCTAssertTrue(ru.stdout.hasSuffix("\n2 файла, 1 объект, 2 ошибки\n"), ru.stdout)
    }

    /// A key without its colon is reported on its own line, the location once.
    func testYAMLErrorWhereTheMistakeIs() throws {
        let root = try write(["pod.yaml": "spec:\n  containers:\n  - name: a\n    image nginx\n  volumes: []\n"])
        let en = try podgrade(["validate", "pod.yaml", "--lang", "en"], in: root)
        XCTAssertEqual(en.status, 1)
        XCTAssertEqual(en.stdout, """
            pod.yaml:4:5: error [yaml.syntax] this key has no colon ':' after it; reading stopped at line 5, column 3
               4 |     image nginx
                 |     ^
            1 file, 0 objects, 1 error

            """)
        let ru = try podgrade(["validate", "pod.yaml"], in: root)
        XCTAssertTrue(ru.stdout.hasPrefix("pod.yaml:4:5: ошибка [yaml.syntax] после этого ключа нет двоеточия «:» (чтение остановилось в строке 5, столбце 3)\n"), ru.stdout)
    }

    func testWarningsAloneExitZero() throws {
        let root = try write(["crd.yaml": "apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\n---\napiVersion: v1\nkind: Namespace\nmetadata: {name: ns}\n"])
        let run = try podgrade(["validate", root + "/crd.yaml"])
        XCTAssertEqual(run.status, 0, run.stdout)
        XCTAssertTrue(run.stdout.hasSuffix("\n1 файл, 2 объекта, 0 ошибок, 1 предупреждение\n"), run.stdout)
    }

    func testStandardInput() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: podgradeBinary)
        process.arguments = ["validate", "-", "--lang", "en"]
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        process.environment = env
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(Data("apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec:\n  ports:\n  - {port: 80, targetPort: http}\n  - {port: sds}\n".utf8))
        try input.fileHandleForWriting.close()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 1)
        XCTAssertEqual(text, """
            <stdin>:7:12: error [k8s.schema] spec.ports[1].port: expected an integer, got string
               7 |   - {port: sds}
                 |            ^
            1 file, 1 object, 1 error

            """)
    }

    func testUnusableInputsExitTwo() throws {
        let root = try write([:])
        try FileManager.default.createSymbolicLink(atPath: root + "/loop.yaml", withDestinationPath: "loop.yaml")
        let loop = try podgrade(["validate", root + "/loop.yaml", "--lang", "en"])
        XCTAssertEqual(loop.status, 2)
        XCTAssertEqual(loop.stdout, "")
        XCTAssertEqual(loop.stderr, "podgrade: \(root)/loop.yaml is a symbolic link (to loop.yaml); podgrade does not follow links: commit the file itself.\n")
        let missing = try podgrade(["validate", root + "/none.yaml", "--lang", "en"])
        XCTAssertEqual(missing.status, 2)
        XCTAssertEqual(missing.stderr, "podgrade: \(root)/none.yaml could not be read: No such file or directory.\n")
    }

    /// validate goes through the reporters: the machine formats carry the same findings as its text.
    func testMachineFormatsThroughTheReporters() throws {
        let dir = try temporaryDirectory()
        let file = dir + "/svc.yaml"
        try "apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec:\n  ports:\n  - port: sds\n".write(toFile: file, atomically: true, encoding: .utf8)
        let json = try podgrade(["validate", file, "-f", "json", "--lang", "en"])
        XCTAssertEqual(json.status, 1)
        let result = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let entry = try XCTUnwrap((result["exercises"] as? [[String: Any]])?.first)
        XCTAssertEqual(entry["id"] as? String, file)
        let checks = try XCTUnwrap(entry["checks"] as? [[String: Any]])
        XCTAssertEqual(checks.map { $0["rule"] as? String }, ["yaml.syntax", "k8s.schema", "k8s.valid"])
        XCTAssertEqual(checks.map { $0["status"] as? String }, ["pass", "fail", "pass"])
        XCTAssertEqual(checks[1]["message"] as? String, "spec.ports[0].port: expected an integer, got string")
        XCTAssertEqual((checks[1]["location"] as? [String: Any])?["line"] as? Int, 6)
        XCTAssertEqual((checks[1]["location"] as? [String: Any])?["column"] as? Int, 11)
        // Several formats in one run, as check takes them; the text stays validate's own.
        let both = try podgrade(["validate", file, "-f", "sarif:\(dir)/v.sarif", "-f", "github", "--lang", "en"])
        XCTAssertEqual(both.status, 1)
        XCTAssertTrue(both.stdout.hasPrefix("::error file=\(file),line=6,col=11,"), both.stdout)
        let sarif = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir + "/v.sarif"))) as? [String: Any])
        let results = ((sarif["runs"] as? [[String: Any]])?.first?["results"] as? [[String: Any]]) ?? []
        XCTAssertEqual(results.map { $0["ruleId"] as? String }, ["k8s.schema"])
        let text = try podgrade(["validate", file, "--lang", "en"])
        XCTAssertEqual(text.stdout.split(separator: "\n").last, "1 file, 1 object, 1 error")
    }
}

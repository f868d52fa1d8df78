import XCTest
@testable import PodGradeLSP
import PodGradeCore

/// didOpen/didChange/didSave/didClose: the open buffers graded as the sample
/// learner's repository, and the diagnostics published for the exercise.
final class DocumentTests: XCTestCase {
    let file = "03-sidecar-logging/pod.yaml"

    func testOpenPublishesTheExercisesFindings() async throws {
        let client = Client()
        try await client.initialize()
        client.open(uri(file), try fixture(file))
        let diagnostics = try await client.diagnostics(uri(file))
        XCTAssertEqual(summary(diagnostics), [
            "0:0-0 podgrade.score 3 03-sidecar-logging: 13/15, pass at 15",
            "16:6-10 volume.readonly 1 Container \"log-collector\" mounts \"logs\" at /fluentd/log/nginx writable: add readOnly: true.",
        ])
        XCTAssertEqual(diagnostics[1]["message"]?.string,
                       "Container \"log-collector\" mounts \"logs\" at /fluentd/log/nginx writable: add readOnly: true.\n"
                       + "The log collector only reads: set readOnly: true on its mount of logs so it cannot damage the main container's logs.")
        XCTAssertEqual(diagnostics[1]["source"]?.string, "podgrade")
        XCTAssertEqual(diagnostics[1]["data"]?["check"]?.string, "logs-readonly")
        _ = await client.finish()
    }

    func testIncrementalTypoGivesTheSchemaFindingThenFullSyncClearsIt() async throws {
        let client = Client()
        try await client.initialize()
        let text = try fixture(file)
        client.open(uri(file), text)
        _ = try await client.diagnostics(uri(file))
        client.change(uri(file), version: 2, [["range": range(10, 4, 10, 16), "text": "volumeMount"]])
        let diagnostics = try await client.diagnostics(uri(file))
        XCTAssertEqual(summary(diagnostics), [
            "0:0-0 podgrade.score 3 03-sidecar-logging: 8/15, pass at 15",
            "6:10-20 volume.shared 1 Only \"log-collector\" mounts volume \"logs\"; \"web-server\" does not: a volume one container mounts shares nothing.",
            "16:6-10 volume.readonly 1 Container \"log-collector\" mounts \"logs\" at /fluentd/log/nginx writable: add readOnly: true.",
            "13:10-23 role.sidecar 1 Sidecar \"log-collector\" shares no volume with \"web-server\": it has nothing to work on.",
            "10:4-15 k8s.schema 1 spec.containers[0].volumeMount: unknown field \"volumeMount\" (did you mean \"volumeMounts\"?)",
        ])
        client.change(uri(file), version: 3, [["text": .string(text)]])
        let fixed = try await client.diagnostics(uri(file))
        XCTAssertEqual(summary(fixed).first, "0:0-0 podgrade.score 3 03-sidecar-logging: 13/15, pass at 15")
        XCTAssertEqual(fixed.count, 2)
        _ = await client.finish()
    }

    func testABurstOfEditsGradesOnceWithTheLastText() async throws {
        let client = Client(options: ServerOptions(lang: .en, debounce: .milliseconds(300), log: { _ in }))
        try await client.initialize()
        client.open(uri(file), try fixture(file))
        for version in 2...31 {
            // Types "volumeMount" back and forth; the last edit restores the original text.
            let edit: JSON = version % 2 == 0 ? ["range": range(10, 15, 10, 16), "text": ""] : ["range": range(10, 15, 10, 15), "text": "s"]
            client.change(uri(file), version: version, [edit])
        }
        let published = try await client.wait("diagnostics") { $0["method"]?.string == "textDocument/publishDiagnostics" }
        XCTAssertEqual(published["params"]?["version"], 31)
        XCTAssertEqual(summary(published["params"]?["diagnostics"]?.array ?? []).first, "0:0-0 podgrade.score 3 03-sidecar-logging: 13/15, pass at 15")
        try await Task.sleep(nanoseconds: 400_000_000)
        let all = await client.collector.all()
        XCTAssertEqual(all.filter { $0["method"]?.string == "textDocument/publishDiagnostics" }.count, 1, "one grading for the burst")
        let gradings = await client.server.gradings
        XCTAssertEqual(gradings, 1)
        _ = await client.finish()
    }

    func testCloseRegradesFromDiskAndSaveRereadsIt() async throws {
        let client = Client()
        try await client.initialize()
        client.open(uri(file), "apiVersion: v1\nkind: Pod\n")
        var diagnostics = try await client.diagnostics(uri(file))
        XCTAssertEqual(summary(diagnostics).first, "0:0-0 podgrade.score 3 03-sidecar-logging: 0/15, pass at 15")
        client.notify("textDocument/didSave", ["textDocument": ["uri": .string(uri(file))]])
        diagnostics = try await client.diagnostics(uri(file))
        XCTAssertEqual(summary(diagnostics).first, "0:0-0 podgrade.score 3 03-sidecar-logging: 0/15, pass at 15", "the buffer still wins over the disk")
        client.notify("textDocument/didClose", ["textDocument": ["uri": .string(uri(file))]])
        diagnostics = try await client.diagnostics(uri(file))
        XCTAssertEqual(summary(diagnostics).first, "0:0-0 podgrade.score 3 03-sidecar-logging: 13/15, pass at 15", "closed: the file on disk")
        _ = await client.finish()
    }

    func testLanguageFromInitializationOptionsThenConfiguration() async throws {
        let client = Client()
        try await client.initialize(options: ["podgrade": ["lang": "ru"]])
        client.open(uri(file), try fixture(file))
        var diagnostics = try await client.diagnostics(uri(file))
        XCTAssertEqual(summary(diagnostics), [
            "0:0-0 podgrade.score 3 03-sidecar-logging: 13/15, зачёт от 15",
            "16:6-10 volume.readonly 1 Контейнер «log-collector» монтирует «logs» в /fluentd/log/nginx на запись: добавьте readOnly: true.",
        ])
        client.notify("workspace/didChangeConfiguration", ["settings": ["podgrade": ["lang": "en"]]])
        diagnostics = try await client.diagnostics(uri(file))
        XCTAssertEqual(summary(diagnostics).first, "0:0-0 podgrade.score 3 03-sidecar-logging: 13/15, pass at 15")
        client.notify("workspace/didChangeConfiguration", ["settings": ["podgrade": ["lang": "fr"]]])
        let shown = try await client.wait("showMessage") { $0["method"]?.string == "window/showMessage" }
        XCTAssertEqual(shown["params"]?["message"]?.string, "podgrade: unknown language 'fr': use ru or en")
        _ = await client.finish()
    }

    func testAFileOutsideExerciseFoldersIsGradedByItsObject() async throws {
        let client = Client()
        try await client.initialize()
        let yellow = "misc/yellow.yaml"
        client.open(uri(yellow), try fixture(yellow).replacingOccurrences(of: "image: redis", with: "image: redis\n    imagePullPolicy: Sometimes"))
        let diagnostics = try await client.diagnostics(uri(yellow))
        XCTAssertEqual(summary(diagnostics), [
            "0:0-0 podgrade.score 3 02-yellow: 9/13, pass at 13",
            "6:10-15 container.long-running 1 Container \"lemon\" (busybox) has no command: it exits at once and the pod restarts it forever (CrashLoopBackOff).",
            "10:21-30 k8s.valid 1 spec.containers[1].imagePullPolicy: Unsupported value: \"Sometimes\": supported values: \"Always\", \"IfNotPresent\", \"Never\"",
        ])
        _ = await client.finish()
    }

    func testFindingsOfOneCheckPointAtEachOther() async throws {
        let client = Client()
        try await client.initialize()
        let text = try fixture(file).replacingOccurrences(of: "    image: nginx:latest", with: "    imag: nginx:latest")
            .replacingOccurrences(of: "      mountPath: /fluentd/log/nginx", with: "      mountPth: /fluentd/log/nginx")
        client.open(uri(file), text)
        let diagnostics = try await client.diagnostics(uri(file)).filter { $0["code"]?.string == "k8s.schema" }
        XCTAssertEqual(summary(diagnostics), [
            "7:4-8 k8s.schema 1 spec.containers[0].imag: unknown field \"imag\" (did you mean \"image\"?)",
            "6:4-8 k8s.schema 1 spec.containers[0].image: Required value",
            "17:6-14 k8s.schema 1 spec.containers[1].volumeMounts[0].mountPth: unknown field \"mountPth\" (did you mean \"mountPath\"?)",
            "16:6-10 k8s.schema 1 spec.containers[1].volumeMounts[0].mountPath: Required value",
        ])
        let related = diagnostics[0]["relatedInformation"]?.array ?? []
        XCTAssertEqual(related.map { "\($0["location"]?["uri"]?.string == uri(file)) \($0["location"]?["range"]?["start"]?["line"]?.int ?? -1)" },
                       ["true 6", "true 17", "true 16"])
        XCTAssertEqual(related[1]["message"]?.string, "spec.containers[1].volumeMounts[0].mountPth: unknown field \"mountPth\" (did you mean \"mountPath\"?)")
        _ = await client.finish()
    }

    func testRangesAreUTF16AfterWideCharacters() async throws {
        let client = Client()
        try await client.initialize()
        let text = try fixture(file).replacingOccurrences(of: "    - containerPort: 80", with: "    - {name: \"🙂ё\", containerPort: 80, hostPrt: 1}")
        client.open(uri(file), text)
        let diagnostics = try await client.diagnostics(uri(file)).filter { $0["code"]?.string == "k8s.schema" }
        // "    - {name: "🙂ё", containerPort: 80, " is 38 scalars, 39 UTF-16 units.
        XCTAssertEqual(summary(diagnostics), ["9:39-46 k8s.schema 1 spec.containers[0].ports[0].hostPrt: unknown field \"hostPrt\" (did you mean \"hostPort\"?)"])
        _ = await client.finish()
    }

    func testHoverExplainsTheRuleAndTheLectureSection() async throws {
        let client = Client()
        try await client.initialize()
        let text = try fixture(file).replacingOccurrences(of: "      mountPath: /fluentd/log/nginx", with: "      mountPath: /fluentd/log/nginx\n      readOnly: false")
        client.open(uri(file), text)
        _ = try await client.diagnostics(uri(file))
        let hover = try await client.request("textDocument/hover", ["textDocument": ["uri": .string(uri(file))], "position": ["line": 18, "character": 8]])
        XCTAssertEqual(hover["result"]?["contents"]?["value"]?.string, """
            `spec.containers[1].volumeMounts[0].readOnly`

            **Read-only mounts** (`volume.readonly`)

            A container that only reads a shared volume (a log collector, a monitoring agent) mounts it with readOnly: true, \
            so it cannot damage its neighbour's data, nor, with hostPath, the node's files. Common mistakes: readOnly on the writer's side instead of the reader's (readOnlyOnWriter); a node folder (hostPath) mounted writable (writableHostPath).

            Lecture: section «Общие Volumes в много-контейнерных PODs».

            03-sidecar-logging/logs-readonly: 0 of 2 points (fail)
            """)
        let nothing = try await client.request("textDocument/hover", ["textDocument": ["uri": .string(uri(file))], "position": ["line": 4, "character": 1]])
        XCTAssertEqual(nothing["result"], .null)
        _ = await client.finish()
    }

    func testWithoutAWorkspaceTheExerciseFoldersParentIsTheRepository() async throws {
        let client = Client()
        _ = try await client.request("initialize", ["processId": .null, "rootUri": .null, "capabilities": [:]])
        client.open(uri(file), try fixture(file))
        let diagnostics = try await client.diagnostics(uri(file))
        XCTAssertEqual(summary(diagnostics).first, "0:0-0 podgrade.score 3 03-sidecar-logging: 13/15, pass at 15")
        client.open("untitled:Untitled-1", "kind: Pod\n")
        client.open("file:///top.yaml", "kind: Pod\n")
        _ = try await client.request("shutdown")
        let published = await client.collector.all().filter { $0["method"]?.string == "textDocument/publishDiagnostics" }
        XCTAssertEqual(published.count, 1, "nothing for an untitled buffer or a file at the file system's root")
        _ = await client.finish()
    }

    func testAPortClashPointsAtTheOtherContainer() async throws {
        let client = Client()
        try await client.initialize()
        let text = try fixture(file).replacingOccurrences(of: "    image: fluentd:latest", with: "    image: fluentd:latest\n    ports:\n    - containerPort: 80")
        client.open(uri(file), text)
        let diagnostics = try await client.diagnostics(uri(file)).filter { $0["relatedInformation"] != nil }
        XCTAssertEqual(summary(diagnostics), [
            "16:21-23 role.sidecar 1 Sidecar \"log-collector\" takes the main container's port 80.",
            "16:21-23 ports.unique 1 Port 80/TCP is declared by both \"web-server\" and \"log-collector\": the containers of a pod share one network namespace (localhost), so the second cannot bind it.",
            "16:21-23 k8s.valid 2 spec.containers[1].ports[0].containerPort: port 80/TCP is declared twice in the pod (also at spec.containers[0].ports[0])",
        ])
        for diagnostic in diagnostics {
            XCTAssertEqual(diagnostic["relatedInformation"]?.text, #"[{"location":{"range":{"end":{"character":23,"line":9},"start":{"character":21,"line":9}},"uri":""#
                           + uri(file) + #""},"message":"the same port is declared here"}]"#)
        }
        _ = await client.finish()
    }

    func testEveryFileOfTheExerciseIsPublished() async throws {
        let client = Client()
        try await client.initialize()
        let extra = "03-sidecar-logging/notes.yaml"
        client.open(uri(extra), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: notes\ndata:\n  a: b\n  a: c\n")
        let first = try await client.diagnostics(uri(extra))
        let pod = try await client.diagnostics(uri(file))
        // The score goes on the exercise's first file in path order: notes.yaml.
        XCTAssertEqual(summary(first), ["0:0-0 podgrade.score 3 03-sidecar-logging: 13/15, pass at 15",
                                        "6:2-3 yaml.syntax 3 key \"a\" is repeated (first on line 6)"])
        XCTAssertEqual(summary(pod), ["16:6-10 volume.readonly 1 Container \"log-collector\" mounts \"logs\" at /fluentd/log/nginx writable: add readOnly: true."])
        _ = await client.finish()
    }

    func testAFileThatLeavesAnExerciseGetsAnEmptyList() async throws {
        let client = Client()
        try await client.initialize()
        let yellow = "misc/yellow.yaml"
        let text = try fixture(yellow)
        client.open(uri(yellow), text)
        let before = try await client.diagnostics(uri(yellow))
        XCTAssertEqual(summary(before).first, "0:0-0 podgrade.score 3 02-yellow: 11/13, pass at 13")
        client.change(uri(yellow), version: 2, [["text": .string(text.replacingOccurrences(of: "name: yellow", with: "name: blue"))]])
        let after = try await client.diagnostics(uri(yellow))
        XCTAssertEqual(after, [], "no exercise holds the file any more")
        _ = await client.finish()
    }

    func testACourseFolderFromTheOptions() async throws {
        let client = Client()
        try await client.initialize(options: ["podgrade": ["exercises": .string(packageRoot + "/exercises"), "lang": "en"]])
        client.open(uri(file), try fixture(file))
        let diagnostics = try await client.diagnostics(uri(file))
        XCTAssertEqual(summary(diagnostics).first, "0:0-0 podgrade.score 3 03-sidecar-logging: 13/15, pass at 15")
        client.notify("workspace/didChangeConfiguration", ["settings": ["podgrade": ["exercises": "/nonexistent/course"]]])
        let shown = try await client.wait("showMessage") { $0["method"]?.string == "window/showMessage" }
        XCTAssertEqual(shown["params"]?["message"]?.string, "podgrade: cannot read exercises folder: /nonexistent/course: No such file or directory")
        XCTAssertEqual(shown["params"]?["type"], 1)
        _ = await client.finish()
    }
}

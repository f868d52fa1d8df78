import XCTest
@testable import PodGradeCore
import PodGradeYAML
import PodGradeKubernetes

final class AnalysisTests: XCTestCase {
    func container(_ yaml: String) throws -> Container {
        let file = YAMLReader.read("apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n" + yaml)
        let document = try XCTUnwrap(file.documents.first)
        return try XCTUnwrap(WorkloadDecoder.workloads(in: document).first?.pod?.containers.first)
    }

    func testShellSplitsCommandsRedirectionsAndKeywords() {
        let commands = Shell.parse("while true; do echo \"$(date) hi\" >> /var/log/app.log 2>&1; sleep 5; done")
        XCTAssertEqual(commands.map(\.words), [["true"], ["echo", "$(date) hi"], ["sleep", "5"]])
        XCTAssertEqual(commands.map(\.keyword), ["while", "do", nil])
        XCTAssertEqual(commands[1].redirections.map(\.op), [">>"])
        XCTAssertEqual(commands[1].redirections.map(\.target), ["/var/log/app.log"])
        XCTAssertEqual(Shell.scripts(command: ["/bin/sh", "-c"], args: ["tail -f /x"]), ["tail -f /x"])
        XCTAssertEqual(Shell.scripts(command: ["sleep", "1000"], args: []), ["sleep 1000"])
    }

    func testPathsAndGlobs() {
        XCTAssertEqual(Paths.normalize("/var/log/event-simulator/"), "/var/log/event-simulator")
        XCTAssertEqual(Paths.normalize("/a/./b/../c//d"), "/a/c/d")
        XCTAssertTrue(Paths.read("*.log", covers: "app.log"))
        XCTAssertFalse(Paths.read("*.log", covers: "sub/app.log"))
        XCTAssertTrue(Paths.read("", covers: "anything"))
        XCTAssertTrue(Paths.read("logs", covers: "logs/a.log"))
    }

    func testQuantitiesCompareByValue() throws {
        XCTAssertEqual(Quantity("0.1"), Quantity("100m"))
        XCTAssertEqual(Quantity("64Mi")?.description, "67108864")
        XCTAssertEqual(Quantity("1e3"), Quantity("1k"))
        XCTAssertLessThan(try XCTUnwrap(Quantity("128Mi")), try XCTUnwrap(Quantity("256Mi")))
        XCTAssertNil(Quantity("64MB"))
        XCTAssertNil(Quantity("1.5.0"))
        XCTAssertNil(Quantity(" 1"))
        XCTAssertEqual(ImageReference("nginx")?.name, "docker.io/library/nginx")
        XCTAssertEqual(ImageReference("gcr.io/cadvisor/cadvisor:v0.47.2")?.tag, "v0.47.2")
        XCTAssertEqual(ImageReference("localhost:5000/app@sha256:ab")?.registry, "localhost:5000")
        XCTAssertNil(ImageReference("Nginx"))
    }
}

final class PathsResolveTests: XCTestCase {
    func testResolveGivesThePlaceAndTheMount() throws {
        let file = YAMLReader.read("""
        apiVersion: v1
        kind: Pod
        metadata: {name: p}
        spec:
          containers:
          - name: c
            image: busybox
            workingDir: /work
            volumeMounts:
            - {name: a, mountPath: /data, subPath: logs, readOnly: true}
            - {name: b, mountPath: /data/deeper}
        """)
        let c = try XCTUnwrap(file.documents.first.flatMap { WorkloadDecoder.workloads(in: $0).first?.pod?.containers.first })
        let deep = try XCTUnwrap(Paths.resolve("/data/deeper/x", in: c))
        XCTAssertEqual([deep.place.volume, deep.place.relative, deep.mount.path], ["b", "x", "spec.containers[0].volumeMounts[1]"])
        let shallow = try XCTUnwrap(Paths.resolve("/data/./y/../z.log", in: c))
        XCTAssertEqual([shallow.place.volume, shallow.place.relative], ["a", "logs/z.log"])
        XCTAssertTrue(shallow.mount.isReadOnly)
        XCTAssertNil(Paths.resolve("/etc/hosts", in: c))
        XCTAssertEqual(Paths.place(of: "../data/q", in: c), VolumePlace(volume: "a", relative: "logs/q"))
    }

    func testNormalizeFastPathAgreesWithTheSlowOne() {
        let cases: [(String, String)] = [
            ("/", "/"), ("//", "/"), ("/a/", "/a"), ("/a/.", "/a"), ("/a/..", "/"), ("/.../x", "/.../x"), ("/a/.b", "/a/.b"),
            ("/a/b..", "/a/b.."), ("a/b", "a/b"), ("", "/"), ("/a//b", "/a/b"), ("/var/log/nginx", "/var/log/nginx"), ("/..", "/"),
        ]
        for (path, expected) in cases {
            XCTAssertEqual(Paths.normalize(path), expected, path)
            XCTAssertEqual(Paths.isNormalized(path), path == expected && path.hasPrefix("/"), path)
        }
    }
}

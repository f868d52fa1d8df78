import XCTest
@testable import PodGradeCore
import PodGradeYAML
import PodGradeKubernetes

/// Whether each container keeps running, and why.
final class PodModelLifecycleTests: XCTestCase {
    func lifecycle(_ script: String, image: String = "busybox") throws -> Lifecycle {
        let escaped = script.replacingOccurrences(of: "'", with: "''")
        let m = try podModel("  containers:\n  - {name: c, image: \(image), command: [sh, -c, '\(escaped)']}\n")
        return try XCTUnwrap(m.containers.first?.lifecycle)
    }

    func testScripts() throws {
        let cases: [(String, Lifecycle)] = [
            ("sleep 1000", .keepsRunning(.longSleep(seconds: 1000))),
            ("sleep 10m", .keepsRunning(.longSleep(seconds: 600))),
            ("sleep infinity", .keepsRunning(.sleepsForever)),
            ("sleep 5", .ends(.shortSleep(seconds: 5))),
            ("echo hello", .ends(.finishes)),
            ("echo a; echo b > /tmp/x && cat /tmp/x", .ends(.finishes)),
            ("while true; do date; sleep 5; done", .keepsRunning(.endlessLoop)),
            ("while :; do date; sleep 5; done", .keepsRunning(.endlessLoop)),
            ("while [ 1 ]; do date; sleep 5; done", .keepsRunning(.endlessLoop)),
            ("while sleep 5; do date; done", .keepsRunning(.endlessLoop)),
            ("until false; do date; sleep 5; done", .keepsRunning(.endlessLoop)),
            ("while true; do date; break; done", .ends(.finishes)),
            ("for i in 1 2 3; do echo $i; done", .ends(.finishes)),
            ("until [ -f /x ]; do sleep 1; done; tail -f /x", .keepsRunning(.follows(path: "/x"))),
            ("tail -n+1 -F /var/log/1.log", .keepsRunning(.follows(path: "/var/log/1.log"))),
            ("tail /x", .ends(.finishes)),
            ("httpd -f -p 8080 -h /www", .keepsRunning(.server(program: "httpd"))),
            ("httpd -p 8080 -h /www", .ends(.daemonizes(program: "httpd"))),
            ("nc -lk -p 8080 -e cat", .keepsRunning(.server(program: "nc"))),
            ("nc -l -p 8080", .keepsRunning(.serverOnce(program: "nc"))),
            ("nc localhost 80", .ends(.finishes)),
            ("nginx -g \"daemon off;\"", .keepsRunning(.server(program: "nginx"))),
            ("sleep 60; exit 88", .ends(.exitCommand)),
            ("exec sleep 5", .ends(.shortSleep(seconds: 5))),
            ("[ -f /x ] || exit 1; sleep infinity", .keepsRunning(.sleepsForever)),
            // `set -e`: a command that fails ends the script, except where its status is tested (the oracle found it).
            ("set -e; false; sleep 3600", .ends(.exitCommand)),
            ("set -eu; false; sleep 3600", .ends(.exitCommand)),
            ("set -o errexit; false; sleep 3600", .ends(.exitCommand)),
            ("set -e; false || true; sleep 3600", .keepsRunning(.longSleep(seconds: 3600))),
            ("set -e; if false; then echo; fi; sleep 3600", .keepsRunning(.longSleep(seconds: 3600))),
            ("set -e; set +e; false; sleep 3600", .keepsRunning(.longSleep(seconds: 3600))),
            ("false; sleep 3600", .keepsRunning(.longSleep(seconds: 3600))),
            ("(exit 1); sleep infinity", .keepsRunning(.sleepsForever)),
            ("/start.sh", .unknown(.unknownProgram("start.sh"))),
            ("sh /app/run.sh", .unknown(.unknownProgram("run.sh"))),
            ("bash -x", .ends(.finishes)),
            ("java -jar app.jar", .keepsRunning(.server(program: "java"))),
            ("if [ -f /x ]; then sleep infinity; else sleep infinity; fi", .keepsRunning(.sleepsForever)),
            ("if [ -f /x ]; then sleep infinity; fi", .unknown(.sleepsForever)),
            ("sleep $DELAY", .unknown(.unknownProgram("sleep $DELAY"))),
            ("tail -F /x | while read l; do echo $l; done", .keepsRunning(.follows(path: "/x"))),
            ("wget -qO- http://localhost | head -n 4", .ends(.finishes)),
            ("yes > /dev/null", .keepsRunning(.runsUntilStopped(program: "yes"))),
            ("", .ends(.finishes)),
        ]
        for (script, expected) in cases { XCTAssertEqual(try lifecycle(script), expected, script) }
    }

    func testImagesAndArgs() throws {
        let m = try podModel("""
          containers:
          - {name: a, image: busybox}
          - {name: b, image: nginx:1.25}
          - {name: c, image: registry.k8s.io/pause:3.9}
          - {name: d, image: busybox, args: [sh, -c, 'sleep infinity']}
          - {name: e, image: envoyproxy/envoy:v1.31-latest, args: [--log-level, debug]}
          - {name: f, image: example.com/acme/tool:1, args: [--flag]}
          - {name: g, image: debian, command: []}
        """)
        XCTAssertEqual(m.containers.map(\.lifecycle), [
            .ends(.shellWithoutCommand(image: "busybox")), .keepsRunning(.imageProcess(family: "nginx")),
            .unknown(.imageDefault(image: "registry.k8s.io/pause:3.9")), .keepsRunning(.sleepsForever),
            .keepsRunning(.server(program: "envoy")), .unknown(.imageDefault(image: "example.com/acme/tool:1")),
            .ends(.shellWithoutCommand(image: "debian")),
        ])
        XCTAssertEqual(m.containers.map(\.process.argv), [
            ["sh"], ["nginx", "-g", "daemon off;"], [], ["sh", "-c", "sleep infinity"], ["envoy", "--log-level", "debug"], ["tool", "--flag"],
            ["bash"],
        ])
    }
}

import XCTest
@testable import PodGradeCore
import PodGradeYAML
import PodGradeKubernetes
import PodGradeLab

/// The reference solutions and every manifest of the lab as the model sees them: what the
/// idea rules will read.
final class PodModelSolutionTests: XCTestCase {
    func summary(_ m: PodModel) -> [String] {
        var lines = m.containers.map { c -> String in
            switch c.lifecycle {
            case .keepsRunning(let r): return "\(c.name) runs \(r)"
            case .ends(let r): return "\(c.name) ends \(r)"
            case .unknown(let r): return "\(c.name) ? \(r)"
            }
        }
        lines += m.flows.map { "flow \($0.writer.container) \($0.writer.path) -> \($0.reader.container) \($0.reader.path)" }
        lines += m.connections.map { "\($0.container) -> \($0.host):\($0.port.map(String.init) ?? "?") \($0.hostKind) \(Set($0.listeners.map(\.container)).sorted())" }
        return lines
    }

    func testSolutions() throws {
        var all: [String] = []
        for (path, bytes) in Lab.bundledSolutions.sorted(by: { $0.key < $1.key }) {
            let models = podModels(String(decoding: bytes, as: UTF8.self))
            XCTAssertEqual(models.count, 1, path)
            all += models.flatMap(summary).map { String(path.prefix(2)) + " " + $0 }
        }
        XCTAssertEqual(all, [
            "01 web-server runs imageProcess(family: \"nginx\")",
            "01 cadvisor runs imageProcess(family: \"cadvisor\")",
            "02 lemon runs longSleep(seconds: 1000)",
            "02 gold runs imageProcess(family: \"redis\")",
            "03 web-server runs imageProcess(family: \"nginx\")",
            "03 log-collector runs imageProcess(family: \"fluentd\")",
            "03 flow web-server /var/log/nginx/access.log -> log-collector /var/log/nginx",
            "03 flow web-server /var/log/nginx/error.log -> log-collector /var/log/nginx",
            "04 application runs endlessLoop",
            "04 adapter runs endlessLoop",
            "04 flow application /var/app/status.log -> adapter /data/status.log",
            "05 application runs endlessLoop",
            "05 ambassador runs server(program: \"envoy\")",
            "05 application -> localhost:6379 loopback [\"ambassador\"]",
            "05 ambassador -> redis.database.svc.cluster.local:6379 service []",
            "06 web-server runs imageProcess(family: \"nginx\")",
            "06 metrics-collector runs server(program: \"node_exporter\")",
            "06 metrics-collector -> localhost:80 loopback [\"web-server\"]",
            "07 writer runs endlessLoop",
            "07 reader runs follows(path: \"/shared/data.txt\")",
            "07 flow writer /shared/data.txt -> reader /shared/data.txt",
            "08 web-server runs imageProcess(family: \"nginx\")",
            "08 cadvisor runs imageProcess(family: \"cadvisor\")",
            "09 web-server runs imageProcess(family: \"nginx\")",
            "09 cadvisor runs imageProcess(family: \"cadvisor\")",
            "10 log-shipper runs follows(path: \"/var/log/app/app.log\")",
            "10 app runs endlessLoop",
            "10 flow app /var/log/app/app.log -> log-shipper /var/log/app/app.log",
            "11 web-server runs imageProcess(family: \"nginx\")",
            "11 content-updater runs server(program: \"httpd\")",
            "11 flow content-updater /content/index.html -> web-server /usr/share/nginx/html",
            "12 app runs imageProcess(family: \"event-simulator\")",
            "12 sidecar runs imageProcess(family: \"filebeat\")",
            "12 flow app /log/app.log -> sidecar /var/log/event-simulator",
        ])
    }

    /// Every manifest of the lab (starters, known-wrong cases) builds.
    func testEveryLabManifestBuilds() {
        var pods = 0
        for (path, bytes) in BundledLab.exercises.sorted(by: { $0.key < $1.key })
        where (path.hasSuffix(".yaml") || path.hasSuffix(".json")) && !path.hasSuffix("spec.yaml") && !path.hasSuffix("cases.yaml") {
            pods += podModels(bytes).count
        }
        XCTAssertGreaterThan(pods, 40)
    }
}

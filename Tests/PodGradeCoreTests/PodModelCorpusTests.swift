import Foundation
import XCTest
@testable import PodGradeCore
import PodGradeYAML
import PodGradeKubernetes

/// The model of the 29 real manifests of Tests/Fixtures/corpus, written by nobody here.
final class PodModelCorpusTests: XCTestCase {
    func corpus() throws -> [(String, [PodModel])] {
        let snapshot = try WorkTreeReader.read(root: corpusRoot)
        return snapshot.files.compactMap { file in
            guard case .bytes(let bytes) = file.content else { return nil }
            return (file.path, podModels(String(decoding: bytes, as: UTF8.self)))
        }.sorted { $0.0 < $1.0 }
    }

    func model(_ path: String) throws -> PodModel {
        try XCTUnwrap(corpus().first { $0.0 == path }?.1.first, path)
    }

    /// Every container of every corpus Pod, with whether it keeps running and why.
    func testEveryCorpusPodBuildsWithItsLifecycles() throws {
        let all = try corpus()
        XCTAssertEqual(all.count, 29)
        var lines: [String] = []
        for (path, models) in all {
            XCTAssertEqual(models.count, 1, path)
            for m in models {
                lines.append(path + ": " + m.containers.map { c in
                    switch c.lifecycle {
                    case .keepsRunning: return c.name + " runs"
                    case .ends: return c.name + " ends"
                    case .unknown: return c.name + " ?"
                    }
                }.joined(separator: ", "))
            }
        }
        XCTAssertEqual(lines, [
            "admin/logging/two-files-counter-pod-agent-sidecar.yaml: count runs, count-agent runs",
            "admin/logging/two-files-counter-pod-streaming-sidecar.yaml: count runs, count-log-1 runs, count-log-2 runs",
            "application/deployment-sidecar-legacy.yaml: myapp runs, sidecar-container runs",
            "application/deployment-sidecar.yaml: logshipper runs, myapp runs",
            "application/job/job-sidecar-legacy.yaml: myjob ends, logshipper runs",
            "application/job/job-sidecar.yaml: logshipper runs, myjob ends",
            "application/mysql/mysql-statefulset.yaml: init-mysql ends, clone-mysql ends, mysql runs, xtrabackup runs",
            "kubernetes-examples/_archived/cockroachdb/cockroachdb-statefulset.yaml: bootstrap ?, cockroachdb ?",
            "kubernetes-examples/_archived/elasticsearch/es-rc.yaml: init-sysctl ends, es ?",
            "kubernetes-examples/_archived/javaweb-tomcat-sidecar/javaweb-2.yaml: war ends, tomcat ?",
            "kubernetes-examples/_archived/javaweb-tomcat-sidecar/javaweb.yaml: war ends, tomcat ?",
            "kubernetes-examples/_archived/storage/redis/redis-master.yaml: master runs, sentinel runs",
            "kubernetes-examples/_archived/storage/vitess/vttablet-pod-template.yaml: vttablet ?, mysql ?",
            "pods/init-containers.yaml: install ends, nginx runs",
            "pods/multi-container/adapter.yaml: adapter runs, main-app runs",
            "pods/multi-container/ambassador.yaml: ambassador-sidecar runs, main-app runs",
            "pods/multi-container/localhost.yaml: client runs, web runs",
            "pods/multi-container/resources.yaml: setup ends, log-shipper runs, app runs",
            "pods/multi-container/shared-volume.yaml: content-writer ends, web runs",
            "pods/multi-container/startup-coordination.yaml: config-sidecar runs, main-app runs",
            "pods/qos/qos-pod-4.yaml: qos-demo-4-ctr-1 runs, qos-demo-4-ctr-2 runs",
            "pods/resource/pod-level-resize.yaml: pause ?, nginx-server runs",
            "pods/resource/pod-level-resource-managers-container-scope-mixed.yaml: infrastructure-sidecar ?, worker-1 ?, worker-2 ?",
            "pods/resource/pod-level-resource-managers-empty-shared-pool.yaml: metrics-sidecar ?, logging-sidecar ?, main-app ?",
            "pods/resource/pod-level-resource-managers-pod-scope-mixed.yaml: metrics-sidecar ?, logging-sidecar ?, main-app ?",
            "pods/resource/pod-level-resources.yaml: pod-resources-demo-ctr-1 runs, pod-resources-demo-ctr-2 runs",
            "pods/restart-policy/restart-all-containers.yaml: setup-environment ends, watcher-sidecar ends, main-application runs",
            "pods/share-process-namespace.yaml: nginx runs, shell runs",
            "pods/two-container-pod.yaml: nginx-container runs, debian-container ends",
        ])
    }

    func testWebsiteAdapterSidecarAndAmbassadorExamples() throws {
        let adapter = try model("pods/multi-container/adapter.yaml")
        XCTAssertEqual(adapter.containers.map { "\($0.name) \($0.kind)" }, ["adapter nativeSidecar", "main-app app"])
        XCTAssertEqual(adapter.flows(from: "main-app", to: "adapter").map { "\($0.writer.path) \($0.writer.via) -> \($0.reader.path) \($0.reader.via) [\($0.volume)]" },
                       ["/var/log/app/raw.log >> -> /var/log/app/raw.log tail [shared-logs]"])
        XCTAssertEqual(adapter.container("adapter")?.lifecycle, .keepsRunning(.follows(path: "/var/log/app/raw.log")))
        XCTAssertEqual(adapter.readersOfUnwrittenFiles.count, 0)

        let ambassador = try model("pods/multi-container/ambassador.yaml")
        XCTAssertEqual(ambassador.connections.map { "\($0.container) \($0.host):\($0.port ?? 0) \($0.hostKind) \($0.via) \(Set($0.listeners.map(\.container)).sorted())" }, [
            "ambassador-sidecar external-db.example.com:5432 other socat []",
            "main-app localhost:5432 loopback env [\"ambassador-sidecar\"]",
        ])
        XCTAssertEqual(ambassador.connections.last?.source.path, "spec.containers[0].env[0].value")

        let localhost = try model("pods/multi-container/localhost.yaml")
        XCTAssertEqual(localhost.connections(from: "client").map { "\($0.text) \(Set($0.listeners.map(\.container)).sorted())" },
                       ["http://localhost:80 [\"web\"]"])

        let shared = try model("pods/multi-container/shared-volume.yaml")
        XCTAssertEqual(shared.flows.map { "\($0.writer.container) -> \($0.reader.container) \($0.reader.path) ro=\($0.reader.onReadOnlyMount)" },
                       ["content-writer -> web /usr/share/nginx/html ro=true"])

        let streaming = try model("admin/logging/two-files-counter-pod-streaming-sidecar.yaml")
        XCTAssertEqual(streaming.flows.map { "\($0.writer.container):\($0.writer.place?.relative ?? "") -> \($0.reader.container)" },
                       ["count:1.log -> count-log-1", "count:2.log -> count-log-2"])

        let agent = try model("admin/logging/two-files-counter-pod-agent-sidecar.yaml")
        XCTAssertEqual(agent.container("count-agent")?.family?.name, "fluentd")
        XCTAssertEqual(agent.flows(from: "count", to: "count-agent").map(\.writer.path), ["/var/log/1.log", "/var/log/2.log"])

        let mysql = try model("application/mysql/mysql-statefulset.yaml")
        XCTAssertEqual(mysql.connections(from: "xtrabackup").map { "\($0.host):\($0.port ?? 0) \($0.hostKind) \(Set($0.listeners.map(\.container)).sorted())" },
                       ["127.0.0.1:3306 loopback [\"mysql\"]"])
        XCTAssertEqual(mysql.connections(from: "clone-mysql").map(\.hostKind), [.symbolic])
        XCTAssertEqual(mysql.listeners(of: "xtrabackup").map { "\($0.port) \($0.via)" }, ["3307 declared", "3307 program(\"ncat\")"])

        let restart = try model("pods/restart-policy/restart-all-containers.yaml")
        XCTAssertEqual(restart.container("watcher-sidecar")?.lifecycle, .ends(.exitCommand))
    }

    /// Cost of building the model, printed for the record (PODGRADE_MODEL_BENCH=ROUNDS to run).
    func testModelBuildCost() throws {
        guard let rounds = ProcessInfo.processInfo.environment["PODGRADE_MODEL_BENCH"].flatMap(Int.init) else { return }
        let pods = try WorkTreeReader.read(root: corpusRoot).files.compactMap { file -> [PodSpec]? in
            guard case .bytes(let bytes) = file.content else { return nil }
            return YAMLReader.read(bytes).documents.flatMap { WorkloadDecoder.workloads(in: $0) }.compactMap(\.pod)
        }.flatMap { $0 }
        let solutions = Lab.bundledSolutions.values.flatMap { bytes in
            YAMLReader.read(bytes).documents.flatMap { WorkloadDecoder.workloads(in: $0) }.compactMap(\.pod)
        }
        if ProcessInfo.processInfo.environment["PODGRADE_MODEL_BENCH_EACH"] != nil {
            let only = ProcessInfo.processInfo.environment["PODGRADE_MODEL_BENCH_EACH"] ?? ""
            for (path, bytes) in Lab.bundledSolutions.sorted(by: { $0.key < $1.key }) where path.hasPrefix(only) {
                let set = YAMLReader.read(bytes).documents.flatMap { WorkloadDecoder.workloads(in: $0) }.compactMap(\.pod)
                let start = Date()
                for _ in 0..<rounds { for pod in set { _ = PodModel(pod: pod) } }
                print("PodModel \(path): \(Date().timeIntervalSince(start) / Double(rounds * set.count) * 1e6) µs/pod")
            }
            return
        }
        for (name, set) in [("corpus", pods), ("solutions", solutions)] {
            let start = Date()
            var containers = 0
            for _ in 0..<rounds { for pod in set { containers += PodModel(pod: pod).containers.count } }
            let seconds = Date().timeIntervalSince(start)
            let n = Double(rounds * set.count)
            print("PodModel \(name): \(rounds * set.count) pods (\(containers) containers) in \(seconds) s: \(seconds / n * 1e6) µs/pod, \(Int(n / seconds)) pods/s")
        }
    }
}

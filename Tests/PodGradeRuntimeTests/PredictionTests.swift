import XCTest
import PodGradeYAML
import PodGradeKubernetes
import PodGradeCore
@testable import PodGradeRuntime

/// What the model predicts of a running Pod, and how an observation answers each prediction.
final class PredictionTests: XCTestCase {
    func predictions(_ text: String) throws -> ModelPredictions {
        let document = try XCTUnwrap(YAMLReader.read(text).documents.first)
        let pod = try XCTUnwrap(WorkloadDecoder.workloads(in: document).first?.pod)
        return ModelPredictions(PodModel(pod: pod))
    }

    static let pod = """
    apiVersion: v1
    kind: Pod
    metadata: {name: p}
    spec:
      containers:
      - name: writer
        image: busybox
        command: [sh, -c, 'while true; do echo MARK-writer >> /d/log.txt; sleep 1; done']
        volumeMounts: [{name: data, mountPath: /d}]
      - name: reader
        image: busybox
        command: [tail, -F, /d/log.txt]
        volumeMounts: [{name: data, mountPath: /d, readOnly: true}]
      - name: server
        image: busybox
        command: [httpd, -f, -p, '8080']
        ports: [{containerPort: 9090}]
      - name: client
        image: busybox
        command: [sh, -c, 'while true; do wget -q -O- http://localhost:8080/ && echo CONNECT-OK-8080 || echo CONNECT-FAIL-8080; sleep 1; done']
      - name: once
        image: busybox
        command: [sh, -c, 'echo done']
      - name: nobash
        image: busybox
        command: [bash, -c, 'sleep 1000']
      volumes: [{name: data, emptyDir: {}}]
    """

    func testWhatTheModelPredicts() throws {
        let p = try predictions(Self.pod)
        XCTAssertEqual(p.states, ["writer": .running, "reader": .running, "server": .running, "client": .running, "once": .ended,
                                  "nobash": .failedToStart])
        XCTAssertEqual(p.listening, [8080])
        XCTAssertEqual(p.declaredOnly, [9090])
        XCTAssertEqual(p.files, ["data": ["log.txt"]])
        XCTAssertEqual(p.flows, [ModelPredictions.Pair(from: "writer", to: "reader")])
        XCTAssertEqual(p.connections, [ModelPredictions.Pair(from: "client", to: "8080"): true])
    }

    func testAnObservationAnswersEachPrediction() throws {
        let p = try predictions(Self.pod)
        let seen = PodObservation(containers: [
            ContainerObservation(name: "writer", state: .running, exitCode: 0, restarts: 0, output: [], reason: nil),
            ContainerObservation(name: "reader", state: .running, exitCode: 0, restarts: 0, output: ["MARK-writer"], reason: nil),
            ContainerObservation(name: "server", state: .running, exitCode: 0, restarts: 0, output: [], reason: nil),
            ContainerObservation(name: "client", state: .running, exitCode: 0, restarts: 0, output: ["CONNECT-FAIL-8080", "CONNECT-OK-8080"], reason: nil),
            ContainerObservation(name: "once", state: .running, exitCode: 0, restarts: 0, output: ["done"], reason: nil),
            ContainerObservation(name: "nobash", state: .failedToStart, exitCode: 0, restarts: 0, output: [], reason: "not found"),
        ], listeningPorts: [8080, 7000], volumeFiles: ["data": ["log.txt", "extra"]])
        let compared = p.compare(seen, markers: true)
        let disagreements = compared.filter { !$0.agrees }.map { "\($0.kind.rawValue) \($0.subject): \($0.predicted) / \($0.observed)" }
        XCTAssertEqual(disagreements, ["state once: ended / running", "port 7000: closed / listening", "file data:extra: absent / present"])
        XCTAssertEqual(compared.count, 6 + 3 + 2 + 1 + 1)
        // The last try decides a connection; the markers are needed for flows and connections.
        XCTAssertTrue(compared.contains { $0.kind == .connect && $0.subject == "client→8080" && $0.observed == "answered" })
        XCTAssertEqual(p.compare(seen, markers: false).filter { $0.kind == .flow || $0.kind == .connect }.count, 0)
    }

    func testAnInitContainerThatNeverEndsKeepsTheAppWaiting() throws {
        let p = try predictions("""
        apiVersion: v1
        kind: Pod
        metadata: {name: p}
        spec:
          initContainers: [{name: warm, image: busybox, command: [sleep, '3600']}]
          containers: [{name: app, image: busybox, command: [httpd, -f, -p, '80']}]
        """)
        XCTAssertEqual(p.states, ["app": .waiting])
        XCTAssertEqual(p.listening, [])
    }

    /// Found by the oracle: with `nc -l` and `httpd` on one port, nc binds first, httpd ends, and
    /// the port closes after nc's one client.
    func testAContestedPortIsNotPredicted() throws {
        let p = try predictions("""
        apiVersion: v1
        kind: Pod
        metadata: {name: p}
        spec:
          containers:
          - {name: second, image: busybox, command: [sh, -c, 'nc -l -p 9113 -e cat & exec sleep 3600']}
          - {name: client, image: busybox, command: [sh, -c, 'while true; do wget -q -O- http://127.0.0.1:9113/; sleep 1; done']}
          - {name: server, image: busybox, command: [httpd, -f, -p, '9113']}
        """)
        XCTAssertEqual(p.unknownPorts, [9113])
        XCTAssertEqual(p.listening, [])
        XCTAssertEqual(p.connections, [:])
        XCTAssertEqual(p.states, ["client": .running])
    }

    func testAOneClientServerWithAClientIsNotPredicted() throws {
        let p = try predictions("""
        apiVersion: v1
        kind: Pod
        metadata: {name: p}
        spec:
          containers:
          - {name: s, image: busybox, command: [sh, -c, 'nc -l -p 9000 -e cat & exec sleep 3600']}
          - {name: c, image: busybox, command: [sh, -c, 'while true; do nc localhost 9000 </dev/null; sleep 1; done']}
        """)
        XCTAssertEqual(p.unknownPorts, [9000])
        XCTAssertEqual(p.listening, [])
        XCTAssertEqual(p.connections, [:])
    }
}

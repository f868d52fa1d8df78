import XCTest
import PodGradeYAML
@testable import PodGradeRuntime

/// The copy podman plays: ports dropped, volumes named for the run, the template of a workload.
final class PlayableManifestTests: XCTestCase {
    func root(_ text: String) throws -> Node {
        try XCTUnwrap(YAMLReader.read(text).documents.first?.root)
    }

    func testPortsDroppedVolumesRenamedRestartPolicySet() throws {
        let text = """
        apiVersion: v1
        kind: Pod
        metadata: {name: web, labels: {app: web}}
        spec:
          restartPolicy: Always
          containers:
          - name: a
            image: busybox
            command: [sh, -c, 'echo "hi" > /d/x']
            ports: [{containerPort: 80}]
            livenessProbe: {tcpSocket: {port: 80}}
            volumeMounts: [{name: data, mountPath: /d, readOnly: true}]
          volumes: [{name: data, emptyDir: {}}]
        """
        let playable = try XCTUnwrap(PlayableManifest(try root(text), name: "run-1", restartPolicy: "Never"))
        XCTAssertEqual(playable.volumes, ["data": "run-1-data"])
        XCTAssertEqual(playable.json, #"{"apiVersion":"v1","kind":"Pod","metadata":{"name":"run-1","labels":{"app":"web"}},"spec":{"#
            + #""containers":[{"name":"a","image":"busybox","command":["sh","-c","echo \"hi\" > /d/x"],"#
            + #""volumeMounts":[{"name":"run-1-data","mountPath":"/d","readOnly":true}]}],"#
            + #""volumes":[{"name":"run-1-data","emptyDir":{}}],"restartPolicy":"Never"}}"#)
    }

    func testADeploymentPlaysItsTemplate() throws {
        let text = """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web-app}
        spec:
          replicas: 3
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec:
              containers: [{name: web, image: nginx, ports: [{containerPort: 80}]}]
        """
        let playable = try XCTUnwrap(PlayableManifest(try root(text), name: "run-2", restartPolicy: nil))
        XCTAssertEqual(playable.json, #"{"apiVersion":"v1","kind":"Pod","metadata":{"name":"run-2","labels":{"app":"web"}},"#
            + #""spec":{"containers":[{"name":"web","image":"nginx"}]}}"#)
    }

    func testVariableReferencesAreExpandedAsTheKubeletDoes() throws {
        let text = """
        apiVersion: v1
        kind: Pod
        metadata: {name: p}
        spec:
          containers:
          - name: a
            image: busybox
            env: [{name: DIR, value: /data}, {name: FILE, value: $(DIR)/log.txt}, {name: SECRET, valueFrom: {secretKeyRef: {name: s, key: k}}}]
            command: [sh, -c]
            args: ['echo $(FILE) $(SECRET) $$(FILE) $(NONE) >> $(FILE)']
        """
        let playable = try XCTUnwrap(PlayableManifest(try root(text), name: "run-3", restartPolicy: nil))
        XCTAssertTrue(playable.json.contains(#""args":["echo /data/log.txt $(SECRET) $(FILE) $(NONE) >> /data/log.txt"]"#), playable.json)
    }

    func testWhatReachesTheHost() throws {
        let text = """
        apiVersion: v1
        kind: Pod
        metadata: {name: p}
        spec:
          hostNetwork: true
          containers:
          - {name: a, image: busybox, securityContext: {privileged: true, capabilities: {add: [NET_ADMIN]}}}
          volumes: [{name: root, hostPath: {path: /}}, {name: tmp, emptyDir: {}}]
        """
        XCTAssertEqual(PlayableManifest.hostAccess(try root(text)), ["hostPath /", "hostNetwork", "privileged a", "capabilities a: NET_ADMIN"])
    }

    func testNotAWorkload() throws {
        XCTAssertNil(PlayableManifest(try root("kind: Pod\n"), name: "x", restartPolicy: nil))
        XCTAssertNil(PlayableManifest(try root("just: text\n"), name: "x", restartPolicy: nil))
    }

    func testListeningSocketsOfAProcTable() {
        let table = """
          sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
           0: 00000000:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1 1 0 100 0 0 10 0
           1: 0100007F:0050 0100007F:9C40 01 00000000:00000000 00:00000000 00000000     0        0 2 1 0 100 0 0 10 0
           2: 00000000000000000000000000000000:2391 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000 0 0 3
        """
        XCTAssertEqual(Podman.listeningPorts(table: table), [8080, 9105])
    }

    func testSubprocessStatusOutputAndTimeout() {
        let ok = Subprocess.run(["sh", "-c", "echo out; echo err >&2; exit 3"])
        XCTAssertEqual(ok.status, 3)
        XCTAssertEqual(ok.stdout, "out\n")
        XCTAssertEqual(ok.stderr, "err\n")
        XCTAssertFalse(ok.timedOut)
        let slow = Subprocess.run(["sleep", "30"], timeout: 0.3)
        XCTAssertTrue(slow.timedOut)
        XCTAssertEqual(slow.status, 128 + 9)
        XCTAssertEqual(Subprocess.run(["podgrade-no-such-program"]).status, -1)
    }
}

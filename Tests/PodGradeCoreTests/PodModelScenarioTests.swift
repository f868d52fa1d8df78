import XCTest
@testable import PodGradeCore
import PodGradeYAML
import PodGradeKubernetes

/// The scenarios of issue 12's first section, each as the model sees it.
final class PodModelScenarioTests: XCTestCase {
    func testAnotherImageOfTheSameSoftwareIsTheSameFamily() throws {
        let m = try podModel("""
          containers:
          - {name: web, image: nginxinc/nginx-unprivileged:1.25-alpine}
          - {name: cache, image: "bitnami/redis@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"}
          - {name: shipper, image: fluent/fluentd:v1.16-1}
        """)
        XCTAssertEqual(m.containers.map { $0.family?.name }, ["nginx", "redis", "fluentd"])
        XCTAssertEqual(m.onlyContainer(runningFamily: "nginx")?.name, "web")
        XCTAssertEqual(m.listeners.map { "\($0.container):\($0.port)" }, ["web:8080", "cache:6379", "shipper:24224"])
        XCTAssertEqual(m.containers.map(\.lifecycle), [.keepsRunning(.imageProcess(family: "nginx")), .keepsRunning(.imageProcess(family: "redis")),
                                                      .keepsRunning(.imageProcess(family: "fluentd"))])
    }

    func testRealExporterAsAdapter() throws {
        // node-exporter's textfile collector reads what the application writes.
        let m = try podModel("""
          containers:
          - name: application
            image: busybox:1.36
            command: [sh, -c, 'while true; do echo "app_up 1" > /var/app/status.prom; sleep 5; done']
            volumeMounts: [{name: app-data, mountPath: /var/app}]
          - name: adapter
            image: quay.io/prometheus/node-exporter:v1.8.2
            args: [--collector.textfile.directory=/textfile, "--web.listen-address=:9101"]
            ports: [{name: metrics, containerPort: 9101}]
            volumeMounts: [{name: app-data, mountPath: /textfile, readOnly: true}]
          volumes: [{name: app-data, emptyDir: {}}]
        """)
        XCTAssertEqual(m.flows(from: "application", to: "adapter").map { "\($0.writer.path)->\($0.reader.path)" },
                       ["/var/app/status.prom->/textfile"])
        XCTAssertEqual(m.listeners(of: "adapter").map { "\($0.port) \($0.via)" }, ["9101 declared", "9101 program(\"node_exporter\")"])
        XCTAssertEqual(m.container("adapter")?.lifecycle, .keepsRunning(.server(program: "node_exporter")))
        XCTAssertEqual(m.container("adapter")?.process.argv, ["/bin/node_exporter", "--collector.textfile.directory=/textfile", "--web.listen-address=:9101"])

        // nginx's exporter scrapes the web server on localhost.
        let n = try podModel("""
          containers:
          - {name: application, image: nginx:1.25, ports: [{containerPort: 80}]}
          - name: adapter
            image: nginx/nginx-prometheus-exporter:1.1
            args: ["--nginx.scrape-uri=http://localhost/stub_status"]
            ports: [{name: metrics, containerPort: 9113}]
        """)
        let scrape = try XCTUnwrap(n.connections(from: "adapter").first)
        XCTAssertEqual([scrape.host, "\(scrape.port ?? 0)", "\(scrape.hostKind)"], ["localhost", "80", "loopback"])
        XCTAssertEqual(Set(scrape.listeners.map(\.container)), ["application"])
        XCTAssertEqual(scrape.source.path, "spec.containers[1].args[0]")
        XCTAssertEqual(n.listeners(of: "adapter").map(\.port), [9113, 9113])
    }

    func testSubPathWriterAndReaderMeetThroughDifferentMountPaths() throws {
        let m = try podModel("""
          containers:
          - name: writer
            image: busybox
            command: [sh, -c, 'while true; do date >> /out/status.txt; sleep 5; done']
            volumeMounts: [{name: data, mountPath: /out, subPath: app}]
          - name: reader
            image: alpine
            command: [sh, -c, 'tail -F /in/app/status.txt']
            volumeMounts: [{name: data, mountPath: /in}]
          - name: single-file
            image: alpine
            command: [sh, -c, 'while true; do cat /etc/status.txt; sleep 10; done']
            volumeMounts: [{name: data, mountPath: /etc/status.txt, subPath: app/status.txt}]
          volumes: [{name: data, emptyDir: {}}]
        """)
        XCTAssertEqual(m.files.filter { !$0.isStdout }.map { "\($0.container) \($0.kind) \($0.place?.volume ?? "-"):\($0.place?.relative ?? "-")" },
                       ["writer write data:app/status.txt", "reader read data:app/status.txt", "single-file read data:app/status.txt"])
        XCTAssertEqual(m.flows(from: "writer", to: "reader").count, 1)
        XCTAssertEqual(m.flows(from: "writer", to: "single-file").count, 1)
        XCTAssertEqual(m.readersOfUnwrittenFiles.count, 0)
        XCTAssertEqual(m.onlySharedVolume("writer", "reader"), "data")
    }

    func testNetcatHostPortThroughEnvironment() throws {
        let m = try podModel(ambassadorPod(host: "localhost"))
        let c = try XCTUnwrap(m.connections(from: "application").first)
        XCTAssertEqual(["\(c.host):\(c.port ?? 0)", c.via, c.text, "\(c.hostKind)"], ["localhost:6379", "nc", "localhost 6379", "loopback"])
        XCTAssertEqual(c.listeners.map { "\($0.container) \($0.via)" }, ["ambassador declared", "ambassador envoy"])
        XCTAssertEqual(m.connections(from: "application").count, 1, "the env pair names the same address once")
        XCTAssertEqual(m.connections(from: "ambassador").map { "\($0.host):\($0.port ?? 0) \($0.hostKind)" },
                       ["redis.database.svc.cluster.local:6379 service"])
        XCTAssertEqual(m.listeners(of: "ambassador").map { "\($0.port) \($0.address ?? "-")" }, ["6379 -", "6379 127.0.0.1"])

        // The application bypassing the ambassador: its address is the Service itself.
        let direct = try podModel(ambassadorPod(host: "redis.database.svc.cluster.local"))
        XCTAssertEqual(direct.connections(from: "application").map { "\($0.host):\($0.port ?? 0) \($0.hostKind)" },
                       ["redis.database.svc.cluster.local:6379 service"])
    }

    func ambassadorPod(host: String) -> String {
        """
          containers:
          - name: application
            image: busybox:1.36
            env:
            - {name: DB_HOST, value: \(host)}
            - {name: DB_PORT, value: "6379"}
            command: [sh, -c]
            args:
            - |
              while true; do
                printf 'PING\\r\\n' | nc -w 2 "$DB_HOST" "$DB_PORT"
                sleep 10
              done
          - name: ambassador
            image: envoyproxy/envoy:v1.31-latest
            args:
            - --config-yaml
            - |
              static_resources:
                listeners:
                - name: redis
                  address:
                    socket_address: {address: 127.0.0.1, port_value: 6379}
                clusters:
                - name: redis
                  load_assignment:
                    endpoints:
                    - lb_endpoints:
                      - endpoint:
                          address:
                            socket_address: {address: redis.database.svc.cluster.local, port_value: 6379}
            ports:
            - containerPort: 6379
        """
    }

    func testStdoutApplicationAndAdapterReadingAFileNobodyWrites() throws {
        let m = try podModel("""
          containers:
          - name: application
            image: busybox
            command: [sh, -c, 'while true; do echo "$(date) STATUS: OK"; sleep 5; done']
            volumeMounts: [{name: app-data, mountPath: /var/app}]
          - name: adapter
            image: busybox
            command: [sh, -c, 'while true; do grep -q OK /data/status.log && echo up; sleep 5; done']
            volumeMounts: [{name: app-data, mountPath: /data, readOnly: true}]
          volumes: [{name: app-data, emptyDir: {}}]
        """)
        XCTAssertTrue(m.writesOnlyToStdout("application"))
        XCTAssertEqual(m.writes(of: "application").map { "\($0.isStdout) \($0.via)" }, ["true echo"])
        XCTAssertEqual(m.flows.count, 0)
        XCTAssertEqual(m.readersOfUnwrittenFiles.map { "\($0.container) \($0.path) \($0.via)" }, ["adapter /data/status.log grep"])
        XCTAssertEqual(m.readersOfUnwrittenFiles.first?.source.path, "spec.containers[1].command[2]")
    }

    func testBusyboxWithoutCommandEnds() throws {
        let m = try podModel("""
          containers:
          - {name: application, image: "busybox:1.36"}
          - {name: helper, image: alpine, args: [sleep, "5"]}
          - {name: ok, image: ubuntu, args: [sleep, infinity]}
        """)
        XCTAssertEqual(m.containers.map(\.lifecycle), [.ends(.shellWithoutCommand(image: "busybox:1.36")), .ends(.shortSleep(seconds: 5)),
                                                      .keepsRunning(.sleepsForever)])
        XCTAssertEqual(m.containers.map { m.keepsRunning($0.name) }, [false, false, true])
        XCTAssertEqual(m.containers.map(\.process.origin), [.imageDefault, .args, .args])
    }

    func testContainerNameUsedAsHost() throws {
        let m = try podModel("""
          containers:
          - {name: web-server, image: nginx, ports: [{containerPort: 80}]}
          - name: metrics-collector
            image: prom/node-exporter
            command: [sh, -c, 'while true; do wget -q -O /dev/null http://web-server:80/; sleep 15; done & exec /bin/node_exporter']
        """)
        let c = try XCTUnwrap(m.connections(from: "metrics-collector").first)
        XCTAssertEqual(["\(c.host):\(c.port ?? 0)", "\(c.hostKind)", c.text], ["web-server:80", "podContainer(\"web-server\")", "http://web-server:80/"])
        XCTAssertEqual(c.listeners.count, 0)
        XCTAssertEqual(c.source.path, "spec.containers[1].command[2]")
        XCTAssertEqual(c.source.mark, Mark(line: 9, column: 23))
    }

    func testLocalhostOnAPortNobodyListensOn() throws {
        let m = try podModel("""
          containers:
          - {name: web, image: nginx, ports: [{containerPort: 80}]}
          - {name: probe, image: curlimages/curl, command: [sh, -c, 'while true; do curl -s localhost:8081/health; sleep 5; done']}
        """)
        let c = try XCTUnwrap(m.connections(from: "probe").first)
        XCTAssertEqual(["\(c.host):\(c.port ?? 0)", "\(c.hostKind)"], ["localhost:8081", "loopback"])
        XCTAssertEqual(c.listeners.count, 0)
        XCTAssertEqual(m.listenedPorts, [80])
    }

    func testReadOnlyOnTheWritersSide() throws {
        let m = try podModel("""
          containers:
          - name: web-server
            image: nginx:1.25
            volumeMounts: [{name: logs, mountPath: /var/log/nginx, readOnly: true}]
          - name: log-collector
            image: fluentd
            volumeMounts: [{name: logs, mountPath: /logs}]
          volumes: [{name: logs, emptyDir: {}}]
        """)
        XCTAssertEqual(m.writesOnReadOnlyMounts.map { "\($0.container) \($0.path)" },
                       ["web-server /var/log/nginx/access.log", "web-server /var/log/nginx/error.log"])
        XCTAssertEqual(m.writesOnReadOnlyMounts.first?.mount?.readOnly?.path, "spec.containers[0].volumeMounts[0].readOnly")
        XCTAssertEqual(m.flows(from: "web-server", to: "log-collector").map(\.reader.path), ["/logs", "/logs"])
        XCTAssertEqual(m.reads(of: "log-collector").map(\.onReadOnlyMount), [false])
    }

    func testNativeSidecarsAndInitContainersThatNeverEnd() throws {
        let m = try podModel("""
          initContainers:
          - {name: shipper, image: busybox, restartPolicy: Always, command: [sh, -c, 'tail -F /logs/app.log'], volumeMounts: [{name: logs, mountPath: /logs}]}
          - {name: stuck, image: busybox, command: [sh, -c, 'tail -f /dev/null']}
          - {name: setup, image: busybox, command: [sh, -c, 'echo ready > /logs/ready'], volumeMounts: [{name: logs, mountPath: /logs}]}
          - {name: missing-policy, image: busybox, command: [sh, -c, 'tail -F /logs/app.log'], volumeMounts: [{name: logs, mountPath: /logs}]}
          containers:
          - {name: app, image: busybox, command: [sh, -c, 'while true; do date >> /logs/app.log; sleep 1; done'], volumeMounts: [{name: logs, mountPath: /logs}]}
          volumes: [{name: logs, emptyDir: {}}]
        """)
        XCTAssertEqual(m.containers.map { "\($0.name) \($0.kind) \($0.isLongLived) \($0.blocksPodStart)" }, [
            "shipper nativeSidecar true false", "stuck initContainer false true", "setup initContainer false false",
            "missing-policy initContainer false true", "app app true false",
        ])
        XCTAssertEqual(m.containers(playing: .nativeSidecar).map(\.name), ["shipper"])
        XCTAssertEqual(m.containers(playing: .writer).map(\.name), ["setup", "app"])
        XCTAssertEqual(m.containers(playing: .reader, excluding: ["app"]).map(\.name), ["shipper", "missing-policy"])
    }
}

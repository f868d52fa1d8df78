import XCTest
@testable import PodGradeCore
import PodGradeYAML
import PodGradeKubernetes

/// What each process writes and reads, as places on volumes.
final class PodModelFileTests: XCTestCase {
    func facts(_ m: PodModel, _ container: String) -> [String] {
        m.files.filter { $0.container == container }.map { f in
            f.isStdout ? "stdout \(f.via)" : "\(f.kind) \(f.path) \(f.place.map { "\($0.volume):\($0.relative)" } ?? "-") \(f.via)"
        }
    }

    /// `exec >> FILE` with no program sends the rest of the script's output to FILE.
    func testExecRedirectionKeepsForTheRestOfTheScript() throws {
        let m = try podModel("""
          containers:
          - name: w
            image: busybox
            command: [sh, -c]
            args:
            - |
              echo starting
              exec >> /data/status.log
              while :; do echo "$(date) STATUS: OK"; sleep 3; done
            volumeMounts:
            - {name: shared, mountPath: /data}
        """)
        XCTAssertEqual(facts(m, "w"), ["write /data/status.log shared:status.log >>", "stdout echo"])
    }

    func testProgramsRedirectionsAndTools() throws {
        let m = try podModel("""
          containers:
          - name: w
            image: busybox
            workingDir: /work
            command: [sh, -c]
            args:
            - |
              date | tee -a /data/a.log
              cp /etc/hosts out/h.txt
              mv /data/tmp /data/final
              touch /data/ready; mkdir -p /data/dir
              echo x 2> /data/err.log >> /data/b.log
              while read line; do echo "$line"; done < /data/in.txt
              sed -i 's/a/b/' /data/conf
              head -n 5 /data/head.txt; grep -v DEBUG /data/g.log; awk '{print $1}' /data/awk.txt
              wget -O /data/page.html http://example.com/
              cd /data && cat rel.txt
              python3 -m http.server 8000 -d /data/www
            volumeMounts:
            - {name: shared, mountPath: /data}
            - {name: scratch, mountPath: /work/out}
        """)
        XCTAssertEqual(facts(m, "w"), [
            "write /data/a.log shared:a.log tee",
            "write /work/out/h.txt scratch:h.txt cp",
            "read /etc/hosts - cp",
            "write /data/final shared:final mv",
            "read /data/tmp shared:tmp mv",
            "create /data/ready shared:ready touch",
            "create /data/dir shared:dir mkdir",
            "write /data/err.log shared:err.log 2>",
            "write /data/b.log shared:b.log >>",
            "read /data/in.txt shared:in.txt <",
            "read /data/conf shared:conf sed",
            "write /data/conf shared:conf sed",
            "read /data/head.txt shared:head.txt head",
            "read /data/g.log shared:g.log grep",
            "read /data/awk.txt shared:awk.txt awk",
            "write /data/page.html shared:page.html wget",
            "read /data/rel.txt shared:rel.txt cat",
            "read /data/www shared:www http.server",
            "stdout echo",
        ])
    }

    func testImageKnowledgeAndLogShippersReadTheirMounts() throws {
        let m = try podModel("""
          containers:
          - name: app
            image: kodekloud/event-simulator
            volumeMounts: [{name: log-volume, mountPath: /log}]
          - name: sidecar
            image: docker.elastic.co/beats/filebeat:8.14.0
            volumeMounts: [{name: log-volume, mountPath: /var/log/event-simulator/}]
          - name: bit
            image: fluent/fluent-bit:3.0
            volumeMounts: [{name: log-volume, mountPath: /logs, subPath: app}]
          volumes: [{name: log-volume, hostPath: {path: /var/log/webapp}}]
        """)
        XCTAssertEqual(facts(m, "app"), ["write /log/app.log log-volume:app.log event-simulator"])
        XCTAssertEqual(facts(m, "sidecar"), ["read /var/log/event-simulator log-volume: filebeat"])
        XCTAssertEqual(facts(m, "bit"), ["read /logs log-volume:app fluent-bit"])
        XCTAssertEqual(m.flows(from: "app", to: "sidecar").count, 1)
        XCTAssertEqual(m.flows(from: "app", to: "bit").count, 0, "subPath app/ is not where app.log is")
        XCTAssertEqual(m.writableHostPaths.map { "\($0.volume.name) \($0.container)" }, ["log-volume app", "log-volume sidecar", "log-volume bit"])
        XCTAssertEqual(m.readersOfUnwrittenFiles.count, 0, "a hostPath may hold files from outside the Pod")
        XCTAssertEqual(m.containers(playing: .logShipper).map(\.name), ["sidecar", "bit"])
    }

    func testVolumesSharingAndQueries() throws {
        let m = try podModel("""
          containers:
          - {name: a, image: busybox, command: [sleep, infinity], volumeMounts: [{name: one, mountPath: /one}, {name: two, mountPath: /two}]}
          - {name: b, image: busybox, command: [sleep, infinity], volumeMounts: [{name: one, mountPath: /x}, {name: undeclared, mountPath: /u}]}
          volumes: [{name: one, emptyDir: {}}, {name: two, emptyDir: {}}, {name: unused, configMap: {name: c}}]
        """)
        XCTAssertEqual(m.volumes.map { "\($0.name) \($0.type ?? "-") \($0.containers)" },
                       ["one emptyDir [\"a\", \"b\"]", "two emptyDir [\"a\"]", "unused configMap []", "undeclared - [\"b\"]"])
        XCTAssertEqual(m.sharedVolumes("a", "b"), ["one"])
        XCTAssertEqual(m.onlySharedVolume("a", "b"), "one")
        XCTAssertEqual(m.volumesMountedByOne.map(\.name), ["two", "undeclared"])
    }

    func testImplicitReadsAreNotUnwrittenFiles() throws {
        // Exercise 01's answer: cadvisor reads its mounts and nginx serves its folder, of an emptyDir nobody writes.
        let m = try podModel("""
          containers:
          - {name: web-server, image: nginx:1.25, volumeMounts: [{name: shared-storage, mountPath: /usr/share/nginx/html}]}
          - {name: cadvisor, image: gcr.io/cadvisor/cadvisor:v0.47.2, volumeMounts: [{name: shared-storage, mountPath: /var/log}]}
          - {name: reader, image: busybox, command: [sh, -c, 'tail -f /data/x.log'], volumeMounts: [{name: shared-storage, mountPath: /data}]}
          volumes: [{name: shared-storage, emptyDir: {}}]
        """)
        XCTAssertEqual(m.reads(of: "web-server").map { "\($0.path) \($0.isImplicit) \($0.source.path)" },
                       ["/usr/share/nginx/html true spec.containers[0].image", "/etc/nginx true spec.containers[0].image"])
        XCTAssertEqual(m.reads(of: "cadvisor").map { "\($0.path) \($0.isImplicit) \($0.source.path)" },
                       ["/var/log true spec.containers[1].volumeMounts[0].mountPath"])
        XCTAssertEqual(m.readersOfUnwrittenFiles.map { "\($0.container) \($0.path)" }, ["reader /data/x.log"])
    }

    /// Past the few files compared one by one, a container's files are still recorded once each.
    func testManyFilesRecordedOnceEach() throws {
        let writes = (1...40).map { "echo x > /data/f\($0).log" }
        let script = (writes + writes + ["sleep 3600"]).joined(separator: "; ")
        let m = try podModel("""
          containers:
          - name: w
            image: busybox
            command: [sh, -c, '\(script)']
            volumeMounts:
            - {name: shared, mountPath: /data}
        """)
        XCTAssertEqual(m.writes(of: "w").map(\.path), (1...40).map { "/data/f\($0).log" })
    }

    func testRecordedKeysPastTheScanLimit() {
        var keys = ContainerBuilder.RecordedKeys<ContainerBuilder.FileKey>()
        let paths = (1...50).map { "/data/f\($0)" }
        XCTAssertEqual(paths.map { keys.insert(.init(kind: .write, path: $0)) }, Array(repeating: true, count: 50))
        XCTAssertEqual(paths.map { keys.insert(.init(kind: .write, path: $0)) }, Array(repeating: false, count: 50))
        XCTAssertTrue(keys.insert(.init(kind: .read, path: "/data/f1")))
    }
}

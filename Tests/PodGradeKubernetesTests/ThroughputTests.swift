import Testing
import PodGradeYAML
@testable import PodGradeKubernetes

#if canImport(Glibc)
import Glibc
#endif

/// Not a gate: prints checks per second over a typical two-container pod when
/// PODGRADE_BENCH is set (run it with `-c release`).
@Suite struct ThroughputTests {
    @Test func schemaAndValidationThroughput() {
        guard getenv("PODGRADE_BENCH") != nil else { return }
        let text = pod(meta: "labels: {app: web-server}", spec: "volumes:\n- name: html\n  emptyDir: {}\n- name: root\n  hostPath: {path: /}",
                       container: """
                       ports: [{containerPort: 80, name: http}]
                       resources:
                         requests: {memory: 64Mi, cpu: 100m}
                         limits: {memory: 128Mi, cpu: 200m}
                       volumeMounts: [{name: html, mountPath: /usr/share/nginx/html}]
                       """, after: """
                       - name: cadvisor
                         image: gcr.io/cadvisor/cadvisor
                         ports: [{containerPort: 8080, name: metrics}]
                         volumeMounts: [{name: root, mountPath: /rootfs, readOnly: true}]
                       """)
        guard let document = YAMLReader.read(text).documents.first else { return }
        let rounds = 50_000
        var count = 0
        var start = timespec(), end = timespec()
        clock_gettime(CLOCK_MONOTONIC, &start)
        for _ in 0..<rounds { count += ObjectChecker.check(document: document).count }
        clock_gettime(CLOCK_MONOTONIC, &end)
        let seconds = Double(end.tv_sec - start.tv_sec) + Double(end.tv_nsec - start.tv_nsec) / 1e9
        print("schema+validation: \(Int(Double(rounds) / seconds)) pods/s (\(count) issues)")
        func measure(_ name: String, _ body: () -> Int) {
            var a = timespec(), b = timespec()
            clock_gettime(CLOCK_MONOTONIC, &a)
            var n = 0
            for _ in 0..<rounds { n += body() }
            clock_gettime(CLOCK_MONOTONIC, &b)
            let s = Double(b.tv_sec - a.tv_sec) + Double(b.tv_nsec - a.tv_nsec) / 1e9
            print("\(name): \(Int(Double(rounds) / s)) pods/s (\(n))")
        }
        measure("schema") { SchemaChecker.check(document.root, path: "").count }
        measure("decode") { WorkloadDecoder.workloads(in: document).count }
        let workloads = WorkloadDecoder.workloads(in: document)
        measure("validate") { workloads.flatMap(PodValidator.validate).count }
        var parseStart = timespec(), parseEnd = timespec()
        clock_gettime(CLOCK_MONOTONIC, &parseStart)
        for _ in 0..<rounds / 10 { count += YAMLReader.read(text).documents.count }
        clock_gettime(CLOCK_MONOTONIC, &parseEnd)
        let parseSeconds = Double(parseEnd.tv_sec - parseStart.tv_sec) + Double(parseEnd.tv_nsec - parseStart.tv_nsec) / 1e9
        print("yaml read: \(Int(Double(rounds / 10) / parseSeconds)) pods/s")
    }
}

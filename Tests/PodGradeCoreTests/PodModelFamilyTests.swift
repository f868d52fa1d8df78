import XCTest
@testable import PodGradeCore

/// Image families: registry, `library/`, tag and digest never matter.
final class PodModelFamilyTests: XCTestCase {
    func testFamilies() {
        let cases: [(String, String?)] = [
            ("nginx", "nginx"), ("nginx:1.25", "nginx"), ("docker.io/library/nginx:1.25-alpine", "nginx"),
            ("index.docker.io/library/nginx@sha256:abc", "nginx"), ("mirror.gcr.io/library/nginx", "nginx"),
            ("public.ecr.aws/docker/library/nginx:latest", "nginx"), ("nginxinc/nginx-unprivileged:stable", "nginx"),
            ("bitnami/nginx:1.27", "nginx"), ("redis:7", "redis"), ("bitnami/redis", "redis"), ("registry.k8s.io/redis:v1", "redis"),
            ("fluentd:v1.16-1", "fluentd"), ("fluent/fluentd:v1.16", "fluentd"), ("bitnami/fluentd", "fluentd"),
            ("registry.k8s.io/fluentd-gcp:1.30", "fluentd"), ("fluent/fluent-bit:3.0", "fluent-bit"),
            ("busybox:1.36", "busybox"), ("registry.k8s.io/busybox:1.27.2", "busybox"), ("alpine:3.20", "alpine"),
            ("ubuntu:24.04", "ubuntu"), ("debian:bookworm", "debian"),
            ("envoyproxy/envoy:v1.31-latest", "envoy"), ("prom/node-exporter:v1.8.2", "node-exporter"),
            ("quay.io/prometheus/node-exporter:v1.8.2", "node-exporter"), ("bitnami/node-exporter", "node-exporter"),
            ("gcr.io/cadvisor/cadvisor:v0.47.2", "cadvisor"), ("google/cadvisor:latest", "cadvisor"),
            ("docker.elastic.co/beats/filebeat:8.14.0", "filebeat"), ("elastic/filebeat:8.14.0", "filebeat"),
            ("kodekloud/filebeat-configured", "filebeat"), ("kodekloud/event-simulator", "event-simulator"),
            ("nginx/nginx-prometheus-exporter:1.1", "nginx-prometheus-exporter"), ("alpine/socat:1.8.0.3", "socat"),
            ("my-app:latest", nil), ("registry.k8s.io/pause:3.9", nil), ("NotAnImage", nil), ("", nil),
        ]
        for (image, family) in cases { XCTAssertEqual(ImageFamilies.family(of: image)?.name, family, image) }
        XCTAssertTrue(ImageFamilies.sameFamily("nginx", "bitnami/nginx:latest"))
        XCTAssertFalse(ImageFamilies.sameFamily("nginx", "redis"))
        XCTAssertEqual(ImageFamilies.family(of: "alpine")?.isShell, true)
        XCTAssertEqual(ImageFamilies.family(of: "fluent/fluent-bit")?.kind, .logShipper)
        XCTAssertEqual(ImageFamilies.allFamilies.count, Set(ImageFamilies.allFamilies).count)
    }
}

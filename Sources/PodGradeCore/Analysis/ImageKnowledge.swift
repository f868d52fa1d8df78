import PodGradeKubernetes

/// What well-known images do without being told: where they write, what they
/// read or serve, which ports they listen on. Lets the analyses understand an
/// `nginx` container that has no command at all.
public struct ImageKnowledge: Sendable {
    public let writes: [String]
    public let reads: [String]
    /// Log shippers and monitors read whatever is mounted into them.
    public let readsMounts: Bool
    public let listens: [Int]
    /// Images whose default command is a shell or a one-shot program.
    public let isShell: Bool

    static let table: [String: ImageKnowledge] = {
        let shell = ImageKnowledge(writes: [], reads: [], readsMounts: false, listens: [], isShell: true)
        let shipper = ImageKnowledge(writes: [], reads: [], readsMounts: true, listens: [], isShell: false)
        var t: [String: ImageKnowledge] = [
            "nginx": ImageKnowledge(writes: ["/var/log/nginx/access.log", "/var/log/nginx/error.log"],
                                    reads: ["/usr/share/nginx/html", "/etc/nginx"], readsMounts: false, listens: [80], isShell: false),
            "httpd": ImageKnowledge(writes: ["/usr/local/apache2/logs"], reads: ["/usr/local/apache2/htdocs"],
                                    readsMounts: false, listens: [80], isShell: false),
            "event-simulator": ImageKnowledge(writes: ["/log/app.log"], reads: [], readsMounts: false, listens: [], isShell: false),
            "cadvisor": ImageKnowledge(writes: [], reads: [], readsMounts: true, listens: [8080], isShell: false),
            "node-exporter": ImageKnowledge(writes: [], reads: [], readsMounts: true, listens: [9100], isShell: false),
            "redis": ImageKnowledge(writes: ["/data"], reads: ["/data"], readsMounts: false, listens: [6379], isShell: false),
        ]
        for name in ["busybox", "alpine", "ubuntu", "debian", "centos", "fedora", "rockylinux", "almalinux",
                     "amazonlinux", "bash", "archlinux", "opensuse", "leap", "oraclelinux", "photon"] {
            t[name] = shell
        }
        for name in ["fluentd", "fluent-bit", "filebeat", "filebeat-configured", "logstash", "promtail", "vector",
                     "fluentd-elasticsearch", "fluentd-kubernetes-daemonset", "otel-collector", "opentelemetry-collector"] {
            t[name] = shipper
        }
        return t
    }()

    public static func of(_ image: String?) -> ImageKnowledge? {
        guard let image, let reference = ImageReference(image) else { return nil }
        return table[reference.shortName]
    }

    /// Whether the container runs a shell image (busybox, alpine, ubuntu...).
    public static func isShellImage(_ image: String?) -> Bool {
        of(image)?.isShell ?? false
    }
}

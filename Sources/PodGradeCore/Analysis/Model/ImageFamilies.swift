import Synchronization
import PodGradeKubernetes

/// The software an image runs, whoever packaged it. Registry, `library/`, tag and digest
/// never matter: `nginx`, `docker.io/library/nginx:1.25`, `mirror.gcr.io/nginx@sha256:…`,
/// `nginxinc/nginx-unprivileged` and `bitnami/nginx` are all the `nginx` family.
///
/// An image is in a family when its repository (without registry and `library/`) is one of
/// the family's repositories, or when its last path component is one of the family's names
/// (a mirror such as `registry.k8s.io/redis` or `myregistry.example/team/nginx`).
public struct ImageFamily: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// A general-purpose image whose default process is a shell (busybox, alpine...).
        case shell
        /// A long-lived server or agent (nginx, redis, envoy, node-exporter...).
        case server
        /// A log shipper: reads what is mounted into it (fluentd, fluent-bit, filebeat...).
        case logShipper
        /// A sample application that writes logs (kodekloud/event-simulator).
        case application
    }

    /// The family's name: `nginx`, `redis`, `node-exporter`...
    public let name: String
    public let kind: Kind

    public var isShell: Bool { kind == .shell }
}

/// What an image does without being told (its entrypoint, default command, ports, files).
public struct ImageDefaults: Sendable {
    public let family: ImageFamily
    /// Always prepended to the container's args (`/bin/node_exporter`, `socat`).
    public let entrypoint: [String]
    /// The default command (CMD), run when neither command nor args are given.
    public let defaultCommand: [String]
    /// The program an entrypoint script puts before args that start with `-` (envoy, redis-server).
    public let dashArgsProgram: String?
    /// Ports its default process listens on.
    public let listens: [Int]
    /// Files its default process writes, and reads or serves.
    public let writes: [String]
    public let reads: [String]
    /// Log shippers and monitors read whatever is mounted into them.
    public let readsMounts: Bool
    /// An environment variable the image's start script reads as its main port
    /// (`NGINX_HTTP_PORT_NUMBER` of Bitnami's nginx): it replaces the first of `listens`.
    public let portVariable: String?
}

public enum ImageFamilies {
    struct Entry {
        let family: String
        let kind: ImageFamily.Kind
        /// Repositories without registry and `library/`.
        let repositories: [String]
        /// Last path components that name the software when mirrored elsewhere.
        let names: [String]
        let entrypoint: [String]
        let command: [String]
        let dashArgsProgram: String?
        let listens: [Int]
        let writes: [String]
        let reads: [String]
        let readsMounts: Bool
        let portVariable: String?

        init(_ family: String, _ kind: ImageFamily.Kind, repositories: [String], names: [String] = [], entrypoint: [String] = [],
             command: [String], dashArgsProgram: String? = nil, listens: [Int] = [], writes: [String] = [], reads: [String] = [],
             readsMounts: Bool = false, portVariable: String? = nil) {
            self.family = family; self.kind = kind; self.repositories = repositories; self.names = names
            self.entrypoint = entrypoint; self.command = command; self.dashArgsProgram = dashArgsProgram
            self.listens = listens; self.writes = writes; self.reads = reads; self.readsMounts = readsMounts
            self.portVariable = portVariable
        }
    }

    /// The table: one line per image (several images may share a family).
    static let entries: [Entry] = {
        let nginxFiles = (writes: ["/var/log/nginx/access.log", "/var/log/nginx/error.log"], reads: ["/usr/share/nginx/html", "/etc/nginx"])
        var e: [Entry] = [
            Entry("nginx", .server, repositories: ["nginx"], names: ["nginx"], command: ["nginx", "-g", "daemon off;"],
                  listens: [80], writes: nginxFiles.writes, reads: nginxFiles.reads),
            Entry("nginx", .server, repositories: ["nginxinc/nginx-unprivileged", "nginx/nginx-unprivileged"],
                  names: ["nginx-unprivileged"], command: ["nginx", "-g", "daemon off;"], listens: [8080],
                  writes: nginxFiles.writes, reads: nginxFiles.reads),
            Entry("nginx", .server, repositories: ["bitnami/nginx", "bitnamilegacy/nginx"], command: ["/opt/bitnami/scripts/nginx/run.sh"],
                  listens: [8080], reads: ["/app"], portVariable: "NGINX_HTTP_PORT_NUMBER"),
            Entry("httpd", .server, repositories: ["httpd", "bitnami/apache"], names: ["httpd"], command: ["httpd-foreground"],
                  listens: [80], writes: ["/usr/local/apache2/logs"], reads: ["/usr/local/apache2/htdocs"]),
            Entry("redis", .server, repositories: ["redis", "bitnami/redis", "redis/redis-stack-server", "bitnamilegacy/redis"],
                  names: ["redis"], command: ["redis-server"], dashArgsProgram: "redis-server", listens: [6379],
                  writes: ["/data"], reads: ["/data"]),
            Entry("envoy", .server, repositories: ["envoyproxy/envoy", "envoyproxy/envoy-alpine", "envoyproxy/envoy-distroless",
                                                   "envoyproxy/envoy-dev", "bitnami/envoy"], names: ["envoy"],
                  command: ["envoy", "-c", "/etc/envoy/envoy.yaml"], dashArgsProgram: "envoy", listens: [10000, 9901]),
            Entry("haproxy", .server, repositories: ["haproxy", "haproxytech/haproxy-alpine", "bitnami/haproxy"], names: ["haproxy"],
                  command: ["haproxy", "-f", "/usr/local/etc/haproxy/haproxy.cfg"], dashArgsProgram: "haproxy"),
            Entry("socat", .server, repositories: ["alpine/socat"], names: ["socat"], entrypoint: ["socat"], command: []),
            Entry("node-exporter", .server, repositories: ["prom/node-exporter", "prometheus/node-exporter", "bitnami/node-exporter",
                                                           "bitnamilegacy/node-exporter"],
                  names: ["node-exporter"], entrypoint: ["/bin/node_exporter"], command: [], listens: [9100]),
            Entry("cadvisor", .server, repositories: ["cadvisor/cadvisor", "google/cadvisor", "bitnami/cadvisor"], names: ["cadvisor"],
                  entrypoint: ["/usr/bin/cadvisor", "-logtostderr"], command: [], listens: [8080], readsMounts: true),
            Entry("nginx-prometheus-exporter", .server, repositories: ["nginx/nginx-prometheus-exporter", "nginxinc/nginx-prometheus-exporter",
                                                                       "bitnami/nginx-exporter"],
                  names: ["nginx-prometheus-exporter", "nginx-exporter"], entrypoint: ["/usr/bin/nginx-prometheus-exporter"], command: [],
                  listens: [9113]),
            Entry("redis-exporter", .server, repositories: ["oliver006/redis_exporter", "bitnami/redis-exporter"],
                  names: ["redis_exporter", "redis-exporter"], entrypoint: ["/redis_exporter"], command: [], listens: [9121]),
            Entry("statsd-exporter", .server, repositories: ["prom/statsd-exporter"], names: ["statsd-exporter"],
                  entrypoint: ["/bin/statsd_exporter"], command: [], listens: [9102, 9125]),
            Entry("blackbox-exporter", .server, repositories: ["prom/blackbox-exporter"], names: ["blackbox-exporter"],
                  entrypoint: ["/bin/blackbox_exporter"], command: [], listens: [9115]),
            Entry("json-exporter", .server, repositories: ["prometheuscommunity/json-exporter"], names: ["json-exporter"],
                  entrypoint: ["/bin/json_exporter"], command: [], listens: [7979]),
            Entry("prometheus", .server, repositories: ["prom/prometheus", "bitnami/prometheus"], names: ["prometheus"],
                  entrypoint: ["/bin/prometheus"], command: [], listens: [9090]),
            Entry("fluentd", .logShipper, repositories: ["fluentd", "fluent/fluentd", "bitnami/fluentd", "fluent/fluentd-kubernetes-daemonset",
                                                         "fluentd-gcp", "fluentd-elasticsearch", "google_containers/fluentd-gcp",
                                                         "google-containers/fluentd-gcp", "google_containers/fluentd-elasticsearch"],
                  names: ["fluentd", "fluentd-gcp", "fluentd-elasticsearch", "fluentd-kubernetes-daemonset"],
                  command: ["fluentd"], dashArgsProgram: "fluentd", listens: [24224], readsMounts: true),
            Entry("fluent-bit", .logShipper, repositories: ["fluent/fluent-bit", "bitnami/fluent-bit", "fluent-bit"], names: ["fluent-bit"],
                  entrypoint: ["/fluent-bit/bin/fluent-bit"], command: ["-c", "/fluent-bit/etc/fluent-bit.conf"], listens: [2020],
                  readsMounts: true),
            Entry("filebeat", .logShipper, repositories: ["elastic/filebeat", "beats/filebeat", "kodekloud/filebeat-configured", "bitnami/filebeat"],
                  names: ["filebeat", "filebeat-configured", "filebeat-oss"], command: ["filebeat", "-environment", "container"],
                  dashArgsProgram: "filebeat", readsMounts: true),
            Entry("logstash", .logShipper, repositories: ["logstash", "elastic/logstash", "logstash/logstash", "bitnami/logstash"],
                  names: ["logstash"], command: ["logstash"], dashArgsProgram: "logstash", listens: [5044, 9600], readsMounts: true),
            Entry("promtail", .logShipper, repositories: ["grafana/promtail"], names: ["promtail"], entrypoint: ["/usr/bin/promtail"],
                  command: ["-config.file=/etc/promtail/config.yml"], listens: [9080], readsMounts: true),
            Entry("vector", .logShipper, repositories: ["timberio/vector"], names: ["vector"], entrypoint: ["/usr/bin/vector"], command: [],
                  readsMounts: true),
            Entry("opentelemetry-collector", .logShipper, repositories: ["otel/opentelemetry-collector", "otel/opentelemetry-collector-contrib"],
                  names: ["opentelemetry-collector", "opentelemetry-collector-contrib", "otel-collector"], entrypoint: ["/otelcol"], command: [],
                  listens: [4317, 4318], readsMounts: true),
            Entry("event-simulator", .application, repositories: ["kodekloud/event-simulator"], names: ["event-simulator"],
                  command: ["python", "event-simulator.py"], writes: ["/log/app.log"]),
            Entry("mysql", .server, repositories: ["mysql", "bitnami/mysql"], names: ["mysql"], command: ["mysqld"], listens: [3306]),
            Entry("mariadb", .server, repositories: ["mariadb", "bitnami/mariadb"], names: ["mariadb"], command: ["mariadbd"], listens: [3306]),
            Entry("postgres", .server, repositories: ["postgres", "bitnami/postgresql"], names: ["postgres", "postgresql"],
                  command: ["postgres"], listens: [5432]),
            Entry("memcached", .server, repositories: ["memcached", "bitnami/memcached"], names: ["memcached"], command: ["memcached"],
                  dashArgsProgram: "memcached", listens: [11211]),
            Entry("mongo", .server, repositories: ["mongo", "bitnami/mongodb"], names: ["mongo", "mongodb"], command: ["mongod"],
                  dashArgsProgram: "mongod", listens: [27017]),
            Entry("rabbitmq", .server, repositories: ["rabbitmq", "bitnami/rabbitmq"], names: ["rabbitmq"], command: ["rabbitmq-server"],
                  listens: [5672]),
            Entry("curl", .shell, repositories: ["curlimages/curl"], names: [], entrypoint: ["/entrypoint.sh"], command: ["curl"]),
        ]
        let shells: [(String, [String], [String])] = [
            ("busybox", ["busybox"], ["sh"]), ("alpine", ["alpine"], ["/bin/sh"]), ("ubuntu", ["ubuntu"], ["/bin/bash"]),
            ("debian", ["debian"], ["bash"]), ("centos", ["centos"], ["/bin/bash"]), ("fedora", ["fedora"], ["/bin/bash"]),
            ("rockylinux", ["rockylinux", "rockylinux/rockylinux"], ["/bin/bash"]), ("almalinux", ["almalinux"], ["/bin/bash"]),
            ("amazonlinux", ["amazonlinux"], ["/bin/bash"]), ("bash", ["bash"], ["bash"]), ("archlinux", ["archlinux"], ["/usr/bin/bash"]),
            ("opensuse", ["opensuse/leap", "opensuse/tumbleweed"], ["/bin/bash"]), ("oraclelinux", ["oraclelinux"], ["/bin/bash"]),
            ("photon", ["photon"], ["/bin/bash"]), ("netshoot", ["nicolaka/netshoot"], ["zsh"]),
            ("ubi", ["ubi8/ubi", "ubi9/ubi", "ubi8/ubi-minimal", "ubi9/ubi-minimal", "redhat/ubi8", "redhat/ubi9"], ["/bin/bash"]),
        ]
        for (name, repositories, command) in shells {
            e.append(Entry(name, .shell, repositories: repositories, names: [name], command: command))
        }
        return e
    }()

    static let byRepository: [String: Int] = {
        var t: [String: Int] = [:]
        for (k, entry) in entries.enumerated() {
            for repository in entry.repositories where t[repository] == nil { t[repository] = k }
        }
        return t
    }()

    static let byName: [String: Int] = {
        var t: [String: Int] = [:]
        for (k, entry) in entries.enumerated() {
            for name in entry.names where t[name] == nil { t[name] = k }
        }
        return t
    }()

    /// Lookups already made, by image text: a class writes the same few images again and
    /// again, and reading a reference costs more than the table lookup. Bounded.
    private static let seen = Mutex<[String: Int]>([:])
    private static let seenLimit = 4096

    static func entry(_ image: String?) -> Entry? {
        guard let image else { return nil }
        if let k = seen.withLock({ $0[image] }) { return k < 0 ? nil : entries[k] }
        let k = index(image)
        seen.withLock { table in
            if table.count >= seenLimit { table.removeAll(keepingCapacity: true) }
            table[image] = k ?? -1
        }
        return k.map { entries[$0] }
    }

    private static func index(_ image: String) -> Int? {
        guard let reference = ImageReference(image) else { return nil }
        var repository = Substring(reference.repository)
        if repository.hasPrefix("library/") { repository = repository.dropFirst(8) }
        // Mirrors of the Docker library (`public.ecr.aws/docker/library/nginx`).
        if repository.hasPrefix("docker/library/") { repository = repository.dropFirst(15) }
        return byRepository[String(repository)] ?? byName[reference.shortName]
    }

    /// The family of an image reference, or nil for an image not in the table.
    public static func family(of image: String?) -> ImageFamily? {
        entry(image).map { ImageFamily(name: $0.family, kind: $0.kind) }
    }

    /// What the image does by default, when it is in the table.
    public static func defaults(of image: String?) -> ImageDefaults? {
        guard let e = entry(image) else { return nil }
        return ImageDefaults(family: ImageFamily(name: e.family, kind: e.kind), entrypoint: e.entrypoint, defaultCommand: e.command,
                             dashArgsProgram: e.dashArgsProgram, listens: e.listens, writes: e.writes, reads: e.reads,
                             readsMounts: e.readsMounts, portVariable: e.portVariable)
    }

    /// Whether two images run the same software.
    public static func sameFamily(_ a: String?, _ b: String?) -> Bool {
        guard let fa = family(of: a), let fb = family(of: b) else { return false }
        return fa.name == fb.name
    }

    /// Programs a shell image does not ship: a command that runs one fails with "not found".
    /// Only the minimal images are listed; a distribution image may have installed anything.
    static let lacking: [String: Set<String>] = {
        let common: Set<String> = ["bash", "curl", "python", "python3", "node", "npm", "jq", "git", "zsh", "perl", "ruby", "java",
                                   "redis-server", "redis-cli", "nginx", "envoy", "psql", "mysql", "apt-get", "apt", "yum", "dnf"]
        return ["busybox": common.union(["apk"]), "alpine": common]
    }()

    /// Commands that install software: after one, a program the image lacked may be there.
    public static let packageManagers: Set<String> = ["apk", "apt-get", "apt", "yum", "dnf", "microdnf", "pip", "pip3", "npm", "zypper"]

    /// The programs a family's image is known not to ship, or nil when podgrade cannot tell.
    public static func lacks(family: String) -> Set<String>? { lacking[family] }

    /// The names of every family in the table, for documentation and tests.
    public static var allFamilies: [String] {
        var seen = Set<String>()
        return entries.map(\.family).filter { seen.insert($0).inserted }
    }
}

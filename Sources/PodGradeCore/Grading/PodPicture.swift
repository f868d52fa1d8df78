public import PodGradeKubernetes
public import PodGradeYAML

/// What podgrade understood of one Pod (or pod template), for a learner to see: its
/// containers with their ports, processes and lifecycles, its volumes and mounts, the
/// file flows between containers and the connections they make. Made from `PodModel`
/// when a picture is asked for (`Grader.grade(_:only:describePods:)`, `podgrade explain
/// --pod`); reporters draw it and never read the YAML again. Encoded as an exercise's
/// `pod` in `podgrade.result/v1` (a documented extension).
public struct PodPicture: Codable, Sendable, Equatable {
    /// `Pod`, `Deployment`...
    public var kind: String
    public var name: String
    /// The file the object is in.
    public var file: String
    public var containers: [Container]
    public var volumes: [Volume]
    public var flows: [Flow]
    public var connections: [Connection]

    public struct Container: Codable, Sendable, Equatable {
        public enum Kind: String, Codable, Sendable {
            case app
            /// An init container that must finish before the app containers start.
            case initContainer
            /// An init container with `restartPolicy: Always`: runs beside the app.
            case nativeSidecar
        }

        public enum Lifecycle: String, Codable, Sendable { case keepsRunning, ends, unknown }

        public var name: String
        public var image: String?
        public var kind: Kind
        public var lifecycle: Lifecycle
        /// The command line run, on one line and shortened (the image's default when
        /// `fromImage`); nil when podgrade does not know the image's own command.
        public var process: String?
        public var fromImage: Bool
        public var ports: [Port]
    }

    /// A port a container listens on: declared in `ports`, found in its process, or both.
    public struct Port: Codable, Sendable, Equatable {
        public var port: Int
        public var declared: Bool
        /// What is found to listen (`httpd`, `nc`, an image family, `envoy`); nil when only declared.
        public var listener: String?
    }

    public struct Volume: Codable, Sendable, Equatable {
        public var name: String
        /// `emptyDir`, `hostPath`, `configMap`...; nil when not declared or not exactly one source.
        public var type: String?
        public var mounts: [Mount]
    }

    public struct Mount: Codable, Sendable, Equatable {
        public var container: String
        public var path: String
        public var readOnly: Bool
        public var subPath: String?
    }

    /// Data one container writes and another reads at the same place of a volume.
    public struct Flow: Codable, Sendable, Equatable {
        public var writer: String
        public var reader: String
        public var volume: String
        /// The place on the volume, relative to its root (`data.txt`; `/` for the whole volume).
        public var file: String
    }

    public struct Connection: Codable, Sendable, Equatable {
        public enum HostKind: String, Codable, Sendable { case loopback, podContainer, service, other, symbolic }

        public var from: String
        public var host: String
        public var port: Int?
        public var hostKind: HostKind
        /// For a loopback connection: the container listening on that port (another one
        /// first); nil when nothing in the Pod listens there.
        public var listener: String?
    }

    public init(kind: String, name: String, file: String, containers: [Container], volumes: [Volume], flows: [Flow],
                connections: [Connection]) {
        self.kind = kind
        self.name = name
        self.file = file
        self.containers = containers
        self.volumes = volumes
        self.flows = flows
        self.connections = connections
    }

    /// The longest process text kept.
    static let processLimit = 72

    /// The picture of a workload's Pod; nil when it has no pod spec.
    public init?(_ workload: Workload, file: String) {
        guard let pod = workload.pod else { return nil }
        self.init(PodModel(pod: pod), kind: workload.kind, name: workload.displayName, file: file)
    }

    public init(_ model: PodModel, kind: String, name: String, file: String) {
        self.kind = kind
        self.name = name
        self.file = file
        containers = model.containers.map { c in
            var ports: [Port] = []
            for listener in model.listeners(of: c.name) {
                let index: Int
                if let found = ports.firstIndex(where: { $0.port == listener.port }) {
                    index = found
                } else {
                    ports.append(Port(port: listener.port, declared: false, listener: nil))
                    index = ports.count - 1
                }
                switch listener.via {
                case .declared: ports[index].declared = true
                case .program(let p): ports[index].listener = ports[index].listener ?? p
                case .image(let f): ports[index].listener = ports[index].listener ?? f
                case .envoy: ports[index].listener = ports[index].listener ?? "envoy"
                }
            }
            ports.sort { $0.port < $1.port }
            let kind: Container.Kind
            switch c.kind {
            case .app: kind = .app
            case .initContainer: kind = .initContainer
            case .nativeSidecar: kind = .nativeSidecar
            }
            let lifecycle: Container.Lifecycle
            switch c.lifecycle {
            case .keepsRunning: lifecycle = .keepsRunning
            case .ends: lifecycle = .ends
            case .unknown: lifecycle = .unknown
            }
            return Container(name: c.name, image: c.image, kind: kind, lifecycle: lifecycle, process: Self.summary(c.process),
                             fromImage: c.process.origin == .imageDefault, ports: ports)
        }
        volumes = model.volumes.map { v in
            Volume(name: v.name, type: v.type, mounts: v.mounts.map { m in
                Mount(container: m.container, path: m.mount.mountPath?.value ?? "", readOnly: m.mount.isReadOnly,
                      subPath: m.mount.subPath?.value ?? m.mount.subPathExpr?.value)
            })
        }
        var flows: [Flow] = []
        for f in model.flows {
            let place = f.writer.place?.relative ?? ""
            let read = f.reader.place?.relative ?? ""
            // The narrower of the two places: a reader of the whole folder gets the writer's file.
            let file = place.count >= read.count ? place : read
            let flow = Flow(writer: f.writer.container, reader: f.reader.container, volume: f.volume, file: file.isEmpty ? "/" : file)
            if !flows.contains(flow) { flows.append(flow) }
        }
        self.flows = flows
        connections = model.connections.map { n in
            let hostKind: Connection.HostKind
            switch n.hostKind {
            case .loopback: hostKind = .loopback
            case .podContainer: hostKind = .podContainer
            case .service: hostKind = .service
            case .other: hostKind = .other
            case .symbolic: hostKind = .symbolic
            }
            let listener = n.listeners.first { $0.container != n.container } ?? n.listeners.first
            return Connection(from: n.container, host: n.host, port: n.port, hostKind: hostKind, listener: listener?.container)
        }
    }

    /// The process on one line: the `sh -c` script or the command line, blanks folded, shortened.
    static func summary(_ process: PodProcess) -> String? {
        if process.origin == .unknownImage { return nil }
        let text = process.script ?? process.argv.map { word in
            word.isEmpty || word.contains(where: { $0 == " " || $0 == "\t" }) ? "'" + word + "'" : word
        }.joined(separator: " ")
        var out = ""
        var blank = false
        for ch in text {
            if ch == " " || ch == "\t" || ch == "\n" || ch == "\r" {
                blank = !out.isEmpty
                continue
            }
            if blank { out.append(" "); blank = false }
            out.append(ch)
        }
        if out.count > processLimit { out = String(out.prefix(processLimit - 1)) + "…" }
        return out.isEmpty ? nil : out
    }

    /// The pictures of every Pod and pod template in a manifest text, in file order.
    public static func pictures(in bytes: [UInt8], file: String, limits: YAMLLimits = .default) -> [PodPicture] {
        YAMLReader.read(bytes, limits: limits).documents.flatMap { WorkloadDecoder.workloads(in: $0) }
            .compactMap { PodPicture($0, file: file) }
    }
}

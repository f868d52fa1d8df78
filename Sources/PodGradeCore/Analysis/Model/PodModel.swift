public import PodGradeKubernetes

/// The picture the lecture draws of one Pod, built once and read by every idea rule:
/// each container's process, the files it writes and reads on volumes, the ports it
/// listens on and where it connects, and whether it keeps running.
public struct PodModel: Sendable {
    /// Init containers (and native sidecars) first, then app containers, in manifest order.
    public let containers: [ModelContainer]
    public let volumes: [ModelVolume]
    public let files: [FileFact]
    public let listeners: [Listener]
    public let connections: [Connection]
    /// Every write of one container read by another on the same volume place.
    public let flows: [FileFlow]

    /// Whether files, listeners, connections and flows were built (`processesOnly: false`).
    public let isComplete: Bool

    /// The whole model.
    public init(pod: PodSpec) { self.init(pod: pod, processesOnly: false) }

    /// With `processesOnly`, only containers (processes, lifecycles) and volumes, with no
    /// files, ports, connections or flows: cheaper, for checks that need no more.
    public init(pod: PodSpec, processesOnly: Bool) {
        var containers: [ModelContainer] = []
        var files: [FileFact] = []
        var listeners: [Listener] = []
        var raw: [(container: Container, name: String, connections: [(String, Int?, String, String, Located<String>, Int?)])] = []
        for spec in pod.allContainers {
            let built = ContainerBuilder(spec, processesOnly: processesOnly)
            containers.append(built.container)
            files += built.files
            listeners += built.listeners
            raw.append((spec, built.container.name, built.connections))
        }
        var connections: [Connection] = []
        // Most Pods make no connection: then no tables of names.
        let connecting = raw.contains { !$0.connections.isEmpty }
        let names = connecting ? Set(containers.map(\.name)) : []
        let longLived = connecting ? Set(containers.filter(\.isLongLived).map(\.name)) : []
        for (_, name, list) in raw {
            var seen = Set<String>()
            for (host, port, via, text, source, line) in list {
                guard seen.insert(host.lowercased() + ":" + (port.map(String.init) ?? "")).inserted else { continue }
                let kind = Self.classify(host, containerNames: names)
                let on = kind == .loopback && port != nil
                    ? listeners.filter { $0.port == port && (longLived.contains($0.container) || $0.container == name) } : []
                connections.append(Connection(container: name, host: host, port: port, hostKind: kind, via: via, text: text,
                                              source: source, scriptLine: line, listeners: on))
            }
        }
        var volumes: [ModelVolume] = []
        var volumeNames: [String] = pod.volumes.compactMap { $0.name?.value }
        for container in containers {
            for mount in container.spec.volumeMounts {
                if let name = mount.name?.value, !volumeNames.contains(name) { volumeNames.append(name) }
            }
        }
        for name in volumeNames {
            let spec = pod.volume(named: name)
            var mounts: [(container: String, mount: VolumeMount)] = []
            for container in containers {
                for mount in container.spec.volumeMounts where mount.name?.value == name { mounts.append((container.name, mount)) }
            }
            volumes.append(ModelVolume(name: name, type: spec?.type, spec: spec, mounts: mounts))
        }
        var flows: [FileFlow] = []
        let writes = files.filter { $0.kind == .write && $0.place != nil }
        let reads = files.filter { $0.kind == .read && $0.place != nil }
        for w in writes {
            guard let wp = w.place else { continue }
            for r in reads where r.container != w.container {
                guard let rp = r.place, rp.volume == wp.volume else { continue }
                if Paths.read(rp.relative, covers: wp.relative) || Paths.read(wp.relative, covers: rp.relative) {
                    flows.append(FileFlow(writer: w, reader: r))
                }
            }
        }
        self.containers = containers
        self.volumes = volumes
        self.files = files
        self.listeners = listeners
        self.connections = connections
        self.flows = flows
        self.isComplete = !processesOnly
    }

    // MARK: - Hosts

    static let commonTopLevelDomains: Set<String> = [
        "com", "org", "net", "io", "dev", "ru", "uk", "de", "info", "edu", "gov", "co", "app", "cloud", "ai", "me", "us", "eu",
        "biz", "xyz", "fr", "nl", "jp", "cn", "in", "br", "su", "by", "kz", "ua", "tech", "site", "online", "ch", "se", "it", "es",
        "pl", "ca", "au", "example", "test", "invalid", "internal", "localdomain",
    ]

    /// Who a host is, seen from a container of this Pod.
    public static func classify(_ host: String, containerNames: Set<String>) -> HostKind {
        var h = host.lowercased()
        if h.hasPrefix("["), h.hasSuffix("]") { h = String(h.dropFirst().dropLast()) }
        if h.hasSuffix(".") { h = String(h.dropLast()) }
        if h.utf8.contains(UInt8(ascii: "$")) { return .symbolic }
        if h == "localhost" || h == "localhost.localdomain" || h == "ip6-localhost" || h == "ip6-loopback" || h == "::1"
            || h == "0.0.0.0" || h == "::" || h == "0:0:0:0:0:0:0:1" || h.hasSuffix(".localhost") { return .loopback }
        // Split over bytes: a split into Characters costs far more, and `.` is ASCII.
        let octets = h.utf8.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        if octets.count == 4, octets.allSatisfy({ UInt8(Substring($0)) != nil }) {
            return octets[0].elementsEqual("127".utf8) ? .loopback : .other
        }
        if containerNames.contains(host) || containerNames.contains(h) { return .podContainer(containerNames.contains(host) ? host : h) }
        if h.isEmpty || h.utf8.contains(UInt8(ascii: ":")) { return .other }
        let labels = h.utf8.split(separator: UInt8(ascii: "."))
        if labels.count == 1 { return .service }
        if labels.contains(where: { $0.elementsEqual("svc".utf8) }) || h.hasSuffix(".cluster.local") { return .service }
        if labels.count == 2, let last = labels.last, !commonTopLevelDomains.contains(String(Substring(last))) { return .service }
        return .other
    }

    // MARK: - Queries

    public func container(_ name: String) -> ModelContainer? { containers.first { $0.name == name } }

    /// Names of the volumes both containers mount.
    public func sharedVolumes(_ a: String, _ b: String) -> [String] {
        volumes.filter { $0.containers.contains(a) && $0.containers.contains(b) }.map(\.name)
    }

    /// Data that `writer` writes and `reader` reads at the same volume place.
    public func flows(from writer: String, to reader: String) -> [FileFlow] {
        flows.filter { $0.writer.container == writer && $0.reader.container == reader }
    }

    /// The files a container writes (`.write` or `.create`), stdout included.
    public func writes(of container: String) -> [FileFact] {
        files.filter { $0.container == container && $0.kind != .read }
    }

    public func reads(of container: String) -> [FileFact] {
        files.filter { $0.container == container && $0.kind == .read }
    }

    /// Whether the container's only output is its standard output (it writes no file).
    public func writesOnlyToStdout(_ container: String) -> Bool {
        let w = files.filter { $0.container == container && $0.kind == .write }
        return !w.isEmpty && w.allSatisfy(\.isStdout)
    }

    /// Reads the learner wrote of a place on an emptyDir volume that no container writes
    /// content to: the volume starts empty, so the reader waits for data that never comes.
    /// Other volume types may hold files from outside the Pod and are not judged; implicit
    /// reads (nginx serving its html folder, a shipper reading its mounts) are left to the
    /// rules, since an empty served folder is not a mistake of its own.
    public var readersOfUnwrittenFiles: [FileFact] {
        // The writes are gathered at the first read that needs them: most Pods have none.
        var writes: [FileFact]?
        return files.filter { read in
            guard read.kind == .read, !read.isImplicit, let place = read.place, !read.isSymbolic,
                  volumes.first(where: { $0.name == place.volume })?.type == "emptyDir" else { return false }
            let written = writes ?? files.filter { $0.kind == .write && $0.place != nil }
            writes = written
            return !written.contains { w in
                guard let wp = w.place, wp.volume == place.volume else { return false }
                return Paths.read(place.relative, covers: wp.relative) || Paths.read(wp.relative, covers: place.relative)
            }
        }
    }

    /// Writes through a mount that is read-only (the writer's side set readOnly).
    public var writesOnReadOnlyMounts: [FileFact] {
        files.filter { $0.kind != .read && $0.onReadOnlyMount }
    }

    /// Volumes declared or mounted that only one container mounts.
    public var volumesMountedByOne: [ModelVolume] {
        volumes.filter { $0.containers.count == 1 }
    }

    /// hostPath volumes mounted writable by some container: (volume, container, mount).
    public var writableHostPaths: [(volume: ModelVolume, container: String, mount: VolumeMount)] {
        volumes.filter { $0.type == "hostPath" }.flatMap { v in
            v.mounts.filter { !$0.mount.isReadOnly }.map { (v, $0.container, $0.mount) }
        }
    }

    public func connections(from container: String) -> [Connection] {
        connections.filter { $0.container == container }
    }

    /// Every listener on a port (declared or found), any container.
    public func listeners(port: Int) -> [Listener] {
        listeners.filter { $0.port == port }
    }

    public func listeners(of container: String) -> [Listener] {
        listeners.filter { $0.container == container }
    }

    /// Ports the long-lived containers listen on (declared or found), sorted, each once.
    public var listenedPorts: [Int] {
        let longLived = Set(containers.filter(\.isLongLived).map(\.name))
        return Array(Set(listeners.filter { longLived.contains($0.container) }.map(\.port))).sorted()
    }

    /// Whether a container keeps running: nil when it is not in the Pod or podgrade cannot tell.
    public func keepsRunning(_ container: String) -> Bool? {
        guard let c = self.container(container) else { return nil }
        switch c.lifecycle {
        case .keepsRunning: return true
        case .ends: return false
        case .unknown: return nil
        }
    }

    /// Containers whose image is of the family (`nginx`, `redis`, `busybox`...).
    public func containers(runningFamily family: String) -> [ModelContainer] {
        containers.filter { $0.family?.name == family }
    }

    /// The one container running the family, when exactly one does.
    public func onlyContainer(runningFamily family: String) -> ModelContainer? {
        let found = containers(runningFamily: family)
        return found.count == 1 ? found.first : nil
    }

    /// The one volume two containers share, when exactly one is shared.
    public func onlySharedVolume(_ a: String, _ b: String) -> String? {
        let shared = sharedVolumes(a, b)
        return shared.count == 1 ? shared.first : nil
    }

    /// The part a container can play, judged by what it does.
    public enum Role: Sendable, Hashable {
        /// Writes data to a volume another container mounts.
        case writer
        /// Reads data from a volume another container writes or mounts.
        case reader
        /// Listens on this port.
        case listener(Int)
        /// Connects to this port on localhost.
        case loopbackClient(Int)
        /// A log shipper image or program (fluentd, fluent-bit, filebeat...).
        case logShipper
        /// An init container with restartPolicy Always.
        case nativeSidecar
    }

    /// The containers that play a role, optionally leaving some out (the main container).
    public func containers(playing role: Role, excluding: Set<String> = []) -> [ModelContainer] {
        containers.filter { c in
            guard !excluding.contains(c.name) else { return false }
            switch role {
            case .writer:
                return files.contains { f in
                    f.container == c.name && f.kind == .write && f.place.map { p in
                        volumes.first { $0.name == p.volume }.map { $0.containers.count > 1 } ?? false
                    } ?? false
                }
            case .reader:
                return files.contains { f in
                    f.container == c.name && f.kind == .read && f.place.map { p in
                        volumes.first { $0.name == p.volume }.map { $0.containers.count > 1 } ?? false
                    } ?? false
                }
            case .listener(let port):
                return listeners.contains { $0.container == c.name && $0.port == port }
            case .loopbackClient(let port):
                return connections.contains { $0.container == c.name && $0.isLoopback && $0.port == port }
            case .logShipper:
                return c.family?.kind == .logShipper || c.process.commands.contains { $0.traits.contains(.logShipper) }
            case .nativeSidecar:
                return c.kind == .nativeSidecar
            }
        }
    }

    /// The one container playing a role, when exactly one does.
    public func onlyContainer(playing role: Role, excluding: Set<String> = []) -> ModelContainer? {
        let found = containers(playing: role, excluding: excluding)
        return found.count == 1 ? found.first : nil
    }
}

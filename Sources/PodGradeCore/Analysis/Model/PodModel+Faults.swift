public import PodGradeKubernetes

/// What would break the Pod if it ran, read off the model: the facts `pod.works` judges and
/// the oracle holds against a real runtime. Each fault says whether the model is sure
/// (`certain`): an image's default port or process may be changed by configuration
/// podgrade does not read, and then the fault is only likely.
extension PodModel {
    /// Two processes of different containers listen on one port of the shared network namespace.
    public struct PortClash: Sendable {
        public let port: Int
        public let first: Listener
        public let second: Listener
        public let certain: Bool
    }

    /// A declared containerPort the container's known process does not listen on.
    public struct UnservedPort: Sendable {
        public let container: ModelContainer
        public let declared: Listener
        public let listens: [Int]
        public let program: String
        public let certain: Bool
    }

    /// A localhost connection no listener of the Pod answers.
    public struct RefusedConnection: Sendable {
        public let connection: Connection
        /// Long-lived containers whose process podgrade does not know: one may listen there after all.
        public let unknownNeighbours: [String]
    }

    /// A program the container runs that its image does not ship.
    public struct MissingProgram: Sendable {
        public let container: ModelContainer
        public let program: String
        public let source: Located<String>
    }

    /// A read of a path another container writes on a volume the reader does not mount.
    public struct ReadWithoutVolume: Sendable {
        public let read: FileFact
        public let write: FileFact
        public var volume: String { write.place?.volume ?? "" }
    }

    /// A read of an emptyDir place nobody writes, with the neighbours on that volume that do
    /// not keep running (one that ends is the cause; one podgrade does not know may write).
    public struct UnfedRead: Sendable {
        public let read: FileFact
        public let endingNeighbours: [String]
        public let unknownNeighbours: [String]
    }

    private var longLivedNames: Set<String> { Set(containers.filter(\.isLongLived).map(\.name)) }

    private var containersByName: [String: ModelContainer] {
        var table: [String: ModelContainer] = [:]
        for c in containers where table[c.name] == nil { table[c.name] = c }
        return table
    }

    /// Ports taken by the processes of two long-lived containers, each port once.
    public var portClashes: [PortClash] {
        // Most Pods have no port two containers' processes listen on: then no table is built.
        guard mayShareRealPort else { return [] }
        let longLived = longLivedNames
        let byName = containersByName
        var firstOnPort: [Int: [Listener]] = [:]
        var order: [Int] = []
        for listener in listeners where listener.via != .declared && longLived.contains(listener.container) {
            if firstOnPort[listener.port] == nil { order.append(listener.port) }
            firstOnPort[listener.port, default: []].append(listener)
        }
        var clashes: [PortClash] = []
        for port in order {
            guard let on = firstOnPort[port], on.count > 1 else { continue }
            var found: PortClash?
            outer: for (k, first) in on.enumerated() {
                for second in on[(k + 1)...] where second.container != first.container && Self.overlap(first.address, second.address) {
                    let certain = byName[first.container].map { Self.knowsPorts($0, [first]) } == true
                        && byName[second.container].map { Self.knowsPorts($0, [second]) } == true
                    found = PortClash(port: port, first: first, second: second, certain: certain)
                    break outer
                }
            }
            if let found { clashes.append(found) }
        }
        return clashes
    }

    /// Declared ports of long-lived containers whose known process listens elsewhere, where no
    /// other process of the Pod listens either (then the port clash is the fault).
    public var unservedPorts: [UnservedPort] {
        // Most Pods serve every port they declare: then no table is built.
        guard mayLeaveDeclaredPortUnserved else { return [] }
        var byContainer: [String: [Listener]] = [:]
        var realPorts = Set<Int>()
        for listener in listeners {
            byContainer[listener.container, default: []].append(listener)
            if listener.via != .declared { realPorts.insert(listener.port) }
        }
        var result: [UnservedPort] = []
        for container in containers where container.isLongLived {
            let own = byContainer[container.name] ?? []
            let real = own.filter { $0.via != .declared }
            guard let first = real.first, !real.contains(where: { $0.via == .envoy }) else { continue }
            let ports = Array(Set(real.map(\.port))).sorted()
            for declared in own where declared.via == .declared && !realPorts.contains(declared.port) {
                result.append(UnservedPort(container: container, declared: declared, listens: ports, program: Self.programName(first),
                                           certain: Self.knowsPorts(container, real)))
            }
        }
        return result
    }

    /// Localhost connections with a port that no long-lived listener of the Pod answers.
    public var refusedConnections: [RefusedConnection] {
        let unknown = containers.filter { c in
            guard c.isLongLived else { return false }
            if case .unknown = c.lifecycle { return true }
            return false
        }.map(\.name)
        return connections.filter { $0.isLoopback && $0.port != nil && $0.listeners.isEmpty }.map { connection in
            RefusedConnection(connection: connection, unknownNeighbours: unknown.filter { $0 != connection.container })
        }
    }

    /// For each container, the first program it runs that its image does not ship: its
    /// command itself (the container cannot start) or a command of its script (`not found`).
    public var missingPrograms: [MissingProgram] {
        containers.compactMap { container in
            guard let family = container.family, let lacking = ImageFamilies.lacks(family: family.name) else { return nil }
            let spec = container.spec
            if let first = spec.command?.first ?? spec.args?.first, container.process.origin != .imageDefault {
                let program = ScriptCommand.baseName(first.value)
                if lacking.contains(program) { return MissingProgram(container: container, program: program, source: first) }
            }
            let commands = container.process.commands
            // A package manager may install what is missing.
            if commands.contains(where: { c in c.traits.contains(.packageManager) && !(c.program.map(lacking.contains) ?? false) }) {
                return nil
            }
            // `command -v bash || ...` and `if which curl` ask whether it exists.
            guard let c = commands.first(where: { c in !c.isCondition && (c.program.map(lacking.contains) ?? false) }),
                  let program = c.program else { return nil }
            return MissingProgram(container: container, program: program, source: c.source)
        }
    }

    /// Reads nobody feeds, with the neighbours that may explain them.
    public var unfedReads: [UnfedRead] {
        let unfed = readersOfUnwrittenFiles
        guard !unfed.isEmpty else { return [] }
        let byName = containersByName
        var seen = Set<String>()
        return unfed.compactMap { read in
            guard seen.insert(read.container + "\u{0}" + read.path).inserted else { return nil }
            let neighbours = volumes.first { $0.name == read.place?.volume }?.containers.filter { $0 != read.container } ?? []
            let silent = neighbours.compactMap { byName[$0] }.filter { !$0.lifecycle.keepsRunning }
            return UnfedRead(read: read, endingNeighbours: silent.filter(\.lifecycle.ends).map(\.name),
                             unknownNeighbours: silent.filter { !$0.lifecycle.ends }.map(\.name))
        }
    }

    /// Reads of a path on the reader's own filesystem that another container writes on a volume.
    public var readsWithoutVolume: [ReadWithoutVolume] {
        // Most reads are on a volume or known of the image: then no table is built.
        guard files.contains(where: Self.readsOwnFilesystem) else { return [] }
        var writers: [String: FileFact] = [:]
        for w in files where w.kind == .write && w.place != nil && writers[w.path] == nil { writers[w.path] = w }
        var seen = Set<String>()
        return files.compactMap { read in
            guard Self.readsOwnFilesystem(read), let write = writers[read.path], write.container != read.container,
                  seen.insert(read.container + "\u{0}" + read.path).inserted else { return nil }
            return ReadWithoutVolume(read: read, write: write)
        }
    }

    /// Whether the container declares the port as a containerPort.
    public func declares(_ container: String, _ port: Int) -> Bool {
        listeners.contains { $0.container == container && $0.via == .declared && $0.port == port }
    }

    // MARK: - Helpers

    /// A read the learner wrote of a known path on the container's own filesystem.
    private static func readsOwnFilesystem(_ read: FileFact) -> Bool {
        read.kind == .read && read.place == nil && !read.isImplicit && !read.isSymbolic && !read.isStdout
    }

    /// Above this many listeners, the fast paths below (which compare every pair) are skipped.
    private static let pairwiseLimit = 32

    /// Whether two processes of different containers may listen on one port (a look at every
    /// pair of listeners, without the tables `portClashes` builds: Pods have few listeners).
    private var mayShareRealPort: Bool {
        guard listeners.count <= Self.pairwiseLimit else { return true }
        for (k, a) in listeners.enumerated() where a.via != .declared {
            for b in listeners[(k + 1)...] where b.via != .declared && b.port == a.port && b.container != a.container { return true }
        }
        return false
    }

    /// Whether some declared port has no process of the Pod listening on it (the pairwise look
    /// of `mayShareRealPort`, for `unservedPorts`).
    private var mayLeaveDeclaredPortUnserved: Bool {
        guard listeners.count <= Self.pairwiseLimit else { return true }
        return listeners.contains { declared in
            declared.via == .declared && !listeners.contains { $0.via != .declared && $0.port == declared.port }
        }
    }

    /// Whether two bind addresses can both take a port: only two distinct specific addresses can.
    static func overlap(_ a: String?, _ b: String?) -> Bool {
        let any: Set<String> = ["0.0.0.0", "::", "[::]", ""]
        guard let a, let b, !any.contains(a), !any.contains(b) else { return true }
        return a == b
    }

    static func programName(_ listener: Listener) -> String {
        switch listener.via {
        case .program(let p): return p
        case .image(let family): return family
        case .envoy: return "envoy"
        case .declared: return ""
        }
    }

    /// Whether the listeners are the whole truth: ports a command names, or an image's own
    /// process with no command, arguments, environment or configuration mounted that could move it.
    static func knowsPorts(_ container: ModelContainer, _ listeners: [Listener]) -> Bool {
        listeners.allSatisfy { listener in
            switch listener.via {
            case .program: return true
            case .image:
                let spec = container.spec
                return spec.command == nil && spec.args == nil && spec.env.isEmpty && spec.volumeMounts.allSatisfy { mount in
                    let path = mount.mountPath?.value ?? ""
                    return !(path.hasPrefix("/etc") || path.hasPrefix("/usr/local/etc") || path.hasPrefix("/opt") || path.hasPrefix("/config"))
                }
            case .envoy, .declared: return false
            }
        }
    }
}

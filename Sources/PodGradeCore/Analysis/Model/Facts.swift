public import PodGradeKubernetes

/// A container of the Pod as the model sees it: what it runs and whether it keeps running.
public final class ModelContainer: Sendable {
    public enum Kind: Sendable, Hashable {
        case app
        /// An init container that must finish before the app containers start.
        case initContainer
        /// An init container with `restartPolicy: Always` (Kubernetes 1.29+): runs beside the app.
        case nativeSidecar
    }

    public let name: String
    public let kind: Kind
    /// The typed container, for its nodes (name, image, mounts, ports).
    public let spec: Container
    public let family: ImageFamily?
    public let process: PodProcess
    public let lifecycle: Lifecycle

    init(name: String, kind: Kind, spec: Container, family: ImageFamily?, process: PodProcess, lifecycle: Lifecycle) {
        self.name = name
        self.kind = kind
        self.spec = spec
        self.family = family
        self.process = process
        self.lifecycle = lifecycle
    }

    /// App containers and native sidecars run for the Pod's whole life.
    public var isLongLived: Bool { kind != .initContainer }
    /// An init container (not a sidecar) that never ends: the Pod never starts.
    public var blocksPodStart: Bool { kind == .initContainer && lifecycle.keepsRunning }
    public var image: String? { spec.image?.value }
}

/// The process a container runs.
public final class PodProcess: Sendable {
    public enum Origin: Sendable, Hashable {
        /// `command` (with `args` after it).
        case command
        /// `args` only: run by the image's entrypoint, or as the command of an image without one.
        case args
        /// Neither: the image's own default, when podgrade knows it.
        case imageDefault
        /// Neither, and the image is not one podgrade knows.
        case unknownImage
    }

    public let origin: Origin
    /// The command line after Kubernetes' `$(VAR)` expansion (entrypoint included when known).
    public let argv: [String]
    /// The script of `sh -c SCRIPT`, when there is one.
    public let script: String?
    /// Every simple command run, in order (nested `sh -c` and `$(...)` included).
    public let commands: [ScriptCommand]
    /// The node the process is written in (the script element, the first command word, or the image).
    public let source: Located<String>

    init(origin: Origin, argv: [String], script: String?, commands: [ScriptCommand], source: Located<String>) {
        self.origin = origin
        self.argv = argv
        self.script = script
        self.commands = commands
        self.source = source
    }
}

/// A file a container writes or reads.
public final class FileFact: Sendable {
    public enum Kind: Sendable, Hashable {
        /// Content is written (`>`, `>>`, `tee`, `cp` target, a server's log).
        case write
        /// Created empty (`touch`, `mkdir`): not data.
        case create
        case read
    }

    public let container: String
    public let kind: Kind
    /// The path as the process names it, made absolute against workingDir; "" for stdout.
    public let path: String
    /// Where it lands on a volume; nil on the container's own filesystem, or when the path
    /// holds a variable podgrade cannot know.
    public let place: VolumePlace?
    /// The mount it lands through.
    public let mount: VolumeMount?
    /// Output to the container's standard output: its log, nowhere shared.
    public let isStdout: Bool
    /// The program or operator that does it (`>>`, `tee`, `tail`, `nginx`, or the image family).
    public let via: String
    public let source: Located<String>
    /// Known of the image or program (nginx's logs, a log shipper reading its mounts), not
    /// named by the learner: `source` is then the image or the mount.
    public let isImplicit: Bool
    /// For a fact found in a `sh -c` script: the script's line (0-based) it is on
    /// (`ScriptCommand.line`); nil when `source` alone points at it.
    public let scriptLine: Int?
    /// A path with an unknown variable in it.
    public let isSymbolic: Bool

    init(container: String, kind: Kind, path: String, place: VolumePlace?, mount: VolumeMount?, isStdout: Bool,
         via: String, source: Located<String>, isImplicit: Bool, scriptLine: Int?, isSymbolic: Bool) {
        self.container = container
        self.kind = kind
        self.path = path
        self.place = place
        self.mount = mount
        self.isStdout = isStdout
        self.via = via
        self.source = source
        self.isImplicit = isImplicit
        self.scriptLine = scriptLine
        self.isSymbolic = isSymbolic
    }

    public var onReadOnlyMount: Bool { mount?.isReadOnly ?? false }
}

/// A port a container listens on.
public final class Listener: Sendable {
    public enum Via: Sendable, Hashable {
        /// `ports[].containerPort`: declared, not proven to be served.
        case declared
        /// A program of its command (`httpd -p`, `nc -l`, `redis-server --port`...).
        case program(String)
        /// The image's default process (nginx 80, redis 6379...).
        case image(String)
        /// An Envoy listener or admin `socket_address`.
        case envoy
    }

    public let container: String
    public let port: Int
    /// The bind address when one is given (`127.0.0.1`, `0.0.0.0`).
    public let address: String?
    public let via: Via
    public let source: Located<String>
    /// For a fact found in a `sh -c` script: the script's line (0-based) it is on
    /// (`ScriptCommand.line`); nil when `source` alone points at it.
    public let scriptLine: Int?
    /// A server that answers one client and ends (`nc -l` without `-k`, `socat` without `fork`):
    /// the port is open only until somebody connects.
    public let servesOnce: Bool

    init(container: String, port: Int, address: String?, via: Via, source: Located<String>, scriptLine: Int?, servesOnce: Bool = false) {
        self.container = container
        self.port = port
        self.address = address
        self.via = via
        self.source = source
        self.scriptLine = scriptLine
        self.servesOnce = servesOnce
    }
}

/// Who the host of a connection is.
public enum HostKind: Sendable, Hashable {
    /// `localhost`, `127.0.0.0/8`, `::1`, `[::1]`; also `0.0.0.0` and `::`, which Linux
    /// treats as this host when connected to: the Pod's shared network namespace.
    case loopback
    /// The name of a container of this Pod: not a host name inside the Pod (the classic
    /// misconception the lecture's network section is for).
    case podContainer(String)
    /// A Service name: `name.ns.svc`, `name.ns.svc.cluster.local`, `name.ns`, or a plain
    /// name that is not a container of the Pod.
    case service
    /// Anything else (an external name or an IP address).
    case other
    /// A variable podgrade cannot know (`$DB_HOST` from a Secret).
    case symbolic
}

/// A connection a container makes.
public final class Connection: Sendable {
    public let container: String
    public let host: String
    public let port: Int?
    public let hostKind: HostKind
    /// How it was found: the program (`nc`, `wget`), `env` for a value, `envoy` for a cluster.
    public let via: String
    /// The text it was read from (`http://localhost:8080/`, `DB_HOST=localhost DB_PORT=6379`).
    public let text: String
    public let source: Located<String>
    /// For a fact found in a `sh -c` script: the script's line (0-based) it is on
    /// (`ScriptCommand.line`); nil when `source` alone points at it.
    public let scriptLine: Int?
    /// For loopback connections: the listeners of the Pod's long-lived containers (and of the
    /// connecting container) on that port; empty when nothing listens there.
    public let listeners: [Listener]

    init(container: String, host: String, port: Int?, hostKind: HostKind, via: String, text: String,
         source: Located<String>, scriptLine: Int?, listeners: [Listener]) {
        self.container = container
        self.host = host
        self.port = port
        self.hostKind = hostKind
        self.via = via
        self.text = text
        self.source = source
        self.scriptLine = scriptLine
        self.listeners = listeners
    }

    public var isLoopback: Bool { hostKind == .loopback }
}

/// Data from one container's write to another's read on the same place of a volume.
public struct FileFlow: Sendable {
    public let writer: FileFact
    public let reader: FileFact
    public var volume: String { writer.place?.volume ?? "" }
}

/// A volume of the Pod and who mounts it.
public final class ModelVolume: Sendable {
    public let name: String
    /// `emptyDir`, `hostPath`, `configMap`... (nil when not exactly one source).
    public let type: String?
    public let spec: Volume?
    /// (container, mount) for every mount of it.
    public let mounts: [(container: String, mount: VolumeMount)]

    init(name: String, type: String?, spec: Volume?, mounts: [(container: String, mount: VolumeMount)]) {
        self.name = name
        self.type = type
        self.spec = spec
        self.mounts = mounts
    }

    public var containers: [String] {
        var seen = Set<String>()
        return mounts.map(\.container).filter { seen.insert($0).inserted }
    }
}

public import PodGradeYAML

/// A value read from a manifest, with the field path and position it came from.
public struct Located<Value: Sendable>: Sendable {
    public let value: Value
    public let path: String
    public let mark: Mark

    public init(_ value: Value, path: String, mark: Mark) {
        self.value = value
        self.path = path
        self.mark = mark
    }
}

extension Located: Equatable where Value: Equatable {}
extension Located: Hashable where Value: Hashable {}

/// A label or selector entry: key and value with their positions.
public struct Label: Sendable, Hashable {
    public let key: String
    public let value: Located<String>
}

/// A Pod, or an object that owns a pod template (Deployment, Job, ...). Immutable; a class so
/// that the many hands it passes through while grading share one reference.
public final class Workload: Sendable {
    public let kind: String
    public let apiVersion: String?
    public let name: Located<String>?
    public let namespace: Located<String>?
    public let labels: [Label]
    /// Path of the object itself inside its document (`""`, or `items[2]` in a List).
    public let path: String
    public let mark: Mark
    /// Where `metadata` starts (the object's start when there is none).
    public let metadataMark: Mark
    public let replicas: Located<Int64>?
    public let selector: LabelSelector?
    /// The template's labels and where they are (owners only).
    public let templateLabels: [Label]?
    public let templateMetadataMark: Mark?
    public let pod: PodSpec?
    /// The object's raw node, for schema checking.
    public let node: Node

    init(kind: String, apiVersion: String?, name: Located<String>?, namespace: Located<String>?,
         labels: [Label], path: String, mark: Mark, metadataMark: Mark, replicas: Located<Int64>?,
         selector: LabelSelector?, templateLabels: [Label]?, templateMetadataMark: Mark?, pod: PodSpec?,
         node: Node) {
        self.kind = kind
        self.apiVersion = apiVersion
        self.name = name
        self.namespace = namespace
        self.labels = labels
        self.path = path
        self.mark = mark
        self.metadataMark = metadataMark
        self.replicas = replicas
        self.selector = selector
        self.templateLabels = templateLabels
        self.templateMetadataMark = templateMetadataMark
        self.pod = pod
        self.node = node
    }

    public var isPod: Bool { kind == "Pod" }
    public var displayName: String { name?.value ?? "" }
}

public struct LabelSelector: Sendable {
    public let matchLabels: [Label]
    public let matchExpressions: [SelectorRequirement]
    public let path: String
    public let mark: Mark
}

public struct SelectorRequirement: Sendable {
    public let key: String
    public let op: String
    public let values: [String]
    public let path: String
    public let mark: Mark
}

/// (A class for the same reason as `Workload`.)
public final class PodSpec: Sendable {
    /// `spec`, `spec.template.spec`, ...
    public let path: String
    public let mark: Mark
    public let containers: [Container]
    public let initContainers: [Container]
    public let volumes: [Volume]
    public let restartPolicy: Located<String>?
    public let hostNetwork: Bool

    init(path: String, mark: Mark, containers: [Container], initContainers: [Container], volumes: [Volume],
         restartPolicy: Located<String>?, hostNetwork: Bool) {
        self.path = path
        self.mark = mark
        self.containers = containers
        self.initContainers = initContainers
        self.volumes = volumes
        self.restartPolicy = restartPolicy
        self.hostNetwork = hostNetwork
    }

    /// App containers, then native sidecars (init containers with restartPolicy Always):
    /// everything that runs for the pod's whole life.
    public var longLivedContainers: [Container] {
        containers + initContainers.filter(\.isNativeSidecar)
    }

    public var allContainers: [Container] { initContainers + containers }

    public func container(named name: String) -> Container? {
        containers.first { $0.name?.value == name } ?? initContainers.first { $0.name?.value == name }
    }

    public func volume(named name: String) -> Volume? {
        volumes.first { $0.name?.value == name }
    }
}

/// A class: the model, the rules and the validator hand containers around many times for
/// each submission, and one reference costs less to copy than its fifteen fields.
public final class Container: Sendable {
    public enum Role: String, Sendable { case app, initContainer }
    public let role: Role
    public let index: Int
    public let path: String
    public let mark: Mark
    public let name: Located<String>?
    public let image: Located<String>?
    public let command: [Located<String>]?
    public let args: [Located<String>]?
    public let ports: [ContainerPort]
    public let env: [EnvVar]
    public let volumeMounts: [VolumeMount]
    public let resources: Resources?
    public let restartPolicy: Located<String>?
    public let workingDir: Located<String>?

    init(role: Role, index: Int, path: String, mark: Mark, name: Located<String>?, image: Located<String>?,
         command: [Located<String>]?, args: [Located<String>]?, ports: [ContainerPort], env: [EnvVar],
         volumeMounts: [VolumeMount], resources: Resources?, restartPolicy: Located<String>?, workingDir: Located<String>?) {
        self.role = role
        self.index = index
        self.path = path
        self.mark = mark
        self.name = name
        self.image = image
        self.command = command
        self.args = args
        self.ports = ports
        self.env = env
        self.volumeMounts = volumeMounts
        self.resources = resources
        self.restartPolicy = restartPolicy
        self.workingDir = workingDir
    }

    /// An init container that keeps running beside the app containers (Kubernetes 1.29+).
    public var isNativeSidecar: Bool { role == .initContainer && restartPolicy?.value == "Always" }
    public var displayName: String { name?.value ?? "#\(index)" }
    /// The node to point at when speaking of the container as a whole.
    public var nameMark: Mark { name?.mark ?? mark }
}

public final class ContainerPort: Sendable {
    public let index: Int
    public let path: String
    public let mark: Mark
    public let containerPort: Located<Int64>?
    public let name: Located<String>?
    public let `protocol`: Located<String>?
    public let hostPort: Located<Int64>?
    /// The host address a hostPort binds (empty: every address).
    public let hostIP: Located<String>?

    init(index: Int, path: String, mark: Mark, containerPort: Located<Int64>?, name: Located<String>?,
         `protocol`: Located<String>?, hostPort: Located<Int64>?, hostIP: Located<String>?) {
        self.index = index
        self.path = path
        self.mark = mark
        self.containerPort = containerPort
        self.name = name
        self.protocol = `protocol`
        self.hostPort = hostPort
        self.hostIP = hostIP
    }

    /// TCP unless said otherwise, as the API server defaults it.
    public var effectiveProtocol: String { `protocol`?.value ?? "TCP" }
}

public final class EnvVar: Sendable {
    public let path: String
    public let mark: Mark
    public let name: Located<String>?
    public let value: Located<String>?
    public let hasValueFrom: Bool
    /// Where `valueFrom` is, when it is there.
    public let valueFromMark: Mark?

    init(path: String, mark: Mark, name: Located<String>?, value: Located<String>?, hasValueFrom: Bool,
         valueFromMark: Mark?) {
        self.path = path
        self.mark = mark
        self.name = name
        self.value = value
        self.hasValueFrom = hasValueFrom
        self.valueFromMark = valueFromMark
    }
}

public final class VolumeMount: Sendable {
    public let index: Int
    public let path: String
    public let mark: Mark
    public let name: Located<String>?
    public let mountPath: Located<String>?
    public let subPath: Located<String>?
    public let subPathExpr: Located<String>?
    public let readOnly: Located<Bool>?

    init(index: Int, path: String, mark: Mark, name: Located<String>?, mountPath: Located<String>?,
         subPath: Located<String>?, subPathExpr: Located<String>?, readOnly: Located<Bool>?) {
        self.index = index
        self.path = path
        self.mark = mark
        self.name = name
        self.mountPath = mountPath
        self.subPath = subPath
        self.subPathExpr = subPathExpr
        self.readOnly = readOnly
    }

    public var isReadOnly: Bool { readOnly?.value ?? false }
}

public final class Volume: Sendable {
    public let index: Int
    public let path: String
    public let mark: Mark
    public let name: Located<String>?
    /// The volume source fields present (`emptyDir`, `hostPath`, ...), in order.
    public let sources: [Located<String>]
    /// hostPath.path, when the volume is a hostPath.
    public let hostPath: Located<String>?

    init(index: Int, path: String, mark: Mark, name: Located<String>?, sources: [Located<String>],
         hostPath: Located<String>?) {
        self.index = index
        self.path = path
        self.mark = mark
        self.name = name
        self.sources = sources
        self.hostPath = hostPath
    }

    /// The volume's type when it has exactly one source.
    public var type: String? { sources.count == 1 ? sources[0].value : nil }
}

public struct Resources: Sendable {
    public let path: String
    public let mark: Mark
    public let requests: [ResourceEntry]
    public let limits: [ResourceEntry]
    public let requestsMark: Mark?
    public let limitsMark: Mark?

    public func request(_ name: String) -> ResourceEntry? { requests.first { $0.name == name } }
    public func limit(_ name: String) -> ResourceEntry? { limits.first { $0.name == name } }
}

/// One resource amount (`memory: 64Mi`), its text as written and its value, if it parses.
public struct ResourceEntry: Sendable {
    public let name: String
    public let text: Located<String>
    public let quantity: Quantity?
}

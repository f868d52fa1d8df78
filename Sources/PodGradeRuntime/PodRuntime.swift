/// One way to run a Pod for real: start it, watch it, run a probe in it, remove it (and
/// have its images).
/// podman is the implementation tested here; a kubectl backend against the learner's
/// cluster would implement the same four calls.
public protocol PodRuntime: Sendable {
    /// Whether the runtime can run Pods here; nil when it can, else what is missing.
    func unavailable() -> String?
    /// Starts the Pod of `manifest` (JSON or YAML text of one Pod) under `name`, waiting at most
    /// `timeout` seconds (an init container that never ends holds the start for ever).
    func start(_ manifest: String, name: String, timeout: Double) throws(RuntimeError) -> RunningPod
    /// What the Pod's containers, sockets and volumes are doing now.
    func observe(_ pod: RunningPod) -> PodObservation
    /// Runs `argv` in one of the Pod's containers.
    func exec(_ pod: RunningPod, container: String, _ argv: [String], timeout: Double) -> CommandResult
    /// Removes the Pods and everything started for them.
    func remove(_ pods: [RunningPod])
    /// Whether the Pod is still there.
    func exists(_ pod: RunningPod) -> Bool
    /// The text of a file on one of the Pod's volumes (`path` relative to the volume), when it is there.
    func read(_ pod: RunningPod, volume: String, path: String) -> String?
    /// Whether the image is here (no pull needed).
    func hasImage(_ reference: String) -> Bool
    /// Pulls the image.
    func pull(_ reference: String) -> CommandResult
}

/// A Pod the runtime started.
public struct RunningPod: Sendable, Hashable {
    public let name: String
    /// The volume names the runtime created for it (made unique per Pod).
    public let volumes: [String: String]
    /// Containers (runtime ids) whose process the runtime could not start, with its reason.
    public let startFailures: [String: String]

    public init(name: String, volumes: [String: String], startFailures: [String: String] = [:]) {
        self.name = name
        self.volumes = volumes
        self.startFailures = startFailures
    }
}

public struct RuntimeError: Error, Sendable, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// What one container was seen doing.
public struct ContainerObservation: Sendable, Hashable {
    public enum State: String, Sendable, Hashable {
        /// Its process runs.
        case running
        /// Its process ended (see `exitCode`).
        case ended
        /// The runtime could not start its process (a program that is not in the image).
        case failedToStart
        /// Not started yet (it waits for an init container).
        case waiting
    }

    public let name: String
    public let state: State
    public let exitCode: Int
    public let restarts: Int
    /// The last lines of its output.
    public let output: [String]
    /// Why it could not start, as the runtime said.
    public let reason: String?
}

/// What a running Pod was seen doing after its settle time.
public struct PodObservation: Sendable {
    public let containers: [ContainerObservation]
    /// TCP ports something in the Pod's network namespace listens on.
    public let listeningPorts: Set<Int>
    /// For each volume of the manifest: the files it holds, relative to its root.
    public let volumeFiles: [String: [String]]

    public init(containers: [ContainerObservation], listeningPorts: Set<Int>, volumeFiles: [String: [String]]) {
        self.containers = containers
        self.listeningPorts = listeningPorts
        self.volumeFiles = volumeFiles
    }

    public func container(_ name: String) -> ContainerObservation? { containers.first { $0.name == name } }
}

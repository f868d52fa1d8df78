/// What `check --run` saw when it ran an exercise's Pod (JSON `exercises[].run`): each
/// container's state, the Pod's ports and volumes, the exercise's probes, and where what was
/// seen contradicts what podgrade predicted. Evidence beside the static grade, never a score.
public struct RunReport: Codable, Sendable, Hashable {
    public enum Status: String, Codable, Sendable, Hashable {
        /// The Pod ran and was observed.
        case ran
        /// It was not run (see `reason`).
        case notRun
    }

    /// Why a Pod was not run.
    public enum NotRun: String, Codable, Sendable, Hashable {
        /// No Pod (the exercise's object was not found, or is not a workload with a Pod).
        case noPod
        /// It mounts the host, runs privileged, shares a host namespace or adds capabilities: `--allow-host` runs it.
        case needsHost
        /// An image is not here and could not be pulled (`detail` names it).
        case imageMissing
        /// The runtime refused the Pod (`detail` says what it said).
        case runtimeFailed
        /// The runtime cannot run it as Kubernetes would (`detail` says what): podman 4.3 runs a
        /// native sidecar as a plain init container, and the Pod would never start.
        case runtimeLimit
    }

    public struct Container: Codable, Sendable, Hashable {
        public let name: String
        /// `running`, `ended`, `failedToStart`, `waiting`.
        public let state: String
        public let exitCode: Int
        public let restarts: Int
        /// Why it could not start, as the runtime said.
        public let reason: String?
        /// The last lines of its output.
        public let output: [String]

        public init(name: String, state: String, exitCode: Int, restarts: Int, reason: String?, output: [String]) {
            self.name = name
            self.state = state
            self.exitCode = exitCode
            self.restarts = restarts
            self.reason = reason
            self.output = output
        }
    }

    public struct Probe: Codable, Sendable, Hashable {
        public let id: String
        public let text: LocalizedText
        public let passed: Bool
        /// What was seen (an answer's first line, the lines received, the containers not running).
        public let detail: String

        public init(id: String, text: LocalizedText, passed: Bool, detail: String) {
            self.id = id
            self.text = text
            self.passed = passed
            self.detail = detail
        }
    }

    /// A fact podgrade predicted and what was observed of it, when they differ.
    public struct Contradiction: Codable, Sendable, Hashable {
        /// `state`, `port`, `file`, `flow`, `connect`.
        public let kind: String
        public let subject: String
        public let predicted: String
        public let observed: String

        public init(kind: String, subject: String, predicted: String, observed: String) {
            self.kind = kind
            self.subject = subject
            self.predicted = predicted
            self.observed = observed
        }
    }

    public let status: Status
    public let reason: NotRun?
    public let detail: String?
    public let settleSeconds: Double
    public let containers: [Container]
    public let ports: [Int]
    /// Volume → the files it holds.
    public let volumes: [String: [String]]
    public let probes: [Probe]
    public let contradictions: [Contradiction]
    /// How many predictions were compared, and how many agreed.
    public let predictions: Int
    public let agreements: Int

    public init(status: Status, reason: NotRun? = nil, detail: String? = nil, settleSeconds: Double, containers: [Container] = [],
                ports: [Int] = [], volumes: [String: [String]] = [:], probes: [Probe] = [], contradictions: [Contradiction] = [],
                predictions: Int = 0, agreements: Int = 0) {
        self.status = status
        self.reason = reason
        self.detail = detail
        self.settleSeconds = settleSeconds
        self.containers = containers
        self.ports = ports
        self.volumes = volumes
        self.probes = probes
        self.contradictions = contradictions
        self.predictions = predictions
        self.agreements = agreements
    }

    public static func notRun(_ reason: NotRun, detail: String? = nil, settle: Double) -> RunReport {
        RunReport(status: .notRun, reason: reason, detail: detail, settleSeconds: settle)
    }
}

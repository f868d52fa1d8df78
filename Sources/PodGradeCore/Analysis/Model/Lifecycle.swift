/// Why a container keeps running or ends: a value the messages can name.
public enum LifecycleReason: Sendable, Hashable {
    // Keeps running
    /// The image's own long-lived process (nginx, redis, node-exporter...), no command given.
    case imageProcess(family: String)
    /// A server or agent in the foreground (`nginx`, `httpd -f`, `nc -lk`, `envoy`, `fluentd`...).
    case server(program: String)
    /// `nc -l` without `-k`: serves one client, then ends (and the container restarts).
    case serverOnce(program: String)
    /// `while true`, `while :`, `until false` without `break`/`exit`.
    case endlessLoop
    /// `sleep infinity`.
    case sleepsForever
    /// `sleep N` with N at least `Programs.longSleep` seconds.
    case longSleep(seconds: Int)
    /// `tail -f FILE`.
    case follows(path: String)
    /// A program that runs until stopped (`yes`, `top`, `watch`, `inotifywait -m`...).
    case runsUntilStopped(program: String)

    // Ends
    /// A shell image (busybox, alpine...) with neither command nor args: its shell exits at once.
    case shellWithoutCommand(image: String)
    /// `sleep N` with N below `Programs.longSleep`.
    case shortSleep(seconds: Int)
    /// The commands all return; the last one is named when there is one.
    case finishes
    /// An `exit` in the script.
    case exitCommand
    /// Nothing runs at all (an empty command).
    case nothingToRun
    /// Internal: `wait` (for background jobs).
    case waitsForJobs
    /// A server that detaches into the background (`httpd` without `-f`): the shell goes on.
    case daemonizes(program: String)

    // Unknown
    /// A program podgrade does not know (`/start.sh`, `java -jar app.jar`...).
    case unknownProgram(String)
    /// An image podgrade does not know, run with its own command.
    case imageDefault(image: String)
    /// A script too long to follow.
    case tooLong
}

/// Whether a container keeps running.
public enum Lifecycle: Sendable, Hashable {
    case keepsRunning(LifecycleReason)
    case ends(LifecycleReason)
    /// podgrade cannot tell (an unknown program or image): no rule should fail on it.
    case unknown(LifecycleReason)

    public var reason: LifecycleReason {
        switch self {
        case .keepsRunning(let r), .ends(let r), .unknown(let r): return r
        }
    }

    public var keepsRunning: Bool { if case .keepsRunning = self { return true } else { return false } }
    public var ends: Bool { if case .ends = self { return true } else { return false } }

    init(_ outcome: ScriptOutcome) {
        switch outcome {
        case .blocks(let r): self = .keepsRunning(r)
        case .exits(let r), .finishes(let r): self = .ends(r == .nothingToRun ? .finishes : r)
        case .unknown(let r): self = .unknown(r)
        }
    }
}

#if canImport(Glibc)
import Glibc
#endif
import Synchronization
import PodGradeYAML
import PodGradeKubernetes
public import PodGradeCore

/// Which images `check --run` pulls before it runs a Pod.
public enum PullPolicy: String, Sendable, CaseIterable {
    /// Only the images not already here (what is here is used as it is, whatever `imagePullPolicy` says).
    case missing
    case always
    case never
}

/// `check --run`: runs an exercise's Pod with a runtime, watches it for the settle time,
/// runs the exercise's probes in it, sets what it saw beside what the model predicted, and
/// removes everything it started, on every path out (an interrupt calls `removeAll`).
public final class PodRunner: Sendable {
    public let runtime: any PodRuntime
    public let settle: Double
    public let pull: PullPolicy
    public let allowHost: Bool
    /// Says what is being pulled (a line on standard error).
    let progress: @Sendable (String) -> Void
    private let started = Mutex<[RunningPod]>([])
    private let stopped = Atomic<Bool>(false)

    /// Whether `removeAll` was called (an interrupt): nothing more is started, and the caller
    /// must not go on as if the run had finished.
    public var interrupted: Bool { stopped.load(ordering: .relaxed) }

    public init(runtime: any PodRuntime, settle: Double, pull: PullPolicy, allowHost: Bool, progress: @escaping @Sendable (String) -> Void) {
        self.runtime = runtime
        self.settle = settle
        self.pull = pull
        self.allowHost = allowHost
        self.progress = progress
    }

    /// Removes every Pod this runner started and has not removed yet.
    public func removeAll() {
        stopped.store(true, ordering: .relaxed)
        // A podman call under way (creating the Pod) ends first, or it would finish after the clean-up.
        Subprocess.killRunning()
        let pods = started.withLock { list -> [RunningPod] in defer { list.removeAll() }; return list }
        runtime.remove(pods)
    }

    /// Runs the exercise's Pod; `name` is this run's (unique per process and exercise).
    public func run(_ exercise: Exercise, target: Target?, name: String) -> RunReport {
        guard !interrupted, let target, let pod = target.workload.pod else { return .notRun(.noPod, settle: settle) }
        let host = PlayableManifest.hostAccess(target.workload.node)
        if !host.isEmpty && !allowHost { return .notRun(.needsHost, detail: host.joined(separator: ", "), settle: settle) }
        if let sidecar = pod.initContainers.first(where: \.isNativeSidecar) {
            return .notRun(.runtimeLimit, detail: "podman runs the native sidecar \(sidecar.displayName) as a plain init container", settle: settle)
        }
        if pod.allContainers.contains(where: { $0.volumeMounts.contains { $0.subPath != nil || $0.subPathExpr != nil } }) {
            return .notRun(.runtimeLimit, detail: "podman 4.3 mounts a whole emptyDir where the manifest asks for a subPath", settle: settle)
        }
        for image in Set(pod.allContainers.compactMap { $0.image?.value }).sorted() {
            if let failure = ensure(image) { return .notRun(.imageMissing, detail: failure, settle: settle) }
        }
        guard let playable = PlayableManifest(target.workload.node, name: name, restartPolicy: nil) else {
            return .notRun(.noPod, settle: settle)
        }
        // Known before it starts: an interrupt while podman creates it removes it too.
        let planned = RunningPod(name: name, volumes: playable.volumes)
        started.withLock { $0.append(planned) }
        defer {
            removeForGood(planned)
            started.withLock { $0.removeAll { $0 == planned } }
        }
        let running: RunningPod
        do {
            running = try runtime.start(playable.json, name: name, timeout: 15 + settle)
        } catch {
            return .notRun(.runtimeFailed, detail: error.description, settle: settle)
        }
        usleep(UInt32(max(0, settle) * 1_000_000))
        let seen = runtime.observe(running)
        let model = PodModel(pod: pod)
        let probes = exercise.probes.map { probe(running, $0, seen: seen, model: model) }
        let compared = ModelPredictions(model).compare(seen.restartsAsEnded, markers: false)
        let order = pod.allContainers.compactMap { $0.name?.value }
        let containers = seen.containers.sorted { (order.firstIndex(of: $0.name) ?? .max) < (order.firstIndex(of: $1.name) ?? .max) }.map {
            RunReport.Container(name: $0.name, state: $0.state.rawValue, exitCode: $0.exitCode, restarts: $0.restarts, reason: $0.reason,
                                output: Array($0.output.suffix(5)))
        }
        return RunReport(status: .ran, settleSeconds: settle, containers: containers, ports: seen.listeningPorts.sorted(),
                         volumes: seen.volumeFiles, probes: probes,
                         contradictions: compared.filter { !$0.agrees }.map {
                             RunReport.Contradiction(kind: $0.kind.rawValue, subject: $0.subject, predicted: $0.predicted, observed: $0.observed)
                         },
                         predictions: compared.count, agreements: compared.filter(\.agrees).count)
    }

    /// Removes the Pod and makes sure it stays gone: a start that timed out may still be
    /// creating it when the first removal runs.
    func removeForGood(_ pod: RunningPod) {
        for attempt in 0..<4 {
            runtime.remove([pod])
            if attempt == 3 { return }
            usleep(500_000)
            if !runtime.exists(pod) { return }
        }
    }

    /// Makes sure the image is here; nil when it is, else what went wrong.
    func ensure(_ image: String) -> String? {
        let here = runtime.hasImage(image)
        switch pull {
        case .never:
            return here ? nil : image + ": not here, and --pull never"
        case .missing where here:
            return nil
        case .missing, .always:
            progress(image)
            let pulled = runtime.pull(image)
            if pulled.succeeded { return nil }
            if pull == .always, here { return nil }
            let said = (pulled.stderr + pulled.stdout).split(separator: "\n").last.map(String.init) ?? ""
            return image + ": " + (said.isEmpty ? "could not be pulled" : said)
        }
    }

    func probe(_ pod: RunningPod, _ spec: ProbeSpec, seen: PodObservation, model: PodModel) -> RunReport.Probe {
        Self.probe(runtime, pod, spec, seen: seen, model: model)
    }

    /// Runs one of an exercise's probes in a running Pod (the oracle runs the lab's too).
    public static func probe(_ runtime: any PodRuntime, _ pod: RunningPod, _ spec: ProbeSpec, seen: PodObservation,
                             model: PodModel) -> RunReport.Probe {
        switch spec.kind {
        case .running:
            let notRunning = spec.containers.filter { name in
                guard let c = seen.container(name) else { return true }
                return c.state != .running || c.restarts > 0
            }
            // The containers that do not keep running: their states are in the report's containers.
            return RunReport.Probe(id: spec.id, text: spec.text, passed: notRunning.isEmpty, detail: notRunning.joined(separator: ", "))
        case .received:
            let writer = spec.writer ?? "", reader = spec.reader ?? ""
            // The lines the writer left in the file the model says they share, read from the volume
            // itself (a writer that keeps restarting cannot be asked), else through the writer.
            var written: [String] = []
            for flow in model.flows(from: writer, to: reader) {
                if let place = flow.writer.place, let text = runtime.read(pod, volume: place.volume, path: place.relative) {
                    written += text.split(separator: "\n").suffix(5).map(String.init)
                } else if !flow.writer.path.isEmpty {
                    let tail = runtime.exec(pod, container: writer, ["tail", "-n", "5", flow.writer.path], timeout: 10)
                    if tail.succeeded { written += tail.stdout.split(separator: "\n").map(String.init) }
                }
            }
            written = written.filter { !$0.trimmingCharacters(in: " \t").isEmpty }
            let output = seen.container(reader)?.output ?? []
            // A reader may add to what it prints (`echo "read: $line"`): the writer's line is in it.
            let shared = written.filter { line in output.contains { $0.contains(line) } }
            return RunReport.Probe(id: spec.id, text: spec.text, passed: !shared.isEmpty, detail: shared.last ?? "")
        case .answers:
            // 127.0.0.1 is the Pod's localhost; a static busybox's wget cannot resolve the name `localhost`.
            let url = "http://127.0.0.1:\(spec.port ?? 0)\(spec.path)"
            let got = runtime.exec(pod, container: spec.from ?? "", ["wget", "-q", "-O", "-", url], timeout: 10)
            let body = got.stdout
            let passed = got.succeeded && (spec.contains.map { body.contains($0) } ?? true)
            let first = (got.succeeded ? body : got.stderr).split(separator: "\n").first.map(String.init) ?? ""
            return RunReport.Probe(id: spec.id, text: spec.text, passed: passed,
                                   detail: "localhost:\(spec.port ?? 0)\(spec.path) → " + (first.isEmpty ? "(empty)" : first))
        }
    }
}

extension PodObservation {
    /// A container restarted by its policy ended at least once: that is what the model predicts of it.
    var restartsAsEnded: PodObservation {
        PodObservation(containers: containers.map { c in
            c.restarts > 0 && c.state == .running
                ? ContainerObservation(name: c.name, state: .ended, exitCode: c.exitCode, restarts: c.restarts, output: c.output, reason: c.reason)
                : c
        }, listeningPorts: listeningPorts, volumeFiles: volumeFiles)
    }
}

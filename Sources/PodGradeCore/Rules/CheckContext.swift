public import PodGradeYAML
public import PodGradeKubernetes
import Synchronization

/// The Pod model of a target, built on first use and shared by every check of the exercise.
/// A check that needs only processes and volumes gets the cheaper partial model, unless the
/// whole one was built already.
final class ModelCache: Sendable {
    private let state = Mutex<(whole: PodModel?, processes: PodModel?)>((nil, nil))
    /// Some check of the exercise reads the whole model: build only that one.
    private let wantsWhole: Bool
    init(wantsWhole: Bool) { self.wantsWhole = wantsWhole }

    func model(_ pod: PodSpec) -> PodModel {
        state.withLock { cached in
            if let whole = cached.whole { return whole }
            let built = PodModel(pod: pod)
            cached.whole = built
            return built
        }
    }

    func processes(_ pod: PodSpec) -> PodModel {
        if wantsWhole { return model(pod) }
        return state.withLock { cached in
            if let whole = cached.whole { return whole }
            if let processes = cached.processes { return processes }
            let built = PodModel(pod: pod, processesOnly: true)
            cached.processes = built
            return built
        }
    }
}

/// Everything a check may look at.
public final class CheckContext: Sendable {
    public let exercise: Exercise
    public let files: [ParsedFile]
    public let target: Target?
    /// When the object cannot be graded although files were submitted: why, where (see `NotGradable`).
    public let notGradable: Finding?
    let cache: ModelCache

    public init(exercise: Exercise, files: [ParsedFile], target: Target?, notGradable: Finding? = nil) {
        self.exercise = exercise
        self.files = files
        self.target = target
        self.notGradable = notGradable
        self.cache = ModelCache(wantsWhole: exercise.checks.contains { $0.rule.readsWholeModel })
    }

    /// How the target's Pod is wired (built once, on first use, for every check of the exercise).
    public var model: PodModel? { pod.map(cache.model) }

    /// The model's containers (processes, lifecycles) and volumes only: no files, ports,
    /// connections or flows. For checks that need no more; cheaper than `model`.
    public var processModel: PodModel? { pod.map(cache.processes) }

    static let containerKeys = ["container", "main", "sidecar", "adapter", "ambassador", "writer", "reader", "from", "to"]

    /// Container names the exercise's checks mention (kept in the exercise when it loads).
    var mentionedContainers: Set<String> {
        exercise.mentionedContainers.isEmpty ? Self.mentionedContainers(in: exercise.checks) : exercise.mentionedContainers
    }

    static func mentionedContainers(in checks: [CheckSpec]) -> Set<String> {
        var names = Set<String>()
        for check in checks {
            guard let params = check.writtenParams else { continue }
            for key in Self.containerKeys { if let n = params[key]?.string { names.insert(n) } }
            for mount in params["mounts"]?.sequence ?? [] { if let n = mount["container"]?.string { names.insert(n) } }
        }
        return names
    }

    func standIn(for name: String, in pod: PodSpec) -> Container? {
        let mentioned = mentionedContainers
        guard mentioned.contains(name) else { return nil }
        let absent = mentioned.filter { pod.container(named: $0) == nil }
        let unmentioned = pod.allContainers.filter { c in c.name.map { !mentioned.contains($0.value) } ?? false }
        return absent.count == 1 && unmentioned.count == 1 ? unmentioned.first : nil
    }

    public var file: String { target?.file ?? files.first?.path ?? "" }
    public var workload: Workload? { target?.workload }
    public var pod: PodSpec? { target?.workload.pod }

    public func location(_ mark: Mark) -> Location { Location(file: file, mark: mark) }

    public func finding(_ message: any RuleMessage, _ located: Located<some Sendable>) -> Finding {
        Finding(message, location: location(located.mark), path: located.path)
    }

    public func finding(_ message: any RuleMessage, mark: Mark, path: String?) -> Finding {
        Finding(message, location: location(mark), path: path)
    }

    /// A finding about what a container runs: at its command (or args), else at its name.
    public func commandFinding(_ message: any RuleMessage, _ spec: Container) -> Finding {
        if let at = spec.command?.first ?? spec.args?.first { return finding(message, at) }
        return finding(message, mark: spec.nameMark, path: spec.name?.path ?? spec.path)
    }

    /// A finding about the pod spec as a whole (a missing container, volume...).
    public func podFinding(_ message: any RuleMessage) -> Finding {
        if let pod { return finding(message, mark: pod.mark, path: pod.path) }
        if let workload { return finding(message, mark: workload.mark, path: workload.path) }
        return Finding(message)
    }

    /// The named container (app or init); a missing one stops the check with a failure saying so.
    /// Identified by role when names differ: when exactly one name the exercise asks for is
    /// absent and exactly one container has a name the exercise never mentions, that container
    /// stands in for it (the name is the `exact` check's finding alone, e.g. container.spec's).
    public func container(_ name: String?, exact: Bool = false) throws(RuleStop) -> Container {
        guard let pod, let name else { throw RuleStop(outcome: .notRun) }
        if let container = pod.container(named: name) { return container }
        if !exact, let standIn = standIn(for: name, in: pod) { return standIn }
        let names = pod.allContainers.compactMap { $0.name?.value }
        throw RuleStop(outcome: .fail([podFinding(SharedMessage.containerMissing(name: name, present: names))]))
    }
}

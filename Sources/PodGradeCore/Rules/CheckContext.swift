public import PodGradeYAML
public import PodGradeKubernetes
import Synchronization

/// The Pod model of a target, built on first use and shared by every check of the exercise.
final class ModelCache: Sendable {
    private let state = Mutex<PodModel?>(nil)
    init() {}

    func model(_ pod: PodSpec) -> PodModel {
        state.withLock { cached in
            if let cached { return cached }
            let built = PodModel(pod: pod)
            cached = built
            return built
        }
    }
}

/// Everything a check may look at.
public struct CheckContext: Sendable {
    public let exercise: Exercise
    public let files: [ParsedFile]
    public let target: Target?
    let cache = ModelCache()

    public init(exercise: Exercise, files: [ParsedFile], target: Target?) {
        self.exercise = exercise
        self.files = files
        self.target = target
    }

    /// How the target's Pod is wired (built once, on first use, for every check of the exercise).
    public var model: PodModel? { pod.map(cache.model) }

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

    /// A finding about the pod spec as a whole (a missing container, volume...).
    public func podFinding(_ message: any RuleMessage) -> Finding {
        if let pod { return finding(message, mark: pod.mark, path: pod.path) }
        if let workload { return finding(message, mark: workload.mark, path: workload.path) }
        return Finding(message)
    }

    /// The named container (app or init); a missing one stops the check with a failure saying so.
    public func container(_ name: String?) throws(RuleStop) -> Container {
        guard let pod, let name else { throw RuleStop(outcome: .notRun) }
        if let container = pod.container(named: name) { return container }
        let names = pod.allContainers.compactMap { $0.name?.value }
        throw RuleStop(outcome: .fail([podFinding(SharedMessage.containerMissing(name: name, present: names))]))
    }
}

public import PodGradeYAML
public import PodGradeKubernetes

/// One manifest file of a submission, read once.
public struct ParsedFile: Sendable {
    public let path: String
    public let yaml: YAMLFile
    /// Objects of every document (List items included), with their document.
    public let objects: [(node: Node, path: String, document: Int)]
    public let workloads: [Workload]
    /// k8s.schema issues of each object (same order as `objects`), found once:
    /// both Kubernetes rules need them.
    public let schemaIssues: [[K8sIssue]]
    /// The schema issues of each workload's object (same order as `workloads`).
    public let workloadSchemaIssues: [[K8sIssue]]

    public init(path: String, yaml: YAMLFile) {
        self.path = path
        self.yaml = yaml
        var objects: [(Node, String, Int)] = []
        var workloads: [Workload] = []
        var schemaIssues: [[K8sIssue]] = []
        var workloadSchemaIssues: [[K8sIssue]] = []
        for document in yaml.documents {
            for object in WorkloadDecoder.objects(in: document) {
                objects.append((object.node, object.path, document.index))
                let issues = K8sChecks.schema(object.node, path: object.path)
                schemaIssues.append(issues)
                if let workload = WorkloadDecoder.workload(object.node, path: object.path) {
                    workloads.append(workload)
                    workloadSchemaIssues.append(issues)
                }
            }
        }
        self.objects = objects
        self.workloads = workloads
        self.schemaIssues = schemaIssues
        self.workloadSchemaIssues = workloadSchemaIssues
    }
}

/// The object a check examines: a workload and the file it is in.
public struct Target: Sendable {
    public let workload: Workload
    public let file: String
    /// False when the expected name was not found and the only candidate is graded instead.
    public let exact: Bool
}

/// Everything a check may look at.
public struct CheckContext: Sendable {
    public let exercise: Exercise
    public let files: [ParsedFile]
    public let target: Target?

    public init(exercise: Exercise, files: [ParsedFile], target: Target?) {
        self.exercise = exercise
        self.files = files
        self.target = target
    }

    public var file: String { target?.file ?? files.first?.path ?? "" }
    public var workload: Workload? { target?.workload }
    public var pod: PodSpec? { target?.workload.pod }

    public func location(_ mark: Mark) -> Location { Location(file: file, mark: mark) }

    public func finding(_ message: Message, _ located: Located<some Sendable>) -> Finding {
        Finding(message, location: location(located.mark), path: located.path)
    }

    public func finding(_ message: Message, mark: Mark, path: String?) -> Finding {
        Finding(message, location: location(mark), path: path)
    }

    /// A finding about the pod spec as a whole (a missing container, volume...).
    public func podFinding(_ message: Message) -> Finding {
        if let pod { return finding(message, mark: pod.mark, path: pod.path) }
        if let workload { return finding(message, mark: workload.mark, path: workload.path) }
        return Finding(message)
    }

    /// The named container (app or init); a missing one stops the check with a failure saying so.
    public func container(_ name: String?) throws(RuleStop) -> Container {
        guard let pod, let name else { throw RuleStop(outcome: .skip(.skippedNoWorkload)) }
        if let container = pod.container(named: name) { return container }
        let names = pod.allContainers.compactMap { $0.name?.value }
        throw RuleStop(outcome: .fail([podFinding(.containerMissing(name: name, present: names))]))
    }
}

/// Stops a check early with the outcome to report.
public struct RuleStop: Error, Sendable {
    public let outcome: Outcome
}

public import PodGradeYAML
public import PodGradeKubernetes

/// One manifest file of a submission, read once.
public final class ParsedFile: Sendable {
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

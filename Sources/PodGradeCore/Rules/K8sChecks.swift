import PodGradeYAML
import PodGradeKubernetes

/// The Kubernetes layer's schema and API validation, as the two rules use them.
enum K8sChecks {
    static func schema(_ node: Node, path: String) -> [K8sIssue] {
        SchemaChecker.check(node, path: path)
    }

    /// Validation issues, less those at a path the schema already flagged: a
    /// mistyped field the model could not read is one problem (k8s.schema), not two.
    static func validate(_ workload: Workload) -> [K8sIssue] {
        let flagged = Set(SchemaChecker.check(workload.node, path: workload.path).map(\.path))
        return PodValidator.validate(workload).filter { !flagged.contains($0.path) }
    }
}

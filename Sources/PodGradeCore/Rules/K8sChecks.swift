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
        validate(workload, schemaIssues: SchemaChecker.check(workload.node, path: workload.path))
    }

    /// The same with the object's schema issues already found (`ParsedFile.workloadSchemaIssues`).
    static func validate(_ workload: Workload, schemaIssues: [K8sIssue]) -> [K8sIssue] {
        let issues = PodValidator.validate(workload)
        guard !schemaIssues.isEmpty else { return issues }
        let flagged = Set(schemaIssues.map(\.path))
        return issues.filter { !flagged.contains($0.path) }
    }
}

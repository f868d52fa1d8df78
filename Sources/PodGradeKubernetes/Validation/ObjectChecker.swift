public import PodGradeYAML

/// Schema and API validation of every workload in a document, in one call.
public enum ObjectChecker {
    public static func check(document: Document) -> [K8sIssue] {
        var issues: [K8sIssue] = []
        for object in WorkloadDecoder.objects(in: document) {
            issues += check(object.node, path: object.path)
        }
        return issues
    }

    /// Schema issues of the object, then validation issues of its workload.
    /// A validation issue at a path the schema already flagged (a missing or
    /// mistyped field the model could not read) is the same problem twice: dropped.
    public static func check(_ node: Node, path: String) -> [K8sIssue] {
        let schema = SchemaChecker.check(node, path: path)
        guard let workload = WorkloadDecoder.workload(node, path: path) else { return schema }
        let flagged = Set(schema.map(\.path))
        return schema + PodValidator.validate(workload).filter { !flagged.contains($0.path) }
    }
}

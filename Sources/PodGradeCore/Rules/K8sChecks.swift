import PodGradeYAML
import PodGradeKubernetes

/// The Kubernetes layer's schema and API validation, over one object.
enum K8sChecks {
    static func schema(_ node: Node, path: String) -> [K8sIssue] {
        []
    }

    static func validate(_ workload: Workload) -> [K8sIssue] {
        []
    }
}

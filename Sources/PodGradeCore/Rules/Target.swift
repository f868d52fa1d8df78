public import PodGradeKubernetes

/// The object a check examines: a workload and the file it is in.
public struct Target: Sendable {
    public let workload: Workload
    public let file: String
    /// False when the expected name was not found and the only candidate is graded instead.
    public let exact: Bool
}

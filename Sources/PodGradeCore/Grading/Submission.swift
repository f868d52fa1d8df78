import PodGradeKubernetes

/// An exercise's submission: its manifest files, those that could not be
/// read, and the object its checks examine.
public struct Submission: Sendable {
    public let files: [ParsedFile]
    /// Files that were not read (symlinks, FIFOs, too large), with why.
    public let skipped: [(path: String, reason: SkipReason)]
    /// The object with the exercise's kind and name, else the only object of
    /// an accepted kind.
    public let target: Target?

    init(_ exercise: Exercise, files: [ParsedFile], skipped: [(path: String, reason: SkipReason)]) {
        self.files = files
        self.skipped = skipped
        var candidates: [Target] = []
        var exact: Target?
        search: for file in files {
            for workload in file.workloads where exercise.objectKinds.contains(workload.kind) {
                if exercise.isObject(workload) {
                    exact = Target(workload: workload, file: file.path, exact: true)
                    break search
                }
                candidates.append(Target(workload: workload, file: file.path, exact: false))
            }
        }
        target = exact ?? (candidates.count == 1 ? candidates[0] : nil)
    }
}

extension Exercise {
    /// Whether a workload is the exercise's object: an accepted kind and the asked name.
    func isObject(_ workload: Workload) -> Bool {
        objectKinds.contains(workload.kind) && workload.name?.value == objectName
    }
}

import PodGradeYAML
import PodGradeKubernetes

/// Why the exercise's object cannot be graded although the submission has
/// files: one of them does not parse (the object may be in it), or the only
/// candidate's `kind` or `metadata` is broken (it cannot be told whether it is
/// the object). The checks that need the object say so instead of "no Pod
/// named X" or a cascade over an object that is not the one.
enum NotGradable {
    /// The finding that stands for the reason, at the line where it lies; nil when the target can be graded.
    static func reason(target: Target?, files: [ParsedFile]) -> Finding? {
        if let target {
            // Found by its name: graded. A candidate found by kind alone may not be the one while a file does not parse.
            guard !target.exact else { return nil }
            if let broken = brokenIdentity(of: target, in: files) { return broken }
        }
        for file in files {
            if let error = file.yaml.error {
                return Finding(SharedMessage.notCheckedUnparsable(file: file.path, line: error.mark.line),
                               location: Location(file: file.path, mark: error.mark))
            }
        }
        return nil
    }

    /// A candidate found by kind alone whose `kind` or `metadata` k8s.schema rejects.
    private static func brokenIdentity(of target: Target, in files: [ParsedFile]) -> Finding? {
        guard let file = files.first(where: { $0.path == target.file }),
              let index = file.workloads.firstIndex(where: { $0.path == target.workload.path && $0.mark == target.workload.mark }),
              index < file.workloadSchemaIssues.count else { return nil }
        let prefix = target.workload.path.isEmpty ? "" : target.workload.path + "."
        for issue in file.workloadSchemaIssues[index] {
            for field in ["kind", "metadata"] where issue.path == prefix + field || issue.path.hasPrefix(prefix + field + ".") {
                return Finding(SharedMessage.notCheckedBrokenObject(file: file.path, line: issue.mark.line, field: field),
                               location: Location(file: file.path, mark: issue.mark), path: issue.path)
            }
        }
        return nil
    }
}

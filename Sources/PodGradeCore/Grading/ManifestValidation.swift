import PodGradeYAML
import PodGradeKubernetes

/// `podgrade validate`: the reading and the two Kubernetes rules over any manifests,
/// outside any exercise.
public enum ManifestValidation {
    public struct Item: Sendable {
        public let rule: String
        public let isError: Bool
        public let message: SharedMessage
        public let location: Location?
    }

    /// A file, or every manifest below a folder.
    public static func snapshot(of path: String, limits: SourceLimits = SourceLimits()) throws(SourceFailure) -> SourceSnapshot {
        switch WorkTreeReader.readRegular(path, limit: limits.maxFileBytes) {
        case .success(let bytes):
            return SourceSnapshot(origin: SourceOrigin(path: path), files: [SourceFile(path: path, content: .bytes(bytes))])
        case .failure(.notRegularFile):
            do {
                let snapshot = try WorkTreeReader.read(root: path, limits: limits)
                let prefix = path.hasSuffix("/") ? path : path + "/"
                return SourceSnapshot(origin: snapshot.origin, files: snapshot.files.map {
                    SourceFile(path: prefix + $0.path, content: $0.content)
                }, notes: snapshot.notes)
            } catch {
                throw SourceFailure(error.message)
            }
        case .failure(let reason):
            throw SourceFailure("\(path): " + SharedMessage.fileSkipped(path: path, reason: reason).text(.en))
        }
    }

    public static func findings(in snapshot: SourceSnapshot, limits: YAMLLimits = .default) -> [Item] {
        let manifests = ManifestSet(snapshot, limits: limits)
        var items: [Item] = manifests.skipped.map {
            Item(rule: "yaml.syntax", isError: true, message: .fileSkipped(path: $0.path, reason: $0.reason), location: nil)
        }
        for file in manifests.files {
            if let error = file.yaml.error {
                items.append(Item(rule: "yaml.syntax", isError: true, message: .yaml(error), location: Location(file: file.path, mark: error.mark)))
            }
            var issues: [K8sIssue] = []
            for objectIssues in file.schemaIssues { issues += objectIssues }
            for (workload, schemaIssues) in zip(file.workloads, file.workloadSchemaIssues) {
                issues += K8sChecks.validate(workload, schemaIssues: schemaIssues)
            }
            items += issues.sorted { $0.mark < $1.mark }.map {
                Item(rule: $0.rule.rawValue, isError: $0.severity == .error, message: .k8s($0), location: Location(file: file.path, mark: $0.mark))
            }
        }
        return items
    }
}

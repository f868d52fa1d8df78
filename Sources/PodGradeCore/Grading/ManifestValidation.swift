#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
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

    /// What one run checked, for the closing line.
    public struct Summary: Sendable, Equatable {
        public var files = 0
        public var objects = 0
        public var errors = 0
        public var warnings = 0

        public init(files: Int = 0, objects: Int = 0, errors: Int = 0, warnings: Int = 0) {
            self.files = files
            self.objects = objects
            self.errors = errors
            self.warnings = warnings
        }

        public static func + (a: Summary, b: Summary) -> Summary {
            Summary(files: a.files + b.files, objects: a.objects + b.objects,
                    errors: a.errors + b.errors, warnings: a.warnings + b.warnings)
        }
    }

    /// The Kubernetes version whose schemas `validate` checks against.
    public static var kubernetesVersion: String { SchemaChecker.kubernetesVersion }

    /// The name standard input goes by in findings (`validate -`).
    public static let standardInputName = "<stdin>"

    /// A file, or every manifest below a folder. An explicit path is never
    /// followed through a symbolic link (the grader's rule): it is unusable input.
    public static func snapshot(of path: String, limits: SourceLimits = SourceLimits()) throws(SourceFailure) -> SourceSnapshot {
        switch WorkTreeReader.readRegular(path, limit: limits.maxFileBytes) {
        case .success(let bytes):
            return SourceSnapshot(origin: SourceOrigin(path: path), files: [SourceFile(path: path, content: .bytes(bytes))])
        case .failure(.notRegularFile):
            do {
                let snapshot = try WorkTreeReader.read(root: path, limits: limits, namingOddEntries: true)
                let prefix = path.hasSuffix("/") ? path : path + "/"
                return SourceSnapshot(origin: snapshot.origin, files: snapshot.files.map {
                    SourceFile(path: prefix + $0.path, content: $0.content)
                }, notes: snapshot.notes)
            } catch {
                throw SourceFailure(error.message)
            }
        case .failure(let reason):
            throw SourceFailure(SharedMessage.fileSkipped(path: path, reason: reason).text(.en))
        }
    }

    /// Reads standard input to its end, at most `limit` bytes.
    public static func readStandardInput(limit: Int) throws(SourceFailure) -> [UInt8] {
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = buffer.withUnsafeMutableBytes { raw -> Int in
                guard let base = raw.baseAddress else { return 0 }
                return read(0, base, raw.count)
            }
            if n < 0 {
                if errno == EINTR { continue }
                throw SourceFailure("\(standardInputName): " + String(cString: strerror(errno)))
            }
            if n == 0 { return bytes }
            bytes += buffer[0..<n]
            if bytes.count > limit {
                throw SourceFailure(SharedMessage.fileSkipped(path: standardInputName, reason: .tooLarge(bytes: bytes.count, limit: limit)).text(.en))
            }
        }
    }

    /// Standard input read as one manifest file (`validate -`, as kubectl's `-f -`).
    public static func snapshot(standardInput bytes: [UInt8]) -> SourceSnapshot {
        SourceSnapshot(origin: SourceOrigin(path: standardInputName),
                       files: [SourceFile(path: standardInputName, content: .bytes(bytes))])
    }

    public static func findings(in snapshot: SourceSnapshot, limits: YAMLLimits = .default) -> [Item] {
        run(snapshot, limits: limits).items
    }

    /// Every finding, file by file, and what was checked.
    public static func run(_ snapshot: SourceSnapshot, limits: YAMLLimits = .default) -> (items: [Item], summary: Summary) {
        var summary = Summary()
        // Skipped entries of any name (the folder reader names odd ones only here): not checked, said so.
        var items: [Item] = snapshot.files.compactMap { file in
            guard case .skipped(let reason) = file.content else { return nil }
            return Item(rule: "yaml.syntax", isError: false, message: .fileSkipped(path: file.path, reason: reason), location: nil)
        }
        let files = snapshot.files.compactMap { file -> ParsedFile? in
            guard case .bytes(let bytes) = file.content,
                  SourceSnapshot.isManifest(file.path) || file.path == standardInputName else { return nil }
            return ParsedFile(path: file.path, yaml: YAMLReader.read(bytes, limits: limits))
        }
        for file in files {
            summary.files += 1
            // `key: value` is a mapping but no object: counted by what it lacks, not here.
            summary.objects += file.objects.filter { $0.node["kind"] != nil || $0.node["apiVersion"] != nil }.count
            var fileItems: [Item] = []
            func add(_ issue: K8sIssue) {
                fileItems.append(Item(rule: issue.rule.rawValue, isError: issue.severity == .error, message: .k8s(issue),
                                      location: Location(file: file.path, mark: issue.mark)))
            }
            for document in file.yaml.documents where document.root.mapping == nil && !document.root.isNull {
                add(K8sIssue(.schema, .notAMapping(found: document.root.typeName), path: "", mark: document.root.mark))
            }
            for issues in file.schemaIssues { issues.forEach(add) }
            for object in file.objects {
                if let unchecked = SchemaChecker.unchecked(object.node) {
                    add(K8sIssue(.schema, .noSchema(kind: unchecked.kind, apiVersion: unchecked.apiVersion), path: object.path,
                                 mark: object.node["kind"]?.mark ?? object.node.mark, severity: .warning))
                }
            }
            for (workload, schemaIssues) in zip(file.workloads, file.workloadSchemaIssues) {
                K8sChecks.validate(workload, schemaIssues: schemaIssues).forEach(add)
            }
            fileItems.sort { ($0.location?.line ?? 0, $0.location?.column ?? 0) < ($1.location?.line ?? 0, $1.location?.column ?? 0) }
            if let error = file.yaml.error {
                // Findings before the error stay (documents read before it); the error comes where it is.
                let item = Item(rule: "yaml.syntax", isError: true, message: .yaml(error), location: Location(file: file.path, mark: error.mark))
                let at = fileItems.firstIndex { ($0.location?.line ?? 0, $0.location?.column ?? 0) > (error.mark.line, error.mark.column) }
                fileItems.insert(item, at: at ?? fileItems.endIndex)
            } else if file.yaml.documents.isEmpty {
                add(K8sIssue(.schema, .noObjects, path: "", mark: Mark(line: 1, column: 1), severity: .warning))
            }
            items += fileItems
        }
        for item in items {
            if item.isError { summary.errors += 1 } else { summary.warnings += 1 }
        }
        return (items, summary)
    }
}

import PodGradeYAML
import PodGradeKubernetes

/// The manifest files of a snapshot, each read once, and the rule for which of
/// them are an exercise's submission.
public struct ManifestSet: Sendable {
    public let files: [ParsedFile]
    /// Files that were not read (symlinks, FIFOs, too large), with why.
    public let skipped: [(path: String, reason: SkipReason)]

    public init(_ snapshot: SourceSnapshot, limits: YAMLLimits = .default) {
        var files: [ParsedFile] = []
        var skipped: [(String, SkipReason)] = []
        for file in snapshot.files where SourceSnapshot.isManifest(file.path) {
            switch file.content {
            case .bytes(let bytes): files.append(ParsedFile(path: file.path, yaml: YAMLReader.read(bytes, limits: limits)))
            case .skipped(let reason): skipped.append((file.path, reason))
            }
        }
        self.files = files
        self.skipped = skipped
    }

    /// The submission for an exercise: manifests in a folder named exactly by
    /// the slug, anywhere; else any manifest holding the exercise's object.
    public func submission(for exercise: Exercise) -> Submission {
        // Byte by byte: the slug is ASCII, and a split into Characters costs far more.
        let slug = exercise.id.utf8
        func inSlugFolder(_ path: String) -> Bool {
            // Each folder of the path (the components before a '/'), without splitting it into an array.
            let bytes = path.utf8
            var start = bytes.startIndex
            while let slash = bytes[start...].firstIndex(of: UInt8(ascii: "/")) {
                if bytes[start..<slash].elementsEqual(slug) { return true }
                start = bytes.index(after: slash)
            }
            return false
        }
        let inFolder = files.filter { inSlugFolder($0.path) }
        let skippedInFolder = skipped.filter { inSlugFolder($0.path) }
        if !inFolder.isEmpty || !skippedInFolder.isEmpty { return Submission(exercise, files: inFolder, skipped: skippedInFolder) }
        let byObject = files.filter { file in file.workloads.contains(where: exercise.isObject) }
        return Submission(exercise, files: byObject, skipped: [])
    }
}

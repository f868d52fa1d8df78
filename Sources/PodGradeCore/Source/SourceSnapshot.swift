import PodGradeYAML

/// The manifest files of a repository at one moment.
public struct SourceSnapshot: Sendable {
    public let origin: SourceOrigin
    public let files: [SourceFile]
    /// Problems met while listing (too many files...), for the learner to see.
    public let notes: [String]

    public init(origin: SourceOrigin, files: [SourceFile], notes: [String] = []) {
        self.origin = origin
        self.files = files
        self.notes = notes
    }

    /// Whether a path names a manifest podgrade reads.
    public static func isManifest(_ path: String) -> Bool {
        let lower = path.lowercased()
        return lower.hasSuffix(".yaml") || lower.hasSuffix(".yml") || lower.hasSuffix(".json")
    }
}

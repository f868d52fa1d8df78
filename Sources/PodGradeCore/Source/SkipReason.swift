import PodGradeYAML

/// Why a file was not read. None of these is ever followed or opened.
public enum SkipReason: Error, Sendable, Hashable, Codable {
    case symlink(target: String)
    case tooLarge(bytes: Int, limit: Int)
    case notRegularFile
    /// A directory named like a manifest (`pod.yaml/`); what is inside it is read as a folder's.
    case directoryNamedLikeManifest
    case unreadable(String)
    case submodule
}

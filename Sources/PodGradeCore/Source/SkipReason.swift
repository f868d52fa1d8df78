import PodGradeYAML

/// Why a file was not read. None of these is ever followed or opened.
public enum SkipReason: Error, Sendable, Hashable, Codable {
    case symlink(target: String)
    case tooLarge(bytes: Int, limit: Int)
    case notRegularFile
    case unreadable(String)
    case submodule
}

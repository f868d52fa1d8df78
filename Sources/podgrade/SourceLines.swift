import ArgumentParser
import PodGradeCore
import PodGradeReport
#if canImport(Glibc)
import Glibc
#endif

/// The lines of each submission file, for code frames.
final class SourceLines: Sendable {
    private let files: [String: [Substring]]

    init(_ snapshot: SourceSnapshot) {
        var files: [String: [Substring]] = [:]
        for file in snapshot.files {
            if case .bytes(let bytes) = file.content {
                files[file.path] = String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            }
        }
        self.files = files
    }

    @Sendable func lines(_ path: String) -> [Substring]? { files[path] }
}

import ArgumentParser
import PodGradeCore
import PodGradeReport
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// The lines of each submission file, for code frames: split when a finding first
/// needs them (most files of a repository have none to show).
final class SourceLines: Sendable {
    private let bytes: [String: [UInt8]]
    private let split = Mutex<[String: [Substring]]>([:])

    init(_ snapshot: SourceSnapshot) {
        var bytes: [String: [UInt8]] = [:]
        for file in snapshot.files {
            if case .bytes(let content) = file.content { bytes[file.path] = content }
        }
        self.bytes = bytes
    }

    @Sendable func lines(_ path: String) -> [Substring]? {
        guard let content = bytes[path] else { return nil }
        return split.withLock { known in
            if let lines = known[path] { return lines }
            // Split by bytes (a Character-level split is slow, and never splits "\r\n", one Character).
            let lines = String(decoding: content, as: UTF8.self).utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
                .map { Substring($0.last == UInt8(ascii: "\r") ? $0.dropLast() : $0) }
            known[path] = lines
            return lines
        }
    }
}

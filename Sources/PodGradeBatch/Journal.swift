import FoundationEssentials
public import PodGradeReport
#if canImport(Glibc)
import Glibc
#endif

/// One finished learner: a line of `journal.jsonl`.
public struct JournalEntry: Codable, Sendable {
    public var student: String
    public var repo: String
    public var commit: String?
    public var status: LearnerStatus
    public var error: String?
    /// For an `error`: whether it can pass (a server down: `--resume` grades
    /// the learner again) or needs someone to act (no such repository: kept).
    public var errorKind: ErrorKind?
    /// Tries of the clone or fetch (more than one after transient errors).
    public var attempts: Int?
    public var score: Int?
    public var maxScore: Int?
    /// Exercise id → score (missing exercises score 0).
    public var exercises: [String: Int]?
    /// The result file, relative to the output folder.
    public var result: String?
    /// With a late window (`--late-until`): the learner's deadline after their
    /// extension, seconds the graded commit came after it, the points the late
    /// policy took and the score left.
    public var deadline: String?
    public var late: Int?
    public var penalty: Int?
    public var finalScore: Int?

    public init(student: String, repo: String, commit: String? = nil, status: LearnerStatus, error: String? = nil,
                errorKind: ErrorKind? = nil, attempts: Int? = nil, score: Int? = nil,
                maxScore: Int? = nil, exercises: [String: Int]? = nil, result: String? = nil) {
        self.errorKind = errorKind
        self.attempts = attempts
        self.student = student
        self.repo = repo
        self.commit = commit
        self.status = status
        self.error = error
        self.score = score
        self.maxScore = maxScore
        self.exercises = exercises
        self.result = result
    }
}

/// Whether an error row is worth another try.
public enum ErrorKind: String, Codable, Sendable {
    /// Can pass by itself: connection refused or reset, a timeout, HTTP 5xx, a
    /// busy cache lock, a full cache disk. `--resume` grades the learner again.
    case transient
    /// Needs someone to act: no such repository or revision, credentials
    /// asked, a URL refused by policy. `--resume` keeps the row.
    case permanent
}

extension JournalEntry {
    /// Whether `--resume` keeps this row rather than grading the learner again:
    /// graded learners and permanent errors are kept; transient errors (and
    /// errors journaled before kinds were recorded) are graded again.
    public var isFinal: Bool { status != .error || errorKind == .permanent }
}

/// `journal.jsonl`: appended and flushed as each learner finishes, so a batch
/// killed at any moment loses no finished learner; `--resume` skips them. A
/// line is written whole or not at all: a write that fails (a full disk) is cut
/// back, so the last line stays the last complete one. One writer: the batch's
/// own thread (workers hand their rows to it).
public final class Journal {
    public let path: String
    private let fd: Int32

    /// Opens (creates) the journal, locked for this run; `fresh` empties it.
    public init(path: String, fresh: Bool = false) throws(BatchFailure) {
        self.path = path
        fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw BatchFailure("cannot open \(path): \(String(cString: strerror(errno)))") }
        // One run an output folder: a second one would interleave their learners.
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            close(fd)
            throw BatchFailure("\(path) is in use by another podgrade run; give each run its own --out folder")
        }
        if fresh { _ = ftruncate(fd, 0) }
        // A torn last line (a process killed mid-write): cut it off.
        if let existing = try? Self.readBytes(path), let last = existing.last, last != UInt8(ascii: "\n") {
            let keep = existing.lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? 0
            _ = ftruncate(fd, off_t(keep))
        }
    }

    deinit { close(fd) }

    public func append(_ entry: JournalEntry) throws(BatchFailure) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(entry) else { throw BatchFailure("cannot encode the journal entry of \(entry.student)") }
        let line = Array(data) + [UInt8(ascii: "\n")]
        let before = lseek(fd, 0, SEEK_END)
        var offset = 0
        while offset < line.count {
            let n = line.withUnsafeBytes { buffer -> Int in
                guard let base = buffer.baseAddress else { return 0 }
                return write(fd, base + offset, buffer.count - offset)
            }
            if n < 0 {
                if errno == EINTR { continue }
                let reason = String(cString: strerror(errno))
                if before >= 0 { _ = ftruncate(fd, before) }
                throw BatchFailure("\(path): \(reason)")
            }
            offset += n
        }
        if fsync(fd) != 0 && errno != EINVAL {
            let reason = String(cString: strerror(errno))
            if before >= 0 { _ = ftruncate(fd, before) }
            throw BatchFailure("\(path): \(reason)")
        }
    }

    /// Every well-formed entry, the last one per student winning.
    public static func read(_ path: String) -> [JournalEntry] {
        guard let bytes = try? readBytes(path) else { return [] }
        let decoder = JSONDecoder()
        var entries: [JournalEntry] = []
        var index: [String: Int] = [:]
        for line in bytes.split(separator: UInt8(ascii: "\n")) {
            guard let entry = try? decoder.decode(JournalEntry.self, from: Data(line)) else { continue }
            if let at = index[entry.student] { entries[at] = entry } else { index[entry.student] = entries.count; entries.append(entry) }
        }
        return entries
    }

    static func readBytes(_ path: String) throws -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw BatchFailure("\(path): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var result: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n < 0 { if errno == EINTR { continue }; throw BatchFailure("\(path): \(String(cString: strerror(errno)))") }
            if n == 0 { break }
            result += buffer[0..<n]
        }
        return result
    }
}

public struct BatchFailure: Error, Sendable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}


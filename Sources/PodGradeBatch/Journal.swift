import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

/// One finished learner: a line of `journal.jsonl`.
public struct JournalEntry: Codable, Sendable {
    public var student: String
    public var repo: String
    public var commit: String?
    /// `pass`, `fail` or `error`.
    public var status: String
    public var error: String?
    public var score: Int?
    public var maxScore: Int?
    /// Exercise id → score (missing exercises score 0).
    public var exercises: [String: Int]?
    /// The result file, relative to the output folder.
    public var result: String?

    public init(student: String, repo: String, commit: String? = nil, status: String, error: String? = nil, score: Int? = nil,
                maxScore: Int? = nil, exercises: [String: Int]? = nil, result: String? = nil) {
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

/// `journal.jsonl`: appended and flushed as each learner finishes, so a batch
/// killed at any moment loses no finished learner; `--resume` skips them. A
/// torn last line (the process died mid-write) is ignored when read.
public final class Journal: @unchecked Sendable {
    public let path: String
    private let fd: Int32
    private let lock = NSLockLike()

    public init(path: String) throws(BatchFailure) {
        self.path = path
        fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw BatchFailure("\(path): \(String(cString: strerror(errno)))") }
        // A torn last line: start the next entry on a line of its own.
        if let existing = try? Self.readBytes(path), let last = existing.last, last != UInt8(ascii: "\n") {
            _ = "\n".utf8CString.withUnsafeBufferPointer { write(fd, $0.baseAddress, 1) }
        }
    }

    deinit { close(fd) }

    public func append(_ entry: JournalEntry) throws(BatchFailure) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(entry) else { throw BatchFailure("cannot encode the journal entry of \(entry.student)") }
        let line = Array(data) + [UInt8(ascii: "\n")]
        lock.withLock {
            var offset = 0
            while offset < line.count {
                let n = line.withUnsafeBytes { buffer -> Int in
                    guard let base = buffer.baseAddress else { return 0 }
                    return write(fd, base + offset, buffer.count - offset)
                }
                if n < 0 { if errno == EINTR { continue }; break }
                offset += n
            }
            fsync(fd)
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

/// A mutex over pthread, for the journal and the work queue.
final class NSLockLike: @unchecked Sendable {
    private var mutex = pthread_mutex_t()
    init() { pthread_mutex_init(&mutex, nil) }
    deinit { pthread_mutex_destroy(&mutex) }
    func withLock<T>(_ body: () throws -> T) rethrows -> T {
        pthread_mutex_lock(&mutex)
        defer { pthread_mutex_unlock(&mutex) }
        return try body()
    }
}

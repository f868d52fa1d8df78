import ArgumentParser
import PodGradeCore
import PodGradeBatch
#if canImport(Glibc)
import Glibc
#endif

struct Grade: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Grade a roster of learners' git repositories into a gradebook, per-learner results and an HTML report.")

    @Argument(help: "The roster: CSV with the header student,repo[,rev].") var roster: String
    @Option(name: .long, help: "Output folder (gradebook.csv, results/, report.html, journal.jsonl).") var out: String
    @Option(name: .long, help: "Learners graded at once (default: the number of cores).") var jobs: Int?
    @Option(name: .long, help: "Grade the newest commit at or before this time (ISO 8601 with offset).") var deadline: String?
    @Option(name: .long, help: "Grade only shard K of N (K from 0), a stable split by student.") var shard: String?
    @Flag(name: .long, help: "Skip learners already in the output folder's journal.") var resume = false
    @Option(name: .long, help: "Seconds a server may stay silent before a clone fails (default 60).") var cloneTimeout: Double = 60
    @Flag(name: .long, help: "Allow local paths and file:// URLs in the roster.") var allowLocal = false
    @Option(name: .long, help: "Where cloned repositories are cached (default ~/.cache/podgrade).") var cache: String?
    @OptionGroup var language: LanguageOptions
    @OptionGroup var labOptions: LabOptions

    func run() throws {
        let lang = try language.resolve()
        let lab = try labOptions.load()
        var shardValue: Shard?
        if let shard {
            guard let parsed = Shard(shard) else { throw UsageFailure("invalid --shard '\(shard)': use K/N with 0 <= K < N, such as 0/4") }
            shardValue = parsed
        }
        if let deadline, Deadline.parse(deadline) == nil {
            throw UsageFailure("invalid --deadline '\(deadline)': use ISO 8601 with an offset, such as 2026-12-01T23:59:00+03:00")
        }
        guard cloneTimeout > 0, cloneTimeout.isFinite else { throw UsageFailure("--clone-timeout must be a positive number of seconds") }
        let text: String
        switch RosterFile.read(roster) {
        case .success(let bytes): text = String(decoding: bytes, as: UTF8.self)
        case .failure(let failure): throw failure
        }
        let entries: [RosterEntry]
        do { entries = try Roster.parse(text) } catch { throw UsageFailure("\(roster): \(error)") }
        let jobCount = max(1, jobs ?? Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
        let options = BatchOptions(outDirectory: out, jobs: jobCount, deadline: deadline, shard: shardValue, resume: resume,
                                   cloneTimeout: cloneTimeout, allowLocal: allowLocal, cacheDirectory: cache, lang: lang,
                                   limits: try LimitOptions.resolve())
        let display = ProgressDisplay(terminal: isatty(2) == 1, lang: lang)
        let summary: BatchSummary
        do {
            summary = try BatchGrader(lab: lab, options: options).run(entries) { display.update($0) }
        } catch {
            throw UsageFailure(error.message)
        }
        display.finish(summary, out: out)
        if summary.errorsInGradebook > 0 { throw ExitCode(1) }
    }
}

struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Merge the output folders of `grade` (shards) into one gradebook and HTML report.")

    @Argument(help: "Output folders of `podgrade grade`.") var directories: [String]
    @Option(name: .long, help: "Write the HTML report here (default: report.html).") var html: String?
    @Option(name: .long, help: "Write the gradebook here (default: gradebook.csv).") var csv: String?
    @OptionGroup var language: LanguageOptions
    @OptionGroup var labOptions: LabOptions

    func run() throws {
        let lang = try language.resolve()
        let lab = try labOptions.load()
        var entries: [JournalEntry] = []
        var seen = Set<String>()
        for directory in directories {
            let path = directory + "/journal.jsonl"
            guard access(path, R_OK) == 0 else { throw UsageFailure("\(directory): no journal.jsonl (is it an output folder of podgrade grade?)") }
            for entry in Journal.read(path) where seen.insert(entry.student).inserted { entries.append(entry) }
        }
        entries.sort { $0.student < $1.student }
        do {
            try BatchGrader.writeReports(entries, directories: directories, csvPath: csv ?? "gradebook.csv", htmlPath: html ?? "report.html",
                                         lab: lab, lang: lang)
        } catch {
            throw UsageFailure(error.message)
        }
        print(CLIText.reportWritten(entries.count, csv: csv ?? "gradebook.csv", html: html ?? "report.html", lang))
    }
}

/// Reads a small file given on the command line (the roster).
enum RosterFile {
    static func read(_ path: String) -> Result<[UInt8], UsageFailure> {
        switch WorkTreeReader.readRegular(path) {
        case .success(let bytes): return .success(bytes)
        case .failure(.unreadable(let why)): return .failure(UsageFailure("\(path): \(why)"))
        case .failure(let reason): return .failure(UsageFailure(SharedMessage.fileSkipped(path: path, reason: reason).text(.en)))
        }
    }
}

/// Progress on stderr: a bar redrawn in place on a terminal, plain lines otherwise.
final class ProgressDisplay: @unchecked Sendable {
    let terminal: Bool
    let lang: Lang
    /// Workers report concurrently: one line at a time, and the bar never goes back.
    private let lock = DisplayLock()
    private var shown = 0
    private var barOpen = false

    init(terminal: Bool, lang: Lang) {
        self.terminal = terminal
        self.lang = lang
    }

    func update(_ p: BatchProgress) {
        lock.lock()
        defer { lock.unlock() }
        if terminal {
            guard p.done > shown else { return }
            shown = p.done
        }
        let rate = p.elapsed > 0 ? Double(p.done) / p.elapsed : 0
        let remaining = rate > 0 ? Int(Double(max(0, p.total - p.done)) / rate) : 0
        if terminal {
            let width = 30
            let filled = p.total > 0 ? min(width, max(0, width * p.done / p.total)) : width
            let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
            let errors = CLIText.errors.text(lang)
            let line = "\r\u{1B}[K[\(bar)] \(p.done)/\(p.total) · \(errors) \(p.errors) · \(format(rate))/s · ETA \(remaining / 60):\(pad(remaining % 60))"
            printError(line, newline: p.done == p.total)
            barOpen = p.done != p.total
        } else {
            var line = "[\(p.done)/\(p.total)] \(p.entry.student): "
            if let score = p.entry.score, let max = p.entry.maxScore { line += "\(score)/\(max) \(p.entry.status)" }
            else { line += "error: " + (p.entry.error ?? "") }
            printError(line)
        }
    }

    func finish(_ summary: BatchSummary, out: String) {
        lock.lock()
        defer { lock.unlock() }
        if barOpen { printError("") }
        printError(CLIText.batchFinished(summary, out: out, lang))
    }

    private func format(_ rate: Double) -> String { String(Int(rate * 10) / 10) + "." + String(Int(rate * 10) % 10) }
    private func pad(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
}

/// A pthread mutex (this target does not import Foundation).
final class DisplayLock: @unchecked Sendable {
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    init() { pthread_mutex_init(mutex, nil) }
    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
    }
    func lock() { pthread_mutex_lock(mutex) }
    func unlock() { pthread_mutex_unlock(mutex) }
}

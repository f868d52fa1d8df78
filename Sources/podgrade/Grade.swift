import ArgumentParser
import PodGradeCore
import PodGradeBatch
import Dispatch
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

struct Grade: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Grade a roster of learners' git repositories into a gradebook, per-learner results and an HTML report.")

    @Argument(help: "The roster: CSV with the header student,repo[,rev].") var roster: String
    @Option(name: .long, help: "Output folder (gradebook.csv, results/, report.html, journal.jsonl).") var out: String
    @Option(name: .long, help: "Learners graded at once (default: the number of cores).") var jobs: Int?
    @Option(name: .long, help: "Tries again after an error that can pass (server down, timeout), with growing pauses.") var retries: Int = 2
    @Option(name: .long, help: "Grade the newest commit at or before this time (ISO 8601 with offset).") var deadline: String?
    @Option(name: .long, help: "Grade only shard K of N (K from 0), a stable split by student.") var shard: String?
    @Flag(name: .long, help: "Keep the learners already graded in the output folder's journal; grade the rest and those whose error can pass.") var resume = false
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
        if let jobs, jobs < 1 { throw UsageFailure("--jobs must be 1 or more (learners graded at once), not \(jobs)") }
        guard retries >= 0 else { throw UsageFailure("--retries must be 0 or more, not \(retries)") }
        let text: String
        switch RosterFile.read(roster) {
        case .success(let bytes): text = String(decoding: bytes, as: UTF8.self)
        case .failure(let failure): throw failure
        }
        let entries: [RosterEntry]
        do { entries = try Roster.parse(text) } catch { throw UsageFailure("\(roster): \(error)") }
        if !allowLocal, let local = entries.first(where: { !SourceLoader.isURL($0.repo) || $0.repo.lowercased().hasPrefix("file:") }) {
            throw UsageFailure("\(roster) line \(local.line): '\(local.repo)' is a local repository; pass --allow-local to grade local paths and file:// URLs")
        }
        let jobCount = max(1, jobs ?? Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
        let options = BatchOptions(outDirectory: out, jobs: jobCount, deadline: deadline, shard: shardValue, resume: resume,
                                   cloneTimeout: cloneTimeout, allowLocal: allowLocal, cacheDirectory: cache, lang: lang,
                                   limits: try LimitOptions.resolve(), retries: retries,
                                   lockWait: Environment.current["PODGRADE_CACHE_LOCK_WAIT"].flatMap(Double.init))
        let display = ProgressDisplay(terminal: isatty(2) == 1, lang: lang)
        let grader = BatchGrader(lab: lab, options: options)
        // Ctrl-C (and SIGTERM, as Kubernetes stops a Job): finish cleanly once; a second one ends at once.
        let interrupts = Interrupts { grader.interrupt() }
        let summary: BatchSummary
        do {
            summary = try grader.run(entries) { display.show($0) }
        } catch {
            throw UsageFailure(error.message)
        }
        interrupts.cancel()
        display.finish(summary, out: out)
        if summary.interrupted {
            display.interrupted(summary, out: out, command: Self.resumeCommand(CommandLine.arguments))
            throw ExitCode(130)
        }
        if summary.errorsInGradebook > 0 { throw ExitCode(1) }
    }

    /// The command line that continues this batch: the same arguments with `--resume`.
    static func resumeCommand(_ arguments: [String]) -> String {
        var words = ["podgrade"] + arguments.dropFirst()
        if !words.contains("--resume") { words.append("--resume") }
        return words.map(shellQuoted).joined(separator: " ")
    }

    static func shellQuoted(_ word: String) -> String {
        let plain = !word.isEmpty && word.unicodeScalars.allSatisfy {
            ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) || "-_./=:@,+%".unicodeScalars.contains($0)
        }
        return plain ? word : "'" + word.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "'\\''") + "'"
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
        let n = entries.count
        let learners = lang == .ru ? RussianPlural.form(n, one: "\(n) ученик", few: "\(n) ученика", many: "\(n) учеников")
                                   : n == 1 ? "1 learner" : "\(n) learners"
        print("\(learners): \(csv ?? "gradebook.csv"), \(html ?? "report.html")")
        // As `grade` exits for the same rows: 1 when a learner's row is an error.
        if entries.contains(where: { $0.status == .error }) { throw ExitCode(1) }
    }
}

/// Reads a small file given on the command line (the roster).
enum RosterFile {
    static func read(_ path: String) -> Result<[UInt8], UsageFailure> {
        switch WorkTreeReader.readRegular(path) {
        case .success(let bytes): return .success(bytes)
        case .failure(.unreadable(let why)): return .failure(UsageFailure("\(path): \(why)"))
        case .failure(let reason): return .failure(UsageFailure(Message.fileSkipped(path: path, reason: reason).text(.en)))
        }
    }
}

/// SIGINT and SIGTERM: the first calls `handler` (on another thread), a second
/// one ends the process at once.
final class Interrupts {
    private var sources: [any DispatchSourceSignal] = []

    init(_ handler: @escaping @Sendable () -> Void) {
        for number in [SIGINT, SIGTERM] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            let seen = InterruptCount()
            source.setEventHandler {
                if seen.next() > 1 { _exit(130) }
                handler()
            }
            source.resume()
            sources.append(source)
        }
    }

    func cancel() {
        sources.forEach { $0.cancel() }
        signal(SIGINT, SIG_DFL)
        signal(SIGTERM, SIG_DFL)
    }
}

/// How many interrupts came (read on the signal queue only).
final class InterruptCount: Sendable {
    private let count = Atomic<Int>(0)
    func next() -> Int { count.add(1, ordering: .relaxed).newValue }
}

/// Progress on stderr: a bar redrawn in place on a terminal, plain lines
/// otherwise. Called on the batch's own thread only (`BatchGrader.run`).
final class ProgressDisplay {
    let terminal: Bool
    let lang: Lang
    private var shown = 0
    private var barOpen = false
    private var lastIdleLine = 0.0
    /// What the bar says beside the counts (a lock wait, a retry).
    private var note: String?

    init(terminal: Bool, lang: Lang) {
        self.terminal = terminal
        self.lang = lang
    }

    func show(_ event: BatchEvent) {
        let ru = lang == .ru
        switch event {
        case .finished(let entry, let p):
            note = nil
            if terminal {
                guard p.done > shown else { return }
                shown = p.done
                drawBar(p)
            } else {
                var line = "[\(p.done)/\(p.total)] \(entry.student): "
                if let score = entry.score, let max = entry.maxScore { line += "\(score)/\(max) \(entry.status.rawValue)" }
                else { line += "error: " + (entry.error ?? "") }
                printError(line)
            }
        case .waitingForLock(let student):
            let text = ru ? "ожидание блокировки кэша для \(student) (его обновляет другой podgrade)"
                          : "waiting for the cache lock of \(student) (another podgrade is updating it)"
            if terminal { note = text } else { printError(student + ": " + text) }
        case .retrying(let student, let attempt, let delay, let error):
            let seconds = delay == delay.rounded() ? "\(Int(delay))" : "\(delay)"
            if terminal {
                note = ru ? "\(student): повтор через \(seconds) с" : "\(student): trying again in \(seconds) s"
            } else {
                printError(ru ? "\(student): попытка \(attempt) не удалась (\(error)); повтор через \(seconds) с"
                              : "\(student): attempt \(attempt) failed (\(error)); trying again in \(seconds) s")
            }
        case .idle(let p):
            if terminal {
                drawBar(p)
            } else if p.elapsed - lastIdleLine >= 30 {
                lastIdleLine = p.elapsed
                printError((ru ? "в работе: " : "in progress: ") + Self.names(p.inProgress, lang: lang))
            }
        }
    }

    private func drawBar(_ p: BatchProgress) {
        let rate = p.elapsed > 0 ? Double(p.done) / p.elapsed : 0
        let remaining = rate > 0 ? Int(Double(max(0, p.total - p.done)) / rate) : 0
        let width = 30
        let filled = p.total > 0 ? min(width, max(0, width * p.done / p.total)) : width
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
        let errors = lang == .ru ? "ошибок" : "errors"
        var line = "\r\u{1B}[K[\(bar)] \(p.done)/\(p.total) · \(errors) \(p.errors) · \(format(rate))/s · ETA \(remaining / 60):\(pad(remaining % 60))"
        if p.done < p.total {
            if let note { line += " · " + note }
            else if !p.inProgress.isEmpty { line += (lang == .ru ? " · в работе: " : " · in progress: ") + Self.names(p.inProgress, lang: lang) }
        }
        printError(line, newline: p.done == p.total)
        barOpen = p.done != p.total
    }

    /// "a, b, c" or "a, b, c and 4 more".
    static func names(_ names: [String], limit: Int = 5, lang: Lang) -> String {
        let shown = names.prefix(limit).joined(separator: ", ")
        guard names.count > limit else { return shown }
        return shown + (lang == .ru ? " и ещё \(names.count - limit)" : " and \(names.count - limit) more")
    }

    func finish(_ summary: BatchSummary, out: String) {
        if barOpen { printError("") }
        barOpen = false
        let ru = lang == .ru
        var text = ru ? "Проверено \(summary.graded) из \(summary.inShard)" : "Graded \(summary.graded) of \(summary.inShard)"
        if summary.resumed { text += ru ? " (пропущено по --resume: \(summary.skippedByResume))" : " (skipped by --resume: \(summary.skippedByResume))" }
        text += ru ? ", ошибок: \(summary.errorsInGradebook)" : ", errors: \(summary.errorsInGradebook)"
        if !summary.studentsInError.isEmpty { text += " (" + Self.names(summary.studentsInError, limit: 10, lang: lang) + ")" }
        text += ru ? ". Итоги: \(out)/gradebook.csv, \(out)/report.html" : ". Results: \(out)/gradebook.csv, \(out)/report.html"
        printError(text)
    }

    func interrupted(_ summary: BatchSummary, out: String, command: String) {
        printError(lang == .ru ? "Прервано. Чтобы продолжить с того же места: \(command)"
                               : "Interrupted. To continue where it stopped: \(command)")
    }

    private func format(_ rate: Double) -> String { String(Int(rate * 10) / 10) + "." + String(Int(rate * 10) % 10) }
    private func pad(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
}

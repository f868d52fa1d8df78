public import PodGradeCore
import PodGradeReport
import FoundationEssentials
import Dispatch
#if canImport(Glibc)
import Glibc
#endif

public struct BatchOptions: Sendable {
    public var outDirectory: String
    public var jobs: Int
    public var deadline: String?
    public var shard: Shard?
    public var resume: Bool
    public var cloneTimeout: Double
    public var allowLocal: Bool
    public var cacheDirectory: String?
    public var lang: Lang
    /// Input limits for every learner (`PODGRADE_LIMITS`).
    public var limits: GradingLimits

    public init(outDirectory: String, jobs: Int, deadline: String? = nil, shard: Shard? = nil, resume: Bool = false,
                cloneTimeout: Double = 60, allowLocal: Bool = false, cacheDirectory: String? = nil, lang: Lang = .ru,
                limits: GradingLimits = GradingLimits()) {
        self.limits = limits
        self.outDirectory = outDirectory
        self.jobs = jobs
        self.deadline = deadline
        self.shard = shard
        self.resume = resume
        self.cloneTimeout = cloneTimeout
        self.allowLocal = allowLocal
        self.cacheDirectory = cacheDirectory
        self.lang = lang
    }
}

/// What the progress display is told after each learner.
public struct BatchProgress: Sendable {
    public let done: Int
    public let total: Int
    public let errors: Int
    public let entry: JournalEntry
    public let elapsed: Double
}

public struct BatchSummary: Sendable {
    public let graded: Int
    public let errors: Int
    public let skippedByResume: Int
    public let inShard: Int
    /// Learners whose gradebook row is an error, counting those journaled by
    /// an earlier run that `--resume` skipped: what the exit status reports.
    public let errorsInGradebook: Int
}

/// `podgrade grade`: a roster of learners' repositories, graded in parallel,
/// each result written whole, each finished learner journaled at once.
public final class BatchGrader: Sendable {
    public let lab: Lab
    public let options: BatchOptions

    public init(lab: Lab, options: BatchOptions) {
        self.lab = lab
        self.options = options
    }

    public func run(_ roster: [RosterEntry], progress: @escaping @Sendable (BatchProgress) -> Void = { _ in }) throws(BatchFailure) -> BatchSummary {
        let out = options.outDirectory
        try Self.makeDirectory(out)
        try Self.makeDirectory(out + "/results")
        let journalPath = out + "/journal.jsonl"
        if !options.resume { unlink(journalPath) }
        let done = options.resume ? Set(Journal.read(journalPath).map(\.student)) : []
        let inShard = roster.filter { options.shard?.contains($0.student) ?? true }
        let pending = inShard.filter { !done.contains($0.student) }
        let journal = try Journal(path: journalPath)

        let state = RunState()
        let start = DispatchTime.now().uptimeNanoseconds
        let grader = Grader(lab: lab, limits: options.limits.yaml)
        let workers = max(1, min(options.jobs, pending.count))
        // One thread a job, not concurrentPerform: that caps the width at the
        // number of cores, and a learner's clone mostly waits on the network.
        WorkerThreads.run(count: pending.isEmpty ? 0 : workers) {
            while let index = state.next(limit: pending.count) {
                let entry = self.gradeOne(pending[index], grader: grader)
                try? journal.append(entry)
                let (count, errors) = state.finish(isError: entry.status == "error")
                let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
                progress(BatchProgress(done: count, total: pending.count, errors: errors, entry: entry, elapsed: elapsed))
            }
        }
        let entries = try writeOutputs(roster: inShard, journalPath: journalPath)
        let (count, errors) = state.finish(isError: false, count: false)
        return BatchSummary(graded: count, errors: errors, skippedByResume: inShard.count - pending.count, inShard: inShard.count,
                            errorsInGradebook: entries.filter { $0.status == "error" }.count)
    }

    /// Grades one learner; a failure becomes an `error` row, never the end of the batch.
    func gradeOne(_ learner: RosterEntry, grader: Grader) -> JournalEntry {
        var entry = JournalEntry(student: learner.student, repo: learner.repo, commit: nil, status: "error", error: nil,
                                 score: nil, maxScore: nil, exercises: nil, result: nil)
        if !SourceLoader.isURL(learner.repo) && !options.allowLocal {
            entry.error = "a local path needs --allow-local (only https, ssh and git URLs are graded by default)"
            return entry
        }
        let request = SourceRequest(source: learner.repo, rev: learner.rev ?? "HEAD", deadline: options.deadline,
                                    cacheDirectory: options.cacheDirectory, cloneTimeout: options.cloneTimeout,
                                    allowLocal: options.allowLocal, limits: options.limits.source)
        let snapshot: SourceSnapshot
        do {
            snapshot = try SourceLoader.snapshot(request)
        } catch {
            entry.error = error.message
            return entry
        }
        let result = grader.grade(snapshot)
        let file = "results/" + SafeName.of(learner.student) + ".json"
        do {
            try FileOutput.write(JSONReporter.encode(result, lang: options.lang), to: options.outDirectory + "/" + file)
        } catch {
            entry.error = error.message
            return entry
        }
        entry.commit = snapshot.origin.commit
        entry.status = result.exercises.allSatisfy(\.passed) ? "pass" : "fail"
        entry.score = result.score
        entry.maxScore = result.maxScore
        entry.exercises = Dictionary(result.exercises.map { ($0.id, $0.score) }, uniquingKeysWith: { a, _ in a })
        entry.result = file
        return entry
    }

    /// gradebook.csv and report.html from the journal, in roster order.
    @discardableResult
    func writeOutputs(roster: [RosterEntry], journalPath: String) throws(BatchFailure) -> [JournalEntry] {
        let journaled = Dictionary(Journal.read(journalPath).map { ($0.student, $0) }, uniquingKeysWith: { _, b in b })
        let entries = roster.compactMap { journaled[$0.student] }
        try Self.writeReports(entries, directories: [options.outDirectory], csvPath: options.outDirectory + "/gradebook.csv",
                              htmlPath: options.outDirectory + "/report.html", lab: lab, lang: options.lang)
        return entries
    }

    /// Writes the gradebook and the class report for journaled learners whose
    /// results live in `directories` (one per shard).
    public static func writeReports(_ entries: [JournalEntry], directories: [String], csvPath: String?, htmlPath: String?,
                                    lab: Lab, lang: Lang) throws(BatchFailure) {
        let columns = Gradebook.exerciseColumns(entries, preferred: lab.exercises.map(\.id))
        if let csvPath {
            do { try FileOutput.write(Gradebook.csv(entries, exercises: columns), to: csvPath) } catch { throw BatchFailure(error.message) }
        }
        guard let htmlPath else { return }
        let decoder = JSONDecoder()
        var interned: [String: String] = [:]
        let classEntries = entries.map { entry -> ClassEntry in
            var result: GradeResult?
            if let file = entry.result {
                for directory in directories {
                    if let bytes = try? Journal.readBytes(directory + "/" + file),
                       let decoded = try? decoder.decode(GradeResult.self, from: Data(bytes)) {
                        result = decoded.summarized(interning: &interned)
                        break
                    }
                }
            }
            let link = entry.result.map { relativeLink(from: htmlPath, to: directories, file: $0) }
            return ClassEntry(student: entry.student, repo: entry.repo, commit: entry.commit,
                              status: entry.status == "error" ? .error : .graded, error: entry.error, result: result, feedbackLink: link)
        }
        let title = lang == .ru ? "Проверка: много-контейнерные PODs" : "Grades: multi-container Pods"
        do { try FileOutput.write(ClassReport.html(classEntries, lang: lang, title: title), to: htmlPath) } catch { throw BatchFailure(error.message) }
    }

    /// The result file as seen from the report's folder.
    static func relativeLink(from htmlPath: String, to directories: [String], file: String) -> String {
        let reportDirectory = htmlPath.contains("/") ? String(htmlPath[..<(htmlPath.lastIndex(of: "/") ?? htmlPath.endIndex)]) : "."
        if directories.count == 1, directories[0] == reportDirectory { return file }
        for directory in directories where access(directory + "/" + file, F_OK) == 0 {
            return directory.hasPrefix("/") ? "file://" + directory + "/" + file : directory + "/" + file
        }
        return file
    }

    static func makeDirectory(_ path: String) throws(BatchFailure) {
        if mkdir(path, 0o755) != 0 && errno != EEXIST {
            throw BatchFailure("cannot create \(path): \(String(cString: strerror(errno)))")
        }
    }
}

/// Runs `body` on `count` threads of their own and waits for all of them.
enum WorkerThreads {
    private final class Box {
        let body: () -> Void
        init(_ body: @escaping () -> Void) { self.body = body }
    }

    static func run(count: Int, _ body: @escaping @Sendable () -> Void) {
        var threads: [pthread_t] = []
        for _ in 0..<count {
            var thread = pthread_t()
            let box = Unmanaged.passRetained(Box(body)).toOpaque()
            let status = pthread_create(&thread, nil, { argument in
                guard let argument else { return nil }
                let box = Unmanaged<Box>.fromOpaque(argument).takeRetainedValue()
                box.body()
                return nil
            }, box)
            if status == 0 {
                threads.append(thread)
            } else {
                Unmanaged<Box>.fromOpaque(box).release()
            }
        }
        // No thread could start (resource limits): do the work here.
        if threads.isEmpty && count > 0 { body() }
        for thread in threads { pthread_join(thread, nil) }
    }
}

/// The work queue and the counters, under one lock.
final class RunState: @unchecked Sendable {
    private let lock = NSLockLike()
    private var nextIndex = 0
    private var finished = 0
    private var errors = 0

    func next(limit: Int) -> Int? {
        lock.withLock {
            guard nextIndex < limit else { return nil }
            defer { nextIndex += 1 }
            return nextIndex
        }
    }

    func finish(isError: Bool, count: Bool = true) -> (Int, Int) {
        lock.withLock {
            if count { finished += 1 }
            if isError { errors += 1 }
            return (finished, errors)
        }
    }
}

extension GradeResult {
    /// What the class report needs of a learner, small enough to hold for
    /// thousands: scores and statuses, and one check per rule for the whole
    /// learner (failed if any check of that rule failed), kept on the first
    /// exercise. Messages, findings and file lists go; ids and titles are
    /// interned, so a thousand learners share one copy of each.
    public func summarized(interning strings: inout [String: String]) -> GradeResult {
        func intern(_ s: String) -> String {
            if let known = strings[s] { return known }
            strings[s] = s
            return s
        }
        var index: [String: Int] = [:]
        var kept: [CheckResult] = []
        for exercise in exercises {
            for check in exercise.checks {
                guard let at = index[check.rule] else {
                    var c = check
                    c.rule = intern(check.rule)
                    c.id = c.rule
                    c.hint = nil
                    c.findings = []
                    index[check.rule] = kept.count
                    kept.append(c)
                    continue
                }
                if check.status == .fail || (kept[at].status == .skip && check.status != .skip) { kept[at].status = check.status }
            }
        }
        var copy = self
        copy.notes = nil
        copy.source.path = nil
        copy.source.url = nil
        copy.exercises = exercises.enumerated().map { offset, exercise in
            var e = exercise
            e.id = intern(exercise.id)
            e.title = LocalizedText(ru: intern(exercise.title.ru), en: intern(exercise.title.en))
            e.files = []
            e.checks = offset == 0 ? kept : []
            return e
        }
        return copy
    }
}

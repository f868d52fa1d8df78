public import PodGradeCore
import PodGradeSimilarity
import PodGradeReport
import FoundationEssentials
import PodGradeGit
import Dispatch
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// `podgrade grade`: a roster of learners' repositories, graded in parallel,
/// each result written whole, each finished learner journaled at once.
///
/// Threads: `WorkerPool` runs the learners; each worker posts what happens to
/// an `EventQueue`, and the thread that called `run` alone journals, keeps the
/// counts and calls `progress`.
public final class BatchGrader: Sendable {
    public let lab: Lab
    public let options: BatchOptions
    let events = EventQueue<WorkerEvent>()

    public init(lab: Lab, options: BatchOptions) {
        self.lab = lab
        self.options = options
    }

    /// Ctrl-C: no learner starts, clones running end at once (their learners
    /// are left for `--resume`), and `run` writes what finished. Safe from any thread.
    public func interrupt() {
        events.post(.interrupt)
    }

    enum WorkerEvent: Sendable {
        case started(index: Int)
        case finished(index: Int, Outcome)
        case waitingForLock(index: Int)
        case retrying(index: Int, attempt: Int, delay: Double, error: String)
        case interrupt
        case workerDone
    }

    /// A learner's end: a row for the journal, or a reason not to write one.
    enum Outcome: Sendable {
        case row(JournalEntry, GradeResult?, excerpt: [String: [Int: String]] = [:])
        /// The result file could not be written (a full disk): the batch stops.
        case outputFailed(String)
        /// Ctrl-C came first: nothing is journaled, `--resume` grades the learner.
        case interrupted
    }

    public func run(_ roster: [RosterEntry], progress: (BatchEvent) -> Void = { _ in }) throws(BatchFailure) -> BatchSummary {
        let out = options.outDirectory
        try Self.makeDirectory(out)
        try Self.makeDirectory(out + "/results")
        let journalPath = out + "/journal.jsonl"
        let journal = try Journal(path: journalPath, fresh: !options.resume)
        let kept = options.resume ? Set(Journal.read(journalPath).filter(\.isFinal).map(\.student)) : []
        let inShard = roster.filter { options.shard?.contains($0.student) ?? true }
        let pending = inShard.filter { !kept.contains($0.student) }

        let start = DispatchTime.now().uptimeNanoseconds
        func elapsed() -> Double { Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 }
        let grader = Grader(lab: lab, limits: options.limits.yaml)
        let stop = StopFlag()
        let events = self.events
        // One thread a job: a learner's clone mostly waits on the network.
        let pool = WorkerPool(width: options.jobs, jobs: pending.count, onExit: { events.post(.workerDone) }) { index in
            events.post(.started(index: index))
            let outcome = self.gradeOne(pending[index], grader: grader, stop: stop) { event in
                switch event {
                case .waitingForLock: events.post(.waitingForLock(index: index))
                case .retrying(let attempt, let delay, let error): events.post(.retrying(index: index, attempt: attempt, delay: delay, error: error))
                }
            }
            events.post(.finished(index: index, outcome))
        }
        let workers = max(0, min(options.jobs, pending.count))
        var workersLeft = workers
        var started = Set<Int>(), finished = 0, errors = 0
        var results: [String: GradeResult] = [:]
        var excerpts: [String: [String: [Int: String]]] = [:]
        var interned: [String: String] = [:]
        var failure: String?
        var interrupted = false
        func state() -> BatchProgress {
            let running = started.sorted().map { pending[$0].student }
            return BatchProgress(done: finished, total: pending.count, errors: errors, elapsed: elapsed(), inProgress: running)
        }
        // Every outcome comes before its worker's `.workerDone`.
        while workersLeft > 0 {
            guard let event = events.next(waiting: 1) else {
                if !started.isEmpty { progress(.idle(state())) }
                continue
            }
            switch event {
            case .interrupt:
                if !interrupted {
                    interrupted = true
                    stop.set()
                    pool.stop()
                    GitRemote.interruptAll()
                }
            case .workerDone:
                workersLeft -= 1
            case .started(let index):
                started.insert(index)
            case .waitingForLock(let index):
                progress(.waitingForLock(student: pending[index].student))
            case .retrying(let index, let attempt, let delay, let error):
                progress(.retrying(student: pending[index].student, attempt: attempt, delay: delay, error: error))
            case .finished(let index, let outcome):
                started.remove(index)
                switch outcome {
                case .interrupted:
                    continue
                case .outputFailed(let message):
                    if failure == nil { failure = message }
                    stop.set()
                    pool.stop()
                case .row(let entry, let result, let excerpt):
                    if failure != nil { continue }
                    do {
                        try journal.append(entry)
                    } catch {
                        failure = error.message
                        stop.set()
                        pool.stop()
                        continue
                    }
                    finished += 1
                    if entry.status == .error { errors += 1 }
                    if let result { results[entry.student] = result.summarized(interning: &interned) }
                    if !excerpt.isEmpty { excerpts[entry.student] = excerpt }
                    progress(.finished(entry, state()))
                }
            }
        }
        pool.join()
        if let failure {
            // Best effort: the disk that refused a result may refuse these too.
            _ = try? writeOutputs(roster: inShard, journalPath: journalPath, known: results, excerpts: excerpts)
            let saved = Journal.read(journalPath).filter { entry in inShard.contains { $0.student == entry.student } }.count
            throw BatchFailure(BatchText.outputFailed(failure, saved: saved, total: inShard.count, lang: options.lang))
        }
        let entries = try writeOutputs(roster: inShard, journalPath: journalPath, known: results, excerpts: excerpts)
        let inError = entries.filter { $0.status == .error }.map(\.student)
        return BatchSummary(graded: finished, errors: errors, skippedByResume: inShard.count - pending.count, inShard: inShard.count,
                            errorsInGradebook: inError.count, studentsInError: inError, interrupted: interrupted, resumed: options.resume)
    }

    enum LearnerEvent {
        case waitingForLock
        case retrying(attempt: Int, delay: Double, error: String)
    }

    /// Grades one learner; a failure becomes an `error` row, never the end of the batch.
    func gradeOne(_ learner: RosterEntry, grader: Grader, stop: StopFlag, tell: (LearnerEvent) -> Void) -> Outcome {
        var entry = JournalEntry(student: learner.student, repo: learner.repo, commit: nil, status: .error)
        func failed(_ message: String, kind: ErrorKind, attempts: Int = 1) -> Outcome {
            entry.error = attempts > 1 ? message + " " + BatchText.attempts(attempts, lang: options.lang) : message
            entry.errorKind = kind
            entry.attempts = attempts
            return .row(entry, nil)
        }
        let isURL = SourceLoader.isURL(learner.repo)
        if !isURL && !options.allowLocal {
            return failed("a local path needs --allow-local (only https, ssh and git URLs are graded by default)", kind: .permanent)
        }
        var attempts = 1
        var snapshot: SourceSnapshot
        var gitDirectory = learner.repo
        // The newest commit at or before the learner's late window (or deadline) is graded.
        let window = options.window(for: learner)
        let cutoff = window.map { w in
            options.lateUntil == nil && learner.deadlineExtension == nil ? options.deadline ?? ISOTime.format(w.lateUntil) : ISOTime.format(w.lateUntil)
        } ?? options.deadline
        if isURL {
            let cache = options.cacheDirectory ?? SourceLoader.defaultCacheDirectory()
            let mirror: String
            while true {
                do {
                    let repository = try GitRemote.cloneOrFetch(learner.repo, cacheDirectory: cache, timeout: options.cloneTimeout,
                                                                allowLocal: options.allowLocal, lockWait: options.lockWait,
                                                                onLockWait: { tell(.waitingForLock) })
                    mirror = repository.gitDirectory
                    break
                } catch {
                    if error.code == .interrupted || stop.isSet { return .interrupted }
                    // The repository once: most git messages name it already.
                    let message = error.message.contains(learner.repo) ? error.message : "\(learner.repo): \(error.message)"
                    guard error.isTransient, attempts <= options.retries else {
                        return failed(message, kind: error.isTransient ? .transient : .permanent, attempts: attempts)
                    }
                    let delay = min(30, options.retryBackoff * Double(1 << min(attempts - 1, 10)))
                    tell(.retrying(attempt: attempts, delay: delay, error: message))
                    if !stop.sleep(delay) { return .interrupted }
                    attempts += 1
                }
            }
            let request = SourceRequest(source: mirror, rev: learner.rev ?? "HEAD", deadline: cutoff,
                                        cloneTimeout: options.cloneTimeout, allowLocal: true, limits: options.limits.source)
            do {
                let read = try SourceLoader.snapshot(request)
                var origin = read.origin
                origin.path = nil
                origin.url = learner.repo
                snapshot = SourceSnapshot(origin: origin, files: read.files, notes: read.notes)
                gitDirectory = mirror
            } catch {
                let message = error.message.hasPrefix(mirror + ": ") ? learner.repo + ": " + error.message.dropFirst(mirror.count + 2) : error.message
                return failed(message, kind: .permanent, attempts: attempts)
            }
        } else {
            let request = SourceRequest(source: learner.repo, rev: learner.rev ?? "HEAD", deadline: cutoff,
                                        cacheDirectory: options.cacheDirectory, cloneTimeout: options.cloneTimeout,
                                        allowLocal: options.allowLocal, limits: options.limits.source)
            do {
                snapshot = try SourceLoader.snapshot(request)
            } catch {
                return failed(error.message, kind: .permanent)
            }
        }
        // The result's source.deadline is the learner's own cut-off for "on time".
        if let window, options.lateUntil != nil || learner.deadlineExtension != nil {
            var origin = snapshot.origin
            origin.deadline = ISOTime.format(window.deadline)
            snapshot = SourceSnapshot(origin: origin, files: snapshot.files, notes: snapshot.notes)
        }
        // With each found Pod's picture: the report draws it under the exercises the learner did not pass.
        let result = grader.grade(snapshot, describePods: true, student: learner.student)
        // What `podgrade similar` and the report's similar-submissions section compare later;
        // a failure here costs that evidence, never the learner's grade.
        try? SimilarityStore.write(Fingerprinter.fingerprints(of: snapshot, lab: grader.lab), student: learner.student, to: options.outDirectory)
        let file = "results/" + SafeName.of(learner.student) + ".json"
        var late: LateOutcome?
        if let window, options.lateUntil != nil, let commit = snapshot.origin.commit,
           let time = try? GitRepository.open(gitDirectory).resolve(commit).time {
            let lateness = window.lateness(of: time)
            let penalty = options.latePolicy?.penaltyPoints(score: result.score, lateness: lateness) ?? 0
            late = LateOutcome(deadline: ISOTime.format(window.deadline), lateness: lateness, penalty: penalty,
                               penaltyPercent: options.latePolicy?.penaltyPercent(lateness: lateness) ?? 0, finalScore: result.score - penalty)
        }
        let excerpt = BatchResultFile.excerpt(of: result, snapshot: snapshot)
        do {
            let extras = BatchResultFile(result: result, late: late, excerpt: excerpt)
            let json = JSONReporter.encode(extras, lang: options.lang)
            try FileOutput.write(json, to: options.outDirectory + "/" + file)
        } catch {
            return .outputFailed(error.message)
        }
        entry.commit = snapshot.origin.commit
        entry.status = LearnerStatus(result)
        entry.attempts = attempts
        entry.score = result.score
        entry.maxScore = result.maxScore
        entry.exercises = Dictionary(result.exercises.map { ($0.id, $0.score) }, uniquingKeysWith: { a, _ in a })
        entry.result = file
        if let late {
            entry.deadline = late.deadline
            entry.late = late.lateness
            entry.penalty = late.penalty
            entry.finalScore = late.finalScore
        }
        return .row(entry, result, excerpt: BatchResultFile.Excerpt(excerpt: excerpt).lines)
    }

}

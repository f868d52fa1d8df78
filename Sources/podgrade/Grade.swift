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

import ArgumentParser
import PodGradeCore
import PodGradeBatch
import PodGradeReport
import Dispatch
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

struct Grade: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "grade",
        abstract: say("Grade a roster of learners' git repositories into a gradebook, per-learner results and an HTML report.", ru: "Проверить git-репозитории группы по списку: ведомость, результаты каждого ученика и HTML-отчёт."))

    @Argument(help: ArgumentHelp(say("The roster: CSV with the header student,repo[,rev][,extension] (and email, username, idnumber, sis_user_id, sis_login_id, section, canvas_id for --gradebook).", ru: "Список группы: CSV с заголовком student,repo[,rev][,extension] (и email, username, idnumber, sis_user_id, sis_login_id, section, canvas_id для --gradebook)."))) var roster: String
    @Option(name: [.short, .long], help: ArgumentHelp(say("Output folder (gradebook.csv, results/, report.html, journal.jsonl).", ru: "Выходная папка (gradebook.csv, results/, report.html, journal.jsonl)."))) var out: String
    @Option(name: [.short, .long], help: ArgumentHelp(say("Learners graded at once (default: the number of cores).", ru: "Сколько учеников проверять одновременно (по умолчанию — число ядер)."))) var jobs: Int?
    @Option(name: .long, help: ArgumentHelp(say("Tries again after an error that can pass (server down, timeout), with growing pauses.", ru: "Сколько раз повторять после ошибки, которая может пройти (сервер недоступен, таймаут), с растущими паузами."))) var retries: Int = 2
    @Option(name: .long, help: ArgumentHelp(say("Grade the newest commit at or before this time (ISO 8601 with offset).", ru: "Проверять последний коммит не позже этого времени (ISO 8601 со смещением)."))) var deadline: String?
    @Option(name: .long, help: ArgumentHelp(say("Late window: grade the newest commit at or before this time; commits after --deadline are late (ISO 8601 with offset).", ru: "Окно опоздания: проверять последний коммит не позже этого времени; коммиты после --deadline — опоздавшие (ISO 8601 со смещением)."))) var lateUntil: String?
    @Option(name: .long, help: ArgumentHelp(say("Late penalty per started day or hour after the deadline: P%/day or P%/hour (needs --late-until).", ru: "Штраф за каждый начатый день или час после срока: P%/day или P%/hour (нужен --late-until)."))) var latePenalty: String?
    @Option(name: .long, help: ArgumentHelp(say("The largest late penalty, P% (default 100%).", ru: "Наибольший штраф за опоздание, P% (по умолчанию 100%)."))) var lateCap: String?
    @Option(name: .long, help: ArgumentHelp(say("Also write a school gradebook's import file: moodle (gradebook-moodle.csv) or canvas (gradebook-canvas.csv).", ru: "Записать и файл импорта для электронного журнала: moodle (gradebook-moodle.csv) или canvas (gradebook-canvas.csv)."))) var gradebook: String?
    @Option(name: .long, help: ArgumentHelp(say("Grade only shard K of N (K from 0), a stable split by student.", ru: "Проверить только часть K из N (K с 0), устойчивое разбиение по ученикам."))) var shard: String?
    @Flag(name: .long, help: ArgumentHelp(say("Keep the learners already graded in the output folder's journal; grade the rest and those whose error can pass.", ru: "Оставить учеников, уже проверенных по журналу выходной папки; проверить остальных и тех, чья ошибка может пройти."))) var resume = false
    @Option(name: .long, help: ArgumentHelp(say("Seconds a server may stay silent before a clone fails.", ru: "Сколько секунд сервер может молчать, прежде чем клонирование прервётся."))) var cloneTimeout: Double = 60
    @Flag(name: .long, help: ArgumentHelp(say("Allow local paths and file:// URLs in the roster.", ru: "Разрешить в списке локальные пути и URL file://."))) var allowLocal = false
    @Option(name: .long, help: ArgumentHelp(say("Where cloned repositories are cached (default ~/.cache/podgrade).", ru: "Где хранить клонированные репозитории (по умолчанию ~/.cache/podgrade)."))) var cache: String?
    @OptionGroup var language: LanguageOptions
    @OptionGroup var labOptions: CourseOptions<ForGrade>

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
        if let lateUntil {
            guard let until = Deadline.parse(lateUntil) else {
                throw UsageFailure("invalid --late-until '\(lateUntil)': use ISO 8601 with an offset, such as 2026-12-08T23:59:00+03:00")
            }
            guard let deadline, let cut = Deadline.parse(deadline) else { throw UsageFailure("--late-until needs --deadline (the cut-off for on time)") }
            guard until >= cut else { throw UsageFailure("--late-until \(lateUntil) is before --deadline \(deadline): the late window must end after the deadline") }
        }
        var cap: Int?
        if let lateCap {
            guard let value = LatePolicy.percent(lateCap) else { throw UsageFailure("invalid --late-cap '\(lateCap)': use a whole percent from 0% to 100%, such as 50%") }
            cap = value
        }
        var policy: LatePolicy?
        if let latePenalty {
            guard lateUntil != nil else { throw UsageFailure("--late-penalty needs --late-until (without a late window no graded commit is late)") }
            guard let parsed = LatePolicy(latePenalty, cap: cap) else {
                throw UsageFailure("invalid --late-penalty '\(latePenalty)': use P%/day or P%/hour with a whole percent, such as 10%/day")
            }
            policy = parsed
        } else if lateCap != nil {
            throw UsageFailure("--late-cap needs --late-penalty (the penalty it caps)")
        }
        var format: GradebookFormat?
        if let gradebook {
            guard let parsed = GradebookFormat(rawValue: gradebook.lowercased()) else {
                throw UsageFailure("invalid --gradebook '\(gradebook)': use moodle or canvas")
            }
            format = parsed
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
        var options = BatchOptions(outDirectory: out, jobs: jobCount, deadline: deadline, shard: shardValue, resume: resume,
                                   cloneTimeout: cloneTimeout, allowLocal: allowLocal, cacheDirectory: cache, lang: lang,
                                   limits: try LimitOptions.resolve(), retries: retries,
                                   lockWait: Environment.current["PODGRADE_CACHE_LOCK_WAIT"].flatMap(Double.init))
        options.lateUntil = lateUntil
        options.latePolicy = policy
        options.gradebookFormat = format
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
        if let format, !summary.interrupted {
            printError(CommandText.schoolGradebookWritten(path: out + "/" + format.fileName).text(lang))
        }
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

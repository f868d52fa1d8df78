import ArgumentParser
import PodGradeCore
import PodGradeReport
import PodGradeRuntime
#if canImport(Glibc)
import Glibc
#endif

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: say("Grade a repository: a folder, a git work tree, a bare repository or a git URL.", ru: "Проверить репозиторий: папку, рабочую копию git, голый репозиторий или URL git."))

    @Argument(help: ArgumentHelp(say("What to grade: a folder, a manifest file, a git repository or URL.", ru: "Что проверять: папку, файл манифеста, git-репозиторий или URL.")))
    var source: String = "."

    @Option(name: [.short, .long], help: ArgumentHelp(say("Grade only this exercise: its slug, a unique prefix or its number (repeatable).", ru: "Проверить только это задание: его имя, однозначное начало или номер (можно повторять).")))
    var exercise: [String] = []

    @Flag(name: .long, help: ArgumentHelp(say("List every exercise by name in the text output, those without a submission too (default: the exercises with a submission, then one line for the rest).", ru: "Показать в текстовом выводе каждое задание по имени, и те, решения которых нет (по умолчанию: задания с решением, затем одна строка для остальных).")))
    var all = false

    @Option(name: .long, help: ArgumentHelp(say("Git revision to grade (default: HEAD for repositories; the files on disk for a folder).", ru: "Ревизия git для проверки (по умолчанию HEAD у репозитория; у папки — файлы на диске).")))
    var rev: String?

    @Option(name: .long, help: ArgumentHelp(say("Grade the newest commit at or before this time (ISO 8601 with offset).", ru: "Проверять последний коммит не позже этого времени (ISO 8601 со смещением).")))
    var deadline: String?

    @Option(name: [.short, .long], help: ArgumentHelp(say("Output format (repeatable): \(Reporters.names.joined(separator: ", ")); NAME:FILE writes that format to FILE (default: text).",
                                                         ru: "Формат вывода (можно повторять): \(Reporters.names.joined(separator: ", ")); ИМЯ:ФАЙЛ пишет этот формат в ФАЙЛ (по умолчанию text).")))
    var format: [String] = []

    @Option(name: [.short, .long], help: ArgumentHelp(say("Write the output to this file (repeatable, one per --format).", ru: "Записать вывод в этот файл (можно повторять, по одному на --format).")))
    var output: [String] = []

    @Option(name: .long, help: ArgumentHelp(say("Your student id: grade your own variant of each exercise (default: student: in .podgrade.yaml at the repository's root).", ru: "Ваш номер ученика: проверять ваш вариант каждого задания (по умолчанию student: из .podgrade.yaml в корне репозитория).")))
    var student: String?

    @OptionGroup var language: LanguageOptions
    @OptionGroup var labOptions: CourseOptions<ForCheck>

    @Option(name: .long, help: ArgumentHelp(say("Color: auto is off with NO_COLOR or when not a terminal.", ru: "Цвет: auto выключает его при NO_COLOR или не в терминале.")))
    var color: ColorChoice = .auto

    @Flag(name: .long, help: ArgumentHelp(say("Add what podgrade understood of each graded Pod (containers, ports, volumes, file flows, connections) to the text, markdown and github outputs.", ru: "Добавить к выводу text, markdown и github, как podgrade понял каждый проверенный POD (контейнеры, порты, volumes, потоки файлов, соединения).")))
    var showPod = false

    @Flag(name: .long, help: ArgumentHelp(say("Grade again whenever a file changes (folders only).", ru: "Проверять заново при каждом изменении файла (только папки).")))
    var watch = false

    @Flag(name: .customLong("run"), help: ArgumentHelp(say("Then start each graded Pod with podman, watch it, run the exercise's probes and remove it: what really happened is shown beside the grade (the score stays the static one).", ru: "Затем запустить каждый проверенный POD в podman, понаблюдать, выполнить пробы задания и удалить его: что произошло на самом деле, показано рядом с оценкой (баллы остаются прежними).")))
    var runPods = false

    @Option(name: .long, help: ArgumentHelp(say("With --run: seconds to watch each Pod before looking.", ru: "С --run: сколько секунд наблюдать POD, прежде чем смотреть.")))
    var settle: Double = 5

    @Option(name: .long, help: ArgumentHelp(say("With --run: which images to pull (missing: only those not here).", ru: "С --run: какие образы скачивать (missing: только отсутствующие).")))
    var pull: PullChoice = .missing

    @Flag(name: .long, help: ArgumentHelp(say("With --run: also run Pods that reach the host (hostPath, privileged, host namespaces, added capabilities).", ru: "С --run: запускать и POD, которые обращаются к хосту (hostPath, privileged, пространства имён хоста, добавленные capabilities).")))
    var allowHost = false

    @Option(name: .long, help: ArgumentHelp(say("Where cloned repositories are cached (default ~/.cache/podgrade).", ru: "Где хранить клонированные репозитории (по умолчанию ~/.cache/podgrade).")))
    var cache: String?

    @Option(name: .long, help: ArgumentHelp(say("Seconds a git server may stay silent before the clone fails.", ru: "Сколько секунд сервер git может молчать, прежде чем клонирование прервётся.")))
    var cloneTimeout: Double = 60

    /// Each format with its reporter and destination: `--format NAME:FILE`, else
    /// the `--output` files paired with the other formats in order, else stdout.
    /// Read once, before anything else runs; a mistake is a usage error.
    func outputs() throws -> [(name: String, reporter: any Reporter, file: String?)] {
        try OutputPlans.parse(format: format, output: output)
    }

    func run() throws {
        let lang = try language.resolve()
        let plans = try outputs()
        let limits = try LimitOptions.resolve()
        let request = SourceRequest(source: source, rev: rev, deadline: deadline, cacheDirectory: cache, cloneTimeout: cloneTimeout,
                                    limits: limits.source)
        // A local folder of a learner is read while the bundled lab loads on another core
        // (Podgrade.main starts it): nothing typed depends on the lab, and it cannot fail.
        var early: (snapshot: SourceSnapshot, manifests: ManifestSet)?
        if exercise.isEmpty && labOptions.exercises == nil && !watch && !SourceLoader.isURL(source) && rev == nil && deadline == nil,
           let snapshot = try? load(request) {
            early = (snapshot, ManifestSet(snapshot, limits: limits.yaml))
        }
        let lab = try labOptions.load()
        let slugs = try exercise.map { try LabOptions.exercise($0, in: lab).id }
        var grader = Grader(lab: lab, limits: limits.yaml)
        grader.exercisesInTwoThreads = true
        if runPods && (settle < 0 || settle > 600) { throw ValidationError(say("--settle takes 0 to 600 seconds.", ru: "--settle принимает от 0 до 600 секунд.")) }
        if watch {
            if runPods { throw UsageFailure(.runNotForWatch) }
            if SourceLoader.isURL(source) { throw UsageFailure(.watchNeedsFolder(reason: .url)) }
            if rev != nil { throw UsageFailure(.watchNeedsFolder(reason: .rev)) }
            if deadline != nil { throw UsageFailure(.watchNeedsFolder(reason: .deadline)) }
            _ = try load(request)
            let terminal = isatty(1) == 1
            try Watcher.run(request: request) { snapshot in
                // Screen control only on a terminal; piped output gets plain, separated runs.
                if terminal { print("\u{1B}[2J\u{1B}[H", terminator: "") }
                printError(CommandText.watching(source: source, exercises: slugs).text(lang))
                let result = try? gradeAsLearner(grader, snapshot, only: slugs, lang: lang)
                if let result { _ = emit(result, snapshot: snapshot, plans: plans, lang: lang) }
                printError(CommandText.watchGraded(time: Watcher.clock()).text(lang))
            }
        }
        let snapshot = try early?.snapshot ?? load(request)
        var only = slugs
        let manifests = early?.manifests ?? ManifestSet(snapshot, limits: limits.yaml)
        if only.isEmpty && rev == nil && deadline == nil && SourceLoader.isManifestFile(source) {
            // One file is the submission of the exercises it answers, not a whole course half missing.
            only = lab.exercises.filter { !manifests.submission(for: $0).files.isEmpty }.map(\.id)
        }
        var result = try gradeAsLearner(grader, snapshot, manifests: manifests, only: only, lang: lang)
        if runPods { run(&result, lab: lab, snapshot: snapshot, manifests: manifests, lang: lang) }
        let code = emit(result, snapshot: snapshot, plans: plans, lang: lang)
        // Out now: unwinding would first free every tree of the learner's files, for nothing.
        exitFlushed(code)
    }

    /// Grades the learner's own variants: `--student`, else `.podgrade.yaml`; without
    /// either, the default variants, said once in the notes.
    func gradeAsLearner(_ grader: Grader, _ snapshot: SourceSnapshot, manifests: ManifestSet? = nil, only: [String], lang: Lang) throws -> GradeResult {
        let id = try student ?? LearnerFiles.student(snapshot: snapshot, source: source)
        var result = grader.grade(snapshot, manifests: manifests, only: only, describePods: showPod, student: id)
        let varying = result.exercises.filter { $0.variant != nil && $0.status != .missing }.map(\.id)
        if id == nil, !varying.isEmpty {
            result.notes = (result.notes ?? []) + [CommandText.defaultVariant(exercises: varying).text(lang)]
        }
        return result
    }

    /// `--run`: each graded exercise's Pod run with podman, what it did set beside its grade.
    /// Never changes the score or the exit status; without podman, one line says so.
    func run(_ result: inout GradeResult, lab: Lab, snapshot: SourceSnapshot, manifests: ManifestSet, lang: Lang) {
        let podman = Podman()
        if let missing = podman.unavailable() {
            printError("podgrade: " + CommandText.runUnavailable(reason: missing).text(lang))
            return
        }
        let runner = PodRunner(runtime: podman, settle: settle, pull: pull.policy, allowHost: allowHost) { image in
            printError("podgrade: " + CommandText.pulling(image: image).text(lang))
        }
        // Ctrl-C: what was started is removed before the process ends.
        let interrupts = Interrupts { runner.removeAll(); _exit(130) }
        defer { interrupts.cancel() }
        let id = (try? student ?? LearnerFiles.student(snapshot: snapshot, source: source)) ?? nil
        for k in result.exercises.indices where result.exercises[k].status != .missing {
            guard let base = lab.exercises.first(where: { $0.id == result.exercises[k].id }) else { continue }
            let exercise = lab.variant(of: base, student: id)
            let target = manifests.submission(for: exercise).target
            result.exercises[k].run = runner.run(exercise, target: target, name: "podgrade-run-\(getpid())-\(exercise.id.prefix(2))")
        }
        // Interrupted: the handler removes what was started and ends the process (130).
        while runner.interrupted { pause() }
    }

    func load(_ request: SourceRequest) throws -> SourceSnapshot {
        do {
            return try SourceLoader.snapshot(request)
        } catch {
            if case .notFound(let path) = error.kind {
                // `podgrade chek`: a mistyped command reads as a path that does not exist.
                if !path.contains("/"), let command = Suggestions.closest(to: path, in: Podgrade.commandNames).first {
                    throw UsageFailure(.unknownCommand(typed: path, suggestion: command))
                }
                throw UsageFailure(.noSuchSource(path: path))
            }
            throw UsageFailure(.unreadableSource(detail: error.message))
        }
    }

    /// Renders every asked format; returns the exit status.
    func emit(_ result: GradeResult, snapshot: SourceSnapshot, plans: [(name: String, reporter: any Reporter, file: String?)], lang: Lang) -> Int32 {
        let lines = SourceLines(snapshot)
        for (name, reporter, file) in plans {
            let toFile = file != nil
            let context = ReportContext(lang: lang, color: !toFile && color.enabled(), listEveryExercise: all || !exercise.isEmpty,
                                        sourceLines: lines.lines)
            let text = reporter.render(result, context: context)
            if name == GitHubReporter.name, let summary = Environment.current["GITHUB_STEP_SUMMARY"], !summary.isEmpty {
                // The job summary: the Markdown report, appended as GitHub expects.
                let markdown = GitHubReporter.summary(result, context: ReportContext(lang: lang))
                if !append(markdown, to: summary) {
                    printError("podgrade: " + CommandText.cannotAppendSummary(path: summary, reason: String(cString: strerror(errno))).text(lang))
                }
            }
            if let file {
                do {
                    try FileOutput.write(text, to: file)
                } catch {
                    printError("podgrade: " + CommandText.cannotWrite(detail: error.message).text(lang))
                    return 2
                }
            } else {
                print(text, terminator: "")
            }
        }
        return result.gradedExercisesPassed(named: !exercise.isEmpty) ? 0 : 1
    }
}

/// Appends text to a file (created if needed); false on any failure.
private func append(_ text: String, to path: String) -> Bool {
    let fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
    guard fd >= 0 else { return false }
    defer { close(fd) }
    return FileOutput.writeAll(Array(text.utf8), to: fd) == nil
}

/// `--pull`: which images `--run` pulls.
enum PullChoice: String, ExpressibleByArgument, CaseIterable {
    case missing, always, never

    var policy: PullPolicy {
        switch self {
        case .missing: return .missing
        case .always: return .always
        case .never: return .never
        }
    }
}

extension Check {
    /// A learner's usual command line, `podgrade [check] [PATH] [--lang L] [--color C]`
    /// (each at most once), made into the command without ArgumentParser: its reflection
    /// over every option of every command is most of a `check`'s start-up. Anything else
    /// is nil, and ArgumentParser reads it. A test holds both ways to the same command.
    static func usual(_ arguments: [String]) -> Check? {
        guard var rest = Podgrade.checkArguments(arguments) else { return nil }
        var path: String?, lang: String?, color: ColorChoice?
        while let argument = rest.popFirst() {
            var name = argument, value: String?
            if argument.hasPrefix("--"), let equals = argument.firstIndex(of: "=") {
                name = String(argument[..<equals])
                value = String(argument[argument.index(after: equals)...])
            }
            switch name {
            case "--lang", "--color":
                if value == nil { value = rest.popFirst() }
                guard let value, !value.hasPrefix("-") else { return nil }
                if name == "--lang" {
                    guard lang == nil else { return nil }
                    lang = value
                } else {
                    guard color == nil, let choice = ColorChoice(rawValue: value) else { return nil }
                    color = choice
                }
            default:
                guard !argument.hasPrefix("-"), argument != "help", path == nil else { return nil }
                path = argument
            }
        }
        // Every option at its declared default but those given.
        var check = Check()
        check.source = path ?? "."
        check.exercise = []
        check.all = false
        check.rev = nil
        check.deadline = nil
        check.format = []
        check.output = []
        check.student = nil
        var language = LanguageOptions()
        language.lang = lang
        check.language = language
        var course = CourseOptions<ForCheck>()
        course.exercises = nil
        check.labOptions = course
        check.color = color ?? .auto
        check.showPod = false
        check.watch = false
        check.runPods = false
        check.settle = 5
        check.pull = .missing
        check.allowHost = false
        check.cache = nil
        check.cloneTimeout = 60
        return check
    }
}

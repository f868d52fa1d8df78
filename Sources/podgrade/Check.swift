import ArgumentParser
import PodGradeCore
import PodGradeReport
#if canImport(Glibc)
import Glibc
#endif

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Grade a repository: a folder, a git work tree, a bare repository or a git URL.")

    @Argument(help: "What to grade (default: the current folder).")
    var source: String = "."

    @Option(name: .long, help: "Grade only this exercise (repeatable).")
    var exercise: [String] = []

    @Option(name: .long, help: "Git revision to grade (default: HEAD for repositories; the files on disk for a folder).")
    var rev: String?

    @Option(name: .long, help: "Grade the newest commit at or before this time (ISO 8601 with offset).")
    var deadline: String?

    @Option(name: .long, help: "Output format (repeatable): \(Reporters.names.joined(separator: ", ")); NAME:FILE writes that format to FILE.")
    var format: [String] = []

    @Option(name: .long, help: "Write the output to this file (repeatable, one per --format).")
    var output: [String] = []

    @OptionGroup var language: LanguageOptions
    @OptionGroup var labOptions: LabOptions

    @Option(name: .long, help: "Color: auto (default; off with NO_COLOR or when not a terminal), always, never.")
    var color: ColorChoice = .auto

    @Flag(name: .long, help: "Grade again whenever a file changes (folders only).")
    var watch = false

    @Option(name: .long, help: "Where cloned repositories are cached (default ~/.cache/podgrade).")
    var cache: String?

    @Option(name: .long, help: "Seconds a git server may stay silent before the clone fails (default 60).")
    var cloneTimeout: Double = 60

    /// Each format with its reporter and destination: `--format NAME:FILE`, else
    /// the `--output` files paired with the other formats in order, else stdout.
    /// Read once, before anything else runs; a mistake is a usage error (with
    /// the pointer to --help, as ArgumentParser's own).
    func outputs() throws -> [(name: String, reporter: any Reporter, file: String?)] {
        var plans: [(name: String, reporter: any Reporter, file: String?)] = []
        var files = output[...]
        for spec in format.isEmpty ? ["text"] : format {
            var name = spec
            var file: String?
            if let colon = spec.firstIndex(of: ":") {
                name = String(spec[..<colon])
                file = String(spec[spec.index(after: colon)...])
                if file?.isEmpty ?? true { throw ValidationError("--format \(spec): the file after ':' is empty") }
            } else if let next = files.popFirst() {
                file = next
            }
            guard let reporter = Reporters.named(name) else {
                throw ValidationError("unknown format '\(name)': use one of \(Reporters.names.joined(separator: ", "))")
            }
            plans.append((name, reporter, file))
        }
        if !files.isEmpty { throw ValidationError("more --output files than formats to write") }
        if plans.filter({ $0.file == nil }).count > 1 {
            throw ValidationError("several formats would go to standard output: give each but one a file (--format sarif:out.sarif or --output FILE)")
        }
        return plans
    }

    func run() throws {
        let plans = try outputs()
        let lang = try language.resolve()
        let lab = try labOptions.load()
        for slug in exercise where lab.exercise(slug) == nil {
            throw UsageFailure("unknown exercise '\(slug)': see `podgrade list`")
        }
        let limits = try LimitOptions.resolve()
        let request = SourceRequest(source: source, rev: rev, deadline: deadline, cacheDirectory: cache, cloneTimeout: cloneTimeout,
                                    limits: limits.source)
        let grader = Grader(lab: lab, limits: limits.yaml)
        if watch {
            try Watcher.run(request: request) { snapshot in
                print("\u{1B}[2J\u{1B}[H", terminator: "")
                _ = emit(grader.grade(snapshot, only: exercise), snapshot: snapshot, lang: lang, plans: plans)
            }
        }
        let snapshot = try load(request)
        let result = grader.grade(snapshot, only: exercise)
        let code = emit(result, snapshot: snapshot, lang: lang, plans: plans)
        throw ExitCode(code)
    }

    func load(_ request: SourceRequest) throws -> SourceSnapshot {
        do {
            return try SourceLoader.snapshot(request)
        } catch {
            throw UsageFailure(error.message)
        }
    }

    /// Renders every asked format; returns the exit status.
    func emit(_ result: GradeResult, snapshot: SourceSnapshot, lang: Lang, plans: [(name: String, reporter: any Reporter, file: String?)]) -> Int32 {
        let lines = SourceLines(snapshot)
        for (name, reporter, file) in plans {
            let toFile = file != nil
            let context = ReportContext(lang: lang, color: !toFile && color.enabled(), sourceLines: lines.lines)
            let text = reporter.render(result, context: context)
            if name == GitHubReporter.name, let summary = Environment.current["GITHUB_STEP_SUMMARY"], !summary.isEmpty {
                // The job summary: the Markdown report, appended as GitHub expects.
                let markdown = GitHubReporter.summary(result, context: ReportContext(lang: lang))
                if !append(markdown, to: summary) {
                    printError("podgrade: cannot append to GITHUB_STEP_SUMMARY \(summary): \(String(cString: strerror(errno)))")
                }
            }
            if let file {
                do {
                    try FileOutput.write(text, to: file)
                } catch {
                    printError("podgrade: cannot write \(file): \(error.message)")
                    return 2
                }
            } else {
                print(text, terminator: "")
            }
        }
        return result.passed ? 0 : 1
    }
}

/// Appends text to a file (created if needed); false on any failure.
private func append(_ text: String, to path: String) -> Bool {
    let fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
    guard fd >= 0 else { return false }
    defer { close(fd) }
    let bytes = Array(text.utf8)
    var offset = 0
    while offset < bytes.count {
        let n = bytes.withUnsafeBytes { buffer -> Int in
            guard let base = buffer.baseAddress else { return -1 }
            return write(fd, base + offset, buffer.count - offset)
        }
        if n < 0 && errno == EINTR { continue }
        guard n > 0 else { return false }
        offset += n
    }
    return true
}

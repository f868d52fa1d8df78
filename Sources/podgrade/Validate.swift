import ArgumentParser
import PodGradeCore
import PodGradeReport

struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: say("Read manifests as Kubernetes does and report YAML, schema (k8s.schema) and API validation (k8s.valid) findings.", ru: "Прочитать манифесты, как Kubernetes, и сообщить ошибки YAML, схемы (k8s.schema) и проверки API (k8s.valid)."),
        discussion: say("""
            Every built-in kind of Kubernetes \(ManifestValidation.kubernetesVersion) is checked against its schema; a kind of \
            another API group (a custom resource) is a warning. `-` reads standard input. \
            Exit status: 0 when there is no error (warnings alone included), 1 when there are errors, \
            2 when an input cannot be used.
            """, ru: """
            Каждый встроенный вид Kubernetes \(ManifestValidation.kubernetesVersion) сверяется со своей схемой; вид из \
            другой группы API (custom resource) — предупреждение. `-` читает стандартный ввод. \
            Код выхода: 0 — ошибок нет (одни предупреждения тоже), 1 — есть ошибки, \
            2 — вход нельзя использовать.
            """))

    @Argument(help: ArgumentHelp(say("Files or folders of manifests; - for standard input.", ru: "Файлы или папки с манифестами; - для стандартного ввода."))) var paths: [String]
    @OptionGroup var language: LanguageOptions

    @Option(name: .long, help: ArgumentHelp(say("Color: auto, always, never.", ru: "Цвет: auto, always, never.")))
    var color: ColorChoice = .auto

    @Option(name: [.short, .long], help: ArgumentHelp(say("Output format (repeatable): \(Reporters.names.joined(separator: ", ")); NAME:FILE writes that format to FILE (default: text, validate's own lines).",
                                                         ru: "Формат вывода (можно повторять): \(Reporters.names.joined(separator: ", ")); ИМЯ:ФАЙЛ пишет этот формат в ФАЙЛ (по умолчанию text — строки самого validate).")))
    var format: [String] = []

    @Option(name: [.short, .long], help: ArgumentHelp(say("Write the output to this file (repeatable, one per --format).", ru: "Записать вывод в этот файл (можно повторять, по одному на --format).")))
    var output: [String] = []

    func run() throws {
        let lang = try language.resolve()
        let useColor = color.enabled()
        let limits = try LimitOptions.resolve()
        // Every input is read first: one unusable input stops the run before any output.
        var snapshots: [SourceSnapshot] = []
        var readStandardInput = false
        for path in paths {
            do throws(SourceFailure) {
                if path == "-" {
                    guard !readStandardInput else { throw SourceFailure("- (standard input) is given twice") }
                    readStandardInput = true
                    let bytes = try ManifestValidation.readStandardInput(limit: limits.source.maxFileBytes)
                    snapshots.append(ManifestValidation.snapshot(standardInput: bytes))
                } else {
                    snapshots.append(try ManifestValidation.snapshot(of: path, limits: limits.source))
                }
            } catch {
                throw UsageFailure(error.message)
            }
        }
        let plans = try OutputPlans.parse(format: format, output: output)
        // Color only where it reaches a terminal.
        let textColor = useColor && plans.contains { $0.name == TextReporter.name && $0.file == nil }
        var total = ManifestValidation.Summary()
        var text = ""
        var allItems: [ManifestValidation.Item] = []
        var files: [String] = []
        var sources: [String: [Substring]] = [:]
        for snapshot in snapshots {
            let lines = SourceLines(snapshot)
            let (items, summary) = ManifestValidation.run(snapshot, limits: limits.yaml)
            total = total + summary
            allItems += items
            for file in snapshot.files where lines.lines(file.path) != nil {
                files.append(file.path)
                sources[file.path] = lines.lines(file.path)
            }
            for item in items {
                let where_ = item.location.map { "\($0.file):\($0.line):\($0.column): " } ?? ""
                text += "\(where_)\(CommandText.severity(isError: item.isError).text(lang)) [\(item.rule)] \(item.message.text(lang))\n"
                if let location = item.location, let fileLines = lines.lines(location.file),
                   let frame = ReportFrames.codeFrame(lines: fileLines, line: location.line, column: location.column, color: textColor) {
                    text += frame + "\n"
                }
            }
            for note in snapshot.notes {
                text += "\(snapshot.origin.path ?? "."): \(CommandText.severity(isError: false).text(lang)): \(note)\n"
            }
            total.warnings += snapshot.notes.count
        }
        text += CommandText.validationSummary(files: total.files, objects: total.objects, errors: total.errors,
                                              warnings: total.warnings).text(lang) + "\n"
        // The other formats render the same findings through the reporters, as `check`'s do.
        let result = ManifestValidation.result(allItems, files: files, origin: SourceOrigin(path: paths.joined(separator: " ")))
        let frozen = sources
        let context = { (toFile: Bool) in
            ReportContext(lang: lang, color: !toFile && useColor, sourceLines: { frozen[$0] })
        }
        for (name, reporter, file) in plans {
            let rendered = name == TextReporter.name ? text : reporter.render(result, context: context(file != nil))
            if let file {
                do { try FileOutput.write(rendered, to: file) } catch { throw UsageFailure(.cannotWrite(detail: error.message)) }
            } else {
                print(rendered, terminator: "")
            }
        }
        if total.errors > 0 { throw ExitCode(1) }
    }
}

import ArgumentParser
import PodGradeCore
import PodGradeReport

struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Read manifests as Kubernetes does and report YAML, schema (k8s.schema) and API validation (k8s.valid) findings.",
        discussion: """
            Every built-in kind of Kubernetes \(ManifestValidation.kubernetesVersion) is checked against its schema; a kind of \
            another API group (a custom resource) is a warning. `-` reads standard input. \
            Exit status: 0 when there is no error (warnings alone included), 1 when there are errors, \
            2 when an input cannot be used.
            """)

    @Argument(help: "Files or folders of manifests; - for standard input.") var paths: [String]
    @OptionGroup var language: LanguageOptions

    @Option(name: .long, help: "Color: auto, always, never.")
    var color: ColorChoice = .auto

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
        var total = ManifestValidation.Summary()
        for snapshot in snapshots {
            let lines = SourceLines(snapshot)
            let (items, summary) = ManifestValidation.run(snapshot, limits: limits.yaml)
            total = total + summary
            for item in items {
                let where_ = item.location.map { "\($0.file):\($0.line):\($0.column): " } ?? ""
                print("\(where_)\(Self.severity(item.isError, lang)) [\(item.rule)] \(item.message.text(lang))")
                if let location = item.location, let fileLines = lines.lines(location.file),
                   let frame = ReportFrames.codeFrame(lines: fileLines, line: location.line, column: location.column, color: useColor) {
                    print(frame)
                }
            }
            for note in snapshot.notes {
                print("\(snapshot.origin.path ?? "."): \(Self.severity(false, lang)): \(note)")
            }
            total.warnings += snapshot.notes.count
        }
        print(CommandText.validationSummary(files: total.files, objects: total.objects, errors: total.errors,
                                            warnings: total.warnings).text(lang))
        if total.errors > 0 { throw ExitCode(1) }
    }

    static func severity(_ isError: Bool, _ lang: Lang) -> String {
        switch (lang, isError) {
        case (.ru, true): return "ошибка"
        case (.ru, false): return "предупреждение"
        case (.en, true): return "error"
        case (.en, false): return "warning"
        }
    }
}

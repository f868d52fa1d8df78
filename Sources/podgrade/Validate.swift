import ArgumentParser
import PodGradeCore
import PodGradeReport

struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Read manifests as Kubernetes does and report YAML, schema (k8s.schema) and API validation (k8s.valid) findings.")

    @Argument(help: "Files or folders of manifests.") var paths: [String]
    @OptionGroup var language: LanguageOptions

    @Option(name: .long, help: "Color: auto, always, never.")
    var color: ColorChoice = .auto

    func run() throws {
        let lang = try language.resolve()
        var errors = 0
        let useColor = color.enabled()
        let limits = try LimitOptions.resolve()
        for path in paths {
            let snapshot: SourceSnapshot
            do {
                snapshot = try ManifestValidation.snapshot(of: path, limits: limits.source)
            } catch {
                throw UsageFailure(error.message)
            }
            let lines = SourceLines(snapshot)
            for finding in ManifestValidation.findings(in: snapshot, limits: limits.yaml) {
                if finding.isError { errors += 1 }
                let where_ = finding.location.map { "\($0.file):\($0.line):\($0.column): " } ?? ""
                let severity = finding.isError ? (lang == .ru ? "ошибка" : "error") : (lang == .ru ? "предупреждение" : "warning")
                print("\(where_)\(severity) [\(finding.rule)] \(finding.message.text(lang))")
                if let location = finding.location, let fileLines = lines.lines(location.file),
                   let frame = ReportFrames.codeFrame(lines: fileLines, line: location.line, column: location.column, color: useColor) {
                    print(frame)
                }
            }
        }
        if errors > 0 { throw ExitCode(1) }
    }
}

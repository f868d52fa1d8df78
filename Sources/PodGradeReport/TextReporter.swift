public import PodGradeCore

/// The learner's view: a score line per exercise, then each failed check with
/// its message, file:line:column, a code frame and a hint.
public struct TextReporter: Reporter {
    public static let name = "text"

    public init() {}

    public func render(_ result: GradeResult, context: ReportContext) -> String {
        let lang = context.lang
        let style = Style(enabled: context.color)
        var out: [String] = []
        if let url = result.source.url ?? result.source.path {
            var line = ReportText.source.text(lang) + ": " + url
            if let commit = result.source.commit { line += " @ " + String(commit.prefix(12)) }
            if let newer = result.source.newerCommits, newer > 0 { line += " (" + ReportText.newerCommits(newer, lang) + ")" }
            out.append(style.dim(line))
        }
        for exercise in result.exercises {
            out.append("")
            let score = "\(exercise.score)/" + ReportText.points(exercise.maxScore, lang)
            switch exercise.status {
            case .missing:
                out.append(style.dim("○ \(exercise.id)  \(exercise.title.text(lang)) — " + ReportText.missing.text(lang)))
                continue
            case .pass:
                out.append(style.green("✓ ") + style.bold(exercise.id) + "  \(exercise.title.text(lang))  " + style.green(score))
            case .fail, .error:
                out.append(style.red("✗ ") + style.bold(exercise.id) + "  \(exercise.title.text(lang))  " + style.red(score)
                           + style.dim("  (" + ReportText.passAt(exercise.passScore, lang) + ")"))
            }
            for check in exercise.checks where check.status != .pass || check.findings.count > 1 {
                out += render(check, context: context, style: style)
            }
            if let pod = exercise.pod {
                // `--show-pod`: what podgrade understood of the Pod it graded.
                out.append("  " + style.cyan(PodPictureText.understood.text(lang) + ":"))
                out += PodPictureTerminal.render(pod, lang: lang, color: context.color).split(separator: "\n").map { "    " + $0 }
            }
        }
        out.append("")
        let graded = result.exercises.filter { $0.status != .missing }
        let passedCount = graded.filter(\.passed).count
        out.append(style.bold(ReportText.total.text(lang) + ": \(result.score)/" + ReportText.points(result.maxScore, lang))
                   + " · " + ReportText.passedExercises(passedCount, graded.count, lang))
        for note in result.notes ?? [] { out.append(style.dim("! " + note)) }
        return out.joined(separator: "\n") + "\n"
    }

    private func render(_ check: CheckResult, context: ReportContext, style: Style) -> [String] {
        var out: [String] = []
        let mark: String
        switch check.status {
        case .pass: mark = style.green("✓")
        case .fail: mark = style.red("✗")
        case .skip: mark = style.dim("–")
        case .info: mark = style.bold("⚠")
        case .error: mark = style.red("!")
        }
        out.append("  \(mark) \(check.id) " + style.dim("[\(check.rule)] \(check.points)/\(check.maxPoints)"))
        for (index, finding) in check.findings.enumerated() {
            if check.status == .pass && index == 0 { continue }
            var line = "      "
            if let location = finding.location {
                line += style.bold("\(location.file):\(location.line):\(location.column)") + ": "
            }
            // What costs nothing is labelled as what it is: the notes under a passed check, an `info` check.
            if check.status == .pass || check.status == .info { line += style.bold(ReportText.warning.text(context.lang) + ": ") }
            out.append(line + finding.message.text(context.lang))
            // A check not run repeats where its reason lies; the code frame is shown where the reason is a finding.
            if check.status != .skip, let location = finding.location, let lines = context.sourceLines(location.file),
               let frame = CodeFrame.render(lines: lines, line: location.line, column: location.column, color: context.color) {
                out.append(frame.split(separator: "\n", omittingEmptySubsequences: false).map { "    " + $0 }.joined(separator: "\n"))
            }
        }
        if let hint = check.hint {
            out.append("      " + style.cyan(ReportText.hint.text(context.lang) + ": ") + hint.text(context.lang))
        }
        return out
    }
}

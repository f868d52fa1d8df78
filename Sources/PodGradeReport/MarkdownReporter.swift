public import PodGradeCore

/// A report to read in a pull request comment or a job summary: the total,
/// a table of exercises, then each failed exercise's failed checks with where
/// and why. Learner text is escaped, so a message cannot inject markup.
public struct MarkdownReporter: Reporter {
    public static let name = "markdown"

    public init() {}

    public func render(_ result: GradeResult, context: ReportContext) -> String {
        let lang = context.lang
        var out: [String] = []
        out.append("## " + (result.passed ? "✅ " : "❌ ") + Escape.markdown(ReportText.totalLine(result, lang)))
        out.append("")
        if let source = result.source.url ?? result.source.path {
            var line = ReportText.source.text(lang) + ": " + Self.code(source)
            if let commit = result.source.commit { line += " @ " + Self.code(String(commit.prefix(12))) }
            if let newer = result.source.newerCommits, newer > 0 { line += " (" + Escape.markdown(ReportText.newerCommits(newer, lang)) + ")" }
            out.append(line)
            out.append("")
        }
        for note in result.notes ?? [] {
            out.append("> ⚠️ " + Escape.markdown(note))
            out.append("")
        }
        out.append("| | " + ReportText.exercise.text(lang) + " | " + ReportText.title.text(lang) + " | " + ReportText.score.text(lang) + " |")
        out.append("|:-:|---|---|--:|")
        for exercise in result.exercises {
            let score: String
            switch exercise.status {
            case .missing: score = "— (" + Escape.markdown(ReportText.missing.text(lang)) + ")"
            default: score = "\(exercise.score)/\(exercise.maxScore)"
            }
            out.append("| \(Self.emoji(exercise.status)) | \(Escape.markdown(exercise.id)) | \(Escape.markdown(exercise.title.text(lang))) | \(score) |")
        }
        for exercise in result.exercises where exercise.status == .fail || exercise.status == .error {
            out.append("")
            out.append("### \(Self.emoji(exercise.status)) " + Escape.markdown("\(exercise.id): \(exercise.title.text(lang))")
                       + " (\(exercise.score)/" + Escape.markdown(ReportText.points(exercise.maxScore, lang) + ", " + ReportText.passAt(exercise.passScore, lang)) + ")")
            out.append("")
            for check in exercise.checks where check.status == .fail || check.status == .error || check.status == .skip {
                out += render(check, lang: lang)
            }
        }
        let pictures = result.exercises.compactMap { e in e.pod.map { (e.id, $0) } }
        if !pictures.isEmpty {
            // `--show-pod`: what podgrade understood of each graded Pod, as Mermaid diagrams.
            out.append("")
            out.append("### " + Escape.markdown(PodPictureText.understood.text(lang)))
            for (id, pod) in pictures {
                out.append("")
                out.append("#### " + Escape.markdown(id) + " — " + Self.code(PodPictureText.title(pod)))
                out.append("")
                out.append(String(PodPictureMermaid.markdown(pod, lang: lang).dropLast()))
            }
        }
        // `check --run`: what each Pod really did.
        for exercise in result.exercises {
            guard let run = exercise.run else { continue }
            let (heading, lines) = RunText.lines(run, lang: lang)
            out.append("")
            out.append("#### " + Escape.markdown(exercise.id) + " — " + Escape.markdown(heading))
            if !lines.isEmpty { out.append("") }
            for (mark, text) in lines {
                let emoji = mark == "✓" ? "✅ " : mark == "✗" ? "❌ " : mark == "!" ? "⚠️ " : ""
                out.append("- " + emoji + Escape.markdown(text))
            }
        }
        return out.joined(separator: "\n") + "\n"
    }

    private func render(_ check: CheckResult, lang: Lang) -> [String] {
        let mark: String
        switch check.status {
        case .fail: mark = "❌"
        case .error: mark = "⚠️"
        default: mark = "➖"
        }
        var out = ["- \(mark) **\(Escape.markdown(check.id))** " + Self.code(check.rule) + " \(check.points)/\(check.maxPoints)"]
        if check.status == .skip {
            out[0] += " — " + Escape.markdown(check.text(lang))
            return out
        }
        for finding in check.findings {
            var line = "  - "
            if let location = finding.location {
                line += Self.code("\(location.file):\(location.line):\(location.column)") + " "
            }
            out.append(line + Escape.markdown(finding.message.text(lang)))
        }
        if let hint = check.hint {
            out.append("  - *" + Escape.markdown(ReportText.hint.text(lang)) + ":* " + Escape.markdown(hint.text(lang)))
        }
        return out
    }

    static func emoji(_ status: ExerciseResult.Status) -> String {
        switch status {
        case .pass: return "✅"
        case .fail: return "❌"
        case .error: return "⚠️"
        case .missing: return "⚪"
        }
    }

    /// A code span that holds any text: the fence is longer than any run of
    /// backticks inside; line breaks and `|` (which would end a table cell) are
    /// replaced, as code spans cannot escape them.
    static func code(_ text: String) -> String {
        var cleaned = ""
        for scalar in text.unicodeScalars {
            if scalar == "\n" || scalar == "\r" || scalar == "\t" { cleaned += " "; continue }
            if Escape.isControl(scalar) { continue }
            if scalar == "|" { cleaned += "¦"; continue }
            cleaned.unicodeScalars.append(scalar)
        }
        var longest = 0, run = 0
        for character in cleaned {
            run = character == "`" ? run + 1 : 0
            longest = max(longest, run)
        }
        let fence = String(repeating: "`", count: longest + 1)
        let pad = cleaned.hasPrefix("`") || cleaned.hasSuffix("`") ? " " : ""
        return fence + pad + cleaned + pad + fence
    }
}

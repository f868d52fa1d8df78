public import PodGradeCore

/// The learner's view: a score line per exercise, then each failed check with
/// its message, file:line:column, a code frame and a hint. The exercises
/// without a submission are one line ("Not started: 01, 03–06"), unless the
/// context lists every exercise (`check --all`, `--exercise`); the checks that
/// wait for a file that does not parse are one line under its YAML error.
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
        var notStarted: [String] = []
        for exercise in result.exercises {
            if exercise.status == .missing && !context.listEveryExercise {
                notStarted.append(exercise.id)
                continue
            }
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
            let waiting = exercise.checks.filter(Self.waitsForUnparsableFile)
            var saidWaiting = false
            for check in exercise.checks where check.status != .pass || check.findings.count > 1 {
                guard Self.waitsForUnparsableFile(check) else {
                    out += render(check, context: context, style: style)
                    continue
                }
                // The file's YAML error is shown once (yaml.syntax); the checks it holds back are counted, not repeated.
                if !saidWaiting {
                    let points = waiting.reduce(0) { $0 + $1.maxPoints }
                    out.append("  " + style.dim("–") + " " + ReportText.checksWaitForFile(waiting.count, points: points, lang))
                    saidWaiting = true
                }
            }
            if let pod = exercise.pod {
                // `--show-pod`: what podgrade understood of the Pod it graded.
                out.append("  " + style.cyan(PodPictureText.understood.text(lang) + ":"))
                out += PodPictureTerminal.render(pod, lang: lang, color: context.color).split(separator: "\n").map { "    " + $0 }
            }
            if let run = exercise.run {
                // `check --run`: what the Pod really did, beside what podgrade predicted.
                let (heading, lines) = RunText.lines(run, lang: lang)
                out.append("  " + style.cyan("▶ " + heading))
                for (mark, text) in lines {
                    let shown = mark == "✓" ? style.green(mark) : mark == "✗" ? style.red(mark) : mark == "!" ? style.yellow(mark) : style.dim(mark)
                    out.append("    " + shown + " " + text)
                }
            }
        }
        if !notStarted.isEmpty {
            out.append("")
            out.append(style.dim("○ " + ReportText.notStarted(Self.labels(notStarted, course: result.exercises.map(\.id)), lang)))
        }
        out.append("")
        let graded = result.exercises.filter { $0.status != .missing }
        let passedCount = graded.filter(\.passed).count
        out.append(style.bold(ReportText.total.text(lang) + ": \(result.score)/" + ReportText.points(result.maxScore, lang))
                   + " · " + ReportText.passedExercises(passedCount, graded.count, lang))
        for note in result.notes ?? [] { out.append(style.dim("! " + note)) }
        return out.joined(separator: "\n") + "\n"
    }

    /// A check not run because a file of the submission does not parse (the object may be in it).
    static func waitsForUnparsableFile(_ check: CheckResult) -> Bool {
        guard check.status == .skip, let message = check.findings.first?.message as? SharedMessage,
              case .notCheckedUnparsable = message else { return false }
        return true
    }

    /// The exercises named short, in the course's order: their numbers where every id of the
    /// course starts with a distinct one (`01-…`), else their ids; three or more in a row as a range.
    public static func labels(_ ids: [String], course: [String]) -> [String] {
        let numbers: [String?] = course.map { id in
            let digits = id.prefix { $0.isASCII && $0.isNumber }
            return !digits.isEmpty && id.dropFirst(digits.count).first == "-" ? String(digits) : nil
        }
        let numbered = !numbers.contains(nil) && Set(numbers).count == course.count
        func label(_ i: Int) -> String { numbered ? numbers[i] ?? course[i] : course[i] }
        let positions = ids.compactMap { course.firstIndex(of: $0) }.sorted()
        var labels: [String] = []
        var start = 0
        while start < positions.count {
            var end = start
            while end + 1 < positions.count && positions[end + 1] == positions[end] + 1 { end += 1 }
            if end - start >= 2 {
                labels.append(label(positions[start]) + "–" + label(positions[end]))
            } else {
                labels += positions[start...end].map(label)
            }
            start = end + 1
        }
        return labels
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

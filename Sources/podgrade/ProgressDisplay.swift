import PodGradeCore
import PodGradeReport
import PodGradeBatch
#if canImport(Glibc)
import Glibc
#endif

/// Progress on stderr: a bar redrawn in place on a terminal, plain lines
/// otherwise. Called on the batch's own thread only (`BatchGrader.run`).
final class ProgressDisplay {
    let terminal: Bool
    let lang: Lang
    private var shown = 0
    private var barOpen = false
    private var lastIdleLine = 0.0
    /// What the bar says beside the counts (a lock wait, a retry).
    private var note: String?

    init(terminal: Bool, lang: Lang) {
        self.terminal = terminal
        self.lang = lang
    }

    func show(_ event: BatchEvent) {
        switch event {
        case .finished(let entry, let p):
            note = nil
            if terminal {
                guard p.done > shown else { return }
                shown = p.done
                drawBar(p)
            } else {
                var line = "[\(p.done)/\(p.total)] \(entry.student): "
                if let score = entry.score, let max = entry.maxScore {
                    line += "\(score)/\(max) \(entry.status.rawValue)"
                    // A late penalty: the points taken and the final score.
                    if let penalty = entry.penalty, penalty > 0, let final = entry.finalScore { line += ", −\(penalty) → \(final)" }
                } else { line += "error: " + (entry.error ?? "") }
                printError(line)
            }
        case .waitingForLock(let student):
            let text = CommandText.waitingForLock(student: student).text(lang)
            if terminal { note = text } else { printError(student + ": " + text) }
        case .retrying(let student, let attempt, let delay, let error):
            let seconds = delay == delay.rounded() ? "\(Int(delay))" : "\(delay)"
            if terminal {
                note = CommandText.retryingSoon(student: student, seconds: seconds).text(lang)
            } else {
                printError(CommandText.attemptFailed(student: student, attempt: attempt, error: error, seconds: seconds).text(lang))
            }
        case .idle(let p):
            if terminal {
                drawBar(p)
            } else if p.elapsed - lastIdleLine >= 30 {
                lastIdleLine = p.elapsed
                printError(CommandText.inProgress(names: Self.names(p.inProgress, lang: lang)).text(lang))
            }
        }
    }

    private func drawBar(_ p: BatchProgress) {
        let rate = p.elapsed > 0 ? Double(p.done) / p.elapsed : 0
        let remaining = rate > 0 ? Int(Double(max(0, p.total - p.done)) / rate) : 0
        let width = 30
        let filled = p.total > 0 ? min(width, max(0, width * p.done / p.total)) : width
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
        let errors = CommandText.errorsWord.text(lang)
        var line = "\r\u{1B}[K[\(bar)] \(p.done)/\(p.total) · \(errors) \(p.errors) · \(format(rate))/s · ETA \(remaining / 60):\(pad(remaining % 60))"
        if p.done < p.total {
            if let note { line += " · " + note }
            else if !p.inProgress.isEmpty { line += " · " + CommandText.inProgress(names: Self.names(p.inProgress, lang: lang)).text(lang) }
        }
        printError(line, newline: p.done == p.total)
        barOpen = p.done != p.total
    }

    /// "a, b, c" or "a, b, c and 4 more".
    static func names(_ names: [String], limit: Int = 5, lang: Lang) -> String {
        let shown = names.prefix(limit).joined(separator: ", ")
        guard names.count > limit else { return shown }
        return shown + " " + CommandText.andMore(count: names.count - limit).text(lang)
    }

    func finish(_ summary: BatchSummary, out: String) {
        if barOpen { printError("") }
        barOpen = false
        printError(CommandText.batchFinished(graded: summary.graded, of: summary.inShard,
                                             skippedByResume: summary.resumed ? summary.skippedByResume : nil,
                                             errors: summary.errorsInGradebook,
                                             inError: summary.studentsInError.isEmpty ? nil : Self.names(summary.studentsInError, limit: 10, lang: lang),
                                             out: out).text(lang))
    }

    func interrupted(_ summary: BatchSummary, out: String, command: String) {
        printError(CommandText.interrupted(command: command).text(lang))
    }

    private func format(_ rate: Double) -> String { String(Int(rate * 10) / 10) + "." + String(Int(rate * 10) % 10) }
    private func pad(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
}

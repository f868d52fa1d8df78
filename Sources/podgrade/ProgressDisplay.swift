import ArgumentParser
import PodGradeCore
import PodGradeBatch
#if canImport(Glibc)
import Glibc
#endif

/// Progress on stderr: a bar redrawn in place on a terminal, plain lines otherwise.
final class ProgressDisplay: Sendable {
    let terminal: Bool
    let lang: Lang
    /// Workers report concurrently: one line at a time, and the bar never goes back.
    private let state = Locked(State())

    private struct State {
        var shown = 0
        var barOpen = false
    }

    init(terminal: Bool, lang: Lang) {
        self.terminal = terminal
        self.lang = lang
    }

    func update(_ p: BatchProgress) {
        state.withLock { state in show(p, &state) }
    }

    private func show(_ p: BatchProgress, _ state: inout State) {
        if terminal {
            guard p.done > state.shown else { return }
            state.shown = p.done
        }
        let rate = p.elapsed > 0 ? Double(p.done) / p.elapsed : 0
        let remaining = rate > 0 ? Int(Double(max(0, p.total - p.done)) / rate) : 0
        if terminal {
            let width = 30
            let filled = p.total > 0 ? min(width, max(0, width * p.done / p.total)) : width
            let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
            let errors = CLIText.errors.text(lang)
            let line = "\r\u{1B}[K[\(bar)] \(p.done)/\(p.total) · \(errors) \(p.errors) · \(format(rate))/s · ETA \(remaining / 60):\(pad(remaining % 60))"
            printError(line, newline: p.done == p.total)
            state.barOpen = p.done != p.total
        } else {
            var line = "[\(p.done)/\(p.total)] \(p.entry.student): "
            if let score = p.entry.score, let max = p.entry.maxScore { line += "\(score)/\(max) \(p.entry.status)" }
            else { line += "error: " + (p.entry.error ?? "") }
            printError(line)
        }
    }

    func finish(_ summary: BatchSummary, out: String) {
        state.withLock { state in
            if state.barOpen { printError("") }
            printError(CLIText.batchFinished(summary, out: out, lang))
        }
    }

    private func format(_ rate: Double) -> String { String(Int(rate * 10) / 10) + "." + String(Int(rate * 10) % 10) }
    private func pad(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
}

public import PodGradeCore

/// What `check --run` saw, as text: the lines every format shows under an exercise.
public enum RunText {
    /// The block's lines, without indentation or style: a heading, then each line of evidence.
    /// Each line is (mark, text): `✓`/`✗` for a probe, `!` for a contradiction, `·` for a fact.
    public static func lines(_ run: RunReport, lang: Lang) -> (heading: String, lines: [(mark: String, text: String)]) {
        let ru = lang == .ru
        guard run.status == .ran else {
            let why: String
            switch run.reason {
            case .needsHost?:
                why = ru ? "не запущен: POD обращается к хосту (\(run.detail ?? "")); запустите с --allow-host, если доверяете манифесту"
                         : "not run: the Pod reaches the host (\(run.detail ?? "")); run with --allow-host if you trust the manifest"
            case .imageMissing?:
                why = ru ? "не запущен: нет образа (\(run.detail ?? ""))" : "not run: an image is missing (\(run.detail ?? ""))"
            case .runtimeFailed?:
                why = ru ? "не запущен: podman отказал (\(run.detail ?? ""))" : "not run: podman refused it (\(run.detail ?? ""))"
            case .runtimeLimit?:
                why = ru ? "не запущен: \(run.detail ?? ""), и POD не запустился бы (ограничение podman 4.3, не ошибка решения)"
                         : "not run: \(run.detail ?? ""), and the Pod would never start (a limit of podman 4.3, not of the answer)"
            case .noPod?, nil:
                why = ru ? "не запущен: в решении нет POD" : "not run: the submission has no Pod"
            }
            return ((ru ? "Запуск" : "Run") + ": " + why, [])
        }
        let seconds = run.settleSeconds == run.settleSeconds.rounded() ? String(Int(run.settleSeconds)) : String(run.settleSeconds)
        let heading = ru ? "Запуск (podman, через \(seconds) с): что произошло на самом деле" : "Run (podman, after \(seconds) s): what really happened"
        var out: [(String, String)] = []
        for c in run.containers {
            out.append(("·", c.name + ": " + state(c, ru: ru)))
            if let last = c.output.last, !last.isEmpty { out.append(("·", "  " + (ru ? "последняя строка вывода: " : "last output line: ") + last)) }
        }
        out.append(("·", (ru ? "порты, которые слушает POD: " : "ports the Pod listens on: ")
                    + (run.ports.isEmpty ? (ru ? "нет" : "none") : run.ports.map(String.init).joined(separator: ", "))))
        for (volume, files) in run.volumes.sorted(by: { $0.key < $1.key }) {
            let shown = files.prefix(5).joined(separator: ", ") + (files.count > 5 ? ", …" : "")
            out.append(("·", "volume \(volume): " + (files.isEmpty ? (ru ? "пуст" : "empty") : shown)))
        }
        for p in run.probes {
            out.append((p.passed ? "✓" : "✗", p.text.text(lang) + (p.detail.isEmpty ? "" : " — " + p.detail)))
        }
        for c in run.contradictions { out.append(("!", contradiction(c, ru: ru))) }
        if run.contradictions.isEmpty && run.predictions > 0 {
            out.append(("·", ru ? "всё, что podgrade предсказал (\(run.predictions)), подтвердилось" : "all that podgrade predicted (\(run.predictions)) was seen"))
        }
        return (heading, out)
    }

    static func state(_ c: RunReport.Container, ru: Bool) -> String {
        var text: String
        switch c.state {
        case "running": text = ru ? "работает" : "running"
        case "ended": text = ru ? "завершился с кодом \(c.exitCode)" : "ended with exit code \(c.exitCode)"
        case "failedToStart": text = ru ? "не запустился" : "failed to start"
        default: text = ru ? "ждёт запуска" : "waiting to start"
        }
        if c.restarts > 0 { text += ru ? ", перезапусков: \(c.restarts)" : ", restarted \(c.restarts)×" }
        if let reason = c.reason { text += " (\(reason))" }
        return text
    }

    /// "podgrade predicted that reader keeps running; it ended", in words for each kind.
    static func contradiction(_ c: RunReport.Contradiction, ru: Bool) -> String {
        func said(_ value: String) -> String {
            switch value {
            case "running": return ru ? "работает" : "keeps running"
            case "ended": return ru ? "завершается" : "ends"
            case "failedToStart": return ru ? "не запускается" : "cannot start"
            case "waiting": return ru ? "ждёт запуска" : "waits to start"
            case "listening": return ru ? "кто-то слушает" : "something listens"
            case "closed": return ru ? "никто не слушает" : "nothing listens"
            case "present": return ru ? "файл есть" : "the file is there"
            case "absent": return ru ? "файла нет" : "the file is not there"
            case "received": return ru ? "данные доходят" : "the data arrives"
            case "nothing": return ru ? "данные не доходят" : "no data arrives"
            case "answered": return ru ? "соединение принято" : "the connection is answered"
            case "refused": return ru ? "соединение отклонено" : "the connection is refused"
            default: return value
            }
        }
        let subject: String
        switch c.kind {
        case "port": subject = (ru ? "порт " : "port ") + c.subject
        case "file": subject = "volume " + c.subject
        default: subject = c.subject
        }
        return ru ? "podgrade предсказал для \(subject): \(said(c.predicted)); на деле: \(said(c.observed))"
                  : "podgrade predicted for \(subject): \(said(c.predicted)); in fact: \(said(c.observed))"
    }
}

public import PodGradeCore

/// The class's report for the teacher: one self-contained HTML file (inline
/// CSS and SVG, a few lines of inline JS to sort the table, no network). The
/// charts aggregate, so they read the same at 20 learners and at 5,000; the
/// table is one compact row a learner, and each learner has a collapsed
/// section with their findings. Every learner-controlled text is escaped.
public enum ClassReport {
    /// `appendix` is a section another part of podgrade adds at the end (the
    /// similar submissions), with the CSS it needs. `policy` is the deadline
    /// and late policy the batch applied.
    public static func html(_ entries: [ClassEntry], lang: Lang, title: String, policy: ClassPolicy? = nil,
                            appendix: (html: String, css: String)? = nil) -> String {
        let stats = Stats(entries, lang: lang)
        var out = ""
        out.reserveCapacity(4096 + entries.count * (600 + 24 * stats.exercises.count))
        out += "<!DOCTYPE html>\n<html lang=\"\(lang.rawValue)\">\n<head>\n<meta charset=\"utf-8\">\n"
        out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        out += "<title>\(h(title))</title>\n<style>\n\(css)\(appendix?.css ?? "")</style>\n</head>\n<body>\n"
        if entries.contains(where: { $0.podPictures.values.contains { !$0.isEmpty } }) { out += PodPictureSVG.pageDefinitions + "\n" }
        out += "<h1>\(h(title))</h1>\n"
        out += summary(stats, lang: lang)
        out += policyLine(policy, lang: lang)
        out += "<div class=\"grid\">\n"
        out += histogram(stats, lang: lang)
        out += exerciseRates(stats, lang: lang)
        out += "</div>\n"
        out += missed(stats, lang: lang)
        out += table(entries, stats: stats, late: policy?.lateUntil != nil, lang: lang)
        out += learnerSections(entries, lang: lang)
        out += ruleExplanations(stats, lang: lang)
        out += appendix?.html ?? ""
        out += "<script>\n\(script)</script>\n</body>\n</html>\n"
        return out
    }

    // MARK: Sections

    static func summary(_ stats: Stats, lang: Lang) -> String {
        var items = [
            Words.learners.text(lang) + ": <b>\(stats.learners)</b>",
            Words.graded.text(lang) + ": <b>\(stats.graded)</b>",
            Words.passedAll.text(lang) + ": <b>\(stats.passedLearners)</b>",
            Words.errors.text(lang) + ": <b>\(stats.errors)</b>",
        ]
        if let mean = stats.mean { items.append(Words.mean.text(lang) + ": <b>\(mean)%</b>") }
        if let median = stats.median { items.append(Words.median.text(lang) + ": <b>\(median)%</b>") }
        return "<p class=\"summary\">" + items.joined(separator: " · ") + "</p>\n"
    }

    /// Which deadline was applied, and the late policy.
    static func policyLine(_ policy: ClassPolicy?, lang: Lang) -> String {
        guard let policy else { return "<p class=\"policy\">\(h(Words.noDeadline.text(lang)))</p>\n" }
        var items = [h(Words.deadline.text(lang)) + ": <b>\(h(policy.deadline))</b>"]
        if let lateUntil = policy.lateUntil {
            items.append(h(Words.lateUntil.text(lang)) + ": <b>\(h(lateUntil))</b>")
            items.append(h(Words.penalty.text(lang)) + ": " + h(policy.penalty ?? Words.noPenalty.text(lang)))
        } else {
            items.append(h(Words.noLateWindow.text(lang)))
        }
        return "<p class=\"policy\">" + items.joined(separator: " · ") + "</p>\n"
    }

    /// An SVG histogram of total scores in ten bins of 10%, with a legend.
    static func histogram(_ stats: Stats, lang: Lang) -> String {
        let width = 600, height = 240, left = 10, bottom = 30, top = 20
        let slot = (width - 2 * left) / 10
        let plot = height - bottom - top
        let highest = max(stats.bins.max() ?? 0, 1)
        var out = "<section>\n<h2>\(h(Words.distribution.text(lang)))</h2>\n"
        out += "<p class=\"legend\">\(h(Words.histogramAxes.text(lang))) <i class=\"lo\"></i>\(h(Words.below30.text(lang))) <i class=\"mid\"></i>30–90% <i class=\"p\"></i>90–100%</p>\n"
        out += "<svg class=\"hist\" viewBox=\"0 0 \(width) \(height)\" role=\"img\" aria-label=\"\(h(Words.distribution.text(lang)))\">\n"
        out += "<line x1=\"\(left)\" y1=\"\(height - bottom)\" x2=\"\(width - left)\" y2=\"\(height - bottom)\" class=\"axis\"/>\n"
        for (bin, count) in stats.bins.enumerated() {
            let barHeight = count * plot / highest
            let x = left + bin * slot + 4
            let y = height - bottom - barHeight
            let range = "\(bin * 10)–\(bin * 10 + 10)%"
            out += "<g><title>\(range): \(count)</title>"
            out += "<rect x=\"\(x)\" y=\"\(y)\" width=\"\(slot - 8)\" height=\"\(barHeight)\" class=\"b\(bin)\"/>"
            out += "<text x=\"\(x + (slot - 8) / 2)\" y=\"\(y - 4)\" class=\"n\">\(count)</text>"
            out += "<text x=\"\(x + (slot - 8) / 2)\" y=\"\(height - bottom + 16)\" class=\"l\">\(range)</text></g>\n"
        }
        out += "</svg>\n</section>\n"
        return out
    }

    /// CSS bars: passed, failed and missing per exercise.
    static func exerciseRates(_ stats: Stats, lang: Lang) -> String {
        var out = "<section>\n<h2>\(h(Words.passRate.text(lang)))</h2>\n"
        out += "<p class=\"legend\"><i class=\"p\"></i>\(h(Words.passed.text(lang))) <i class=\"f\"></i>\(h(Words.failed.text(lang))) <i class=\"m\"></i>\(h(Words.missing.text(lang)))</p>\n"
        out += "<table class=\"bars\">\n"
        for exercise in stats.exercises {
            let total = max(exercise.passed + exercise.failed + exercise.missing, 1)
            out += "<tr><th title=\"\(h(exercise.title))\">\(h(exercise.id))</th><td><div class=\"bar\">"
            out += "<i class=\"p\" style=\"width:\(percent(exercise.passed, total))\"></i>"
            out += "<i class=\"f\" style=\"width:\(percent(exercise.failed, total))\"></i>"
            out += "<i class=\"m\" style=\"width:\(percent(exercise.missing, total))\"></i>"
            out += "</div></td><td class=\"num\">\(percent(exercise.passed, total)) (\(exercise.passed)/\(total))</td></tr>\n"
        }
        out += "</table>\n</section>\n"
        return out
    }

    /// What the class missed: only rules some learner lost points on, per
    /// exercise, out of the learners who submitted that exercise, in words.
    static func missed(_ stats: Stats, lang: Lang) -> String {
        var out = "<section>\n<h2>\(h(Words.ruleRate.text(lang)))</h2>\n"
        guard !stats.misses.isEmpty else { return out + "<p>\(h(Words.nothingMissed.text(lang)))</p>\n</section>\n" }
        out += "<table class=\"bars rules\">\n"
        for miss in stats.misses {
            let submitted = stats.submitted(miss.exercise)
            let known = RuleCatalog.rule(miss.rule)
            let title = known?.doc.title.text(lang) ?? miss.rule
            let sentence = missSentence(failed: miss.failed, submitted: submitted, exercise: miss.exercise, rule: miss.rule, lang: lang)
            out += "<tr><td><a href=\"#rule-\(h(anchor(miss.rule)))\">\(h(title))</a><br><span class=\"num\">\(h(sentence))</span></td>"
            out += "<td><div class=\"bar\"><i class=\"f\" style=\"width:\(percent(miss.failed, max(submitted, 1)))\"></i></div></td>"
            out += "<td class=\"num\">\(percent(miss.failed, max(submitted, 1)))</td></tr>\n"
        }
        out += "</table>\n</section>\n"
        return out
    }

    /// "7 of 9 learners who submitted 03 lost points on volume.readonly".
    public static func missSentence(failed: Int, submitted: Int, exercise: String, rule: String, lang: Lang) -> String {
        switch lang {
        case .en:
            return "\(failed) of \(submitted) \(submitted == 1 ? "learner" : "learners") who submitted \(exercise) lost points on \(rule)"
        case .ru:
            let one = submitted % 10 == 1 && submitted % 100 != 11
            let lostOne = failed % 10 == 1 && failed % 100 != 11
            return "\(failed) из \(submitted) \(one ? "учащегося, сдавшего" : "учащихся, сдавших") \(exercise), \(lostOne ? "потерял" : "потеряли") баллы на \(rule)"
        }
    }

    /// The learners, one compact row each; a header button sorts (▲▼).
    static func table(_ entries: [ClassEntry], stats: Stats, late: Bool, lang: Lang) -> String {
        var out = "<section>\n<h2>\(h(Words.learnersTable.text(lang)))</h2>\n<p class=\"legend\">\(h(Words.sortHint.text(lang)))</p>\n"
        out += "<table class=\"learners\" id=\"learners\">\n<thead><tr>"
        func header(_ text: String, title: String? = nil) -> String {
            "<th aria-sort=\"none\"\(title.map { " title=\"\(h($0))\"" } ?? "")><button type=\"button\">\(h(text))<span class=\"arrow\" aria-hidden=\"true\">▲▼</span></button></th>"
        }
        out += header(Words.student.text(lang)) + header(Words.repo.text(lang)) + header(ReportText.score.text(lang))
        for exercise in stats.exercises { out += header(shortID(exercise.id), title: exercise.id + " " + exercise.title) }
        if late { out += header(Words.late.text(lang)) + header(Words.final.text(lang)) }
        out += header(ReportText.status.text(lang)) + "</tr></thead>\n<tbody>\n"
        let columns = Dictionary(stats.exercises.enumerated().map { ($0.element.id, $0.offset) }, uniquingKeysWith: { a, _ in a })
        for (index, entry) in entries.enumerated() {
            out += "<tr><td><a href=\"#learner-\(index + 1)\">\(h(entry.student))</a></td><td class=\"repo\">\(repoCell(entry))</td>"
            var cells = [String](repeating: "<td class=\"m\" data-v=\"-1\">·</td>", count: stats.exercises.count)
            if let result = entry.result {
                out += "<td data-v=\"\(result.score)\">\(result.score)/\(result.maxScore)</td>"
                for exercise in result.exercises {
                    guard let column = columns[exercise.id] else { continue }
                    switch exercise.status {
                    case .pass: cells[column] = "<td class=\"p\">\(exercise.score)</td>"
                    case .fail, .error: cells[column] = "<td class=\"f\">\(exercise.score)</td>"
                    case .missing: cells[column] = "<td class=\"m\" data-v=\"-1\">–</td>"
                    }
                }
            } else {
                out += "<td data-v=\"-1\">—</td>"
            }
            out += cells.joined()
            if late {
                out += "<td class=\"nw\" data-v=\"\(entry.late ?? -1)\">\(entry.late.map { h(duration($0, lang: lang)) } ?? "—")</td>"
                out += "<td class=\"nw\" data-v=\"\(entry.finalScore ?? -1)\">\(entry.finalScore.map { "\($0)" + (entry.penalty.map { $0 > 0 ? " (−\($0))" : "" } ?? "") } ?? "—")</td>"
            }
            switch entry.status {
            case .pass: out += "<td>\(h(ReportText.passed.text(lang)))</td>"
            case .fail: out += "<td>\(h(ReportText.failed.text(lang)))</td>"
            case .error: out += "<td class=\"err\">\(shortened("error" + (entry.error.map { ": " + $0 } ?? "")))</td>"
            }
            out += "</tr>\n"
        }
        out += "</tbody>\n</table>\n</section>\n"
        return out
    }

    /// A long text cut to its start, the whole of it on expand.
    static func shortened(_ text: String, limit: Int = 40) -> String {
        guard text.count > limit else { return h(text) }
        return "<details class=\"long\"><summary>\(h(String(text.prefix(limit))))…</summary>\(h(text))</details>"
    }

    /// A learner's section: collapsed, with the commit graded, the lateness,
    /// each exercise's findings in the report's language and code frames.
}

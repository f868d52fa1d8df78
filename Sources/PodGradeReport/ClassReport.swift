public import PodGradeCore

/// The class's report for the teacher: one self-contained HTML file (inline
/// CSS and SVG, a few lines of inline JS to sort the table, no network). The
/// charts aggregate, so they read the same at 20 learners and at 5,000; the
/// table is one compact row a learner. Every learner-controlled text is escaped.
public enum ClassReport {
    /// `appendix` is a section another part of podgrade adds at the end (the
    /// similar submissions), with the CSS it needs.
    public static func html(_ entries: [ClassEntry], lang: Lang, title: String, appendix: (html: String, css: String)? = nil) -> String {
        let stats = Stats(entries, lang: lang)
        var out = ""
        out.reserveCapacity(4096 + entries.count * (200 + 24 * stats.exercises.count))
        out += "<!DOCTYPE html>\n<html lang=\"\(lang.rawValue)\">\n<head>\n<meta charset=\"utf-8\">\n"
        out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        out += "<title>\(h(title))</title>\n<style>\n\(css)\(appendix?.css ?? "")</style>\n</head>\n<body>\n"
        out += "<h1>\(h(title))</h1>\n"
        out += summary(stats, lang: lang)
        out += "<div class=\"grid\">\n"
        out += histogram(stats, lang: lang)
        out += exerciseRates(stats, lang: lang)
        out += "</div>\n"
        out += ruleRates(stats, lang: lang)
        out += table(entries, stats: stats, lang: lang)
        out += appendix?.html ?? ""
        out += "<script>\n\(script)</script>\n</body>\n</html>\n"
        return out
    }

    // MARK: Aggregates

    struct ExerciseStats {
        let id: String
        var title: String
        var passed = 0, failed = 0, missing = 0
    }

    struct RuleStats {
        let id: String
        var failed = 0, checked = 0
    }

    struct Stats {
        var learners = 0, graded = 0, errors = 0, passedLearners = 0
        /// Learners by tenths of their total score (the last bin holds 100%).
        var bins = [Int](repeating: 0, count: 10)
        /// Each graded learner's score in percent, sorted.
        var percents: [Int] = []
        var exercises: [ExerciseStats] = []
        var rules: [RuleStats] = []

        init(_ entries: [ClassEntry], lang: Lang) {
            learners = entries.count
            var exerciseIndex: [String: Int] = [:]
            var ruleIndex: [String: Int] = [:]
            for entry in entries {
                guard let result = entry.result, entry.status != .error else { errors += 1; continue }
                graded += 1
                if entry.status == .pass { passedLearners += 1 }
                let percent = result.maxScore > 0 ? max(0, min(100, result.score * 100 / result.maxScore)) : 0
                percents.append(percent)
                bins[min(9, percent / 10)] += 1
                var failedRules = Set<String>(), checkedRules = Set<String>()
                for exercise in result.exercises {
                    let i: Int
                    if let known = exerciseIndex[exercise.id] {
                        i = known
                    } else {
                        i = exercises.count
                        exerciseIndex[exercise.id] = i
                        exercises.append(ExerciseStats(id: exercise.id, title: exercise.title.text(lang)))
                    }
                    switch exercise.status {
                    case .pass: exercises[i].passed += 1
                    case .fail, .error: exercises[i].failed += 1
                    case .missing: exercises[i].missing += 1
                    }
                    for check in exercise.checks {
                        switch check.status {
                        case .fail: failedRules.insert(check.rule); checkedRules.insert(check.rule)
                        case .pass, .info: checkedRules.insert(check.rule)
                        case .skip, .error: continue
                        }
                    }
                }
                for rule in checkedRules.sorted() {
                    let i: Int
                    if let known = ruleIndex[rule] {
                        i = known
                    } else {
                        i = rules.count
                        ruleIndex[rule] = i
                        rules.append(RuleStats(id: rule))
                    }
                    rules[i].checked += 1
                    if failedRules.contains(rule) { rules[i].failed += 1 }
                }
            }
            percents.sort()
            rules.sort { a, b in
                let left = a.failed * max(b.checked, 1), right = b.failed * max(a.checked, 1)
                return left != right ? left > right : a.id < b.id
            }
        }

        var mean: Int? { percents.isEmpty ? nil : (percents.reduce(0, +) + percents.count / 2) / percents.count }
        var median: Int? {
            guard !percents.isEmpty else { return nil }
            let mid = percents.count / 2
            return percents.count % 2 == 1 ? percents[mid] : (percents[mid - 1] + percents[mid] + 1) / 2
        }
    }

    // MARK: Sections

    private static func summary(_ stats: Stats, lang: Lang) -> String {
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

    /// An SVG histogram of total scores in ten bins of 10%.
    private static func histogram(_ stats: Stats, lang: Lang) -> String {
        let width = 600, height = 240, left = 10, bottom = 30, top = 20
        let slot = (width - 2 * left) / 10
        let plot = height - bottom - top
        let highest = max(stats.bins.max() ?? 0, 1)
        var out = "<section>\n<h2>\(h(Words.distribution.text(lang)))</h2>\n"
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
    private static func exerciseRates(_ stats: Stats, lang: Lang) -> String {
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

    /// Which ideas of the lecture the class missed: per rule, the share of
    /// learners it was checked for who failed it.
    private static func ruleRates(_ stats: Stats, lang: Lang) -> String {
        var out = "<section>\n<h2>\(h(Words.ruleRate.text(lang)))</h2>\n<table class=\"bars rules\">\n"
        out += "<tr><th>\(h(Words.rule.text(lang)))</th><th>\(h(Words.section.text(lang)))</th><th>\(h(Words.failRate.text(lang)))</th><th></th></tr>\n"
        for rule in stats.rules {
            let known = RuleCatalog.rule(rule.id)
            let title = known?.doc.title.text(lang) ?? rule.id
            let section = known?.doc.section ?? "—"
            let total = max(rule.checked, 1)
            out += "<tr><td>\(h(title)) <code>\(h(rule.id))</code></td><td>\(h(section))</td>"
            out += "<td><div class=\"bar\"><i class=\"f\" style=\"width:\(percent(rule.failed, total))\"></i></div></td>"
            out += "<td class=\"num\">\(percent(rule.failed, total)) (\(rule.failed)/\(rule.checked))</td></tr>\n"
        }
        out += "</table>\n</section>\n"
        return out
    }

    /// The learners, one compact row each; click a header to sort.
    private static func table(_ entries: [ClassEntry], stats: Stats, lang: Lang) -> String {
        var out = "<section>\n<h2>\(h(Words.learnersTable.text(lang)))</h2>\n<table class=\"learners\" id=\"learners\">\n<thead><tr>"
        out += "<th>\(h(Words.student.text(lang)))</th><th>\(h(Words.repo.text(lang)))</th><th>\(h(ReportText.score.text(lang)))</th>"
        for exercise in stats.exercises {
            out += "<th title=\"\(h(exercise.title))\">\(h(exercise.id))</th>"
        }
        out += "<th>\(h(ReportText.status.text(lang)))</th><th>\(h(Words.feedback.text(lang)))</th></tr></thead>\n<tbody>\n"
        let columns = Dictionary(stats.exercises.enumerated().map { ($0.element.id, $0.offset) }, uniquingKeysWith: { a, _ in a })
        for entry in entries {
            out += "<tr><td>\(h(entry.student))</td><td>\(repoCell(entry))</td>"
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
            switch entry.status {
            case .pass: out += "<td>\(h(ReportText.passed.text(lang)))</td>"
            case .fail: out += "<td>\(h(ReportText.failed.text(lang)))</td>"
            case .error: out += "<td class=\"err\">error\(entry.error.map { ": " + h($0) } ?? "")</td>"
            }
            if let link = entry.feedbackLink.map(relativeHref) {
                out += "<td><a href=\"\(h(link))\">\(h(Words.open.text(lang)))</a></td></tr>\n"
            } else {
                out += "<td></td></tr>\n"
            }
        }
        out += "</tbody>\n</table>\n</section>\n"
        return out
    }

    private static func repoCell(_ entry: ClassEntry) -> String {
        var text = h(entry.repo)
        let lower = entry.repo.lowercased()
        if lower.hasPrefix("https://") || lower.hasPrefix("http://") {
            text = "<a href=\"\(h(entry.repo))\">\(text)</a>"
        }
        if let commit = entry.commit { text += " <code>\(h(String(commit.prefix(12))))</code>" }
        return text
    }

    /// A path that stays relative: percent-encoded (so no scheme survives) and
    /// never starting with `/`.
    static func relativeHref(_ path: String) -> String {
        let encoded = Escape.uriPath(path)
        return encoded.hasPrefix("/") ? "." + encoded : encoded
    }

    private static func h(_ text: String) -> String { Escape.html(text) }

    /// "63.2%" from a part and a whole, without floating point.
    static func percent(_ part: Int, _ whole: Int) -> String {
        let permille = whole > 0 ? (part * 1000 + whole / 2) / whole : 0
        return permille % 10 == 0 ? "\(permille / 10)%" : "\(permille / 10).\(permille % 10)%"
    }

    // MARK: Words

    private enum Words {
        static let learners = LocalizedText(ru: "Учащихся", en: "Learners")
        static let graded = LocalizedText(ru: "проверено", en: "graded")
        static let passedAll = LocalizedText(ru: "зачтено", en: "passed")
        static let errors = LocalizedText(ru: "ошибок проверки", en: "grading errors")
        static let mean = LocalizedText(ru: "средний балл", en: "mean score")
        static let median = LocalizedText(ru: "медиана", en: "median")
        static let distribution = LocalizedText(ru: "Распределение итоговых баллов", en: "Distribution of total scores")
        static let passRate = LocalizedText(ru: "Зачёт по заданиям", en: "Pass rate per exercise")
        static let passed = LocalizedText(ru: "зачтено", en: "passed")
        static let failed = LocalizedText(ru: "не зачтено", en: "failed")
        static let missing = LocalizedText(ru: "не сдано", en: "not submitted")
        static let ruleRate = LocalizedText(ru: "Что класс упустил: доля ошибок по правилам", en: "What the class missed: failure rate per rule")
        static let rule = LocalizedText(ru: "Правило", en: "Rule")
        static let section = LocalizedText(ru: "Раздел лекции", en: "Lecture section")
        static let failRate = LocalizedText(ru: "Ошиблись", en: "Failed")
        static let learnersTable = LocalizedText(ru: "Учащиеся", en: "Learners")
        static let student = LocalizedText(ru: "Учащийся", en: "Student")
        static let repo = LocalizedText(ru: "Репозиторий", en: "Repository")
        static let feedback = LocalizedText(ru: "Отзыв", en: "Feedback")
        static let open = LocalizedText(ru: "открыть", en: "open")
    }
}

import PodGradeCore

extension ClassReport {
    static func learnerSections(_ entries: [ClassEntry], lang: Lang) -> String {
        var out = "<section class=\"learners-detail\">\n<h2>\(h(Words.perLearner.text(lang)))</h2>\n"
        for (index, entry) in entries.enumerated() {
            out += "<details class=\"learner\" id=\"learner-\(index + 1)\"><summary><b>\(h(entry.student))</b>"
            if let result = entry.result { out += " · \(result.score)/\(result.maxScore)" }
            out += " · \(h(statusText(entry.status, lang: lang)))</summary>\n<div class=\"body\">\n"
            out += "<p>\(h(Words.repo.text(lang))): \(repoCell(entry))"
            if let commit = entry.commit { out += " · \(h(Words.commit.text(lang))): <code>\(h(commit))</code>" }
            if let link = entry.feedbackLink.map(relativeHref) { out += " · <a href=\"\(h(link))\">JSON</a>" }
            out += "</p>\n"
            if let late = entry.late {
                var line = h(Words.deadline.text(lang)) + ": " + h(entry.deadline ?? "—") + " · " + h(Words.late.text(lang)) + ": " + h(duration(late, lang: lang))
                if let penalty = entry.penalty, penalty > 0, let final = entry.finalScore {
                    line += " · " + h(Words.penalty.text(lang)) + ": −\(penalty) · " + h(Words.final.text(lang)) + ": \(final)"
                }
                out += "<p>\(line)</p>\n"
            }
            if let error = entry.error, entry.status == .error { out += "<p class=\"err\">\(h(error))</p>\n" }
            for exercise in entry.result?.exercises ?? [] {
                out += "<h3>\(h(exercise.id)) \(h(exercise.title.text(lang))) · \(exercise.score)/\(exercise.maxScore)"
                out += " · \(h(exerciseStatus(exercise.status, lang: lang)))</h3>\n"
                if let picture = entry.podPictures[exercise.id], !picture.isEmpty {
                    out += "<div class=\"pod-picture\">\(picture)</div>\n"
                }
                let failed = exercise.checks.filter { $0.status == .fail || $0.status == .error }
                guard !failed.isEmpty else { continue }
                out += "<ul class=\"findings\">\n"
                for check in failed {
                    out += "<li><a href=\"#rule-\(h(anchor(check.rule)))\"><code>\(h(check.rule))</code></a> −\(check.maxPoints - check.points): "
                    if check.findings.isEmpty { out += "</li>\n"; continue }
                    for finding in check.findings {
                        out += h(finding.message.text(lang))
                        if let location = finding.location {
                            out += " <span class=\"where\">\(h(location.file)):\(location.line)</span>"
                            out += frame(entry.excerpt[location.file], line: location.line)
                        } else if let path = finding.path {
                            out += " <span class=\"where\">\(h(path))</span>"
                        }
                        out += "<br>"
                    }
                    out += "</li>\n"
                }
                out += "</ul>\n"
            }
            out += "</div></details>\n"
        }
        out += "</section>\n"
        return out
    }

    /// The lines around a finding that the excerpt holds, the line itself marked.
    static func frame(_ lines: [Int: String]?, line: Int) -> String {
        guard let lines, lines[line] != nil else { return "" }
        var out = "<pre class=\"frame\">"
        for number in (line - 1)...(line + 1) {
            guard let text = lines[number] else { continue }
            let mark = number == line ? " class=\"hit\"" : ""
            out += "<span\(mark)>\(number) | \(h(text))</span>"
        }
        return out + "</pre>"
    }

    /// Each rule the class lost points on, explained (the rule's documentation).
    static func ruleExplanations(_ stats: Stats, lang: Lang) -> String {
        let rules = Array(Set(stats.misses.map(\.rule))).sorted()
        guard !rules.isEmpty else { return "" }
        var out = "<section class=\"explain\">\n<h2>\(h(Words.explanations.text(lang)))</h2>\n"
        for rule in rules {
            let known = RuleCatalog.rule(rule)
            out += "<div id=\"rule-\(h(anchor(rule)))\"><h3>\(h(known?.doc.title.text(lang) ?? rule)) <code>\(h(rule))</code></h3>\n"
            if let doc = known?.doc {
                out += "<p>\(h(doc.explanation.text(lang)))</p>\n"
                if let section = doc.section { out += "<p class=\"num\">\(h(Words.section.text(lang))): \(h(section))</p>\n" }
            }
            out += "</div>\n"
        }
        return out + "</section>\n"
    }

    /// "01" of "01-multi-container-pod": the table's column stays narrow (the whole id is its title).
    static func shortID(_ id: String) -> String {
        guard let dash = id.firstIndex(of: "-"), id[..<dash].allSatisfy(\.isNumber), dash > id.startIndex else { return id }
        return String(id[..<dash])
    }

    static func anchor(_ rule: String) -> String {
        String(rule.map { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "." || $0 == "-") ? $0 : "_" })
    }

    static func duration(_ seconds: Int, lang: Lang) -> String {
        guard seconds > 0 else { return LocalizedText(ru: "вовремя", en: "on time").text(lang) }
        let d = seconds / 86_400, hours = seconds % 86_400 / 3_600, m = seconds % 3_600 / 60
        let units = (LocalizedText(ru: "д", en: "d").text(lang), LocalizedText(ru: "ч", en: "h").text(lang), LocalizedText(ru: "мин", en: "min").text(lang))
        var parts: [String] = []
        if d > 0 { parts.append("\(d)\(units.0)") }
        if hours > 0 { parts.append("\(hours)\(units.1)") }
        if m > 0 || parts.isEmpty { parts.append("\(max(m, 1))\(units.2)") }
        return parts.joined(separator: " ")
    }

    static func statusText(_ status: LearnerStatus, lang: Lang) -> String {
        switch status {
        case .pass: return ReportText.passed.text(lang)
        case .fail: return ReportText.failed.text(lang)
        case .error: return LocalizedText(ru: "ошибка проверки", en: "grading error").text(lang)
        }
    }

    static func exerciseStatus(_ status: ExerciseResult.Status, lang: Lang) -> String {
        switch status {
        case .pass: return Words.passed.text(lang)
        case .fail, .error: return Words.failed.text(lang)
        case .missing: return Words.missing.text(lang)
        }
    }

    static func repoCell(_ entry: ClassEntry) -> String {
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

    static func h(_ text: String) -> String { Escape.html(text) }

    /// "63.2%" from a part and a whole, without floating point.
    static func percent(_ part: Int, _ whole: Int) -> String {
        let permille = whole > 0 ? (part * 1000 + whole / 2) / whole : 0
        return permille % 10 == 0 ? "\(permille / 10)%" : "\(permille / 10).\(permille % 10)%"
    }
}

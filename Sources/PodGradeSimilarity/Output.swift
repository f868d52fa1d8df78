import PodGradeReport
public import PodGradeCore

/// `similarity.csv`: one row per pair, best first. The last column, `signal`, says why the
/// pair is there: `identical after normalizing` (scored 1) or `shared rare fragments`.
public enum SimilarityCSV {
    public static let header = "student_a,student_b,exercise,score,shared_fragments,signal"
    public static let identicalSignal = "identical after normalizing"
    public static let sharedSignal = "shared rare fragments"

    public static func csv(_ pairs: [SimilarPair]) -> String {
        var lines = [header]
        for pair in pairs {
            lines.append([pair.studentA, pair.studentB, pair.exercise, SimilarityFormat.score(pair.score), summary(pair),
                          pair.identical ? identicalSignal : sharedSignal]
                .map(field).joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A score as written in the CSV: `0.873`.
    public static func scoreText(_ score: Double) -> String { SimilarityFormat.score(score) }

    /// The heaviest shared fragments, those a person reads first (scripts,
    /// comments, values) before k-grams: `kind: text (weight)` joined by ` | `.
    public static func summary(_ pair: SimilarPair, count: Int = 5) -> String {
        let readable = pair.shared.filter { $0.kind.factor > 0 }
        let chosen = (readable.isEmpty ? pair.shared.filter { $0.kind == .kgram } : readable).prefix(count)
        return chosen.map { "\($0.kind.rawValue): \(SimilarityFormat.shorten($0.text, 70)) (\(SimilarityFormat.weight($0.weight)))" }
            .joined(separator: " | ")
    }

    /// RFC 4180: quoted when needed; a leading = + - @ is defused for spreadsheets.
    static func field(_ text: String) -> String {
        var value = text
        if let first = value.first, "=+-@".contains(first) { value = "'" + value }
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
        return "\"" + value.replacing("\"", with: "\"\"") + "\""
    }
}

enum SimilarityFormat {
    /// `0.873`
    static func score(_ value: Double) -> String {
        let thousandths = Int((min(max(value, 0), 1) * 1000).rounded())
        if thousandths >= 1000 { return "1.000" }
        let digits = String(thousandths)
        return "0." + String(repeating: "0", count: 3 - digits.count) + digits
    }

    /// `4.6`
    static func weight(_ value: Double) -> String {
        let tenths = Int((max(value, 0) * 10).rounded())
        return "\(tenths / 10).\(tenths % 10)"
    }

    static func shorten(_ text: String, _ limit: Int) -> String {
        text.count > limit ? String(text.prefix(limit - 1)) + "…" : text
    }
}

/// The words of `podgrade similar` and of its report section, in both languages.
public enum SimilarityText {
    public static func title(_ lang: Lang) -> String {
        LocalizedText(ru: "Похожие работы", en: "Similar submissions").text(lang)
    }

    public static func note(threshold: Double, _ lang: Lang) -> String {
        let t = SimilarityFormat.score(threshold)
        return LocalizedText(ru: "Сходство от 0 до 1: доля общего среди того, что редко в классе (фрагмент, который есть у многих, почти ничего не весит; то, что дано в заготовке, не весит ничего). Работы, одинаковые после нормализации (отступы, стиль, порядок ключей, свободные имена), когда остальной класс пишет иначе, — отдельный сигнал со сходством 1. Порог \(t). Это повод посмотреть работы рядом, а не вывод о списывании.",
                             en: "Similarity from 0 to 1: the share of what two submissions have in common among what is rare in the class (a fragment many learners wrote weighs almost nothing; what the starter gives weighs nothing). Two submissions identical after normalizing (indentation, style, key order, free names) while the rest of the class differs are a signal of their own, similarity 1. Threshold \(t). It is a reason to look at the two side by side, not a verdict of copying.").text(lang)
    }

    public static func columns(_ lang: Lang) -> [String] {
        [LocalizedText(ru: "Ученик A", en: "Learner A"), LocalizedText(ru: "Ученик B", en: "Learner B"),
         LocalizedText(ru: "Задание", en: "Exercise"), LocalizedText(ru: "Сходство", en: "Similarity"),
         LocalizedText(ru: "Общие фрагменты", en: "Shared fragments")].map { $0.text(lang) }
    }

    /// The signal of a pair that says the same once normalized.
    public static func identical(_ lang: Lang) -> String {
        LocalizedText(ru: "одинаковы после нормализации", en: "identical after normalizing").text(lang)
    }

    public static func none(_ lang: Lang) -> String {
        LocalizedText(ru: "Ни одна пара не выше порога.", en: "No pair is above the threshold.").text(lang)
    }

    public static func sharedHeading(_ lang: Lang) -> String {
        LocalizedText(ru: "Общие фрагменты, самые редкие первыми (вес: ln(N/df), N — сдавших задание, df — у скольких он есть)", en: "Shared fragments, rarest first (weight: ln(N/df), N learners submitted the exercise, df of them have it)").text(lang)
    }

    public static func textNotKept(_ lang: Lang) -> String {
        LocalizedText(ru: "(текст файла не сохранён: он больше 64 КиБ)", en: "(the file's text was not kept: it is over 64 KiB)").text(lang)
    }

    public static func kind(_ kind: FragmentKind, _ lang: Lang) -> String {
        switch (kind, lang) {
        case (.kgram, .ru): return "фрагмент"
        case (.kgram, .en): return "fragment"
        case (.script, .ru): return "скрипт"
        case (.script, .en): return "script"
        case (.command, .ru): return "команда"
        case (.command, .en): return "command"
        case (.comment, .ru): return "комментарий"
        case (.comment, .en): return "comment"
        case (.value, .ru): return "значение"
        case (.value, .en): return "value"
        case (.order, .ru): return "порядок"
        case (.order, .en): return "order"
        case (.key, .ru): return "поле"
        case (.key, .en): return "field"
        case (.keyset, .ru): return "набор полей"
        case (.keyset, .en): return "set of fields"
        }
    }

    /// "1 ученик", "3 ученика", "5 учеников" / "1 learner", "5 learners".
    public static func learners(_ n: Int, _ lang: Lang) -> String {
        LocalizedText(ru: "\(n) " + RussianPlural.form(n, one: "ученик", few: "ученика", many: "учеников"),
                      en: n == 1 ? "1 learner" : "\(n) learners").text(lang)
    }

    public static func exercises(_ n: Int, _ lang: Lang) -> String {
        LocalizedText(ru: "\(n) " + RussianPlural.form(n, one: "задание", few: "задания", many: "заданий"),
                      en: n == 1 ? "1 exercise" : "\(n) exercises").text(lang)
    }

    public static func pairs(_ n: Int, _ lang: Lang) -> String {
        LocalizedText(ru: "\(n) " + RussianPlural.form(n, one: "пара", few: "пары", many: "пар"),
                      en: n == 1 ? "1 pair" : "\(n) pairs").text(lang)
    }

    /// The summary line of `podgrade similar`.
    public static func summary(_ analysis: SimilarityAnalysis, found: Int, threshold: Double, _ lang: Lang) -> String {
        let candidates = analysis.exercises.reduce(0) { $0 + $1.candidatePairs }
        let possible = analysis.exercises.reduce(0) { $0 + $1.possiblePairs }
        let t = SimilarityFormat.score(threshold)
        return LocalizedText(ru: "\(learners(analysis.learners.count, lang)), \(exercises(analysis.exercises.count, lang)). Сравнено пар: \(candidates) из \(possible) возможных. Выше порога \(t): \(pairs(found, lang)).",
                             en: "\(learners(analysis.learners.count, lang)), \(exercises(analysis.exercises.count, lang)). Pairs compared: \(candidates) of \(possible) possible. Above the threshold \(t): \(pairs(found, lang)).").text(lang)
    }
}

/// The report section: the pairs in a table, each openable to show the two
/// submissions side by side with the shared fragments marked. A fragment of
/// HTML for the class report (`section`), with its CSS (`style`), or a whole
/// page (`page`).
public enum SimilarityHTML {
    public static let style = """
    .similarity table{border-collapse:collapse;width:100%;table-layout:fixed}
    .similarity th,.similarity td{border-bottom:1px solid #ddd;padding:4px 6px;text-align:left;vertical-align:top;overflow-wrap:anywhere}
    .similarity .score{font-variant-numeric:tabular-nums;font-weight:bold}
    .similarity .identical{color:#a40000;font-weight:bold;font-size:90%}
    .similarity .sides{display:grid;grid-template-columns:1fr 1fr;gap:12px}
    .similarity .side{min-width:0}
    .similarity pre{margin:0;overflow-x:auto;font-size:12px;line-height:1.45;background:#fafafa;border:1px solid #eee;padding:4px 0}
    .similarity pre span{display:block;padding:0 6px;white-space:pre}
    .similarity pre span i{font-style:normal;color:#999;display:inline-block;width:3em;user-select:none}
    .similarity .s1{background:#fff4c2}.similarity .s2{background:#ffe08a}.similarity .s3{background:#ffc36b}
    .similarity .path{font-family:monospace;color:#555;margin:6px 0 2px}
    .similarity ol.shared code{white-space:pre-wrap;overflow-wrap:anywhere}
    .similarity .legend span{padding:0 6px;margin-right:6px}
    @media print{.similarity details{break-inside:avoid}.similarity details:not([open]) .sides{display:none}}
    """

    public static func section(_ pairs: [SimilarPair], threshold: Double, lang: Lang) -> String {
        var html = "<section class=\"similarity\" id=\"similarity\">\n<h2>\(escape(SimilarityText.title(lang)))</h2>\n"
        html += "<p>\(escape(SimilarityText.note(threshold: threshold, lang)))</p>\n"
        guard !pairs.isEmpty else { return html + "<p>\(escape(SimilarityText.none(lang)))</p>\n</section>\n" }
        let legend = [LocalizedText(ru: "общее у пары, встречается и у других", en: "shared, others have it too"),
                      LocalizedText(ru: "редкое", en: "rare"),
                      LocalizedText(ru: "самое редкое в паре", en: "the pair's rarest")].map { $0.text(lang) }
        html += "<p class=\"legend\"><span class=\"s1\">\(legend[0])</span><span class=\"s2\">\(legend[1])</span><span class=\"s3\">\(legend[2])</span></p>\n"
        let columns = SimilarityText.columns(lang)
        html += "<table class=\"similar-pairs\"><thead><tr>" + columns.map { "<th>\(escape($0))</th>" }.joined() + "</tr></thead><tbody>\n"
        for (index, pair) in pairs.enumerated() {
            let top = pair.shared.filter { $0.kind.factor > 0 }.prefix(3).map { escape(SimilarityFormat.shorten($0.text, 60)) }
            html += "<tr><td>\(escape(pair.studentA))</td><td>\(escape(pair.studentB))</td><td>\(escape(pair.exercise))</td>"
            html += "<td class=\"score\"><a href=\"#similar-\(index + 1)\">\(SimilarityFormat.score(pair.score))</a>"
            if pair.identical { html += "<br><span class=\"identical\">\(escape(SimilarityText.identical(lang)))</span>" }
            html += "</td>"
            html += "<td>\(top.joined(separator: "<br>"))</td></tr>\n"
        }
        html += "</tbody></table>\n"
        for (index, pair) in pairs.enumerated() { html += details(pair, id: "similar-\(index + 1)", lang: lang) }
        return html + "</section>\n"
    }

    /// One pair: both submissions side by side, shared lines marked by how rare they are.
    public static func details(_ pair: SimilarPair, id: String, lang: Lang) -> String {
        var html = "<details class=\"similar-pair\" id=\"\(escape(id))\"><summary>\(escape(pair.studentA)) ~ \(escape(pair.studentB)) · "
        html += "\(escape(pair.exercise)) · <span class=\"score\">\(SimilarityFormat.score(pair.score))</span>"
        if pair.identical { html += " · <span class=\"identical\">\(escape(SimilarityText.identical(lang)))</span>" }
        html += "</summary>\n<div class=\"sides\">\n"
        // Lines are marked by the fragments that count in the score; a k-gram spans
        // tokens from many lines of a restyled file and would mark too much.
        let marking = pair.shared.filter { $0.kind.factor > 0 }
        let strongest = marking.map(\.weight).max() ?? 0
        html += side(pair.studentA, pair.submissionA, spans: marking.map { ($0.spansA, $0.weight) }, strongest: strongest, lang: lang)
        html += side(pair.studentB, pair.submissionB, spans: marking.map { ($0.spansB, $0.weight) }, strongest: strongest, lang: lang)
        html += "</div>\n<p>\(escape(SimilarityText.sharedHeading(lang)))</p>\n<ol class=\"shared\">\n"
        for fragment in marking.prefix(30) {
            html += "<li>\(escape(SimilarityText.kind(fragment.kind, lang))) <b>\(SimilarityFormat.weight(fragment.weight))</b>: "
            html += "<code>\(escape(fragment.text))</code></li>\n"
        }
        return html + "</ol>\n</details>\n"
    }

    static func side(_ student: String, _ submission: SubmissionFingerprint, spans: [([LineSpan], Double)], strongest: Double,
                     lang: Lang) -> String {
        var html = "<div class=\"side\"><h3>\(escape(student))</h3>\n"
        for (fileIndex, file) in submission.files.enumerated() {
            html += "<div class=\"path\">\(escape(file.path))</div>\n"
            guard let text = file.text else {
                html += "<p>\(escape(SimilarityText.textNotKept(lang)))</p>\n"
                continue
            }
            var strength: [Int: Double] = [:]
            for (list, weight) in spans {
                for span in list where span.file == fileIndex && span.first > 0 {
                    for line in span.first...max(span.first, min(span.last, span.first + 200)) {
                        strength[line] = max(strength[line] ?? 0, weight)
                    }
                }
            }
            html += "<pre>"
            var number = 0
            for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
                number += 1
                let weight = strength[number] ?? 0
                // Three shades, relative to the pair's rarest shared fragment.
                let mark = weight <= 0 ? "" : weight >= strongest * 0.75 ? " class=\"s3\"" : weight >= strongest * 0.4 ? " class=\"s2\"" : " class=\"s1\""
                html += "<span\(mark)><i>\(number)</i>\(escape(String(line)))</span>"
            }
            html += "</pre>\n"
        }
        return html + "</div>\n"
    }

    /// A page of its own (`podgrade similar --html`): the section and its CSS.
    public static func page(_ pairs: [SimilarPair], threshold: Double, lang: Lang) -> String {
        """
        <!DOCTYPE html>
        <html lang="\(lang.rawValue)"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(escape(SimilarityText.title(lang)))</title>
        <style>body{font-family:system-ui,sans-serif;margin:16px;max-width:1400px}\(style)</style></head><body>
        \(section(pairs, threshold: threshold, lang: lang))</body></html>

        """
    }

    static func escape(_ text: String) -> String { Escape.html(text) }
}

/// What `podgrade grade` does at the end of a batch, in one call: compare the
/// learners whose fingerprints the output folders hold, write
/// `similarity.csv`, and return the section for the class report (nil when
/// the folders hold no fingerprints).
public enum SimilarityReport {
    public static func write(directories: [String], lab: Lab, lang: Lang, csvPath: String, threshold: Double = 0.5,
                             top: Int = 50) throws(SimilarityStore.Failure) -> String? {
        let read = SimilarityStore.read(directories, lean: true)
        guard !read.learners.isEmpty else { return nil }
        let analysis = SimilarityDetector.analyze(read.learners, lab: lab)
        do {
            try FileOutput.write(SimilarityCSV.csv(analysis.pairs(threshold: threshold)), to: csvPath)
        } catch {
            throw SimilarityStore.Failure(message: error.message)
        }
        // The side-by-side view needs line spans and the files: read again for the pairs shown.
        let files = read.files
        let shown = analysis.reloading { student in files[student].flatMap { SimilarityStore.load($0) } }
            .pairs(threshold: threshold, top: top)
        return SimilarityHTML.section(shown, threshold: threshold, lang: lang)
    }
}

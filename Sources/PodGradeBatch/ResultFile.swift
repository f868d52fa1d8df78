public import PodGradeCore
import FoundationEssentials

/// A result file written by an earlier run, read back for the class report.
enum ResultFile {
    static func read(_ path: String) -> GradeResult? {
        guard let bytes = try? Journal.readBytes(path) else { return nil }
        return try? JSONDecoder().decode(GradeResult.self, from: Data(bytes))
    }
}

/// The batch's own sentences (the git layer's are English).
enum BatchText {
    static func attempts(_ count: Int, lang: Lang) -> String {
        LocalizedText(ru: "(попыток: \(count))", en: "(\(count) attempts)").text(lang)
    }

    static func outputFailed(_ reason: String, saved: Int, total: Int, lang: Lang) -> String {
        LocalizedText(ru: "не удалось записать итоги: \(reason). Сохранено в журнале: \(saved) из \(total); освободите место и запустите ту же команду с --resume",
                      en: "cannot write the results: \(reason). Saved in the journal: \(saved) of \(total); free some space, then run the same command with --resume").text(lang)
    }
}

extension GradeResult {
    /// What the class report needs of a learner, small enough to hold for
    /// thousands: scores and statuses, and each exercise's failed checks with
    /// at most 3 findings each (message values and where they point). Passing
    /// checks, hints and file lists go; ids and titles are interned, so a
    /// thousand learners share one copy of each. A Pod's picture is kept only where
    /// the exercise was not passed (the report draws it there).
    public func summarized(interning strings: inout [String: String]) -> GradeResult {
        func intern(_ s: String) -> String {
            if let known = strings[s] { return known }
            strings[s] = s
            return s
        }
        var copy = self
        copy.notes = nil
        copy.source.path = nil
        copy.source.url = nil
        copy.exercises = exercises.map { exercise in
            var e = exercise
            e.id = intern(exercise.id)
            e.title = LocalizedText(ru: intern(exercise.title.ru), en: intern(exercise.title.en))
            e.files = []
            e.pod = exercise.passed ? nil : exercise.pod
            e.checks = exercise.checks.compactMap { check in
                guard check.status == .fail || check.status == .error else { return nil }
                var c = check
                c.rule = intern(check.rule)
                c.id = intern(check.id)
                c.hint = nil
                c.findings = Array(check.findings.prefix(3))
                return c
            }
            return e
        }
        return copy
    }
}

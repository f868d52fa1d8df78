import PodGradeCore

/// `gradebook.csv`: a row a learner (student, repo, commit, a score column per
/// exercise, total, max, with a late window `late`, `penalty`, `final`, then
/// status, error), UTF-8 with a header, as a spreadsheet imports it.
public enum Gradebook {
    public static func csv(_ entries: [JournalEntry], exercises: [String]) -> String {
        let lateColumns = entries.contains { $0.late != nil }
        var out = CSV.row(["student", "repo", "commit"] + exercises + ["total", "max"]
                          + (lateColumns ? ["late", "penalty", "final"] : []) + ["status", "error"])
        for entry in entries {
            let scores = exercises.map { id in entry.exercises?[id].map(String.init) ?? "" }
            let late = lateColumns ? [entry.late.map(String.init) ?? "", entry.penalty.map(String.init) ?? "", entry.finalScore.map(String.init) ?? ""] : []
            out += CSV.row([entry.student, entry.repo, entry.commit ?? ""] + scores
                           + [entry.score.map(String.init) ?? "", entry.maxScore.map(String.init) ?? ""] + late
                           + [entry.status.rawValue, entry.error ?? ""])
        }
        return out
    }

    /// The lab's exercise ids, then any other id the entries name (another course's).
    public static func exerciseColumns(_ entries: [JournalEntry], preferred: [String]) -> [String] {
        var seen = Set<String>()
        var columns: [String] = []
        for id in preferred where seen.insert(id).inserted { columns.append(id) }
        for entry in entries {
            for id in (entry.exercises ?? [:]).keys.sorted() where seen.insert(id).inserted { columns.append(id) }
        }
        return columns
    }
}

/// `--gradebook moodle|canvas`: a school gradebook's import file.
public enum GradebookFormat: String, Sendable, CaseIterable {
    case moodle, canvas

    /// The file written beside gradebook.csv.
    public var fileName: String { self == .moodle ? "gradebook-moodle.csv" : "gradebook-canvas.csv" }

    /// The import file of error-free learners (a learner not graded has no grade to import).
    public func csv(_ entries: [JournalEntry], exercises: [String], maxScores: [String: Int], roster: [String: RosterEntry]) -> String {
        switch self {
        case .moodle: return Self.moodle(entries, exercises: exercises, roster: roster)
        case .canvas: return Self.canvas(entries, exercises: exercises, maxScores: maxScores, roster: roster)
        }
    }

    /// Moodle's grade import (grade/import/csv): one identifier column, mapped
    /// on import to a user field, then one column per grade item.
    /// The identifier is the roster's `email`, else `username`, else `idnumber`
    /// (the first column the roster has), else the student as given.
    /// `total` is the final score (after a late penalty).
    static func moodle(_ entries: [JournalEntry], exercises: [String], roster: [String: RosterEntry]) -> String {
        let graded = entries.filter { $0.status != .error }
        let identifier = ["email", "username", "idnumber"].first { name in
            graded.contains { roster[$0.student]?.identity[name] != nil }
        }
        var out = CSV.row([identifier ?? "student"] + exercises + ["total"])
        for entry in graded {
            let id = identifier.flatMap { roster[entry.student]?.identity[$0] } ?? entry.student
            let scores = exercises.map { entry.exercises?[$0].map(String.init) ?? "0" }
            out += CSV.row([id] + scores + [(entry.finalScore ?? entry.score).map(String.init) ?? ""])
        }
        return out
    }

    /// Canvas' gradebook CSV: `Student`, `ID`, `SIS User ID`, `SIS Login ID`,
    /// `Section`, then one column per assignment; the second row,
    /// `Points Possible`, gives each assignment's maximum. With a late window,
    /// a `Late penalty` column (0 points possible) holds minus the points taken.
    static func canvas(_ entries: [JournalEntry], exercises: [String], maxScores: [String: Int], roster: [String: RosterEntry]) -> String {
        let graded = entries.filter { $0.status != .error }
        let lateColumn = graded.contains { $0.late != nil }
        var out = CSV.row(["Student", "ID", "SIS User ID", "SIS Login ID", "Section"] + exercises + (lateColumn ? ["Late penalty"] : []))
        out += CSV.row(["Points Possible", "", "", "", ""] + exercises.map { maxScores[$0].map(String.init) ?? "" } + (lateColumn ? ["0"] : []))
        for entry in graded {
            let identity = roster[entry.student]?.identity ?? [:]
            let scores = exercises.map { entry.exercises?[$0].map(String.init) ?? "0" }
            let late = lateColumn ? [entry.penalty.map { $0 > 0 ? "-\($0)" : "0" } ?? "0"] : []
            out += CSV.row([entry.student, identity["canvas_id"] ?? "", identity["sis_user_id"] ?? "", identity["sis_login_id"] ?? "",
                            identity["section"] ?? ""] + scores + late)
        }
        return out
    }
}

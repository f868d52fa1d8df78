import PodGradeCore

/// `gradebook.csv`: a row a learner (student, repo, commit, a score column per
/// exercise, total, max, status, error), UTF-8 with a header, as a spreadsheet
/// imports it.
public enum Gradebook {
    public static func csv(_ entries: [JournalEntry], exercises: [String]) -> String {
        var out = CSV.row(["student", "repo", "commit"] + exercises + ["total", "max", "status", "error"])
        for entry in entries {
            let scores = exercises.map { id in entry.exercises?[id].map(String.init) ?? "" }
            out += CSV.row([entry.student, entry.repo, entry.commit ?? ""] + scores
                           + [entry.score.map(String.init) ?? "", entry.maxScore.map(String.init) ?? "", entry.status.rawValue, entry.error ?? ""])
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

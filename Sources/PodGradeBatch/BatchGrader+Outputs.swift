public import PodGradeCore
import PodGradeSimilarity
import PodGradeReport
import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

extension BatchGrader {
    /// gradebook.csv and report.html from the journal, in roster order.
    @discardableResult
    func writeOutputs(roster: [RosterEntry], journalPath: String, known: [String: GradeResult],
                      excerpts: [String: [String: [Int: String]]] = [:]) throws(BatchFailure) -> [JournalEntry] {
        let journaled = Dictionary(Journal.read(journalPath).map { ($0.student, $0) }, uniquingKeysWith: { _, b in b })
        let entries = roster.compactMap { journaled[$0.student] }
        try Self.writeReports(entries, known: known, excerpts: excerpts, directories: [options.outDirectory], csvPath: options.outDirectory + "/gradebook.csv",
                              htmlPath: options.outDirectory + "/report.html", lab: lab, lang: options.lang, policy: options.policy,
                              gradebook: options.gradebookFormat, roster: roster)
        return entries
    }

    /// The largest class whose report draws the learners' Pod pictures.
    public static let picturesUpTo = 300


    /// Writes the gradebook and the class report for journaled learners. The
    /// class report uses the results in `known` (those graded by this process);
    /// only learners graded by another run (`--resume`, shards merged by
    /// `report`) are read back from their result files in `directories`.
    public static func writeReports(_ entries: [JournalEntry], known: [String: GradeResult] = [:],
                                    excerpts knownExcerpts: [String: [String: [Int: String]]] = [:], directories: [String],
                                    csvPath: String?, htmlPath: String?, lab: Lab, lang: Lang, policy: ClassPolicy? = nil,
                                    gradebook: GradebookFormat? = nil, roster: [RosterEntry] = []) throws(BatchFailure) {
        let columns = Gradebook.exerciseColumns(entries, preferred: lab.exercises.map(\.id))
        if let csvPath {
            do { try FileOutput.write(Gradebook.csv(entries, exercises: columns), to: csvPath) } catch { throw BatchFailure(error.message) }
            if let gradebook {
                let folder = csvPath.contains("/") ? String(csvPath[..<(csvPath.lastIndex(of: "/") ?? csvPath.endIndex)]) : "."
                let maxScores = Dictionary(lab.exercises.map { ($0.id, $0.maxScore) }, uniquingKeysWith: { a, _ in a })
                let byStudent = Dictionary(roster.map { ($0.student, $0) }, uniquingKeysWith: { a, _ in a })
                let text = gradebook.csv(entries, exercises: columns, maxScores: maxScores, roster: byStudent)
                do { try FileOutput.write(text, to: folder + "/" + gradebook.fileName) } catch { throw BatchFailure(error.message) }
            }
        }
        guard let htmlPath else { return }
        var interned: [String: String] = [:]
        let classEntries = entries.map { entry -> ClassEntry in
            var result = entry.status == .error ? nil : known[entry.student]
            if result == nil, entry.status != .error, let file = entry.result {
                for directory in directories {
                    if let decoded = ResultFile.read(directory + "/" + file) {
                        result = decoded.summarized(interning: &interned)
                        break
                    }
                }
            }
            let link = entry.result.map { relativeLink(from: htmlPath, to: directories, file: $0) }
            // The excerpt of a learner graded by this process is at hand; others' are in their result files.
            var excerpt: [String: [Int: String]] = knownExcerpts[entry.student] ?? [:]
            if excerpt.isEmpty, known[entry.student] == nil, entry.status != .error, let file = entry.result {
                for directory in directories {
                    if let bytes = try? Journal.readBytes(directory + "/" + file),
                       let read = try? JSONDecoder().decode(BatchResultFile.Excerpt.self, from: Data(bytes)) {
                        excerpt = read.lines
                        break
                    }
                }
            }
            // What podgrade understood of each Pod the learner did not pass, drawn in their section
            // (up to `picturesUpTo` learners: past that the report would weigh megabytes a hundred learners).
            var pictures: [String: String] = [:]
            if entries.count <= Self.picturesUpTo {
                for exercise in result?.exercises ?? [] where !exercise.passed {
                    if let pod = exercise.pod { pictures[exercise.id] = PodPictureSVG.render(pod, lang: lang, inline: true) }
                }
            }
            return ClassEntry(student: entry.student, repo: entry.repo, commit: entry.commit, status: entry.status, error: entry.error,
                              result: result, feedbackLink: link, deadline: entry.deadline, late: entry.late, penalty: entry.penalty,
                              finalScore: entry.finalScore, excerpt: excerpt, podPictures: pictures)
        }
        let title = LocalizedText(ru: "Проверка: много-контейнерные PODs", en: "Grades: multi-container Pods").text(lang)
        // Similar submissions of the learners these folders hold fingerprints of: similarity.csv beside the report.
        let reportDirectory = htmlPath.contains("/") ? String(htmlPath[..<(htmlPath.lastIndex(of: "/") ?? htmlPath.endIndex)]) : "."
        let similar = try? SimilarityReport.write(directories: directories, lab: lab, lang: lang, csvPath: reportDirectory + "/similarity.csv")
        let appendix = (similar ?? nil).map { (html: $0, css: SimilarityHTML.style) }
        do { try FileOutput.write(ClassReport.html(classEntries, lang: lang, title: title, policy: policy ?? Self.policy(of: entries), appendix: appendix), to: htmlPath) } catch { throw BatchFailure(error.message) }
    }

    /// A merged report's policy line, from what the journal recorded.
    static func policy(of entries: [JournalEntry]) -> ClassPolicy? {
        // The deadline most learners had (an extension moves one learner's own).
        var counts: [String: Int] = [:]
        for deadline in entries.compactMap(\.deadline) { counts[deadline, default: 0] += 1 }
        guard let deadline = counts.max(by: { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key })?.key else { return nil }
        return ClassPolicy(deadline: deadline, lateUntil: "—", penalty: "—")
    }

    /// The result file as seen from the report's folder.
    static func relativeLink(from htmlPath: String, to directories: [String], file: String) -> String {
        let reportDirectory = htmlPath.contains("/") ? String(htmlPath[..<(htmlPath.lastIndex(of: "/") ?? htmlPath.endIndex)]) : "."
        if directories.count == 1, directories[0] == reportDirectory { return file }
        for directory in directories where access(directory + "/" + file, F_OK) == 0 {
            return directory.hasPrefix("/") ? "file://" + directory + "/" + file : directory + "/" + file
        }
        return file
    }

    static func makeDirectory(_ path: String) throws(BatchFailure) {
        if mkdir(path, 0o755) != 0 && errno != EEXIST {
            throw BatchFailure("cannot create \(path): \(String(cString: strerror(errno)))")
        }
    }
}

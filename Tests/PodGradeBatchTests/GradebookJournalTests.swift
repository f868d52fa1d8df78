import Foundation
#if canImport(Glibc)
import Glibc
#endif
import PodGradeBatch
import PodGradeReport
import PodGradeCore
import Testing

func entry(_ student: String, repo: String = "https://h/r.git", status: LearnerStatus = .pass, score: Int? = 3,
           exercises: [String: Int]? = ["a": 1, "b": 2], error: String? = nil) -> JournalEntry {
    JournalEntry(student: student, repo: repo, commit: score == nil ? nil : "abc123", status: status, error: error,
                 score: score, maxScore: score == nil ? nil : 5, exercises: exercises, result: score == nil ? nil : "results/\(student).json")
}

@Suite struct GradebookTests {
    @Test func exactCSV() {
        let csv = Gradebook.csv([entry("ann"), entry("bob", status: .error, score: nil, exercises: nil, error: "timed out, sorry")],
                                exercises: ["a", "b"])
        #expect(csv == "student,repo,commit,a,b,total,max,status,error\r\n"
                + "ann,https://h/r.git,abc123,1,2,3,5,pass,\r\n"
                + "bob,https://h/r.git,,,,,,error,\"timed out, sorry\"\r\n")
    }

    @Test func formulasAreDefused() {
        #expect(CSV.field("=cmd()") == "'=cmd()")
        #expect(CSV.field("+1+2") == "'+1+2")
        #expect(CSV.field("@SUM(A1)") == "'@SUM(A1)")
        #expect(CSV.field("-x") == "'-x")
        #expect(CSV.field("\t=x") == "'\t=x")
        #expect(CSV.field("-5") == "-5")
        #expect(CSV.field("=HYPERLINK(\"http://e\",\"x\")") == "\"'=HYPERLINK(\"\"http://e\"\",\"\"x\"\")\"")
        let csv = Gradebook.csv([entry("=cmd()", repo: "=cmd()")], exercises: ["a"])
        #expect(csv.contains("\r\n'=cmd(),'=cmd(),"))
    }

    @Test func quoting() {
        #expect(CSV.field("plain") == "plain")
        #expect(CSV.field("a,b") == "\"a,b\"")
        #expect(CSV.field("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(CSV.field("two\nlines") == "\"two\nlines\"")
        #expect(CSV.field("") == "")
    }

    @Test func gradebookReadsBackAsWritten() throws {
        let students = ["Doe, Jane", "O\"Neil", "multi\nline", "=1+1", "ann"]
        let csv = Gradebook.csv(students.map { entry($0) }, exercises: ["a", "b"])
        let rows = try CSV.parse(csv)
        #expect(rows.count == students.count + 1)
        #expect(rows.dropFirst().map { $0[0] } == ["Doe, Jane", "O\"Neil", "multi\nline", "'=1+1", "ann"])
    }

    @Test func exerciseColumnsLabFirstThenOthers() {
        let columns = Gradebook.exerciseColumns([entry("a", exercises: ["z": 1, "b": 1, "y": 0])], preferred: ["b", "a"])
        #expect(columns == ["b", "a", "y", "z"])
    }
}

@Suite struct JournalTests {
    @Test func appendThenRead() throws {
        let tmp = try TemporaryDirectory()
        let path = tmp.sub("journal.jsonl")
        let journal = try Journal(path: path)
        try journal.append(entry("ann"))
        try journal.append(entry("bob", status: .error, score: nil, exercises: nil, error: "no such repo"))
        let read = Journal.read(path)
        #expect(read.map(\.student) == ["ann", "bob"])
        #expect(read[0].exercises == ["a": 1, "b": 2])
        #expect(read[1].error == "no such repo")
        // One line each, newline-terminated.
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.split(separator: "\n").count == 2 && text.hasSuffix("\n"))
    }

    @Test func tornLastLineIsIgnoredAndTheNextAppendParses() throws {
        let tmp = try TemporaryDirectory()
        let path = tmp.sub("journal.jsonl")
        try Journal(path: path).append(entry("ann"))
        // The process died mid-write: half a JSON line, no newline.
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("{\"student\":\"bob\",\"repo\":\"htt".utf8))
        try handle.close()
        #expect(Journal.read(path).map(\.student) == ["ann"])
        // Reopened (as --resume does) and appended: the new line parses.
        try Journal(path: path).append(entry("carol"))
        #expect(Journal.read(path).map(\.student) == ["ann", "carol"])
    }

    @Test func lastEntryPerStudentWins() throws {
        let tmp = try TemporaryDirectory()
        let path = tmp.sub("journal.jsonl")
        let journal = try Journal(path: path)
        try journal.append(entry("ann", score: 1))
        try journal.append(entry("ann", score: 4))
        #expect(Journal.read(path).map(\.score) == [4])
    }

    /// The kind of an error decides --resume: transient errors are graded again,
    /// permanent ones and graded learners are kept; rows from before kinds were
    /// recorded count as transient.
    @Test func errorKindsDecideWhatResumeKeeps() throws {
        let tmp = try TemporaryDirectory()
        let path = tmp.sub("journal.jsonl")
        let journal = try Journal(path: path)
        var down = entry("down", status: .error, score: nil, exercises: nil, error: "connection refused")
        down.errorKind = .transient
        down.attempts = 3
        var gone = entry("gone", status: .error, score: nil, exercises: nil, error: "not exported")
        gone.errorKind = .permanent
        try journal.append(entry("ann"))
        try journal.append(entry("bob", status: .fail))
        try journal.append(down)
        try journal.append(gone)
        try journal.append(entry("old", status: .error, score: nil, exercises: nil, error: "timed out"))
        let read = Journal.read(path)
        #expect(read.map(\.isFinal) == [true, true, false, true, false])
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
        #expect(lines[2] == #"{"attempts":3,"error":"connection refused","errorKind":"transient","repo":"https://h/r.git","status":"error","student":"down"}"#)
    }

    @Test func missingJournalReadsEmpty() {
        #expect(Journal.read("/nonexistent/journal.jsonl").isEmpty)
    }
}

@Suite struct ClassReportInputTests {
    /// The class report uses the results the run holds; only learners graded
    /// elsewhere are read back from their files (here there are none to read).
    @Test func reportUsesTheResultsItHas() throws {
        let tmp = try TemporaryDirectory()
        let result = Grader(lab: Lab.bundled).grade(SourceSnapshot(origin: SourceOrigin(url: "https://h/r.git"), files: []))
        let graded = [entry("ann", status: .fail, score: 0, exercises: [:]), entry("bob", status: .fail, score: 0, exercises: [:])]
        let html = tmp.sub("report.html")
        try BatchGrader.writeReports(graded, known: ["ann": result], directories: [tmp.sub("nowhere")], csvPath: nil, htmlPath: html,
                                     lab: Lab.bundled, lang: .en)
        let text = try read(html)
        #expect(text.contains("<tr><td><a href=\"#learner-1\">ann</a></td><td class=\"repo\"><a href=\"https://h/r.git\">https://h/r.git</a> <code>abc123</code></td><td data-v=\"0\">0/\(labMax)</td>"),
                "\(text)")
        // bob's result file does not exist: no score, and the row still says what the journal says.
        #expect(text.contains("<tr><td><a href=\"#learner-2\">bob</a></td><td class=\"repo\"><a href=\"https://h/r.git\">https://h/r.git</a> <code>abc123</code></td><td data-v=\"-1\">—</td>"))
    }
}

import Foundation
import Testing
import PodGradeBatch

/// A late-gradebook row, exactly as podgrade writes it with a late window.
private func lateRow(_ student: String, _ repo: String, _ commit: String, _ scores: [String: Int],
                     late: Int, penalty: Int, status: String = "fail") -> String {
    let columns = exerciseIDs.map { String(scores[$0] ?? 0) }
    let total = scores.values.reduce(0, +)
    return CSV.row([student, repo, commit] + columns + [String(total), String(labMax), String(late), String(penalty), String(total - penalty), status, ""])
}

private let lateHeader = "student,repo,commit," + exerciseIDs.joined(separator: ",") + ",total,max,late,penalty,final,status,error\r\n"

@Suite struct LatenessGradebookTests {
    /// Deadline 2024-01-02T12:00Z, late work until 2024-01-04T00:00Z at
    /// 10%/day (every started day), at most 15%:
    /// - ann's newest commit (01-03 10:00, 22 h late) is graded: 10% of 27 is 2.7, rounded to 3;
    /// - bob committed on time: no penalty;
    /// - cat's 01-03 10:00 commit is on time by her extension of 1d;
    /// - dan's 01-03 13:00 commit is 25 h late: 2 started days, 20%, capped at 15% of 14 = 2 (2.1);
    /// - eve's commit after the late window is not graded: her on-time one is.
    @Test func lateWindowPenaltyAndExtensionGiveExactRows() throws {
        let tmp = try TemporaryDirectory()
        let repos = tmp.sub("repos")
        let ann = try makeRepository(at: repos + "/ann", commits: [(["01-multi-container-pod"], Dates.first),
                                                                    (["03-sidecar-logging"], Dates.third)])
        let bob = try makeRepository(at: repos + "/bob", commits: [(["01-multi-container-pod"], Dates.first)])
        let cat = try makeRepository(at: repos + "/cat", commits: [(["01-multi-container-pod"], Dates.third)])
        let dan = try makeRepository(at: repos + "/dan", commits: [(["01-multi-container-pod"], 1_704_286_800)]) // 2024-01-03T13:00Z
        let eve = try makeRepository(at: repos + "/eve", commits: [(["01-multi-container-pod"], Dates.first),
                                                                    (["03-sidecar-logging"], 1_704_412_800)]) // 2024-01-05T00:00Z
        func url(_ name: String) -> String { "file://" + repos + "/" + name }
        try writeRoster([["ann", url("ann"), "", "ann@school.example", "S-1"], ["bob", url("bob"), "", "bob@school.example", "S-2"],
                         ["cat", url("cat"), "1d", "", "S-3"], ["dan", url("dan"), "", "dan@school.example", ""],
                         ["eve", url("eve"), "", "eve@school.example", "S-5"]],
                        to: tmp.sub("roster.csv"), header: ["student", "repo", "extension", "email", "sis_user_id"])
        let run = try podgrade(["grade", "roster.csv", "--out", "out", "--deadline", "2024-01-02T15:00:00+03:00",
                                "--late-until", "2024-01-04T00:00:00Z", "--late-penalty", "10%/day", "--late-cap", "15%",
                                "--gradebook", "moodle", "--allow-local", "--cache", "cache", "--lang", "en"], in: tmp.path)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("ann: 31/\(labMax) fail, −3 → 28\n") && run.stderr.contains("bob: 16/\(labMax) fail\n"), "\(run.stderr)")
        #expect(run.stderr.hasSuffix("For the school gradebook: out/gradebook-moodle.csv\n"), "\(run.stderr)")
        let expected = lateHeader
            + lateRow("ann", url("ann"), ann[1], ["01-multi-container-pod": 16, "03-sidecar-logging": 15], late: 79_200, penalty: 3)
            + lateRow("bob", url("bob"), bob[0], ["01-multi-container-pod": 16], late: 0, penalty: 0)
            + lateRow("cat", url("cat"), cat[0], ["01-multi-container-pod": 16], late: 0, penalty: 0)
            + lateRow("dan", url("dan"), dan[0], ["01-multi-container-pod": 16], late: 90_000, penalty: 2)
            + lateRow("eve", url("eve"), eve[0], ["01-multi-container-pod": 16], late: 0, penalty: 0)
        #expect(try read(tmp.sub("out/gradebook.csv")) == expected)

        // The result file keeps the raw score; the late fields are beside it.
        let annResult = try jsonObject(tmp.sub("out/results/ann.json"))
        #expect(annResult["score"] as? Int == 31)
        #expect(annResult["lateness"] as? Int == 79_200)
        #expect(annResult["penalty"] as? Int == 3)
        #expect(annResult["penaltyPercent"] as? Int == 10)
        #expect(annResult["finalScore"] as? Int == 28)
        #expect((annResult["source"] as? [String: Any])?["deadline"] as? String == "2024-01-02T12:00:00Z")
        let catResult = try jsonObject(tmp.sub("out/results/cat.json"))
        #expect((catResult["source"] as? [String: Any])?["deadline"] as? String == "2024-01-03T12:00:00Z")
        #expect(catResult["lateness"] as? Int == 0)

        // Moodle: the roster's email identifies learners (cat has none: her name), one column per exercise, the final total.
        let moodleScores = { (scores: [String: Int]) in exerciseIDs.map { String(scores[$0] ?? 0) } }
        #expect(try read(tmp.sub("out/gradebook-moodle.csv")) ==
            CSV.row(["email"] + exerciseIDs + ["total"])
            + CSV.row(["ann@school.example"] + moodleScores(["01-multi-container-pod": 16, "03-sidecar-logging": 15]) + ["28"])
            + CSV.row(["bob@school.example"] + moodleScores(["01-multi-container-pod": 16]) + ["16"])
            + CSV.row(["cat"] + moodleScores(["01-multi-container-pod": 16]) + ["16"])
            + CSV.row(["dan@school.example"] + moodleScores(["01-multi-container-pod": 16]) + ["14"])
            + CSV.row(["eve@school.example"] + moodleScores(["01-multi-container-pod": 16]) + ["16"]))

        // The report says which deadline applied and how late each learner was.
        let html = try read(tmp.sub("out/report.html"))
        #expect(html.contains("Deadline: <b>2024-01-02T15:00:00+03:00</b> · late work accepted until: <b>2024-01-04T00:00:00Z</b> · penalty: 10% per day or part of a day, at most 15%"))
        #expect(html.contains("<td class=\"nw\" data-v=\"79200\">22h</td><td class=\"nw\" data-v=\"28\">28 (−3)</td>"))
    }

    /// Canvas: Student, ID, SIS User ID, SIS Login ID, Section, one column per
    /// exercise, then a Points Possible row; error rows are left out.
    @Test func canvasGradebookHasPointsPossible() throws {
        let tmp = try TemporaryDirectory()
        let repos = tmp.sub("repos")
        try makeRepository(at: repos + "/ann", commits: [(["01-multi-container-pod"], Dates.first)])
        func url(_ name: String) -> String { "file://" + repos + "/" + name }
        try writeRoster([["Ann Lee", url("ann"), "1001", "s1001", "ann", "B-2"], ["Bo", url("nobody"), "", "", "", ""]],
                        to: tmp.sub("roster.csv"), header: ["student", "repo", "canvas_id", "sis_user_id", "sis_login_id", "section"])
        let run = try podgrade(["grade", "roster.csv", "--out", "out", "--gradebook", "canvas", "--allow-local", "--cache", "cache", "--lang", "en"],
                               in: tmp.path)
        #expect(run.status == 1, "\(run.stderr)")
        let text = try read(tmp.sub("out/gradebook-canvas.csv"))
        let rows = try CSV.parse(text)
        #expect(rows.count == 3, "\(text)")
        #expect(rows[0] == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"] + exerciseIDs)
        #expect(Array(rows[1].prefix(5)) == ["Points Possible", "", "", "", ""])
        #expect(rows[1].dropFirst(5).compactMap { Int($0) }.reduce(0, +) == labMax)
        #expect(rows[1][5] == "16")
        #expect(rows[2] == ["Ann Lee", "1001", "s1001", "ann", "B-2", "16"] + Array(repeating: "0", count: exerciseIDs.count - 1))
        // A merge has no roster: Moodle's identifier is the student as given.
        let merged = try podgrade(["report", "out", "--csv", "merged.csv", "--html", "merged.html", "--gradebook", "moodle"], in: tmp.path)
        #expect(merged.status == 1, "\(merged.stderr)")
        #expect(merged.stdout == "2 ученика: merged.csv, merged.html\nФайл для школьного журнала: ./gradebook-moodle.csv\n")
        #expect(try read(tmp.sub("gradebook-moodle.csv")) == CSV.row(["student"] + exerciseIDs + ["total"])
            + CSV.row(["Ann Lee", "16"] + Array(repeating: "0", count: exerciseIDs.count - 1) + ["16"]))
    }

    /// Unusable late options: exit 2 and one line on stderr.
    @Test func badLateOptionsAreUsageErrors() throws {
        let tmp = try TemporaryDirectory()
        try writeRoster([["a", "https://example.invalid/a.git", ""]], to: tmp.sub("roster.csv"))
        let cases: [([String], String)] = [
            (["--late-until", "2024-01-04T00:00:00Z"], "--late-until needs --deadline"),
            (["--deadline", "2024-01-04T00:00:00Z", "--late-until", "2024-01-03T00:00:00Z"], "is before --deadline"),
            (["--deadline", "2024-01-02T00:00:00Z", "--late-penalty", "10%/day"], "--late-penalty needs --late-until"),
            (["--deadline", "2024-01-02T00:00:00Z", "--late-until", "2024-01-04T00:00:00Z", "--late-penalty", "10%/week"], "invalid --late-penalty"),
            (["--deadline", "2024-01-02T00:00:00Z", "--late-until", "2024-01-04T00:00:00Z", "--late-penalty", "10%/day", "--late-cap", "150%"], "invalid --late-cap"),
            (["--gradebook", "blackboard"], "invalid --gradebook"),
        ]
        for (extra, message) in cases {
            let run = try podgrade(["grade", "roster.csv", "--out", "out"] + extra, in: tmp.path)
            #expect(run.status == 2, "\(extra)")
            #expect(run.stderr.contains(message), "\(extra): \(run.stderr)")
        }
    }

    /// A learner's section shows the finding's code frame, from the excerpt the
    /// result file keeps: in the batch's report and in a report merged later.
    @Test func learnerSectionsShowCodeFramesAfterAMerge() throws {
        let tmp = try TemporaryDirectory()
        let repos = tmp.sub("repos")
        try makeRepository(at: repos + "/bob", commits: [(["03-sidecar-logging"], Dates.first)], edit: breakSidecar)
        try writeRoster([["bob", "file://" + repos + "/bob", ""]], to: tmp.sub("roster.csv"))
        let run = try podgrade(["grade", "roster.csv", "--out", "out", "--allow-local", "--cache", "cache", "--lang", "en"], in: tmp.path)
        #expect(run.status == 0, "\(run.stderr)")
        let excerpt = try #require(try jsonObject(tmp.sub("out/results/bob.json"))["excerpt"] as? [String: [String: String]])
        let lines = try #require(excerpt["03-sidecar-logging/pod.yaml"])
        #expect(!lines.isEmpty)
        let merged = try podgrade(["report", "out", "--csv", "merged.csv", "--html", "merged.html", "--lang", "en"], in: tmp.path)
        #expect(merged.status == 0, "\(merged.stderr)")
        for file in ["out/report.html", "merged.html"] {
            let html = try read(tmp.sub(file))
            #expect(html.contains("1 of 1 learner who submitted 03-sidecar-logging lost points on volume.readonly"), "\(file)")
            #expect(html.contains("<a href=\"#rule-volume.readonly\"><code>volume.readonly</code></a>"), "\(file)")
            #expect(html.contains("<span class=\"where\">03-sidecar-logging/pod.yaml:"), "\(file)")
            #expect(html.contains("<pre class=\"frame\">"), "\(file)")
            #expect(html.contains("<div id=\"rule-volume.readonly\">"), "\(file)")
        }
    }
}

import Foundation
#if canImport(Glibc)
import Glibc
#endif
@testable import PodGradeBatch
import PodGradeCore
import Testing

/// The bundled lab's exercises, in gradebook column order.
let exerciseIDs = ["01-multi-container-pod", "02-yellow", "03-sidecar-logging", "04-adapter", "05-ambassador",
                   "06-shared-network", "07-shared-volume", "08-web-monitored", "09-scaled-deployment",
                   "10-native-sidecar", "11-fix-broken-pod", "12-elastic-sidecar"]
/// Points of the bundled lab: the whole lab, and a full solution of the exercises used here.
/// The bundled course's maximum, from the lab (a course change does not break these tests).
let labMax = Lab.bundled.exercises.reduce(0) { $0 + $1.maxScore }
let full = ["01-multi-container-pod": 16, "03-sidecar-logging": 15, "04-adapter": 15]
/// 03 with the sidecar's mount no longer read-only: two points off.
let brokenSidecarScore = 13
/// 03 handed in with another learner's POD name: pod.found fails (1 point), so it does not pass.
let copiedSidecarScore = 14

let gradebookHeader = "student,repo,commit," + exerciseIDs.joined(separator: ",") + ",total,max,status,error\r\n"

/// A graded gradebook row, exactly as podgrade writes it.
func gradedRow(_ student: String, _ repo: String, _ commit: String, _ scores: [String: Int], status: String = "fail") -> String {
    let columns = exerciseIDs.map { String(scores[$0] ?? 0) }
    let total = scores.values.reduce(0, +)
    return CSV.row([student, repo, commit] + columns + [String(total), String(labMax), status, ""])
}

/// The sidecar's log mount loses `readOnly: true`.
func breakSidecar(_ repo: String) throws {
    let path = repo + "/03-sidecar-logging/pod.yaml"
    let text = try read(path)
    let broken = text.replacingOccurrences(of: "      readOnly: true\n", with: "")
    guard broken != text else { throw TestFailure("the 03 solution changed: nothing to break") }
    try write(broken, to: path)
}

func writeRoster(_ rows: [[String]], to path: String, header: [String] = ["student", "repo", "rev"]) throws {
    try write(([header] + rows).map { CSV.row($0) }.joined(), to: path)
}

@Suite struct BatchEndToEndTests {
    /// Good repositories over git:// and file://, a missing repository, a missing
    /// rev and a server that never answers.
    @Test func gradesTheClassAndReportsEveryFailureAsARow() throws {
        let tmp = try TemporaryDirectory()
        let repos = tmp.sub("repos")
        let alice = try makeRepository(at: repos + "/alice", commits: [(["01-multi-container-pod", "03-sidecar-logging"], Dates.first)])
        let bob = try makeRepository(at: repos + "/bob", commits: [(["01-multi-container-pod", "03-sidecar-logging"], Dates.first)],
                                     edit: breakSidecar)
        let daemon = try GitDaemon(baseDirectory: repos, scratch: tmp.path)
        defer { daemon.stop() }
        let hang = try SilentServer().start()
        defer { hang.stop() }
        let hostile = "O'Brien <b>&co</b>"
        let rows = [
            ["alice", daemon.url("alice"), ""],
            ["bob", "file://" + repos + "/bob", ""],
            [hostile, "file://" + repos + "/alice", "main"],
            ["carol", "file://" + repos + "/nobody", ""],
            ["dave", daemon.url("bob"), "v9"],
            ["erin", "git://127.0.0.1:\(hang.port)/erin.git", ""],
        ]
        try writeRoster(rows, to: tmp.sub("roster.csv"))
        let run = try podgrade(["grade", "roster.csv", "--out", "out", "--jobs", "3", "--clone-timeout", "2", "--retries", "0", "--allow-local",
                                "--cache", "cache", "--lang", "en"], in: tmp.path)
        #expect(run.status == 1, "\(run.stderr)")
        #expect(run.seconds < 15, "the hanging server held the batch for \(run.seconds) s")

        let gradebook = try read(tmp.sub("out/gradebook.csv"))
        let lines = try CSV.parse(gradebook)
        #expect(lines.map { $0[0] } == ["student", "alice", "bob", hostile, "carol", "dave", "erin"])
        let expectedGraded = gradebookHeader
            + gradedRow("alice", daemon.url("alice"), alice[0], ["01-multi-container-pod": 16, "03-sidecar-logging": 15])
            + gradedRow("bob", "file://" + repos + "/bob", bob[0], ["01-multi-container-pod": 16, "03-sidecar-logging": brokenSidecarScore])
            // The hostile name hands in alice's repository: a copy, caught on 03's per-learner POD name.
            + gradedRow(hostile, "file://" + repos + "/alice", alice[0], ["01-multi-container-pod": 16, "03-sidecar-logging": copiedSidecarScore])
        #expect(gradebook.hasPrefix(expectedGraded), "\(gradebook)")
        // Error rows: repo and status set, no commit nor scores, the reason last.
        let reasons = ["carol": "nobody", "dave": "v9", "erin": "stopped answering"]
        for row in lines.suffix(3) {
            #expect(row.count == 3 + exerciseIDs.count + 4)
            let blank = row[2...].dropLast(2).allSatisfy { $0.isEmpty }
            #expect(blank, "\(row)")
            #expect(row[row.count - 2] == "error")
            let reason = row[row.count - 1]
            #expect(reason.contains(reasons[row[0]] ?? "?"), "\(row[0]): \(reason)")
        }
        #expect(lines.last?.last?.contains("timed out after 2 s") == true)

        // One journal line per learner; results only for graded learners.
        let journal = try journalLines(tmp.sub("out"))
        #expect(journal.compactMap { $0["student"] as? String }.sorted() == rows.map { $0[0] }.sorted())
        let result = try jsonObject(tmp.sub("out/results/alice.json"))
        let source = try #require(result["source"] as? [String: Any])
        #expect(source["commit"] as? String == alice[0])
        #expect(source["url"] as? String == daemon.url("alice"))
        #expect(result["score"] as? Int == 31)
        let files = try FileManager.default.contentsOfDirectory(atPath: tmp.sub("out/results"))
        #expect(files.count == 3, "\(files)")
        #expect(files.allSatisfy { $0.hasSuffix(".json") && !$0.hasPrefix(".") })

        // Not a terminal: a plain line per learner, no bar.
        #expect(!run.stderr.contains("\r"))
        for k in 1...6 { #expect(run.stderr.contains("[\(k)/6] ")) }

        // The class report: every learner, escaped, nothing fetched from the network.
        let html = try read(tmp.sub("out/report.html"))
        for student in ["alice", "bob", "carol", "dave", "erin"] { #expect(html.contains(student)) }
        #expect(html.contains("O&#39;Brien &lt;b&gt;&amp;co&lt;/b&gt;") || html.contains("O&apos;Brien &lt;b&gt;&amp;co&lt;/b&gt;"))
        #expect(!html.contains("<b>&co"))
        #expect(!html.lowercased().contains("<script src"))
        #expect(!html.contains("http://") && !html.contains("https://"))
        #expect(!html.lowercased().contains("<link"))
        // bob did not pass 03: his section draws what podgrade understood of that Pod; alice passed everything she submitted.
        #expect(html.components(separatedBy: "<svg class=\"pod-picture\"").count - 1 == 2, "two pictures: bob's 03 and the copy's 03")
        #expect((try jsonObject(tmp.sub("out/results/bob.json"))["exercises"] as? [[String: Any]])?.contains { $0["pod"] != nil } == true)
    }

    @Test func exitZeroWhenNoLearnerErred() throws {
        let tmp = try TemporaryDirectory()
        let repos = tmp.sub("repos")
        try makeRepository(at: repos + "/ann", commits: [(["04-adapter"], Dates.first)])
        let daemon = try GitDaemon(baseDirectory: repos, scratch: tmp.path)
        defer { daemon.stop() }
        try writeRoster([["ann", daemon.url("ann"), ""], ["ben", repos + "/ann", "HEAD"]], to: tmp.sub("roster.csv"))
        let run = try podgrade(["grade", "roster.csv", "--out", "out", "--allow-local", "--cache", "cache", "--lang", "en"], in: tmp.path)
        #expect(run.status == 0, "\(run.stderr)")
        let rows = try CSV.parse(try read(tmp.sub("out/gradebook.csv")))
        #expect(rows.dropFirst().map { $0[$0.count - 4] } == ["15", "15"])
        #expect(rows.dropFirst().map { $0[$0.count - 2] } == ["fail", "fail"])
        // Each graded learner leaves its fingerprints; the batch compares them into similarity.csv and the report's section.
        #expect(FileManager.default.fileExists(atPath: tmp.sub("out/fingerprints/ann.json")))
        #expect(FileManager.default.fileExists(atPath: tmp.sub("out/fingerprints/ben.json")))
        #expect(try read(tmp.sub("out/similarity.csv")).hasPrefix("student_a,student_b,exercise,score,shared_fragments,signal\n"))
        #expect(try read(tmp.sub("out/report.html")).contains("<section class=\"similarity\" id=\"similarity\">"))
        let similar = try podgrade(["similar", "out", "--lang", "en"], in: tmp.path)
        #expect(similar.status == 0, "\(similar.stderr)")
        // `report` exits as `grade` did for the same rows.
        let report = try podgrade(["report", "out", "--csv", "merged.csv", "--html", "merged.html"], in: tmp.path)
        #expect(report.status == 0)
        #expect(report.stdout == "2 ученика: merged.csv, merged.html\n")
    }

    /// https, ssh and git by default; local paths and file:// only with --allow-local; helpers never.
    @Test func urlPolicy() throws {
        let tmp = try TemporaryDirectory()
        let repo = tmp.sub("repos/ann")
        try makeRepository(at: repo, commits: [(["01-multi-container-pod"], Dates.first)])
        let marker = tmp.sub("pwned")
        try writeRoster([["local", repo, ""], ["file", "file://" + repo, ""], ["helper", "ext::sh -c touch% " + marker, ""],
                         ["ftp", "ftp://127.0.0.1/x.git", ""]], to: tmp.sub("roster.csv"))
        // A local path without --allow-local is a usage error up front, naming its line.
        let run = try podgrade(["grade", "roster.csv", "--out", "out", "--cache", "cache", "--lang", "en"], in: tmp.path)
        #expect(run.status == 2)
        #expect(run.stderr == "podgrade: roster.csv line 2: '\(repo)' is a local repository; pass --allow-local to grade local paths and file:// URLs\n")
        #expect(!FileManager.default.fileExists(atPath: tmp.sub("out")))
        try writeRoster([["helper", "ext::sh -c touch% " + marker, ""], ["ftp", "ftp://127.0.0.1/x.git", ""]], to: tmp.sub("remote.csv"))
        let remote = try podgrade(["grade", "remote.csv", "--out", "out", "--cache", "cache", "--lang", "en"], in: tmp.path)
        #expect(remote.status == 1)
        let rows = try CSV.parse(try read(tmp.sub("out/gradebook.csv"))).dropFirst()
        #expect(rows.map { $0[$0.count - 2] } == ["error", "error"])
        // Refused by policy: permanent, tried once.
        let journal = try journalLines(tmp.sub("out"))
        #expect(journal.map { $0["errorKind"] as? String } == ["permanent", "permanent"])
        #expect(journal.map { $0["attempts"] as? Int } == [1, 1])
        #expect(rows.first?.last == "ext::sh -c touch% \(marker): 'ext::' transport URLs run helper programs and are not allowed; use an https://, http://, git://, ssh:// or user@host:path repository URL")
        #expect(!FileManager.default.fileExists(atPath: marker))

        let allowed = try podgrade(["grade", "roster.csv", "--out", "out2", "--allow-local", "--cache", "cache", "--lang", "en"],
                                   in: tmp.path)
        let statuses = try CSV.parse(try read(tmp.sub("out2/gradebook.csv"))).dropFirst().map { $0[$0.count - 2] }
        #expect(statuses == ["fail", "fail", "error", "error"], "\(allowed.stderr)")
        #expect(!FileManager.default.fileExists(atPath: marker))
    }

    /// --deadline grades each learner's newest commit at or before it.
    @Test func deadlinePicksTheCommitPerLearner() throws {
        let tmp = try TemporaryDirectory()
        let repos = tmp.sub("repos")
        let dana = try makeRepository(at: repos + "/dana", commits: [(["01-multi-container-pod"], Dates.first),
                                                                      (["03-sidecar-logging"], Dates.second),
                                                                      (["04-adapter"], Dates.third)])
        let eve = try makeRepository(at: repos + "/eve", commits: [(["01-multi-container-pod"], Dates.first)])
        try makeRepository(at: repos + "/late", commits: [(["01-multi-container-pod"], Dates.third)])
        let daemon = try GitDaemon(baseDirectory: repos, scratch: tmp.path)
        defer { daemon.stop() }
        try writeRoster([["dana", daemon.url("dana"), ""], ["eve", "file://" + repos + "/eve", ""],
                         ["late", "file://" + repos + "/late", ""]], to: tmp.sub("roster.csv"))
        // 2024-01-02T12:00Z, between dana's second and third commits.
        let run = try podgrade(["grade", "roster.csv", "--out", "out", "--deadline", "2024-01-02T15:00:00+03:00", "--allow-local",
                                "--cache", "cache", "--lang", "en"], in: tmp.path)
        #expect(run.status == 1, "\(run.stderr)")
        let gradebook = try read(tmp.sub("out/gradebook.csv"))
        #expect(gradebook.hasPrefix(gradebookHeader
            + gradedRow("dana", daemon.url("dana"), dana[1], ["01-multi-container-pod": 16, "03-sidecar-logging": 15])
            + gradedRow("eve", "file://" + repos + "/eve", eve[0], ["01-multi-container-pod": 16])), "\(gradebook)")
        let late = try CSV.parse(gradebook).last ?? []
        #expect(late.first == "late" && late[late.count - 2] == "error")
        #expect(late.last?.contains("submitted in time") == true, "\(late)")

        let danaSource = try #require(try jsonObject(tmp.sub("out/results/dana.json"))["source"] as? [String: Any])
        #expect(danaSource["commit"] as? String == dana[1])
        #expect(danaSource["newerCommits"] as? Int == 1)
        let eveSource = try #require(try jsonObject(tmp.sub("out/results/eve.json"))["source"] as? [String: Any])
        #expect(eveSource["commit"] as? String == eve[0])
        #expect(eveSource["newerCommits"] as? Int == 0)
    }

    /// Killed mid-batch, then --resume: every learner graded and journaled exactly once.
    @Test func resumeAfterKillGradesEachLearnerOnce() throws {
        let tmp = try TemporaryDirectory()
        let repos = tmp.sub("repos")
        try makeRepository(at: repos + "/r", commits: [(["01-multi-container-pod"], Dates.first)])
        let hang = try SilentServer().start()
        defer { hang.stop() }
        let url = "file://" + repos + "/r"
        try writeRoster([["s1", url, ""], ["s2", url, ""], ["slow", "git://127.0.0.1:\(hang.port)/slow", ""], ["s3", url, ""]],
                        to: tmp.sub("roster.csv"))
        let arguments = ["grade", "roster.csv", "--out", "out", "--jobs", "1", "--allow-local", "--cache", "cache", "--lang", "en"]
        let first = try startPodgrade(arguments + ["--clone-timeout", "20"], in: tmp.path)
        defer { first.kill() }
        let journal = tmp.sub("out/journal.jsonl")
        let giveUp = Date().addingTimeInterval(20)
        while Date() < giveUp, ((try? read(journal)) ?? "").split(separator: "\n").count < 2, first.wait(seconds: 0) == nil {
            usleep(20_000)
        }
        usleep(200_000) // now inside the silent server's clone
        first.kill()
        let before = try journalLines(tmp.sub("out"))
        #expect(before.compactMap { $0["student"] as? String } == ["s1", "s2"])
        let mtimes = ["s1", "s2"].map { modificationTime(tmp.sub("out/results/\($0).json")) }
        #expect(mtimes.allSatisfy { $0 != nil })
        usleep(20_000)

        let second = try podgrade(arguments + ["--clone-timeout", "1", "--retries", "0", "--resume"], in: tmp.path)
        #expect(second.status == 1, "the silent server's learner is an error row: \(second.stderr)")
        #expect(second.stderr.contains("skipped by --resume: 2"), "\(second.stderr)")
        let after = try journalLines(tmp.sub("out"))
        #expect(after.compactMap { $0["student"] as? String } == ["s1", "s2", "slow", "s3"])
        for (index, student) in ["s1", "s2"].enumerated() {
            let now = modificationTime(tmp.sub("out/results/\(student).json"))
            #expect(now?.tv_sec == mtimes[index]?.tv_sec && now?.tv_nsec == mtimes[index]?.tv_nsec, "\(student) was graded again")
        }
        #expect(FileManager.default.fileExists(atPath: tmp.sub("out/results/s3.json")))
        let rows = try CSV.parse(try read(tmp.sub("out/gradebook.csv"))).dropFirst()
        #expect(rows.map { $0[0] } == ["s1", "s2", "slow", "s3"])

        // The silent server's timeout is an error that can pass: the next --resume
        // grades that learner again (only that one) and keeps the exit status.
        let third = try podgrade(arguments + ["--clone-timeout", "1", "--retries", "0", "--resume"], in: tmp.path)
        #expect(third.status == 1)
        #expect(third.stderr.hasPrefix("[1/1] slow: error: the server for 'git://127.0.0.1:\(hang.port)/slow' stopped answering"),
                "\(third.stderr)")
        #expect(try journalLines(tmp.sub("out")).compactMap { $0["student"] as? String } == ["s1", "s2", "slow", "s3", "slow"])
    }

    /// Shards 0..2 of 3, merged by `podgrade report`, equal the unsharded run.
    @Test func mergedShardsEqualTheUnshardedRun() throws {
        let tmp = try TemporaryDirectory()
        let repos = tmp.sub("repos")
        try makeRepository(at: repos + "/one", commits: [(["01-multi-container-pod"], Dates.first)])
        try makeRepository(at: repos + "/two", commits: [(["03-sidecar-logging", "04-adapter"], Dates.first)])
        let roster: [[String]] = [["ann", "file://" + repos + "/one", ""], ["bob", "file://" + repos + "/two", ""],
                                  ["carol", "file://" + repos + "/one", ""], ["dave", "file://" + repos + "/two", ""],
                                  ["erin", "file://" + repos + "/one", ""], ["frank", "file://" + repos + "/none", ""],
                                  ["Doe, \"Jo\"", "file://" + repos + "/two", ""]]
        try writeRoster(roster, to: tmp.sub("roster.csv"))
        let common = ["--allow-local", "--lang", "en"]
        var children = [try startPodgrade(["grade", "roster.csv", "--out", "all", "--cache", "cache-all"] + common, in: tmp.path)]
        for k in 0..<3 {
            children.append(try startPodgrade(["grade", "roster.csv", "--out", "d\(k)", "--shard", "\(k)/3", "--cache", "cache-\(k)"]
                                              + common, in: tmp.path))
        }
        defer { children.forEach { $0.kill() } }
        let statuses = children.map { $0.wait(seconds: 30) }
        #expect(statuses.first == 1, "frank's repository is missing")
        #expect(statuses.allSatisfy { $0 == 0 || $0 == 1 }, "\(statuses)")
        var inShards: [String] = []
        for k in 0..<3 {
            let students = try journalLines(tmp.sub("d\(k)")).compactMap { $0["student"] as? String }
            inShards += students
            let shard = try #require(Shard("\(k)/3"))
            let allInShard = students.allSatisfy { shard.contains($0) }
            #expect(allInShard)
        }
        #expect(inShards.sorted() == roster.map { $0[0] }.sorted())

        let merged = try podgrade(["report", "d0", "d1", "d2", "--csv", "merged.csv", "--html", "merged.html", "--lang", "en"],
                                  in: tmp.path)
        #expect(merged.status == 1, "frank's row is an error, as for grade: \(merged.stderr)")
        #expect(merged.stdout == "7 learners: merged.csv, merged.html\n")
        let russian = try podgrade(["report", "d0", "d1", "d2", "--csv", "ru.csv", "--html", "ru.html", "--lang", "ru"], in: tmp.path)
        #expect(russian.stdout == "7 учеников: ru.csv, ru.html\n")
        let all = try CSV.parse(try read(tmp.sub("all/gradebook.csv")))
        let mergedRows = try CSV.parse(try read(tmp.sub("merged.csv")))
        #expect(mergedRows.first == all.first)
        #expect(mergedRows.dropFirst().sorted { $0[0] < $1[0] } == all.dropFirst().sorted { $0[0] < $1[0] })
        #expect(mergedRows.count == roster.count + 1)
        let html = try read(tmp.sub("merged.html"))
        for student in ["ann", "bob", "carol", "dave", "erin", "frank", "Doe, &quot;Jo&quot;"] {
            #expect(html.contains(student), "\(student)")
        }
        #expect(!html.contains("http://") && !html.contains("https://"))

        let missing = try podgrade(["report", "d0", "nowhere", "--lang", "en"], in: tmp.path)
        #expect(missing.status == 2 && missing.stderr.contains("nowhere"))
    }

    /// On a terminal: a bar; while it waits, the learners in progress; at the end,
    /// the learners in error by name, and no "skipped by --resume" without --resume.
    @Test func progressBarOnATerminal() throws {
        let tmp = try TemporaryDirectory()
        try makeRepository(at: tmp.sub("repos/r"), commits: [(["01-multi-container-pod"], Dates.first)])
        let hang = try SilentServer().start()
        defer { hang.stop() }
        try writeRoster([["a", tmp.sub("repos/r"), ""], ["b", tmp.sub("repos/r"), ""], ["c", tmp.sub("nowhere"), ""],
                         ["slow", "git://127.0.0.1:\(hang.port)/slow.git", ""]], to: tmp.sub("roster.csv"))
        let run = try podgradeOnTerminal(["grade", "roster.csv", "--out", "out", "--allow-local", "--jobs", "2", "--clone-timeout", "2",
                                          "--retries", "0", "--cache", "cache", "--lang", "en"], in: tmp.path)
        #expect(run.status == 1)
        #expect(run.terminal.contains("\r\u{1B}[K[##############################] 4/4"), "\(run.terminal)")
        #expect(run.terminal.contains("] 3/4 · errors 1 · "), "\(run.terminal)")
        #expect(run.terminal.contains(" · in progress: slow"), "\(run.terminal)")
        #expect(!run.terminal.contains("[1/4] a:"), "plain lines are for pipes and files")
        #expect(run.terminal.hasSuffix("\r\nGraded 4 of 4, errors: 2 (c, slow). Results: out/gradebook.csv, out/report.html\r\n"), "\(run.terminal)")
    }

    /// One meaning of "passed": every exercise of the course passed. A learner
    /// with four exercises not submitted is `fail` in gradebook.csv, journal.jsonl,
    /// the result file and report.html alike. Result files keep every alphabet.
    @Test func passedMeansEveryExerciseInEveryOutput() throws {
        let tmp = try TemporaryDirectory()
        let anna = "Иванова, Анна"
        let jo = "O'Brien: Jo"
        // Each learner hands in their own variant (05-ambassador's port).
        let all = try makeRepository(at: tmp.sub("repos/all"), commits: [(exerciseIDs, Dates.first)], student: anna)[0]
        let some = try makeRepository(at: tmp.sub("repos/some"), commits: [(Array(exerciseIDs.prefix(8)), Dates.first)], student: jo)[0]
        try writeRoster([[anna, "file://" + tmp.sub("repos/all"), ""], [jo, "file://" + tmp.sub("repos/some"), ""]], to: tmp.sub("roster.csv"))
        let run = try podgrade(["grade", "roster.csv", "--out", "out", "--allow-local", "--cache", "cache", "--lang", "ru"], in: tmp.path)
        #expect(run.status == 0, "\(run.stderr)")
        let rows = try CSV.parse(try read(tmp.sub("out/gradebook.csv"))).dropFirst()
        #expect(rows.map { [$0[0], $0[2], $0[$0.count - 4], $0[$0.count - 3], $0[$0.count - 2]] }
                == [[anna, all, "\(labMax)", "\(labMax)", "pass"], [jo, some, rows.last?[rows[2].count - 4] ?? "?", "\(labMax)", "fail"]])
        let journal = try journalLines(tmp.sub("out"))
        let statuses = Dictionary(journal.map { ($0["student"] as? String ?? "", $0["status"] as? String ?? "") }, uniquingKeysWith: { a, _ in a })
        #expect(statuses == [anna: "pass", jo: "fail"])
        let files = try FileManager.default.contentsOfDirectory(atPath: tmp.sub("out/results")).sorted()
        let joFile = "O'Brien_ Jo-" + String(Shard.fnv1a(jo), radix: 16) + ".json"
        #expect(files == [joFile, anna + ".json"].sorted())
        #expect(try jsonObject(tmp.sub("out/results/" + anna + ".json"))["passed"] as? Bool == true)
        #expect(try jsonObject(tmp.sub("out/results/" + joFile))["passed"] as? Bool == false)
        let html = try read(tmp.sub("out/report.html"))
        #expect(html.contains("Учащихся: <b>2</b> · проверено: <b>2</b> · зачтено: <b>1</b> · ошибок проверки: <b>0</b>"), "\(html)")
        #expect(html.components(separatedBy: "<td>зачтено</td>").count == 2)
        #expect(html.components(separatedBy: "<td>не зачтено</td>").count == 2)
        let joRow = try #require(html.components(separatedBy: "<tr><td><a href=\"#learner-2\">O&#39;Brien: Jo</a></td>").last)
        #expect(joRow.prefix(while: { $0 != "\n" }).contains("<td>не зачтено</td>"), "\(joRow.prefix(400))")
    }

    /// --jobs is honoured beyond the core count: six silent servers time out together.
    @Test func jobsRunInParallelBeyondTheCores() throws {
        let tmp = try TemporaryDirectory()
        let hang = try SilentServer().start()
        defer { hang.stop() }
        try writeRoster((1...6).map { ["h\($0)", "git://127.0.0.1:\(hang.port)/h\($0)", ""] }, to: tmp.sub("roster.csv"))
        let run = try podgrade(["grade", "roster.csv", "--out", "out", "--jobs", "6", "--clone-timeout", "2", "--retries", "0", "--cache", "cache",
                                "--lang", "en"], in: tmp.path)
        #expect(run.status == 1)
        #expect(try journalLines(tmp.sub("out")).count == 6)
        #expect(run.seconds < 4.5, "six 2 s timeouts took \(run.seconds) s: jobs did not run together")
    }

    @Test func usageErrorsExitTwo() throws {
        let tmp = try TemporaryDirectory()
        try write("student,repo\nann,https://example.invalid/a.git\nann,https://example.invalid/b.git\n", to: tmp.sub("dup.csv"))
        let duplicate = try podgrade(["grade", "dup.csv", "--out", "out", "--lang", "en"], in: tmp.path)
        #expect(duplicate.status == 2 && duplicate.stderr.contains("line 3"), "\(duplicate.stderr)")
        let zero = try podgrade(["grade", "dup.csv", "--out", "out", "--jobs", "0"], in: tmp.path)
        #expect(zero.status == 2 && zero.stderr == "podgrade: --jobs must be 1 or more (learners graded at once), not 0\n", "\(zero.stderr)")
        for arguments in [["--shard", "3/3"], ["--deadline", "2024-01-02 10:00"], ["--clone-timeout", "0"], ["--jobs", "-1"],
                          ["--jobs=-2"], ["--retries=-1"]] {
            let run = try podgrade(["grade", "dup.csv", "--out", "out"] + arguments, in: tmp.path)
            #expect(run.status == 2, "\(arguments)")
            #expect(run.stderr.split(separator: "\n").count == 1, "\(run.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: tmp.sub("out")))
    }
}

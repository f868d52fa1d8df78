import Foundation
#if canImport(Glibc)
import Glibc
#endif
import PodGradeBatch
import Testing

// Batch grading under faults (issue 15): concurrent runs over one cache, the
// cache lock, transient errors retried, permanent ones not, servers that die or
// hang up, broken cache entries, full disks. Real git daemons on loopback, real
// podgrade processes; each test asserts the gradebook's exact rows.

/// Runs a shell script to its end (bounded), in `directory`.
@discardableResult
func shell(_ script: String, in directory: String, timeout: Double = 60) throws -> RunResult {
    let started = Date()
    let child = try Child(executable: "/bin/sh", arguments: ["-c", script], directory: directory,
                          environment: podgradeEnvironment([:], cacheHome: directory + "/.xdg-cache"), outputIn: directory)
    guard let status = child.wait(seconds: timeout) else {
        child.kill()
        throw TestFailure("script still running after \(timeout) s; killed: \(script.prefix(200))")
    }
    return RunResult(status: status, stdout: child.stdout, stderr: child.stderr, seconds: Date().timeIntervalSince(started))
}

/// A private mount namespace with a tmpfs is what the full-disk tests need:
/// root (as here and in CI), or a kernel that lets users unshare.
let mountNamespaces: Bool = {
    guard let tmp = try? TemporaryDirectory(prefix: "podgrade-ns") else { return false }
    let script = "mkdir m && unshare -m sh -c 'mount -t tmpfs -o size=64k tmpfs m && touch m/x'"
    return (try? shell(script, in: tmp.path, timeout: 10))?.status == 0
}()

let noNamespaces = "needs `unshare -m` and `mount -t tmpfs` (root or CAP_SYS_ADMIN); not permitted here, so skipped"

/// Rows of a gradebook without the header.
func gradebookRows(_ directory: String) throws -> [[String]] {
    Array(try CSV.parse(try read(directory + "/gradebook.csv")).dropFirst())
}

/// A bare repository `name.git` under `served`, made from a work tree with these solutions.
@discardableResult
func servedRepository(_ name: String, in served: String, scratch: String, slugs: [String], date: TimeInterval = Dates.first) throws -> String {
    let work = scratch + "/work-" + name
    let ids = try makeRepository(at: work, commits: [(slugs, date)], student: name)
    try git(["clone", "-q", "--bare", work, served + "/" + name + ".git"], in: scratch)
    return ids[0]
}

@Suite(.serialized) struct FaultTests {
    /// Two, then four `grade` runs of one roster at once over one cache: each
    /// gradebook equals a lone run's, no error row.
    @Test func concurrentRunsOverOneCacheEqualALoneRun() throws {
        let tmp = try TemporaryDirectory()
        let served = tmp.sub("served")
        try FileManager.default.createDirectory(atPath: served, withIntermediateDirectories: true)
        let slugs: [[String]] = [["01-multi-container-pod"], ["03-sidecar-logging"], ["04-adapter"], ["01-multi-container-pod", "04-adapter"]]
        for (index, solution) in slugs.enumerated() {
            try servedRepository("r\(index)", in: served, scratch: tmp.path, slugs: solution)
        }
        let daemon = try GitDaemon(baseDirectory: served, scratch: tmp.path)
        defer { daemon.stop() }
        // Eight learners on four repositories: learners of one run also share entries.
        try writeRoster((0..<8).map { ["s\($0)", daemon.url("r\($0 % 4).git"), ""] }, to: tmp.sub("roster.csv"))
        let arguments = ["grade", "roster.csv", "--jobs", "4", "--lang", "en"]
        let lone = try podgrade(arguments + ["--out", "lone", "--cache", "lone-cache"], in: tmp.path)
        #expect(lone.status == 0, "\(lone.stderr)")
        let expected = try read(tmp.sub("lone/gradebook.csv"))
        #expect(try gradebookRows(tmp.sub("lone")).map { $0[$0.count - 2] } == Array(repeating: "fail", count: 8))

        for width in [2, 4] {
            let runs = try (0..<width).map { k in
                try startPodgrade(arguments + ["--out", "w\(width)-\(k)", "--cache", "shared-\(width)"], in: tmp.path)
            }
            defer { runs.forEach { $0.kill() } }
            for (k, run) in runs.enumerated() {
                #expect(run.wait(seconds: 60) == 0, "run \(k) of \(width): \(run.stderr)")
                #expect(try read(tmp.sub("w\(width)-\(k)/gradebook.csv")) == expected, "run \(k) of \(width)")
            }
            let cache = try FileManager.default.contentsOfDirectory(atPath: tmp.sub("shared-\(width)"))
            #expect(cache.filter { !$0.hasSuffix(".lock") }.count == 4, "\(cache)")
            #expect(!cache.contains { $0.contains(".partial-") })
        }
    }

    /// A run that finds the cache lock taken says so and waits; the lock dies with
    /// its holder; a wait past the limit is a transient error row.
    @Test func cacheLockWaitIsShownAndDiesWithItsHolder() throws {
        let tmp = try TemporaryDirectory()
        let served = tmp.sub("served")
        let commit = try servedRepository("ann", in: served, scratch: tmp.path, slugs: ["04-adapter"])
        let daemon = try GitDaemon(baseDirectory: served, scratch: tmp.path)
        defer { daemon.stop() }
        try writeRoster([["ann", daemon.url("ann.git"), ""]], to: tmp.sub("roster.csv"))
        let arguments = ["grade", "roster.csv", "--cache", "cache", "--lang", "en"]
        #expect(try podgrade(arguments + ["--out", "first"], in: tmp.path).status == 0)
        let locks = try FileManager.default.contentsOfDirectory(atPath: tmp.sub("cache")).filter { $0.hasSuffix(".lock") }
        #expect(locks.count == 1)
        let lock = tmp.sub("cache/" + (locks.first ?? "none"))

        // Held by another process, which is then killed: the run goes on.
        let holder = try Child(executable: "/usr/bin/flock", arguments: ["-o", lock, "sleep", "5"], directory: tmp.path,
                               environment: ProcessInfo.processInfo.environment, outputIn: tmp.path)
        defer { holder.kill() }
        #expect(waitUntilLocked(lock))
        let waiting = try startPodgrade(arguments + ["--out", "second"], in: tmp.path)
        defer { waiting.kill() }
        usleep(1_000_000)
        #expect(waiting.wait(seconds: 0) == nil, "the run did not wait for the lock")
        holder.kill()
        #expect(waiting.wait(seconds: 20) == 0, "\(waiting.stderr)")
        #expect(waiting.stderr.hasPrefix("ann: waiting for the cache lock of ann (another podgrade is updating it)\n"), "\(waiting.stderr)")
        #expect(try gradebookRows(tmp.sub("second")) == [try CSV.parse(gradedRow("ann", daemon.url("ann.git"), commit, ["04-adapter": 15])).first ?? []])

        // Held past the limit: a transient error row, graded by --resume once the lock is free.
        let stuck = try Child(executable: "/usr/bin/flock", arguments: ["-o", lock, "sleep", "5"], directory: tmp.path,
                              environment: ProcessInfo.processInfo.environment, outputIn: tmp.path)
        defer { stuck.kill() }
        #expect(waitUntilLocked(lock))
        let limited = try podgrade(arguments + ["--out", "third", "--retries", "0"], in: tmp.path,
                                   environment: ["PODGRADE_CACHE_LOCK_WAIT": "0.5"])
        #expect(limited.status == 1)
        let row = try gradebookRows(tmp.sub("third")).first ?? []
        #expect(row.last == daemon.url("ann.git") + ": another process held the cache lock of ann for more than 0.5 s; try again when it has finished")
        #expect(try journalLines(tmp.sub("third")).first?["errorKind"] as? String == "transient")
        stuck.kill()
        let resumed = try podgrade(arguments + ["--out", "third", "--resume"], in: tmp.path)
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(resumed.stderr.hasSuffix("Graded 1 of 1 (skipped by --resume: 0), errors: 0. Results: third/gradebook.csv, third/report.html\n"))
    }

    /// A corrupt cache entry (objects gone), a partial clone and a git lock file
    /// left by killed processes: moved aside, cleaned, cloned again, never graded.
    @Test func brokenCacheEntryIsClonedAgain() throws {
        let tmp = try TemporaryDirectory()
        let served = tmp.sub("served")
        let commit = try servedRepository("bea", in: served, scratch: tmp.path, slugs: ["03-sidecar-logging"])
        let daemon = try GitDaemon(baseDirectory: served, scratch: tmp.path)
        defer { daemon.stop() }
        try writeRoster([["bea", daemon.url("bea.git"), ""]], to: tmp.sub("roster.csv"))
        let arguments = ["grade", "roster.csv", "--cache", "cache", "--lang", "en"]
        #expect(try podgrade(arguments + ["--out", "first"], in: tmp.path).status == 0)
        let entry = try #require(try FileManager.default.contentsOfDirectory(atPath: tmp.sub("cache")).first { $0.hasSuffix(".git") })
        let mirror = tmp.sub("cache/" + entry)
        try FileManager.default.removeItem(atPath: mirror + "/objects")
        try FileManager.default.createDirectory(atPath: mirror + "/objects/pack", withIntermediateDirectories: true)
        try write("", to: mirror + "/refs/heads/main.lock")
        try FileManager.default.createDirectory(atPath: tmp.sub("cache/.\(entry).partial-killed/objects"), withIntermediateDirectories: true)

        let again = try podgrade(arguments + ["--out", "second"], in: tmp.path)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(try read(tmp.sub("second/gradebook.csv")) == gradebookHeader
            + gradedRow("bea", daemon.url("bea.git"), commit, ["03-sidecar-logging": 15]))
        #expect(try FileManager.default.contentsOfDirectory(atPath: tmp.sub("cache")).sorted() == [entry, entry + ".lock"])
    }

    /// The git daemon killed mid-batch and started again two seconds later: the
    /// learners that met it dead are tried again and graded.
    @Test func daemonKilledMidBatchAndRestarted() throws {
        let tmp = try TemporaryDirectory()
        let served = tmp.sub("served")
        var commits: [String] = []
        for k in 0..<8 { commits.append(try servedRepository("r\(k)", in: served, scratch: tmp.path, slugs: ["04-adapter"])) }
        let daemon = try GitDaemon(baseDirectory: served, scratch: tmp.path)
        defer { daemon.stop() }
        try writeRoster((0..<8).map { ["s\($0)", daemon.url("r\($0).git"), ""] }, to: tmp.sub("roster.csv"))
        let run = try startPodgrade(["grade", "roster.csv", "--out", "out", "--jobs", "1", "--retries", "3", "--cache", "cache",
                                     "--lang", "en"], in: tmp.path)
        defer { run.kill() }
        let giveUp = Date().addingTimeInterval(20)
        while Date() < giveUp, ((try? read(tmp.sub("out/journal.jsonl"))) ?? "").isEmpty { usleep(2_000) }
        // Frozen while the daemon dies, so the rest of the batch meets it dead.
        kill(run.pid, SIGSTOP)
        daemon.stop()
        kill(run.pid, SIGCONT)
        usleep(2_000_000)
        try daemon.restart()
        #expect(run.wait(seconds: 30) == 0, "\(run.stderr)")
        let expected = gradebookHeader + (0..<8).map { gradedRow("s\($0)", daemon.url("r\($0).git"), commits[$0], ["04-adapter": 15]) }.joined()
        #expect(try read(tmp.sub("out/gradebook.csv")) == expected)
        let attempts = try journalLines(tmp.sub("out")).compactMap { $0["attempts"] as? Int }
        #expect(attempts.count == 8 && attempts.contains { $0 > 1 }, "\(attempts)")
        #expect(run.stderr.contains(": attempt 1 failed ("), "\(run.stderr)")
    }

    /// A server that drops the connection after the first bytes: tried again,
    /// then an error row that says how many attempts were made.
    @Test func droppedConnectionIsRetriedThenAnErrorRow() throws {
        let tmp = try TemporaryDirectory()
        let server = try SilentServer(greeting: "00", hangUp: true).start()
        defer { server.stop() }
        let url = "git://127.0.0.1:\(server.port)/drop.git"
        try writeRoster([["dan", url, ""]], to: tmp.sub("roster.csv"))
        let run = try podgrade(["grade", "roster.csv", "--out", "out", "--retries", "1", "--cache", "cache", "--lang", "en"], in: tmp.path)
        #expect(run.status == 1)
        let row = try gradebookRows(tmp.sub("out")).first ?? []
        #expect(row[row.count - 2] == "error")
        #expect(row.last?.hasPrefix("cannot fetch '\(url)': ") == true, "\(row)")
        #expect(row.last?.hasSuffix(" (2 attempts)") == true, "\(row)")
        let journal = try journalLines(tmp.sub("out"))
        #expect(journal.first?["errorKind"] as? String == "transient")
        #expect(journal.first?["attempts"] as? Int == 2)
        #expect(run.stderr.hasPrefix("dan: attempt 1 failed ("), "\(run.stderr)")
        #expect(try cacheListing(tmp.sub("cache")).allSatisfy { $0.hasSuffix(".lock") })
    }

    /// HTTP answers: a 5xx can pass (tried again), a 404 or a 401 cannot (tried once).
    @Test func httpAnswersDecideWhetherToTryAgain() throws {
        let tmp = try TemporaryDirectory()
        func server(_ status: String) throws -> SilentServer {
            try SilentServer(greeting: "HTTP/1.1 \(status)\r\nContent-Length: 0\r\nConnection: close\r\n\r\n", hangUp: true).start()
        }
        let busy = try server("503 Service Unavailable"), missing = try server("404 Not Found"), closed = try server("401 Unauthorized")
        defer { [busy, missing, closed].forEach { $0.stop() } }
        let urls = [("busy", busy), ("missing", missing), ("closed", closed)].map { ($0.0, "http://127.0.0.1:\($0.1.port)/\($0.0).git") }
        try writeRoster(urls.map { [$0.0, $0.1, ""] }, to: tmp.sub("roster.csv"))
        let run = try podgrade(["grade", "roster.csv", "--out", "out", "--retries", "1", "--cache", "cache", "--lang", "en"], in: tmp.path)
        #expect(run.status == 1)
        let journal = Dictionary(try journalLines(tmp.sub("out")).map { ($0["student"] as? String ?? "", $0) }, uniquingKeysWith: { a, _ in a })
        #expect(journal["busy"]?["errorKind"] as? String == "transient")
        #expect(journal["busy"]?["attempts"] as? Int == 2)
        #expect((journal["busy"]?["error"] as? String)?.hasSuffix("unexpected http status code: 503. check the URL, that the repository is public and that the server is reachable (2 attempts)") == true,
                "\(journal["busy"] ?? [:])")
        #expect(journal["missing"]?["errorKind"] as? String == "permanent")
        #expect(journal["missing"]?["attempts"] as? Int == 1)
        #expect(journal["closed"]?["errorKind"] as? String == "permanent")
        #expect(journal["closed"]?["attempts"] as? Int == 1)
        #expect((journal["closed"]?["error"] as? String)?.contains("asks for credentials") == true, "\(journal["closed"] ?? [:])")
    }

    /// A repository deleted between two runs: a permanent error, tried once; the
    /// cache keeps what it had.
    @Test func repositoryDeletedBetweenTwoRuns() throws {
        let tmp = try TemporaryDirectory()
        let served = tmp.sub("served")
        let commit = try servedRepository("cy", in: served, scratch: tmp.path, slugs: ["01-multi-container-pod"])
        let daemon = try GitDaemon(baseDirectory: served, scratch: tmp.path)
        defer { daemon.stop() }
        let url = daemon.url("cy.git")
        try writeRoster([["cy", url, ""]], to: tmp.sub("roster.csv"))
        let arguments = ["grade", "roster.csv", "--cache", "cache", "--lang", "en"]
        #expect(try podgrade(arguments + ["--out", "first"], in: tmp.path).status == 0)
        #expect(try read(tmp.sub("first/gradebook.csv")) == gradebookHeader + gradedRow("cy", url, commit, ["01-multi-container-pod": 16]))
        try FileManager.default.removeItem(atPath: served + "/cy.git")
        let second = try podgrade(arguments + ["--out", "second"], in: tmp.path)
        #expect(second.status == 1)
        #expect(!second.stderr.contains("attempt 1 failed"), "a permanent error is not retried: \(second.stderr)")
        let row = try gradebookRows(tmp.sub("second")).first ?? []
        #expect(row.last == "cannot fetch '\(url)': remote error: access denied or repository not exported: /cy.git. there is no such repository, or it is not public; check the URL")
        let journal = try journalLines(tmp.sub("second"))
        #expect(journal.first?["errorKind"] as? String == "permanent")
        #expect(journal.first?["attempts"] as? Int == 1)
        #expect(try cacheListing(tmp.sub("cache")).filter { !$0.hasSuffix(".lock") }.count == 1, "the previous mirror stays")
    }

    /// --resume keeps graded learners and permanent errors, grades transient errors again.
    @Test func resumeGradesTransientErrorsAgain() throws {
        let tmp = try TemporaryDirectory()
        let served = tmp.sub("served")
        let up = try servedRepository("up", in: served, scratch: tmp.path, slugs: ["04-adapter"])
        let daemon = try GitDaemon(baseDirectory: served, scratch: tmp.path)
        defer { daemon.stop() }
        let later = tmp.sub("later")
        let downCommit = try servedRepository("down", in: later, scratch: tmp.path, slugs: ["01-multi-container-pod"])
        let downPort = try freeLoopbackPort() // nothing listens there yet: connection refused
        let downURL = "git://127.0.0.1:\(downPort)/down.git"
        try writeRoster([["up", daemon.url("up.git"), ""], ["down", downURL, ""], ["gone", daemon.url("gone.git"), ""],
                         ["norev", daemon.url("up.git"), "v9"]], to: tmp.sub("roster.csv"))
        let arguments = ["grade", "roster.csv", "--out", "out", "--retries", "0", "--cache", "cache", "--lang", "en"]
        let first = try podgrade(arguments, in: tmp.path)
        #expect(first.status == 1)
        let kinds = Dictionary(try journalLines(tmp.sub("out")).map { ($0["student"] as? String ?? "", $0["errorKind"] as? String ?? "-") },
                               uniquingKeysWith: { a, _ in a })
        #expect(kinds == ["up": "-", "down": "transient", "gone": "permanent", "norev": "permanent"])
        #expect(first.stderr.hasSuffix("Graded 4 of 4, errors: 3 (down, gone, norev). Results: out/gradebook.csv, out/report.html\n"),
                "\(first.stderr)")

        let second = try GitDaemon(baseDirectory: later, scratch: tmp.path, port: downPort)
        defer { second.stop() }
        let resumed = try podgrade(arguments + ["--resume"], in: tmp.path)
        #expect(resumed.status == 1)
        #expect(resumed.stderr == "[1/1] down: 16/\(labMax) fail\n"
            + "Graded 1 of 4 (skipped by --resume: 3), errors: 2 (gone, norev). Results: out/gradebook.csv, out/report.html\n")
        let rows = try gradebookRows(tmp.sub("out"))
        #expect(rows.map { $0[0] } == ["up", "down", "gone", "norev"])
        #expect(CSV.row(rows[0]) == gradedRow("up", daemon.url("up.git"), up, ["04-adapter": 15]))
        #expect(CSV.row(rows[1]) == gradedRow("down", downURL, downCommit, ["01-multi-container-pod": 16]))
        #expect(rows[2].last?.contains("not exported") == true && rows[3].last?.contains("'v9' does not exist") == true, "\(rows)")
        #expect(rows[3].last?.hasPrefix(daemon.url("up.git") + ": ") == true, "\(rows[3])")
    }

    /// --out on a small tmpfs that fills up mid-batch: exit 2 with a clear
    /// message, the journal's lines complete, no torn result; --resume after
    /// space is freed grades every learner exactly once.
    @Test(.enabled(if: mountNamespaces, Comment(rawValue: noNamespaces)))
    func fullOutputDiskStopsTheBatchAndResumeCompletesIt() throws {
        let tmp = try TemporaryDirectory()
        let repo = tmp.sub("repos/r")
        // Five learners hand in one repository: exercises without per-learner variants, so none is a caught copy.
        let commit = try makeRepository(at: repo, commits: [(["01-multi-container-pod", "02-yellow"], Dates.first)])[0]
        let students = (1...5).map { "s\($0)" }
        try writeRoster(students.map { [$0, "file://" + repo, ""] }, to: tmp.sub("roster.csv"))
        let common = ["grade", "roster.csv", "--jobs", "1", "--allow-local", "--cache", "cache", "--lang", "en"]
        // A lone run measures what a learner leaves (result and fingerprints): the tmpfs leaves room for two (and the journal).
        #expect(try podgrade(common + ["--out", "measure"], in: tmp.path).status == 0)
        var pages = 0
        for file in ["results/s1.json", "fingerprints/s1.json"] {
            var info = stat()
            stat(tmp.sub("measure/" + file), &info)
            pages += (Int(info.st_size) + 4095) / 4096
        }
        let size = 256 * 4096
        let filler = size - (2 * pages + 1) * 4096
        let command = ([podgradeBinary] + common).joined(separator: " ")
        let script = """
        mkdir -p disk && unshare -m sh -c '
        mount -t tmpfs -o size=\(size) tmpfs disk || exit 99
        head -c \(filler) /dev/zero > disk/filler
        \(command) --out disk/out > first.out 2> first.err; echo $? > first.status
        cp -a disk/out snap1
        rm disk/filler
        \(command) --out disk/out --resume > second.out 2> second.err; echo $? > second.status
        cp -a disk/out snap2
        '
        """
        let run = try shell(script, in: tmp.path)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try read(tmp.sub("first.status")) == "2\n")
        #expect(try read(tmp.sub("first.err")).split(separator: "\n").last
            == "podgrade: cannot write the results: disk/out/results/s3.json: No space left on device. Saved in the journal: 2 of 5; free some space, then run the same command with --resume")
        let journal = try read(tmp.sub("snap1/journal.jsonl"))
        #expect(journal.hasSuffix("\n"))
        #expect(try journalLines(tmp.sub("snap1")).compactMap { $0["student"] as? String } == ["s1", "s2"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: tmp.sub("snap1/results")).sorted() == ["s1.json", "s2.json"])
        for file in ["s1", "s2"] { _ = try jsonObject(tmp.sub("snap1/results/\(file).json")) }

        #expect(try read(tmp.sub("second.status")) == "0\n", "\((try? read(tmp.sub("second.err"))) ?? "")")
        #expect(try journalLines(tmp.sub("snap2")).compactMap { $0["student"] as? String } == students)
        let scores = ["01-multi-container-pod": 16, "02-yellow": 13]
        #expect(try read(tmp.sub("snap2/gradebook.csv"))
            == gradebookHeader + students.map { gradedRow($0, "file://" + repo, commit, scores) }.joined())
        #expect(try FileManager.default.contentsOfDirectory(atPath: tmp.sub("snap2/results")).sorted() == students.map { $0 + ".json" })
    }

    /// The cache's file system fills up: that learner's row is a transient error,
    /// the batch goes on, and the half-written clone is cleaned away.
    @Test(.enabled(if: mountNamespaces, Comment(rawValue: noNamespaces)))
    func fullCacheDiskIsATransientErrorRow() throws {
        let tmp = try TemporaryDirectory()
        let big = tmp.sub("repos/big")
        try makeRepository(at: big, commits: [(["01-multi-container-pod"], Dates.first)]) { repo in
            // 2 MB that do not compress: more than the cache's file system holds.
            let fd = open("/dev/urandom", O_RDONLY)
            defer { close(fd) }
            var bytes = [UInt8](repeating: 0, count: 2 << 20)
            _ = bytes.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            try Data(bytes).write(to: URL(fileURLWithPath: repo + "/blob.bin"))
        }
        let small = try makeRepository(at: tmp.sub("repos/small"), commits: [(["04-adapter"], Dates.first)])[0]
        try writeRoster([["big", "file://" + big, ""], ["sm1", "file://" + tmp.sub("repos/small"), ""],
                         ["sm2", "file://" + tmp.sub("repos/small"), ""]], to: tmp.sub("roster.csv"))
        let command = [podgradeBinary, "grade", "roster.csv", "--out", "out", "--jobs", "1", "--retries", "0", "--allow-local",
                       "--cache", "disk/cache", "--lang", "en"].joined(separator: " ")
        let script = """
        mkdir -p disk && unshare -m sh -c '
        mount -t tmpfs -o size=1m tmpfs disk || exit 99
        \(command) > run.out 2> run.err; echo $? > run.status
        ls -a disk/cache > listing
        '
        """
        let run = try shell(script, in: tmp.path)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try read(tmp.sub("run.status")) == "1\n", "\((try? read(tmp.sub("run.err"))) ?? "")")
        let rows = try gradebookRows(tmp.sub("out"))
        #expect(rows.map { $0[0] } == ["big", "sm1", "sm2"])
        #expect(rows[0][rows[0].count - 2] == "error")
        #expect(rows[0].last?.contains("No space left on device") == true, "\(rows[0])")
        #expect(try journalLines(tmp.sub("out")).first?["errorKind"] as? String == "transient")
        for row in rows.dropFirst() {
            #expect(CSV.row(row) == gradedRow(row[0], "file://" + tmp.sub("repos/small"), small, ["04-adapter": 15]))
        }
        let listing = try read(tmp.sub("listing")).split(separator: "\n")
        #expect(!listing.contains { $0.contains(".partial-") }, "\(listing)")
        #expect(listing.filter { $0.hasSuffix(".git") }.count == 1, "\(listing)")
    }

    /// Two runs on one output folder would mix their journals: the second stops at once.
    @Test func secondRunOnAnOutputFolderInUseStops() throws {
        let tmp = try TemporaryDirectory()
        let hang = try SilentServer().start()
        defer { hang.stop() }
        try writeRoster([["slow", "git://127.0.0.1:\(hang.port)/slow.git", ""]], to: tmp.sub("roster.csv"))
        let arguments = ["grade", "roster.csv", "--out", "out", "--cache", "cache", "--lang", "en"]
        let first = try startPodgrade(arguments + ["--clone-timeout", "20"], in: tmp.path)
        defer { first.kill() }
        let giveUp = Date().addingTimeInterval(10)
        while Date() < giveUp, !FileManager.default.fileExists(atPath: tmp.sub("out/journal.jsonl")) { usleep(10_000) }
        usleep(200_000)
        let second = try podgrade(arguments, in: tmp.path)
        #expect(second.status == 2)
        #expect(second.stderr == "podgrade: out/journal.jsonl is in use by another podgrade run; give each run its own --out folder\n")
        #expect(first.wait(seconds: 0) == nil, "the first run goes on")
    }

    /// Ctrl-C: the learners that finished are in the gradebook and report, the
    /// run says how to resume, exits 130, and leaves no partial clone.
    @Test func interruptWritesWhatFinishedAndSaysHowToResume() throws {
        let tmp = try TemporaryDirectory()
        let repo = tmp.sub("repos/r")
        let commit = try makeRepository(at: repo, commits: [(["04-adapter"], Dates.first)])[0]
        let hang = try SilentServer().start()
        defer { hang.stop() }
        let slow = "git://127.0.0.1:\(hang.port)/slow.git"
        try writeRoster([["a", "file://" + repo, ""], ["b", "file://" + repo, ""], ["slow", slow, ""], ["c", "file://" + repo, ""]],
                        to: tmp.sub("roster.csv"))
        let run = try startPodgrade(["grade", "roster.csv", "--out", "out", "--jobs", "1", "--allow-local", "--cache", "cache",
                                     "--clone-timeout", "30", "--lang", "en"], in: tmp.path)
        defer { run.kill() }
        let giveUp = Date().addingTimeInterval(20)
        while Date() < giveUp, ((try? read(tmp.sub("out/journal.jsonl"))) ?? "").split(separator: "\n").count < 2 { usleep(10_000) }
        // Inside the silent server's clone: its partial clone is there.
        var partials: [String] = []
        while Date() < giveUp, partials.isEmpty {
            partials = ((try? FileManager.default.contentsOfDirectory(atPath: tmp.sub("cache"))) ?? []).filter { $0.contains(".partial-") }
            usleep(10_000)
        }
        #expect(partials.count == 1, "the clone of slow is under way")
        usleep(100_000)
        let sent = Date()
        kill(run.pid, SIGINT)
        #expect(run.wait(seconds: 10) == 130, "\(run.stderr)")
        #expect(Date().timeIntervalSince(sent) < 3)
        #expect(run.stderr.hasSuffix("Graded 2 of 4, errors: 0. Results: out/gradebook.csv, out/report.html\n"
            + "Interrupted. To continue where it stopped: podgrade grade roster.csv --out out --jobs 1 --allow-local --cache cache --clone-timeout 30 --lang en --resume\n"),
            "\(run.stderr)")
        #expect(try read(tmp.sub("out/gradebook.csv")) == gradebookHeader
            + gradedRow("a", "file://" + repo, commit, ["04-adapter": 15]) + gradedRow("b", "file://" + repo, commit, ["04-adapter": 15]))
        let html = try read(tmp.sub("out/report.html"))
        #expect(html.contains("Learners: <b>2</b>"), "the report holds what finished")
        #expect(try cacheListing(tmp.sub("cache")).allSatisfy { !$0.contains(".partial-") })
        #expect(try journalLines(tmp.sub("out")).count == 2, "the interrupted learner is left for --resume")
    }
}

/// Waits until another process holds the flock on `path` (true), or 10 s pass.
func waitUntilLocked(_ path: String) -> Bool {
    let giveUp = Date().addingTimeInterval(10)
    while Date() < giveUp {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd >= 0 {
            let free = flock(fd, LOCK_EX | LOCK_NB) == 0
            close(fd) // releases it if we took it
            if !free { return true }
        }
        usleep(20_000)
    }
    return false
}

func cacheListing(_ path: String) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: path).sorted()
}

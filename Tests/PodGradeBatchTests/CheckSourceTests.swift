import Foundation
import Testing

/// `podgrade check` on repositories: URLs through the cache, bare repositories,
/// work trees at a revision, symlinks.
@Suite struct CheckSourceTests {
    func exercise(_ result: [String: Any], _ id: String) -> [String: Any]? {
        (result["exercises"] as? [[String: Any]])?.first { $0["id"] as? String == id }
    }

    @Test func urlsAreClonedIntoTheCacheAndFetchedAgain() throws {
        let tmp = try TemporaryDirectory()
        let repos = tmp.sub("repos")
        let first = try makeRepository(at: repos + "/learner", commits: [(["01-multi-container-pod"], Dates.first)])
        let daemon = try GitDaemon(baseDirectory: repos, scratch: tmp.path)
        defer { daemon.stop() }
        let urls = [daemon.url("learner"), "file://" + repos + "/learner"]

        func check(_ url: String) throws -> [String: Any] {
            let run = try podgrade(["check", url, "--cache", "cache", "--format", "json", "--lang", "en"], in: tmp.path)
            // Every exercise present passes (missing ones are not graded): exit 0.
            #expect(run.status == 0, "\(run.stderr)")
            return try jsonObject(text: run.stdout)
        }
        for url in urls {
            let result = try check(url)
            let source = try #require(result["source"] as? [String: Any])
            #expect(source["url"] as? String == url)
            #expect(source["commit"] as? String == first[0])
            #expect(result["score"] as? Int == 16)
        }
        // Each entry has its lock file beside it (the lock on it is what counts).
        let all = try FileManager.default.contentsOfDirectory(atPath: tmp.sub("cache"))
        #expect(all.filter { $0.hasSuffix(".git.lock") }.count == 2, "\(all)")
        let entries = all.filter { !$0.hasSuffix(".lock") }
        #expect(entries.count == 2 && entries.allSatisfy { $0.hasSuffix(".git") && !$0.hasPrefix(".") }, "\(entries)")

        // A new commit upstream: the next run fetches it into the same cache entries.
        try copySolution("04-adapter", into: repos + "/learner")
        try git(["add", "-A"], in: repos + "/learner")
        try git(["commit", "-q", "-m", "adapter"], in: repos + "/learner", date: Dates.second)
        let second = try git(["rev-parse", "HEAD"], in: repos + "/learner")
        for url in urls {
            let result = try check(url)
            #expect((result["source"] as? [String: Any])?["commit"] as? String == second)
            #expect(result["score"] as? Int == 31)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: tmp.sub("cache")).sorted() == all.sorted())
    }

    @Test func bareRepositoryIsReadFromItsObjects() throws {
        let tmp = try TemporaryDirectory()
        let ids = try makeRepository(at: tmp.sub("work"), commits: [(["01-multi-container-pod"], Dates.first),
                                                                     (["03-sidecar-logging"], Dates.second)])
        try git(["clone", "-q", "--bare", tmp.sub("work"), tmp.sub("bare.git")], in: tmp.path)
        try FileManager.default.removeItem(atPath: tmp.sub("work"))
        let run = try podgrade(["check", "bare.git", "--format", "json", "--lang", "en"], in: tmp.path)
        let result = try jsonObject(text: run.stdout)
        #expect((result["source"] as? [String: Any])?["commit"] as? String == ids[1])
        #expect(result["score"] as? Int == 31)
        let older = try jsonObject(text: try podgrade(["check", "bare.git", "--rev", "HEAD~1", "--format", "json", "--lang", "en"],
                                                      in: tmp.path).stdout)
        #expect((older["source"] as? [String: Any])?["commit"] as? String == ids[0])
        #expect(older["score"] as? Int == 16)
    }

    @Test func workTreeAtARevisionIgnoresTheDisk() throws {
        let tmp = try TemporaryDirectory()
        let work = tmp.sub("work")
        let ids = try makeRepository(at: work, commits: [(["01-multi-container-pod"], Dates.first)])
        try git(["rm", "-q", "-r", "01-multi-container-pod"], in: work)
        try git(["commit", "-q", "-m", "removed"], in: work, date: Dates.second)
        // On disk only, never committed: a full 03 and a broken 01.
        try copySolution("03-sidecar-logging", into: work)
        try write("kind: [broken\n", to: work + "/01-multi-container-pod/pod.yaml")

        for path in ["work", "work/03-sidecar-logging"] {
            let run = try podgrade(["check", path, "--rev", "HEAD~1", "--format", "json", "--lang", "en"], in: tmp.path)
            let result = try jsonObject(text: run.stdout)
            #expect((result["source"] as? [String: Any])?["commit"] as? String == ids[0], "\(path)")
            #expect(exercise(result, "01-multi-container-pod")?["score"] as? Int == 16, "\(path)")
            #expect(exercise(result, "03-sidecar-logging")?["status"] as? String == "missing", "\(path)")
        }
        // --deadline on the work tree: the first commit, one newer.
        let atDeadline = try jsonObject(text: try podgrade(["check", "work", "--deadline", "2024-01-01T12:00:00Z", "--format", "json",
                                                            "--lang", "en"], in: tmp.path).stdout)
        let source = atDeadline["source"] as? [String: Any]
        #expect(source?["commit"] as? String == ids[0])
        #expect(source?["newerCommits"] as? Int == 1)
    }

    @Test func symlinkIsReportedNeverFollowed() throws {
        let tmp = try TemporaryDirectory()
        let work = tmp.sub("work")
        try makeRepository(at: work, commits: [([], Dates.first)]) { repo in
            try FileManager.default.createDirectory(atPath: repo + "/03-sidecar-logging", withIntermediateDirectories: true)
            try FileManager.default.createSymbolicLink(atPath: repo + "/03-sidecar-logging/pod.yaml", withDestinationPath: "/etc/passwd")
        }
        let passwd = (try? read("/etc/passwd")) ?? "root:x:0:0"
        let firstLine = String(passwd.split(separator: "\n").first ?? "root:x:0:0")
        for arguments in [["work", "--rev", "HEAD"], ["file://" + work, "--cache", "cache"], ["work"]] {
            let run = try podgrade(["check"] + arguments + ["--exercise", "03-sidecar-logging", "--format", "json", "--lang", "en"],
                                   in: tmp.path)
            #expect(run.status == 1)
            #expect(!run.stdout.contains(firstLine) && !run.stdout.contains("root:x:0"), "\(arguments)")
            let result = try jsonObject(text: run.stdout)
            let checks = exercise(result, "03-sidecar-logging")?["checks"] as? [[String: Any]] ?? []
            let syntax = checks.first { $0["rule"] as? String == "yaml.syntax" }
            #expect(syntax?["status"] as? String == "fail", "\(arguments)")
            let message = syntax?["message"] as? String ?? ""
            #expect(message.contains("03-sidecar-logging/pod.yaml") && message.contains("symbolic link"), "\(arguments): \(message)")
            let text = try podgrade(["check"] + arguments + ["--exercise", "03-sidecar-logging", "--lang", "en"], in: tmp.path)
            #expect(!text.stdout.contains("root:x:0") && !text.stdout.contains(firstLine))
        }
    }
}

@Suite struct DeployManifestTests {
    @Test func kubernetesManifestsPassValidate() throws {
        let run = try podgrade(["validate", "deploy/kubernetes/"], in: packageRoot)
        #expect(run.status == 0)
        #expect(run.stdout == "2 файла, 3 объекта, 0 ошибок\n", "\(run.stdout)") // nothing but the closing line
        #expect(run.stderr.isEmpty, "\(run.stderr)")
        let job = try read(packageRoot + "/deploy/kubernetes/grade-job.yaml")
        for needle in ["completionMode: Indexed", "backoffLimitPerIndex", "restartPolicy: Never", "claimName: podgrade-results",
                       "ReadWriteMany", "\"--shard\", \"$(JOB_COMPLETION_INDEX)/4\"", "\"/results/shard-$(JOB_COMPLETION_INDEX)\"",
                       "command: [\"podgrade\"]", "fieldPath: metadata.annotations['batch.kubernetes.io/job-completion-index']",
                       "podFailurePolicy", "action: FailIndex",
                       "name: podgrade-roster", "completions: 4", "parallelism: 4"] {
            #expect(job.contains(needle), "\(needle)")
        }
        let report = try read(packageRoot + "/deploy/kubernetes/report-job.yaml")
        #expect(report.contains("command: [\"podgrade\"]"))
        #expect(report.contains("args: [\"report\", \"/results/shard-0\", \"/results/shard-1\", \"/results/shard-2\", \"/results/shard-3\",\n"
                                + "               \"--html\", \"/results/report.html\", \"--csv\", \"/results/gradebook.csv\", \"--lang\", \"en\"]"))
        // No shell in the image (make image: FROM scratch): neither Job may need one.
        #expect(!job.contains("\"sh\"") && !report.contains("\"sh\""))
    }
}

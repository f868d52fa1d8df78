import Foundation
import PodGradeGit
import Testing

@Suite struct CloneTests {
    @Test func clonesOverFileURLThenFetchesNewCommits() throws {
        let tmp = try TemporaryDirectory()
        let origin = try makeThreeCommitRepository(in: tmp)
        let cache = tmp.sub("cache")
        let url = "file://" + origin

        let first = try GitRemote.cloneOrFetch(url, cacheDirectory: cache, timeout: 5, allowLocal: true)
        #expect(first.isBare)
        #expect(try first.resolve().summary == "third")
        #expect(try first.resolve("feature").summary == "second")
        let entries = try cacheEntries(cache)
        #expect(entries.count == 1)
        #expect(entries.first?.hasSuffix(".git") == true)
        #expect(entries.first?.hasPrefix("work-") == true)

        try write("kind: Deployment\n", to: origin + "/deploy.yaml")
        try git(["add", "-A"], in: origin)
        try git(["commit", "-q", "-m", "fourth"], in: origin, date: Fixture.third + 60)
        try git(["tag", "v1"], in: origin)
        try git(["branch", "-D", "feature"], in: origin)
        let newHead = try git(["rev-parse", "HEAD"], in: origin)

        let second = try GitRemote.cloneOrFetch(url, cacheDirectory: cache, timeout: 5, allowLocal: true)
        #expect(second.gitDirectory == first.gitDirectory)
        #expect(try second.resolve().id == newHead)
        #expect(try second.resolve("v1").id == newHead)
        #expect(gitError { _ = try second.resolve("feature") }?.code == .revisionNotFound) // pruned
        let files = try second.files(at: "HEAD")
        #expect(files.map(\.path) == ["deploy.yaml", "pod.yaml"])
    }

    @Test func rebuildsABrokenCacheEntry() throws {
        let tmp = try TemporaryDirectory()
        let origin = try makeThreeCommitRepository(in: tmp)
        let cache = tmp.sub("cache")
        let first = try GitRemote.cloneOrFetch(origin, cacheDirectory: cache, timeout: 5, allowLocal: true)
        let mirror = first.gitDirectory
        try FileManager.default.removeItem(atPath: mirror + "/HEAD") // no longer a repository
        let rebuilt = try GitRemote.cloneOrFetch(origin, cacheDirectory: cache, timeout: 5, allowLocal: true)
        #expect(rebuilt.gitDirectory == mirror)
        #expect(try rebuilt.resolve().summary == "third")
    }

    @Test func refusesLocalURLUnlessAllowed() throws {
        let tmp = try TemporaryDirectory()
        let origin = try makeThreeCommitRepository(in: tmp)
        let cache = tmp.sub("cache")
        let error = gitError {
            _ = try GitRemote.cloneOrFetch("file://" + origin, cacheDirectory: cache, timeout: 5, allowLocal: false)
        }
        #expect(error?.code == .transportRefused)
        #expect(!FileManager.default.fileExists(atPath: cache))
    }

    @Test func failedCloneLeavesNoCacheEntry() throws {
        let tmp = try TemporaryDirectory()
        let cache = tmp.sub("cache")
        let error = gitError {
            _ = try GitRemote.cloneOrFetch(tmp.sub("missing"), cacheDirectory: cache, timeout: 5, allowLocal: true)
        }
        #expect(error?.code == .repositoryNotFound, "\(error?.message ?? "")")
        #expect(error?.isTransient == false)
        #expect(try cacheEntries(cache) == [])
    }

    @Test func refusedConnectionFailsFast() throws {
        let tmp = try TemporaryDirectory()
        let port = try freeLoopbackPort() // nothing listens there any more
        let started = ContinuousClock.now
        let error = gitError {
            _ = try GitRemote.cloneOrFetch("git://127.0.0.1:\(port)/x", cacheDirectory: tmp.path, timeout: 5, allowLocal: false)
        }
        #expect(error?.code == .cloneFailed)
        #expect(error?.isTransient == true)
        #expect(ContinuousClock.now - started < .seconds(3))
    }

    @Test func clonesAndFetchesOverGitDaemon() throws {
        let tmp = try TemporaryDirectory()
        let origin = try makeThreeCommitRepository(in: tmp)
        let served = tmp.sub("served")
        try FileManager.default.createDirectory(atPath: served, withIntermediateDirectories: true)
        try git(["clone", "-q", "--bare", origin, served + "/lab.git"], in: tmp.path)
        let daemon = try GitDaemon(baseDirectory: served)
        defer { daemon.stop() }
        let url = "git://127.0.0.1:\(daemon.port)/lab.git"
        let cache = tmp.sub("cache")

        let mirror = try GitRemote.cloneOrFetch(url, cacheDirectory: cache, timeout: 10, allowLocal: false)
        #expect(try mirror.resolve().id == (try git(["rev-parse", "HEAD"], in: origin)))
        #expect(try mirror.resolve().summary == "third")
        #expect(try mirror.commit(at: Date(timeIntervalSince1970: Fixture.second)).newerCommits == 1)

        try write("kind: Job\n", to: origin + "/job.yaml")
        try git(["add", "-A"], in: origin)
        try git(["commit", "-q", "-m", "fourth"], in: origin, date: Fixture.third + 60)
        try git(["push", "-q", served + "/lab.git", "main"], in: origin)
        let again = try GitRemote.cloneOrFetch(url, cacheDirectory: cache, timeout: 10, allowLocal: false)
        #expect(try again.resolve().summary == "fourth")
    }
}

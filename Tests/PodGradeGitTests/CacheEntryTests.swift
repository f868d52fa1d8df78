import Foundation
#if canImport(Glibc)
import Glibc
#endif
@testable import PodGradeGit
import Testing

/// The cache entry's lock, its atomic updates and its repairs.
@Suite struct CacheEntryTests {
    /// A failed fetch puts every ref back: changed refs return, new refs go.
    @Test func refsAreRestoredAfterAFailedFetch() throws {
        let tmp = try TemporaryDirectory()
        let origin = try makeThreeCommitRepository(in: tmp)
        let mirror = try GitRemote.cloneOrFetch("file://" + origin, cacheDirectory: tmp.sub("cache"), timeout: 5, allowLocal: true)
        let before = GitRemote.refTargets(mirror)
        #expect(before.keys.sorted() == ["refs/heads/feature", "refs/heads/main"])
        let first = try git(["rev-list", "--max-parents=0", "HEAD"], in: origin)
        try git(["update-ref", "refs/heads/main", first], in: mirror.gitDirectory)
        try git(["update-ref", "refs/heads/half-fetched", first], in: mirror.gitDirectory)
        try git(["update-ref", "-d", "refs/heads/feature"], in: mirror.gitDirectory)
        GitRemote.restoreRefs(before, in: mirror)
        #expect(GitRemote.refTargets(mirror) == before)
    }

    /// A ref naming a missing object makes the entry unusable (it is cloned again).
    @Test func anEntryWithMissingObjectsIsNotUsable() throws {
        let tmp = try TemporaryDirectory()
        let origin = try makeThreeCommitRepository(in: tmp)
        let mirror = try GitRemote.cloneOrFetch("file://" + origin, cacheDirectory: tmp.sub("cache"), timeout: 5, allowLocal: true)
        let path = mirror.gitDirectory
        #expect(GitRemote.usableMirror(path) != nil)
        try FileManager.default.removeItem(atPath: path + "/objects")
        try FileManager.default.createDirectory(atPath: path + "/objects/pack", withIntermediateDirectories: true)
        #expect(GitRemote.usableMirror(path) == nil)
        let again = try GitRemote.cloneOrFetch("file://" + origin, cacheDirectory: tmp.sub("cache"), timeout: 5, allowLocal: true)
        #expect(try again.resolve().summary == "third")
    }

    /// Another process holds the entry's lock past the wait: `.lockTimedOut`, an
    /// error that can pass, after saying once that it waits.
    @Test func aLockHeldTooLongIsATransientError() throws {
        let tmp = try TemporaryDirectory()
        let origin = try makeThreeCommitRepository(in: tmp)
        let cache = tmp.sub("cache")
        let url = "file://" + origin
        _ = try GitRemote.cloneOrFetch(url, cacheDirectory: cache, timeout: 5, allowLocal: true)
        let lock = cache + "/" + GitRemote.cacheName(for: url) + ".lock"
        #expect(FileManager.default.fileExists(atPath: lock))
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/usr/bin/flock")
        holder.arguments = ["-o", lock, "sleep", "3"]
        try holder.run()
        defer { holder.terminate() }
        // Wait until it holds the lock.
        let giveUp = Date().addingTimeInterval(10)
        while Date() < giveUp {
            let fd = open(lock, O_RDONLY | O_CLOEXEC)
            let free = flock(fd, LOCK_EX | LOCK_NB) == 0
            close(fd)
            if !free { break }
            usleep(20_000)
        }
        var waits = 0
        let started = ContinuousClock.now
        let error = gitError {
            _ = try GitRemote.cloneOrFetch(url, cacheDirectory: cache, timeout: 5, allowLocal: true, lockWait: 0.4, onLockWait: { waits += 1 })
        }
        #expect(error?.code == .lockTimedOut)
        #expect(error?.isTransient == true)
        #expect(error?.message == "another process held the cache lock of work for more than 0.4 s; try again when it has finished")
        #expect(waits == 1)
        #expect(ContinuousClock.now - started >= .seconds(0.4))
    }

    /// Threads of one process exclude each other too (flock is per open file).
    @Test func threadsOfOneProcessTakeTurns() throws {
        let tmp = try TemporaryDirectory()
        let origin = try makeThreeCommitRepository(in: tmp)
        let cache = tmp.sub("cache")
        let failures = Failures()
        DispatchQueue.concurrentPerform(iterations: 8) { _ in
            do {
                let mirror = try GitRemote.cloneOrFetch("file://" + origin, cacheDirectory: cache, timeout: 5, allowLocal: true)
                if (try? mirror.resolve().summary) != "third" { failures.add("wrong head") }
            } catch {
                failures.add("\(error)")
            }
        }
        #expect(failures.all.isEmpty, "\(failures.all)")
        #expect(try cacheEntries(cache).count == 1)
    }
}

final class Failures: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [String] = []
    func add(_ item: String) { lock.withLock { items.append(item) } }
    var all: [String] { lock.withLock { items } }
}

#if canImport(Glibc)
import Glibc
#endif

/// The lock of one cache entry, shared by every podgrade process of the machine
/// (`grade` runs, shards, `check URL`): flock(2) on `<entry>.lock` beside it, as
/// cargo locks its package cache. flock belongs to the open file description,
/// so two threads of one process exclude each other as two processes do, and the
/// kernel drops it when the holder's descriptor closes: a killed process never
/// leaves it held. The file stays (removing it would race with a waiter that
/// already opened it); its presence means nothing, only the lock on it does.
/// flock is advisory and local: a cache on NFS shared by several machines is not
/// protected (give each machine its own cache).
enum CacheLock {
    /// Runs `body` holding the lock at `path`; waits at most `wait` seconds for
    /// another holder, calling `onWait` once when it starts waiting.
    static func with<T>(_ path: String, entry: String, wait: Double, onWait: () -> Void,
                        _ body: () throws(GitError) -> T) throws(GitError) -> T {
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            let code = errno
            throw GitError(code == ENOSPC ? .diskFull : .io,
                           "cannot open the cache lock '\(path)': \(String(cString: strerror(code))); check that the cache directory is writable")
        }
        defer { close(fd) }
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            onWait()
            let giveUp = monotonicSeconds() + wait
            var pause: UInt32 = 20_000
            while flock(fd, LOCK_EX | LOCK_NB) != 0 {
                guard errno == EWOULDBLOCK || errno == EINTR else {
                    throw GitError(.io, "cannot lock '\(path)': \(String(cString: strerror(errno)))")
                }
                if NetworkDeadline.allInterrupted {
                    throw GitError(.interrupted, "interrupted while waiting for the cache lock of \(entry)")
                }
                if monotonicSeconds() >= giveUp {
                    throw GitError(.lockTimedOut,
                                   "another process held the cache lock of \(entry) for more than \(formatSeconds(wait)); try again when it has finished")
                }
                usleep(pause)
                pause = min(pause * 2, 200_000)
            }
        }
        defer { _ = flock(fd, LOCK_UN) }
        return try body()
    }
}

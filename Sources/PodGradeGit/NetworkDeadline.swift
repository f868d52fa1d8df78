import Dispatch
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Seconds on the monotonic clock; wall-clock jumps must not stretch or shrink timeouts.
func monotonicSeconds() -> Double {
    var now = timespec()
    clock_gettime(CLOCK_MONOTONIC, &now)
    return Double(now.tv_sec) + Double(now.tv_nsec) / 1_000_000_000
}

/// The time budget of one network operation (a clone or fetch).
///
/// libgit2 creates its sockets through our registered stream without any user
/// payload, so the budget travels in a thread-local: `cloneOrFetch` installs it on
/// its own thread and libgit2 creates and uses the stream synchronously on that
/// same thread. Each stream keeps a strong reference to the context it was born in.
final class NetworkDeadline: Sendable {
    /// Longest wait for any single connect, read or write to make progress.
    let idleTimeout: Double
    /// Monotonic instant after which every wait fails, however the server trickles data.
    let overallDeadline: Double

    private struct State {
        var didTimeOut = false
        var expired = false
        var interrupted = false
        /// Open sockets of this operation, so the watchdog can shut them down; that is the
        /// only way to wake libssh2, which reads the descriptor directly, not through us.
        var sockets: Set<Int32> = []
    }

    private let state = Mutex(State())

    init(idleTimeout: Double, overallTimeout: Double) {
        self.idleTimeout = max(0.05, idleTimeout)
        self.overallDeadline = monotonicSeconds() + max(self.idleTimeout, overallTimeout)
    }

    /// Used for streams created outside `cloneOrFetch` (another caller of libgit2 in
    /// this process): still bounded, never infinite.
    static func fallback() -> NetworkDeadline {
        NetworkDeadline(idleTimeout: 60, overallTimeout: 600)
    }

    var timedOut: Bool { state.withLock { $0.didTimeOut } }

    /// True once `interrupt()` was called (Ctrl-C): the operation fails as `.interrupted`.
    var interrupted: Bool { state.withLock { $0.interrupted } }

    func markTimedOut() { state.withLock { $0.didTimeOut = true } }

    /// The instant the next single wait must end.
    func nextWaitDeadline() -> Double {
        min(monotonicSeconds() + idleTimeout, overallDeadline)
    }

    // MARK: socket bookkeeping for the watchdog

    /// Records a socket; returns false (and the caller must close it) if the
    /// operation already expired.
    func adopt(_ fd: Int32) -> Bool {
        state.withLock { state in
            if state.expired { return false }
            state.sockets.insert(fd)
            return true
        }
    }

    /// Closes a socket under the lock, so the watchdog can never shut down a
    /// descriptor number that was already reused by someone else.
    func closeSocket(_ fd: Int32) {
        state.withLock { state in
            state.sockets.remove(fd)
            _ = close(fd)
        }
    }

    /// Called by the watchdog at the overall deadline.
    func expire() {
        state.withLock { state in
            if state.expired { return }
            state.expired = true
            if !state.sockets.isEmpty { state.didTimeOut = true }
            for fd in state.sockets { _ = shutdown(fd, Int32(SHUT_RDWR)) }
        }
    }

    /// Ctrl-C: ends the operation now, whatever it is waiting for.
    func interrupt() {
        state.withLock { state in
            state.interrupted = true
            state.expired = true
            for fd in state.sockets { _ = shutdown(fd, Int32(SHUT_RDWR)) }
        }
    }

    /// Runs `body` with this deadline installed for the current thread, with a
    /// watchdog that shuts this operation's sockets down at the overall deadline.
    func run<T>(_ body: () throws(GitError) -> T) throws(GitError) -> T {
        let key = NetworkDeadline.threadKey
        let previous = pthread_getspecific(key)
        pthread_setspecific(key, Unmanaged.passUnretained(self).toOpaque())
        let watchdog = DispatchWorkItem { [weak self] in self?.expire() }
        let delay = max(0, overallDeadline - monotonicSeconds())
        DispatchQueue.global().asyncAfter(deadline: .now() + delay + 0.25, execute: watchdog)
        let registered = NetworkDeadline.live.withLock { live -> Bool in
            if live.interrupted { return false }
            live.deadlines[ObjectIdentifier(self)] = self
            return true
        }
        if !registered { interrupt() }
        defer {
            watchdog.cancel()
            pthread_setspecific(key, previous)
            NetworkDeadline.live.withLock { _ = $0.deadlines.removeValue(forKey: ObjectIdentifier(self)) }
        }
        return try withExtendedLifetime(self) { () throws(GitError) -> T in try body() }
    }

    /// The deadline installed on the calling thread, if any.
    static func current() -> NetworkDeadline? {
        guard let raw = pthread_getspecific(threadKey) else { return nil }
        return Unmanaged<NetworkDeadline>.fromOpaque(raw).takeUnretainedValue()
    }

    /// The operations running now, so Ctrl-C can end them all; once interrupted,
    /// every later operation ends at once.
    private struct Live {
        var interrupted = false
        var deadlines: [ObjectIdentifier: NetworkDeadline] = [:]
    }

    private static let live = Mutex(Live())

    /// Ends every network operation of this process, now and from now on.
    static func interruptAll() {
        let running = live.withLock { live -> [NetworkDeadline] in
            live.interrupted = true
            return Array(live.deadlines.values)
        }
        for deadline in running { deadline.interrupt() }
    }

    static var allInterrupted: Bool { live.withLock { $0.interrupted } }

    private static let threadKey: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key, nil)
        return key
    }()
}

import Dispatch
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// The batch's one worker pool: `width` threads of their own, each taking the
/// next job index until none is left or `stop()` is called.
///
/// Why threads and not a task group: a learner's clone blocks inside libgit2,
/// mostly waiting on the network, and Swift's cooperative pool is only as wide
/// as the cores, so `--jobs 16` on two cores would grade two at a time. Workers
/// share nothing but the job counter; what they produce goes to an
/// `EventQueue` read by the caller's thread alone, which writes the journal and
/// draws the progress, so neither needs a lock.
final class WorkerPool: Sendable {
    private struct State {
        var next = 0
        var stopped = false
    }

    private let jobs: Int
    private let state = Mutex(State())
    private let finished = DispatchGroup()

    /// Starts `width` threads running `body` on job indices 0..<jobs; each
    /// thread calls `onExit` when it takes no more jobs. The number of threads
    /// is `min(width, jobs)`.
    init(width: Int, jobs: Int, onExit: @escaping @Sendable () -> Void, _ body: @escaping @Sendable (Int) -> Void) {
        self.jobs = jobs
        let count = max(0, min(width, jobs))
        var started = 0
        for _ in 0..<count {
            finished.enter()
            let work: @Sendable () -> Void = { [self] in
                while let index = self.take() { body(index) }
                onExit()
                self.finished.leave()
            }
            if Self.spawn(work) { started += 1 } else { finished.leave() }
        }
        // No thread could start (resource limits): do the work on this one.
        if started == 0 && count > 0 {
            while let index = take() { body(index) }
        }
        // Each thread that did not start counts as one that ended, after any work done here.
        for _ in started..<count { onExit() }
    }

    /// No job starts after this; jobs running finish.
    func stop() { state.withLock { $0.stopped = true } }

    var stopped: Bool { state.withLock { $0.stopped } }

    /// Waits for every worker to end.
    func join() { finished.wait() }

    private func take() -> Int? {
        state.withLock { state in
            guard !state.stopped, state.next < jobs else { return nil }
            defer { state.next += 1 }
            return state.next
        }
    }

    private final class Box: Sendable {
        let body: @Sendable () -> Void
        init(_ body: @escaping @Sendable () -> Void) { self.body = body }
    }

    private static func spawn(_ body: @escaping @Sendable () -> Void) -> Bool {
        var thread = pthread_t()
        let box = Unmanaged.passRetained(Box(body)).toOpaque()
        let status = pthread_create(&thread, nil, { argument in
            guard let argument else { return nil }
            Unmanaged<Box>.fromOpaque(argument).takeRetainedValue().body()
            return nil
        }, box)
        guard status == 0 else {
            Unmanaged<Box>.fromOpaque(box).release()
            return false
        }
        pthread_detach(thread)
        return true
    }
}

/// A queue of events from any thread to one reader, which may wait with a timeout.
final class EventQueue<Event: Sendable>: Sendable {
    private let items = Mutex<[Event]>([])
    private let available = DispatchSemaphore(value: 0)

    func post(_ event: Event) {
        items.withLock { $0.append(event) }
        available.signal()
    }

    /// The oldest event, or nil when none came within `seconds`.
    func next(waiting seconds: Double) -> Event? {
        guard available.wait(timeout: .now() + seconds) == .success else { return nil }
        return items.withLock { $0.isEmpty ? nil : $0.removeFirst() }
    }
}

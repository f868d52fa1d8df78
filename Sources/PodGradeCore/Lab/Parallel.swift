#if canImport(Glibc)
import Glibc
#endif

enum Parallel {
    /// `body(i)` for each `i` in `0..<count`, in order: the first half on a thread of its
    /// own, the rest on the calling one. Loading the bundled lab at a `check`'s start-up
    /// takes half the time on two cores. Without a thread, all of it here.
    static func inTwoThreads<T: Sendable>(_ count: Int, _ body: @escaping @Sendable (Int) -> T) -> [T] {
        let half = count / 2
        let task = HalfTask(count: half, body: body)
        var thread = pthread_t()
        let context = Unmanaged<ThreadTask>.passRetained(task).toOpaque()
        let started = pthread_create(&thread, nil, { raw in
            guard let raw else { return nil }
            Unmanaged<ThreadTask>.fromOpaque(raw).takeRetainedValue().run()
            return nil
        }, context) == 0
        guard started else {
            Unmanaged<ThreadTask>.fromOpaque(context).release()
            return (0..<count).map(body)
        }
        let second = (half..<count).map(body)
        pthread_join(thread, nil)
        return task.results + second
    }
}

/// What a thread runs (not generic: a C thread entry cannot name a generic type).
private class ThreadTask: @unchecked Sendable {
    func run() {}
}

/// The first half's work and results. `results` is written by the one thread that runs
/// the task and read by the caller only after `pthread_join`, which orders the two.
private final class HalfTask<T: Sendable>: ThreadTask, @unchecked Sendable {
    let count: Int
    let body: @Sendable (Int) -> T
    var results: [T] = []

    init(count: Int, body: @escaping @Sendable (Int) -> T) {
        self.count = count
        self.body = body
    }

    override func run() { results = (0..<count).map(body) }
}

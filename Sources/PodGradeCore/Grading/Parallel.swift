import Synchronization
#if canImport(Glibc)
import Glibc
#endif

enum Parallel {
    /// `body(i)` for each `i` in `0..<count`, results in order, worked on by the calling
    /// thread and one more, each taking the next index until none is left (so the two
    /// finish together however the work is spread). Loading the bundled lab at a
    /// `check`'s start-up, and grading its exercises, take half the time on two cores.
    /// Without a thread, all of it here.
    static func inTwoThreads<T: Sendable>(_ count: Int, _ body: @escaping @Sendable (Int) -> T) -> [T] {
        let work = SharedWork(count: count, body: body)
        var thread = pthread_t()
        let context = Unmanaged<ThreadTask>.passRetained(work).toOpaque()
        let started = pthread_create(&thread, nil, { raw in
            guard let raw else { return nil }
            Unmanaged<ThreadTask>.fromOpaque(raw).takeRetainedValue().run()
            return nil
        }, context) == 0
        if !started { Unmanaged<ThreadTask>.fromOpaque(context).release() }
        work.run()
        if started { pthread_join(thread, nil) }
        return work.results()
    }
}

/// What a thread runs (not generic: a C thread entry cannot name a generic type).
private class ThreadTask: @unchecked Sendable {
    func run() {}
}

/// The indices left, taken one at a time, and a slot for each result. Each slot is written
/// by the one thread that took its index, and read by the caller only after `pthread_join`
/// (or on the same thread), which orders the two.
private final class SharedWork<T: Sendable>: ThreadTask, @unchecked Sendable {
    private let count: Int
    private let body: @Sendable (Int) -> T
    private let next = Atomic<Int>(0)
    private let slots: UnsafeMutableBufferPointer<T?>

    init(count: Int, body: @escaping @Sendable (Int) -> T) {
        self.count = count
        self.body = body
        self.slots = .allocate(capacity: count)
        slots.initialize(repeating: nil)
    }

    deinit {
        _ = slots.deinitialize()
        slots.deallocate()
    }

    override func run() {
        while true {
            let index = next.add(1, ordering: .relaxed).oldValue
            guard index < count else { return }
            slots[index] = body(index)
        }
    }

    func results() -> [T] { slots.compactMap { $0 } }
}

import Dispatch
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Set once, read by every worker: stop starting, stop waiting.
final class StopFlag: Sendable {
    private let flag = Atomic<Bool>(false)

    func set() { flag.store(true, ordering: .relaxed) }

    var isSet: Bool { flag.load(ordering: .relaxed) }

    /// Sleeps `seconds` unless the flag is set meanwhile; false if it was.
    func sleep(_ seconds: Double) -> Bool {
        let end = DispatchTime.now().uptimeNanoseconds + UInt64(max(0, seconds) * 1e9)
        while DispatchTime.now().uptimeNanoseconds < end {
            if isSet { return false }
            usleep(50_000)
        }
        return !isSet
    }
}

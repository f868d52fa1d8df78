import PodGradeCore
#if canImport(Glibc)
import Glibc
#endif

/// `--watch`: grade, then grade again each time the manifests change.
/// Polling the tree (twice a second) works on every filesystem and needs no
/// platform API; the tree is small.
enum Watcher {
    static func run(request: SourceRequest, onChange: (SourceSnapshot) -> Void) throws -> Never {
        var last: [String: Int]?
        while true {
            if let snapshot = try? SourceLoader.snapshot(request) {
                let fingerprint = Dictionary(snapshot.files.map { file -> (String, Int) in
                    switch file.content {
                    case .bytes(let bytes): return (file.path, bytes.hashValue)
                    case .skipped(let reason): return (file.path, reason.hashValue)
                    }
                }, uniquingKeysWith: { a, _ in a })
                if fingerprint != last {
                    last = fingerprint
                    onChange(snapshot)
                    fflush(nil)
                }
            }
            usleep(500_000)
        }
    }

    /// The local time of day, HH:MM:SS, for the status line.
    static func clock() -> String {
        var now = time(nil)
        var parts = tm()
        localtime_r(&now, &parts)
        func two(_ n: Int32) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec))"
    }
}

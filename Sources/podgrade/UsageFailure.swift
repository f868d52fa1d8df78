import ArgumentParser
import PodGradeCore
#if canImport(Glibc)
import Glibc
#endif

/// Unusable input: one line on stderr, exit 2.
struct UsageFailure: Error, CustomStringConvertible {
    let message: String
    init(_ message: String) { self.message = message }
    var description: String { message }
}

import ArgumentParser
import PodGradeCore
#if canImport(Glibc)
import Glibc
#endif

func printError(_ text: String, newline: Bool = true) {
    var stderr = StandardError()
    print(text, terminator: newline ? "\n" : "", to: &stderr)
}

/// Standard error as an output stream (this target does not import Foundation).
struct StandardError: TextOutputStream {
    mutating func write(_ string: String) {
        var bytes = Array(string.utf8)
        _ = bytes.withUnsafeMutableBytes { Glibc.write(2, $0.baseAddress, $0.count) }
    }
}

/// Flushes the output streams and exits with a status.
func exitFlushed(_ code: Int32) -> Never {
    fflush(nil)
    Glibc.exit(code)
}

#if canImport(Glibc)
import Glibc
#endif

/// Writes a file whole or not at all: into a temporary file beside it, flushed,
/// then renamed over the target. A full disk leaves the old file (or none),
/// never half a gradebook.
public enum FileOutput {
    public struct Failure: Error, Sendable {
        public let message: String
    }

    public static func write(_ text: String, to path: String) throws(Failure) {
        try write(Array(text.utf8), to: path)
    }

    /// Writes every byte to an open descriptor, again after an interrupted or short write:
    /// nil when all were written, else the `errno` that stopped it.
    public static func writeAll(_ bytes: [UInt8], to fd: Int32) -> Int32? {
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { buffer -> Int in
                guard let base = buffer.baseAddress else { return -1 }
                return Glibc.write(fd, base + offset, buffer.count - offset)
            }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { return n < 0 ? errno : EIO }
            offset += n
        }
        return nil
    }

    public static func write(_ bytes: [UInt8], to path: String) throws(Failure) {
        let temporary = path + ".tmp-\(getpid())"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw Failure(message: "\(path): \(String(cString: strerror(errno)))") }
        if let failure = writeAll(bytes, to: fd) {
            close(fd)
            unlink(temporary)
            throw Failure(message: "\(path): \(String(cString: strerror(failure)))")
        }
        if fsync(fd) != 0 && errno != EINVAL {
            let reason = String(cString: strerror(errno))
            close(fd)
            unlink(temporary)
            throw Failure(message: "\(path): \(reason)")
        }
        close(fd)
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw Failure(message: "\(path): \(reason)")
        }
    }
}

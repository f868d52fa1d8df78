internal import CGit2

/// One-time process-wide setup of libgit2.
///
/// `git_libgit2_init` must run before any other libgit2 call and the timeout-aware
/// socket stream must be registered before the first network operation. A `static let`
/// is initialised exactly once, thread-safely (swift_once), on first use.
enum LibGit2 {
    /// True when the deadline-enforcing socket stream is active.
    private static let timeoutStreamInstalled: Bool = {
        git_libgit2_init()
        return DeadlineSocketStream.register()
    }()

    static func ensureInitialized() {
        _ = timeoutStreamInstalled
    }

    static var networkTimeoutsAvailable: Bool { timeoutStreamInstalled }
}

extension String {
    /// libgit2 takes NUL-terminated strings; an embedded NUL would silently truncate
    /// the value, so callers refuse such input instead.
    var hasEmbeddedNUL: Bool { utf8.contains(0) }
}

/// Hex form of an object id (40 characters for SHA-1).
func hexString(_ oid: UnsafePointer<git_oid>) -> String {
    var buffer = [CChar](repeating: 0, count: 64)
    buffer.withUnsafeMutableBufferPointer { out in
        _ = git_oid_tostr(out.baseAddress, out.count, oid)
    }
    return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
}

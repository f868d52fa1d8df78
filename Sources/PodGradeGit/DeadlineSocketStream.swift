internal import CGit2
#if canImport(Glibc)
import Glibc
#endif

/// A plain TCP stream for libgit2 whose connect, read and write never block longer
/// than the current `NetworkDeadline` allows.
///
/// libgit2 1.5 has no network timeouts (GIT_OPT_SET_SERVER_TIMEOUT is 1.7+): its
/// default socket stream calls blocking recv(), so a server that accepts and then
/// stays silent hangs the caller forever. Every transport (git://, http://, and
/// https:// whose mbedTLS/OpenSSL stream wraps a socket stream obtained through
/// `git_socket_stream_new`) creates its socket through the GIT_STREAM_STANDARD
/// registration, so replacing it puts a poll()-with-deadline under all of them.
///
/// Memory layout. The stream types live in <git2/sys/stream.h>, which the CGit2
/// shim does not include, so `git_stream_register` is looked up with dlsym and
/// `git_stream` is written into raw memory by the C ABI rules (LP64: three ints,
/// padding, seven function pointers). libgit2 1.5's ssh transport also casts the
/// standard stream to its private `git_socket_stream { git_stream parent; char
/// *host; char *port; int s; }` and hands `s` to libssh2, so the object mirrors
/// exactly that prefix, followed by a retained pointer to a Swift `State`.
enum DeadlineSocketStream {
    typealias StreamFunction = @convention(c) (UnsafeMutableRawPointer?) -> Int32
    typealias ReadFunction = @convention(c) (UnsafeMutableRawPointer?, UnsafeMutableRawPointer?, Int) -> Int
    typealias WriteFunction = @convention(c) (UnsafeMutableRawPointer?, UnsafePointer<CChar>?, Int, Int32) -> Int
    typealias FreeFunction = @convention(c) (UnsafeMutableRawPointer?) -> Void
    typealias InitFunction = @convention(c) (
        UnsafeMutablePointer<UnsafeMutableRawPointer?>?, UnsafePointer<CChar>?, UnsafePointer<CChar>?
    ) -> Int32
    typealias RegisterFunction = @convention(c) (Int32, UnsafeMutableRawPointer?) -> Int32

    static let pointerSize = MemoryLayout<UnsafeMutableRawPointer>.size
    static let pointerAlignment = MemoryLayout<UnsafeMutableRawPointer>.alignment
    static func aligned(_ offset: Int, _ alignment: Int) -> Int {
        (offset + alignment - 1) / alignment * alignment
    }
    static let intSize = MemoryLayout<Int32>.size

    // struct git_stream
    static let versionOffset = 0
    static let encryptedOffset = intSize
    static let proxySupportOffset = 2 * intSize
    static let connectOffset = aligned(3 * intSize, pointerAlignment)
    static let certificateOffset = connectOffset + pointerSize
    static let setProxyOffset = certificateOffset + pointerSize
    static let readOffset = setProxyOffset + pointerSize
    static let writeOffset = readOffset + pointerSize
    static let closeOffset = writeOffset + pointerSize
    static let freeOffset = closeOffset + pointerSize
    static let gitStreamSize = freeOffset + pointerSize
    // the git_socket_stream mirror and our own tail
    static let hostOffset = gitStreamSize
    static let portOffset = hostOffset + pointerSize
    static let socketOffset = portOffset + pointerSize
    static let stateOffset = aligned(socketOffset + intSize, pointerAlignment)
    static let byteCount = stateOffset + pointerSize

    // struct git_stream_registration { int version; init; wrap; }
    static let registrationInitOffset = aligned(intSize, pointerAlignment)
    static let registrationWrapOffset = registrationInitOffset + pointerSize
    static let registrationSize = registrationWrapOffset + pointerSize

    static let gitStreamVersion: Int32 = 1 // GIT_STREAM_VERSION
    static let gitStreamStandard: Int32 = 1 // GIT_STREAM_STANDARD

    /// Per-stream data that is easier to keep in Swift.
    final class State {
        let deadline: NetworkDeadline
        let host: String
        let port: String
        init(deadline: NetworkDeadline, host: String, port: String) {
            self.deadline = deadline
            self.host = host
            self.port = port
        }
    }

    /// Installs the stream process-wide; returns false if libgit2 keeps its own
    /// (then clones still work, only without timeouts, and `cloneOrFetch` refuses
    /// network URLs rather than risk hanging).
    static func register() -> Bool {
        guard let process = dlopen(nil, RTLD_NOW),
              let symbol = dlsym(process, "git_stream_register") else { return false }
        let registerFunction = unsafeBitCast(symbol, to: RegisterFunction.self)
        let initFunction: InitFunction = { out, host, port in
            DeadlineSocketStream.create(out, host, port)
        }
        let memory = UnsafeMutableRawPointer.allocate(byteCount: registrationSize, alignment: pointerAlignment)
        defer { memory.deallocate() }
        memory.initializeMemory(as: UInt8.self, repeating: 0, count: registrationSize)
        memory.storeBytes(of: gitStreamVersion, toByteOffset: 0, as: Int32.self)
        memory.storeBytes(of: initFunction, toByteOffset: registrationInitOffset, as: InitFunction.self)
        // wrap stays NULL: we only provide the plain socket, TLS stays libgit2's.
        // libgit2 copies the registration, so the buffer can go right after.
        return registerFunction(gitStreamStandard, memory) == 0
    }

    // MARK: field access

    static func socket(of stream: UnsafeMutableRawPointer) -> Int32 {
        stream.load(fromByteOffset: socketOffset, as: Int32.self)
    }

    static func setSocket(_ fd: Int32, of stream: UnsafeMutableRawPointer) {
        stream.storeBytes(of: fd, toByteOffset: socketOffset, as: Int32.self)
    }

    static func state(of stream: UnsafeMutableRawPointer) -> State? {
        guard let opaque = stream.load(fromByteOffset: stateOffset, as: UnsafeMutableRawPointer?.self) else {
            return nil
        }
        return Unmanaged<State>.fromOpaque(opaque).takeUnretainedValue()
    }

    static func fail(_ message: String) -> Int32 {
        git_error_set_str(Int32(GIT_ERROR_NET.rawValue), message)
        return -1
    }

    // MARK: waiting

    enum WaitResult {
        case ready
        case timedOut
        case failed(Int32)
    }

    /// poll() until `fd` has one of `events` or the monotonic `deadline` passes.
    /// Error/hang-up conditions count as ready: the following recv/send reports them.
    static func waitFor(_ fd: Int32, events: Int16, until deadline: Double) -> WaitResult {
        while true {
            let remaining = deadline - monotonicSeconds()
            if remaining <= 0 { return .timedOut }
            let milliseconds = Int32(min(remaining * 1000, 60_000).rounded(.up))
            var descriptor = pollfd(fd: fd, events: events, revents: 0)
            let result = poll(&descriptor, 1, milliseconds)
            if result > 0 { return .ready }
            if result < 0 {
                let code = errno
                if code == EINTR { continue }
                return .failed(code)
            }
        }
    }
}

func formatSeconds(_ seconds: Double) -> String {
    seconds == seconds.rounded() ? "\(Int(seconds)) s" : oneDecimal(seconds) + " s"
}

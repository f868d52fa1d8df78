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

    private static let pointerSize = MemoryLayout<UnsafeMutableRawPointer>.size
    private static let pointerAlignment = MemoryLayout<UnsafeMutableRawPointer>.alignment
    private static func aligned(_ offset: Int, _ alignment: Int) -> Int {
        (offset + alignment - 1) / alignment * alignment
    }
    private static let intSize = MemoryLayout<Int32>.size

    // struct git_stream
    private static let versionOffset = 0
    private static let encryptedOffset = intSize
    private static let proxySupportOffset = 2 * intSize
    private static let connectOffset = aligned(3 * intSize, pointerAlignment)
    private static let certificateOffset = connectOffset + pointerSize
    private static let setProxyOffset = certificateOffset + pointerSize
    private static let readOffset = setProxyOffset + pointerSize
    private static let writeOffset = readOffset + pointerSize
    private static let closeOffset = writeOffset + pointerSize
    private static let freeOffset = closeOffset + pointerSize
    private static let gitStreamSize = freeOffset + pointerSize
    // the git_socket_stream mirror and our own tail
    private static let hostOffset = gitStreamSize
    private static let portOffset = hostOffset + pointerSize
    private static let socketOffset = portOffset + pointerSize
    private static let stateOffset = aligned(socketOffset + intSize, pointerAlignment)
    private static let byteCount = stateOffset + pointerSize

    // struct git_stream_registration { int version; init; wrap; }
    private static let registrationInitOffset = aligned(intSize, pointerAlignment)
    private static let registrationWrapOffset = registrationInitOffset + pointerSize
    private static let registrationSize = registrationWrapOffset + pointerSize

    private static let gitStreamVersion: Int32 = 1 // GIT_STREAM_VERSION
    private static let gitStreamStandard: Int32 = 1 // GIT_STREAM_STANDARD

    /// Per-stream data that is easier to keep in Swift.
    private final class State {
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

    private static func socket(of stream: UnsafeMutableRawPointer) -> Int32 {
        stream.load(fromByteOffset: socketOffset, as: Int32.self)
    }

    private static func setSocket(_ fd: Int32, of stream: UnsafeMutableRawPointer) {
        stream.storeBytes(of: fd, toByteOffset: socketOffset, as: Int32.self)
    }

    private static func state(of stream: UnsafeMutableRawPointer) -> State? {
        guard let opaque = stream.load(fromByteOffset: stateOffset, as: UnsafeMutableRawPointer?.self) else {
            return nil
        }
        return Unmanaged<State>.fromOpaque(opaque).takeUnretainedValue()
    }

    private static func fail(_ message: String) -> Int32 {
        git_error_set_str(Int32(GIT_ERROR_NET.rawValue), message)
        return -1
    }

    // MARK: callbacks

    private static func create(
        _ out: UnsafeMutablePointer<UnsafeMutableRawPointer?>?,
        _ host: UnsafePointer<CChar>?,
        _ port: UnsafePointer<CChar>?
    ) -> Int32 {
        guard let out, let host, let port else { return fail("socket stream created without host or port") }
        let connectFunction: StreamFunction = { stream in DeadlineSocketStream.connect(stream) }
        let readFunction: ReadFunction = { stream, buffer, length in
            DeadlineSocketStream.read(stream, buffer, length)
        }
        let writeFunction: WriteFunction = { stream, data, length, flags in
            DeadlineSocketStream.write(stream, data, length, flags)
        }
        let closeFunction: StreamFunction = { stream in DeadlineSocketStream.close(stream) }
        let freeFunction: FreeFunction = { stream in DeadlineSocketStream.free(stream) }

        let memory = UnsafeMutableRawPointer.allocate(byteCount: byteCount, alignment: pointerAlignment)
        memory.initializeMemory(as: UInt8.self, repeating: 0, count: byteCount)
        memory.storeBytes(of: gitStreamVersion, toByteOffset: versionOffset, as: Int32.self)
        memory.storeBytes(of: 0, toByteOffset: encryptedOffset, as: Int32.self)
        memory.storeBytes(of: 0, toByteOffset: proxySupportOffset, as: Int32.self)
        memory.storeBytes(of: connectFunction, toByteOffset: connectOffset, as: StreamFunction.self)
        // certificate and set_proxy stay NULL: not encrypted, no proxy support.
        memory.storeBytes(of: readFunction, toByteOffset: readOffset, as: ReadFunction.self)
        memory.storeBytes(of: writeFunction, toByteOffset: writeOffset, as: WriteFunction.self)
        memory.storeBytes(of: closeFunction, toByteOffset: closeOffset, as: StreamFunction.self)
        memory.storeBytes(of: freeFunction, toByteOffset: freeOffset, as: FreeFunction.self)
        // Copies owned by the stream, freed in `free`; ssh reads them via the mirrored layout.
        memory.storeBytes(of: strdup(host), toByteOffset: hostOffset, as: UnsafeMutablePointer<CChar>?.self)
        memory.storeBytes(of: strdup(port), toByteOffset: portOffset, as: UnsafeMutablePointer<CChar>?.self)
        memory.storeBytes(of: Int32(-1), toByteOffset: socketOffset, as: Int32.self)
        let state = State(
            deadline: NetworkDeadline.current() ?? NetworkDeadline.fallback(),
            host: String(cString: host),
            port: String(cString: port)
        )
        memory.storeBytes(
            of: Unmanaged.passRetained(state).toOpaque(),
            toByteOffset: stateOffset,
            as: UnsafeMutableRawPointer?.self
        )
        out.pointee = memory
        return 0
    }

    private static func connect(_ stream: UnsafeMutableRawPointer?) -> Int32 {
        guard let stream, let state = state(of: stream) else { return fail("invalid socket stream") }
        let deadline = state.deadline
        let waitUntil = deadline.nextWaitDeadline()
        let endpoint = "\(state.host):\(state.port)"

        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        // Name resolution is blocking but bounded by the resolver's own timeouts.
        let resolved = getaddrinfo(state.host, state.port, &hints, &list)
        guard resolved == 0, let first = list else {
            let reason = String(cString: gai_strerror(resolved))
            return fail("cannot resolve host \(state.host): \(reason)")
        }
        defer { freeaddrinfo(first) }

        var lastError = "no address to connect to"
        var candidate: UnsafeMutablePointer<addrinfo>? = first
        while let info = candidate {
            candidate = info.pointee.ai_next
            let fd = Glibc.socket(
                info.pointee.ai_family,
                info.pointee.ai_socktype | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue),
                info.pointee.ai_protocol
            )
            if fd < 0 {
                lastError = String(cString: strerror(errno))
                continue
            }
            guard deadline.adopt(fd) else {
                _ = Glibc.close(fd)
                deadline.markTimedOut()
                return fail("timed out connecting to \(endpoint)")
            }
            if Glibc.connect(fd, info.pointee.ai_addr, info.pointee.ai_addrlen) == 0 {
                setSocket(fd, of: stream)
                return 0
            }
            guard errno == EINPROGRESS || errno == EINTR else {
                lastError = String(cString: strerror(errno))
                deadline.closeSocket(fd)
                continue
            }
            switch waitFor(fd, events: Int16(POLLOUT), until: waitUntil) {
            case .timedOut:
                deadline.closeSocket(fd)
                deadline.markTimedOut()
                return fail("timed out after \(formatSeconds(deadline.idleTimeout)) connecting to \(endpoint)")
            case .failed(let code):
                lastError = String(cString: strerror(code))
                deadline.closeSocket(fd)
                continue
            case .ready:
                var soError: Int32 = 0
                var length = socklen_t(MemoryLayout<Int32>.size)
                if getsockopt(fd, SOL_SOCKET, SO_ERROR, &soError, &length) == 0, soError == 0 {
                    setSocket(fd, of: stream)
                    return 0
                }
                lastError = String(cString: strerror(soError != 0 ? soError : errno))
                deadline.closeSocket(fd)
            }
        }
        return fail("cannot connect to \(endpoint): \(lastError)")
    }

    private static func read(
        _ stream: UnsafeMutableRawPointer?,
        _ buffer: UnsafeMutableRawPointer?,
        _ length: Int
    ) -> Int {
        guard let stream, let state = state(of: stream) else { return Int(fail("invalid socket stream")) }
        let fd = socket(of: stream)
        guard fd >= 0 else { return Int(fail("read on a socket stream that is not connected")) }
        guard length > 0 else { return 0 }
        guard let buffer else { return Int(fail("read into a missing buffer")) }
        let waitUntil = state.deadline.nextWaitDeadline()
        while true {
            let received = recv(fd, buffer, length, 0)
            if received >= 0 { return received }
            let code = errno
            if code == EINTR { continue }
            guard code == EAGAIN || code == EWOULDBLOCK else {
                return Int(fail("error receiving data from \(state.host):\(state.port): \(String(cString: strerror(code)))"))
            }
            switch waitFor(fd, events: Int16(POLLIN), until: waitUntil) {
            case .ready: continue
            case .timedOut:
                state.deadline.markTimedOut()
                return Int(fail("timed out after \(formatSeconds(state.deadline.idleTimeout)) waiting for \(state.host):\(state.port) to send data"))
            case .failed(let code):
                return Int(fail("error waiting for data from \(state.host):\(state.port): \(String(cString: strerror(code)))"))
            }
        }
    }

    private static func write(
        _ stream: UnsafeMutableRawPointer?,
        _ data: UnsafePointer<CChar>?,
        _ length: Int,
        _ flags: Int32
    ) -> Int {
        guard let stream, let state = state(of: stream) else { return Int(fail("invalid socket stream")) }
        let fd = socket(of: stream)
        guard fd >= 0 else { return Int(fail("write on a socket stream that is not connected")) }
        guard length > 0 else { return 0 }
        guard let data else { return Int(fail("write from a missing buffer")) }
        var written = 0
        var waitUntil = state.deadline.nextWaitDeadline()
        while written < length {
            // MSG_NOSIGNAL: a peer that hung up must give EPIPE, not kill the process.
            let sent = send(fd, data + written, length - written, flags | Int32(MSG_NOSIGNAL))
            if sent >= 0 {
                written += sent
                waitUntil = state.deadline.nextWaitDeadline()
                continue
            }
            let code = errno
            if code == EINTR { continue }
            guard code == EAGAIN || code == EWOULDBLOCK else {
                return Int(fail("error sending data to \(state.host):\(state.port): \(String(cString: strerror(code)))"))
            }
            switch waitFor(fd, events: Int16(POLLOUT), until: waitUntil) {
            case .ready: continue
            case .timedOut:
                state.deadline.markTimedOut()
                return Int(fail("timed out after \(formatSeconds(state.deadline.idleTimeout)) sending data to \(state.host):\(state.port)"))
            case .failed(let code):
                return Int(fail("error waiting to send to \(state.host):\(state.port): \(String(cString: strerror(code)))"))
            }
        }
        return written
    }

    private static func close(_ stream: UnsafeMutableRawPointer?) -> Int32 {
        guard let stream else { return 0 }
        let fd = socket(of: stream)
        if fd >= 0 {
            setSocket(-1, of: stream)
            if let state = state(of: stream) {
                state.deadline.closeSocket(fd)
            } else {
                _ = Glibc.close(fd)
            }
        }
        return 0
    }

    private static func free(_ stream: UnsafeMutableRawPointer?) {
        guard let stream else { return }
        _ = close(stream)
        let memory = stream
        Glibc.free(memory.load(fromByteOffset: hostOffset, as: UnsafeMutablePointer<CChar>?.self))
        Glibc.free(memory.load(fromByteOffset: portOffset, as: UnsafeMutablePointer<CChar>?.self))
        if let opaque = memory.load(fromByteOffset: stateOffset, as: UnsafeMutableRawPointer?.self) {
            Unmanaged<State>.fromOpaque(opaque).release()
        }
        memory.deallocate()
    }

    // MARK: waiting

    private enum WaitResult {
        case ready
        case timedOut
        case failed(Int32)
    }

    /// poll() until `fd` has one of `events` or the monotonic `deadline` passes.
    /// Error/hang-up conditions count as ready: the following recv/send reports them.
    private static func waitFor(_ fd: Int32, events: Int16, until deadline: Double) -> WaitResult {
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

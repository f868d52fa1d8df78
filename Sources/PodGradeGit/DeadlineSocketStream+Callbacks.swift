internal import CGit2
import Glibc

extension DeadlineSocketStream {
    // MARK: callbacks

    static func create(
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

    static func connect(_ stream: UnsafeMutableRawPointer?) -> Int32 {
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

    static func read(
        _ stream: UnsafeMutableRawPointer?,
        _ buffer: UnsafeMutableRawPointer?,
        _ length: Int
    ) -> Int {
        guard let (state, fd) = connected(stream, "read") else { return -1 }
        guard length > 0 else { return 0 }
        guard let buffer else { return Int(fail("read into a missing buffer")) }
        let waitUntil = state.deadline.nextWaitDeadline()
        while true {
            let received = recv(fd, buffer, length, 0)
            if received >= 0 { return received }
            if let failure = retry(after: errno, fd, state, sending: false, until: waitUntil) { return failure }
        }
    }

    static func write(
        _ stream: UnsafeMutableRawPointer?,
        _ data: UnsafePointer<CChar>?,
        _ length: Int,
        _ flags: Int32
    ) -> Int {
        guard let (state, fd) = connected(stream, "write") else { return -1 }
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
            if let failure = retry(after: errno, fd, state, sending: true, until: waitUntil) { return failure }
        }
        return written
    }

    /// The state and socket of a connected stream; nil (the error set for libgit2) otherwise.
    private static func connected(_ stream: UnsafeMutableRawPointer?, _ operation: String) -> (state: State, fd: Int32)? {
        guard let stream, let state = state(of: stream) else { _ = fail("invalid socket stream"); return nil }
        let fd = socket(of: stream)
        guard fd >= 0 else { _ = fail("\(operation) on a socket stream that is not connected"); return nil }
        return (state, fd)
    }

    /// After `recv` or `send` failed with `code`: nil to try again (interrupted, or the
    /// socket became ready before the deadline), otherwise the failure for libgit2.
    private static func retry(after code: Int32, _ fd: Int32, _ state: State, sending: Bool, until waitUntil: Double) -> Int? {
        if code == EINTR { return nil }
        let endpoint = "\(state.host):\(state.port)"
        guard code == EAGAIN || code == EWOULDBLOCK else {
            let doing = sending ? "sending data to" : "receiving data from"
            return Int(fail("error \(doing) \(endpoint): \(String(cString: strerror(code)))"))
        }
        switch waitFor(fd, events: Int16(sending ? POLLOUT : POLLIN), until: waitUntil) {
        case .ready:
            return nil
        case .timedOut:
            state.deadline.markTimedOut()
            let doing = sending ? "sending data to \(endpoint)" : "waiting for \(endpoint) to send data"
            return Int(fail("timed out after \(formatSeconds(state.deadline.idleTimeout)) \(doing)"))
        case .failed(let code):
            let doing = sending ? "waiting to send to" : "waiting for data from"
            return Int(fail("error \(doing) \(endpoint): \(String(cString: strerror(code)))"))
        }
    }

    static func close(_ stream: UnsafeMutableRawPointer?) -> Int32 {
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

    static func free(_ stream: UnsafeMutableRawPointer?) {
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
}

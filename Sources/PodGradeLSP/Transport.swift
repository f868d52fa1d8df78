import PodGradeCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where the server's messages go: standard output in `podgrade lsp`, a
/// collector in the tests.
public protocol MessageSink: Sendable {
    func send(_ message: JSON) async
}

/// Writes each message as a frame to a file descriptor, one at a time (the
/// actor keeps frames whole). Nothing else ever writes to it.
public actor FileDescriptorSink: MessageSink {
    let fd: Int32
    private var broken = false

    public init(fd: Int32) {
        self.fd = fd
    }

    public func send(_ message: JSON) {
        guard !broken else { return }
        if FileOutput.writeAll(FrameWriter.frame(message.bytes), to: fd) != nil { broken = true }
    }
}

/// Reads a file descriptor on a thread of its own (a blocking read must not
/// hold one of the few threads of Swift's cooperative pool) and hands the
/// chunks on as a stream that ends at end of file.
public enum FileDescriptorSource {
    public static func stream(fd: Int32, chunkSize: Int = 1 << 16) -> AsyncStream<[UInt8]> {
        let (stream, continuation) = AsyncStream<[UInt8]>.makeStream(bufferingPolicy: .unbounded)
        var thread = pthread_t()
        let box = ReaderBox(fd: fd, chunkSize: chunkSize, continuation: continuation)
        let context = Unmanaged.passRetained(box).toOpaque()
        let status = pthread_create(&thread, nil, { raw in
            guard let raw else { return nil }
            let box = Unmanaged<ReaderBox>.fromOpaque(raw).takeRetainedValue()
            box.run()
            return nil
        }, context)
        if status != 0 {
            Unmanaged<ReaderBox>.fromOpaque(context).release()
            continuation.finish()
        } else {
            pthread_detach(thread)
        }
        return stream
    }
}

/// The reader thread's state: immutable, handed to exactly one thread.
private final class ReaderBox: Sendable {
    let fd: Int32
    let chunkSize: Int
    let continuation: AsyncStream<[UInt8]>.Continuation

    init(fd: Int32, chunkSize: Int, continuation: AsyncStream<[UInt8]>.Continuation) {
        self.fd = fd
        self.chunkSize = chunkSize
        self.continuation = continuation
    }

    func run() {
        var buffer = [UInt8](repeating: 0, count: chunkSize)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, chunkSize) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { break }
            continuation.yield(Array(buffer[0..<count]))
        }
        continuation.finish()
    }
}

/// The server's log: standard error, never standard output.
public struct StandardErrorLog: Sendable {
    public init() {}

    public func callAsFunction(_ text: String) {
        let bytes = Array(("podgrade lsp: " + text + "\n").utf8)
        _ = bytes.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
    }
}

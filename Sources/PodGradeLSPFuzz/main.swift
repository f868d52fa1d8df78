import PodGradeLSP
import PodGradeFuzzDriver
#if canImport(Glibc)
import Glibc
#endif

/// libFuzzer entry point over the language server's framing reader and JSON
/// reader (bench/fuzz.sh lsp). The input is a byte stream as a client would
/// send it; its first byte chooses how it is cut into chunks. Checked:
/// - no crash, hang or unbounded memory in FrameParser or JSON.parse;
/// - the messages and errors do not depend on how the stream is cut (whole vs
///   chunks), but for how skipped junk is counted (reported as it is dropped);
/// - writing a JSON value read is a fixed point (written, read, written: the same bytes);
/// - the parser never holds more than a frame's worth of bytes.
/// A broken property aborts, which libFuzzer reports with the input.
///
/// Built only with PODGRADE_FUZZ=1 and -sanitize=fuzzer (see Package.swift).
enum LSPFuzzHarness {
    static func notJunk(_ event: FrameParser.Event) -> Bool {
        if case .error(.junk) = event { return false }
        return true
    }

    static func run(_ bytes: [UInt8]) {
        guard let first = bytes.first else { return }
        let stream = Array(bytes.dropFirst())
        let limit = 4096
        var whole = FrameParser(maxLength: limit, maxSkip: limit * 4)
        let expected = whole.feed(stream)
        var chunked = FrameParser(maxLength: limit, maxSkip: limit * 4)
        var events: [FrameParser.Event] = []
        let step = Int(first % 17) + 1
        var index = 0
        while index < stream.count {
            let end = min(stream.count, index + step + (index % 3))
            events += chunked.feed(Array(stream[index..<end]))
            if chunked.pendingBytes > limit + 8192 + 64 { abort() }
            index = end
        }
        if events.filter(notJunk) != expected.filter(notJunk) { abort() }
        for case .message(let body) in events {
            guard let value = try? JSON.parse(body) else { continue }
            let written = value.bytes
            guard let again = try? JSON.parse(written), again.bytes == written else { abort() }
        }
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    LSPFuzzHarness.run(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}

FuzzDriver.run { data, size in fuzz(data, size) }

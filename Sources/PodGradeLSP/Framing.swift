/// The base protocol's framing: `Content-Length: N\r\n` (other headers
/// ignored), an empty line, then N bytes of JSON. A pure state machine fed
/// with chunks of any size, so that partial frames, junk and lies in the
/// headers are all handled (and fuzzed, see Sources/PodGradeLSPFuzz) without
/// any I/O.
public struct FrameParser: Sendable {
    public enum Event: Sendable, Equatable {
        /// A complete frame's body.
        case message([UInt8])
        /// A framing problem the server answers with an error; reading goes on.
        case error(FramingError)
    }

    public enum FramingError: Sendable, Equatable {
        /// A header block without `Content-Length`.
        case missingLength
        /// `Content-Length` that is not a number.
        case invalidLength(String)
        /// A frame over the limit: its body is skipped, not held.
        case tooLarge(Int)
        /// Bytes that are not a header where headers were expected; skipped.
        case junk(Int)

        public var message: String {
            switch self {
            case .missingLength: return "header block without Content-Length: frame skipped"
            case .invalidLength(let text): return "invalid Content-Length '\(text)': frame skipped"
            case .tooLarge(let length): return "frame of \(length) bytes is over the limit: skipped"
            case .junk(let count): return "\(count) bytes that are not a header skipped"
            }
        }
    }

    /// The largest body accepted (a 60 MB document fits).
    public let maxLength: Int
    /// A frame larger than this is not skipped byte by byte but taken for a
    /// lie: reading resumes at the next `Content-Length` header.
    public let maxSkip: Int
    /// The longest header block.
    static let maxHeaderBytes = 8192

    private enum State: Sendable {
        case headers
        case body(Int)
        case skip(Int)
    }

    private var state: State = .headers
    private var buffer: [UInt8] = []
    private var start = 0  // consumed prefix of `buffer`

    public init(maxLength: Int = 128 << 20, maxSkip: Int = 1 << 30) {
        self.maxLength = maxLength
        self.maxSkip = max(maxSkip, maxLength)
    }

    /// Bytes held for an unfinished frame.
    public var pendingBytes: Int { buffer.count - start }

    public mutating func feed(_ chunk: [UInt8]) -> [Event] {
        var events: [Event] = []
        var chunk = chunk[...]
        while true {
            switch state {
            case .skip(let remaining):
                let taken = min(remaining, chunk.count)
                chunk = chunk.dropFirst(taken)
                if taken == remaining {
                    state = .headers
                } else {
                    state = .skip(remaining - taken)
                    compact()
                    return events
                }
            case .body(let length):
                let available = buffer.count - start
                if available + chunk.count < length {
                    buffer += chunk
                    compact()
                    return events
                }
                let needed = length - available
                var body = Array(buffer[start...])
                body += chunk.prefix(needed)
                chunk = chunk.dropFirst(needed)
                buffer.removeAll(keepingCapacity: false)
                start = 0
                events.append(.message(body))
                state = .headers
            case .headers:
                buffer += chunk
                chunk = [][...]
                guard let event = parseHeaders() else {
                    compact()
                    return events
                }
                events.append(contentsOf: event)
                // The rest of the buffer belongs to the new state: feed it again.
                if case .headers = state, buffer.count - start == 0 { compact(); return events }
                let rest = buffer[start...]
                buffer.removeAll(keepingCapacity: true)
                start = 0
                chunk = Array(rest)[...]
                if chunk.isEmpty { return events }
            }
        }
    }

    private mutating func compact() {
        if start > 0 && (start > 4096 || start == buffer.count) {
            buffer.removeFirst(start)
            start = 0
        }
    }

    /// Looks for a complete header block at `start`. Nil when more bytes are
    /// needed; else the events it gave (none for a good block) with the state
    /// set for what follows.
    private mutating func parseHeaders() -> [Event]? {
        var events: [Event] = []
        while true {
            // Skip blank lines between frames (some clients send a stray CRLF).
            while start < buffer.count && (buffer[start] == 0x0D || buffer[start] == 0x0A) { start += 1 }
            guard start < buffer.count else { return events.isEmpty ? nil : events }
            guard let (blockEnd, next) = headerBlockEnd() else {
                if buffer.count - start > FrameParser.maxHeaderBytes {
                    // No header block end in sight: junk. Resume at a Content-Length if one is there.
                    let headerStart = firstContentLength(from: start + 1, to: buffer.count) ?? max(start, buffer.count - 16)
                    events.append(.error(.junk(headerStart - start)))
                    start = headerStart
                    continue
                }
                return events.isEmpty ? nil : events
            }
            var blockStart = start
            if !startsWithHeader(at: start) {
                let resume = lastContentLength(from: start, to: blockEnd)
                let junkEnd = resume ?? next
                events.append(.error(.junk(junkEnd - start)))
                if resume == nil {
                    start = next
                    continue
                }
                blockStart = junkEnd
            }
            start = next
            var length: Int?
            var lengthText: String?
            for line in buffer[blockStart..<blockEnd].split(separator: 0x0A) {
                var line = line
                if line.last == 0x0D { line = line.dropLast() }
                guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else { continue }
                let name = String(decoding: line[..<colon], as: UTF8.self).lowercased()
                let value = String(decoding: line[(colon + 1)...], as: UTF8.self).trimmingSpaces
                if name == "content-length" {
                    lengthText = value
                    length = value.isEmpty || value.count > 18 || !value.allSatisfy(\.isASCIIDigit) ? nil : Int(value)
                }
            }
            guard let lengthText else {
                events.append(.error(.missingLength))
                continue
            }
            guard let length else {
                if lengthText.count > 18 && lengthText.allSatisfy(\.isASCIIDigit) {
                    events.append(.error(.tooLarge(Int.max)))
                } else {
                    events.append(.error(.invalidLength(String(lengthText.prefix(40)))))
                }
                continue
            }
            if length > maxLength {
                events.append(.error(.tooLarge(length)))
                if length <= maxSkip { state = .skip(length) }
                return events
            }
            state = .body(length)
            return events
        }
    }

    /// The end of the header block at `start` (`\r\n\r\n` or `\n\n`) and where the body begins.
    private func headerBlockEnd() -> (Int, Int)? {
        var index = start
        let end = min(buffer.count, start + FrameParser.maxHeaderBytes + 4)
        while index < end {
            if buffer[index] == 0x0A {
                if index + 1 < buffer.count && buffer[index + 1] == 0x0A { return (index, index + 2) }
                if index + 2 < buffer.count && buffer[index + 1] == 0x0D && buffer[index + 2] == 0x0A { return (index, index + 3) }
            }
            index += 1
        }
        return nil
    }

    private func startsWithHeader(at index: Int) -> Bool {
        // A header line: a token, a colon, on the line's first bytes.
        var i = index
        while i < buffer.count && i - index < 80 {
            let byte = buffer[i]
            if byte == UInt8(ascii: ":") { return i > index }
            let isToken = (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte | 0x20) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "-")
            if !isToken { return false }
            i += 1
        }
        return false
    }

    private static let contentLength = Array("content-length:".utf8)

    private func lowered(_ byte: UInt8) -> UInt8 {
        (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte | 0x20 : byte
    }

    /// The first `Content-Length:` (any case) in `buffer[from..<to]`.
    private func firstContentLength(from: Int, to: Int) -> Int? {
        let pattern = FrameParser.contentLength
        var index = from
        while index + pattern.count <= to {
            if lowered(buffer[index]) == pattern[0] && (1..<pattern.count).allSatisfy({ lowered(buffer[index + $0]) == pattern[$0] }) {
                return index
            }
            index += 1
        }
        return nil
    }

    /// The last `Content-Length:` (any case) in `buffer[from..<to]`.
    private func lastContentLength(from: Int, to: Int) -> Int? {
        let pattern = FrameParser.contentLength
        var index = to - pattern.count
        while index >= from {
            var matched = true
            for offset in 0..<pattern.count where lowered(buffer[index + offset]) != pattern[offset] {
                matched = false
                break
            }
            if matched { return index }
            index -= 1
        }
        return nil
    }
}

/// Writes a body as a frame.
public enum FrameWriter {
    public static func frame(_ body: [UInt8]) -> [UInt8] {
        Array("Content-Length: \(body.count)\r\n\r\n".utf8) + body
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}

extension String {
    var trimmingSpaces: String {
        String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }
}

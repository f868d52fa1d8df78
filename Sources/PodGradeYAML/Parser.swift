internal import CYAML

/// Reads a YAML (or JSON) stream into nodes with positions, through libyaml's
/// event API. Every bound in `YAMLLimits` is enforced while the events arrive,
/// so a hostile file stops early instead of costing time or memory.
public enum YAMLReader {
    public static func read(_ bytes: [UInt8], limits: YAMLLimits = .default) -> YAMLFile {
        if bytes.count > limits.maxFileBytes {
            return YAMLFile(documents: [], error: YAMLError(.fileTooLarge(bytes: bytes.count, limit: limits.maxFileBytes),
                                                           at: Mark(line: 1, column: 1)))
        }
        var builder = TreeBuilder(limits: limits)
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else {
            return YAMLFile(documents: [], error: YAMLError(.syntax(problem: "out of memory", context: nil), at: Mark(line: 1, column: 1)))
        }
        defer { yaml_parser_delete(&parser) }

        let error: YAMLError? = bytes.withUnsafeBufferPointer { buffer -> YAMLError? in
            guard let base = buffer.baseAddress, buffer.count > 0 else { return nil }
            yaml_parser_set_input_string(&parser, base, buffer.count)
            var event = yaml_event_t()
            while true {
                guard yaml_parser_parse(&parser, &event) == 1 else {
                    return parserError(&parser, bytes: buffer)
                }
                defer { yaml_event_delete(&event) }
                if event.type == YAML_STREAM_END_EVENT { return nil }
                if let failure = builder.handle(&event) { return failure }
            }
        }
        return YAMLFile(documents: builder.documents, error: error)
    }

    /// Reads a file given as text (tests, samples).
    public static func read(_ text: String, limits: YAMLLimits = .default) -> YAMLFile {
        read(Array(text.utf8), limits: limits)
    }

    private static func parserError(_ parser: inout yaml_parser_t, bytes: UnsafeBufferPointer<UInt8>) -> YAMLError {
        let problem = parser.problem.map { String(cString: $0) } ?? "unknown problem"
        switch parser.error {
        case YAML_READER_ERROR:
            var offset = min(Int(parser.problem_offset), bytes.count)
            // libyaml points at the bad trailing octet; the character starts at its lead octet.
            if problem.contains("trailing") {
                var back = offset
                while back > 0, offset - back < 3, bytes[back - 1] & 0xC0 == 0x80 { back -= 1 }
                if back > 0, bytes[back - 1] & 0xC0 == 0xC0 { offset = back - 1 }
            }
            let mark = Self.mark(atByteOffset: offset, in: bytes)
            if problem.contains("control characters") { return YAMLError(.controlCharacter, at: mark) }
            return YAMLError(.invalidEncoding, at: mark)
        case YAML_MEMORY_ERROR:
            return YAMLError(.syntax(problem: "out of memory", context: nil), at: Mark(line: 1, column: 1))
        default:
            let mark = Mark(line: Int(parser.problem_mark.line) + 1, column: Int(parser.problem_mark.column) + 1)
            let context = parser.context.map { String(cString: $0) }
            if character(atLine: mark.line, column: mark.column, in: bytes) == UInt8(ascii: "\t")
                || (problem.contains("tab") ) {
                return YAMLError(.tabIndentation, at: mark)
            }
            // libyaml stops where it noticed (the line after a key without its colon,
            // the end of the file after an unclosed quote); the mistake is where the
            // key or the quote starts, its context mark, as PyYAML shows first.
            let start = Mark(line: Int(parser.context_mark.line) + 1, column: Int(parser.context_mark.column) + 1)
            if let context, context == "while scanning a simple key" || context == "while scanning a quoted scalar", start < mark {
                return YAMLError(.syntax(problem: problem, context: context), at: start, stoppedAt: mark)
            }
            // In a flow collection the problem mark is where a ',' is missing (as
            // yamllint reports it); where the collection opened is named too (as PyYAML does).
            if let context, context == "while parsing a flow sequence" || context == "while parsing a flow mapping", start.line < mark.line {
                return YAMLError(.syntax(problem: problem, context: context), at: mark, openedAt: start)
            }
            return YAMLError(.syntax(problem: problem, context: context), at: mark)
        }
    }

    /// Line and character column of a byte offset (reader errors give offsets only).
    static func mark(atByteOffset offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Mark {
        var line = 1, column = 1
        var i = 0
        let end = min(offset, bytes.count)
        while i < end {
            let b = bytes[i]
            if b == UInt8(ascii: "\n") {
                line += 1; column = 1
            } else if b & 0xC0 != 0x80 {
                column += 1
            }
            i += 1
        }
        return Mark(line: line, column: column)
    }

    /// The byte at a 1-based line and character column, when it is ASCII.
    static func character(atLine line: Int, column: Int, in bytes: UnsafeBufferPointer<UInt8>) -> UInt8? {
        var currentLine = 1, currentColumn = 1
        for b in bytes {
            if currentLine == line {
                if b == UInt8(ascii: "\n") { return nil }
                if b & 0xC0 != 0x80 {
                    if currentColumn == column { return b }
                    currentColumn += 1
                }
            } else if b == UInt8(ascii: "\n") {
                currentLine += 1
                if currentLine > line { return nil }
            }
        }
        return nil
    }
}

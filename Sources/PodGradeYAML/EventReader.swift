internal import CYAML

/// What a streaming reader sees of a YAML text: its structure and scalars, no tree, no
/// positions, aliases not followed.
public enum YAMLEvent: Sendable {
    case mappingStart, mappingEnd, sequenceStart, sequenceEnd
    /// A scalar's text, quotes and escapes resolved.
    case scalar(String)
    /// `*name`: a reference to a node read earlier (not expanded here).
    case alias
    /// The end of one document of the stream.
    case documentEnd
}

extension YAMLReader {
    /// Calls `visit` with the events of a text in order, until `visit` returns false, the
    /// text ends, or it has a syntax error; nesting deeper than `maxDepth` or more than
    /// `maxEvents` events stop it too. For a reader that wants a few values out of a text
    /// (an inline proxy configuration) without building its tree.
    /// Returns whether the whole text was read without an error.
    @discardableResult
    public static func events(_ text: String, maxEvents: Int = 100_000, maxDepth: Int = YAMLLimits.default.maxDepth,
                              _ visit: (YAMLEvent) -> Bool) -> Bool {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { return false }
        defer { yaml_parser_delete(&parser) }
        var text = text
        return text.withUTF8 { buffer -> Bool in
            guard let base = buffer.baseAddress, buffer.count > 0 else { return true }
            yaml_parser_set_input_string(&parser, base, buffer.count)
            var event = yaml_event_t()
            var depth = 0
            var count = 0
            while true {
                guard yaml_parser_parse(&parser, &event) == 1 else { return false }
                defer { yaml_event_delete(&event) }
                count += 1
                guard count <= maxEvents else { return false }
                let next: YAMLEvent
                switch event.type {
                case YAML_STREAM_END_EVENT:
                    return true
                case YAML_MAPPING_START_EVENT, YAML_SEQUENCE_START_EVENT:
                    depth += 1
                    guard depth <= maxDepth else { return false }
                    next = event.type == YAML_MAPPING_START_EVENT ? .mappingStart : .sequenceStart
                case YAML_MAPPING_END_EVENT:
                    depth -= 1
                    next = .mappingEnd
                case YAML_SEQUENCE_END_EVENT:
                    depth -= 1
                    next = .sequenceEnd
                case YAML_SCALAR_EVENT:
                    let data = event.data.scalar
                    guard let pointer = data.value else { next = .scalar(""); break }
                    next = .scalar(String(decoding: UnsafeBufferPointer(start: pointer, count: Int(data.length)), as: UTF8.self))
                case YAML_ALIAS_EVENT:
                    next = .alias
                case YAML_DOCUMENT_END_EVENT:
                    next = .documentEnd
                default:
                    continue
                }
                if !visit(next) { return true }
            }
        }
    }
}

/// A manifest as the generated learners write it: a tree, then text in one
/// of many styles (indentation, flow or block, quoting, `---`).
indirect enum Y {
    /// A string; how it is quoted is the writer's style.
    case s(String)
    /// A number or boolean, written as is.
    case raw(String)
    case map([Entry])
    case seq([Y])

    struct Entry {
        var key: String
        var value: Y
        /// A comment line written above the key (block style only).
        var comment: String?

        init(_ key: String, _ value: Y, comment: String? = nil) {
            self.key = key
            self.value = value
            self.comment = comment
        }
    }

    subscript(key: String) -> Y? {
        guard case .map(let entries) = self else { return nil }
        return entries.first { $0.key == key }?.value
    }

    var entries: [Entry]? {
        if case .map(let entries) = self { return entries }
        return nil
    }

    var isScalar: Bool {
        switch self {
        case .s, .raw: return true
        default: return false
        }
    }
}

struct WriterStyle {
    enum Quote { case plain, single, double }
    var indent = 2
    /// `- ` items indented under their key, or level with it.
    var indentSequences = false
    var quote = Quote.plain
    /// Small mappings and lists of scalars in flow style (`{medium: Memory}`, `[sh, -c, ...]`).
    var flow = false
    var documentStart = false
    /// Multi-line scripts as literal block scalars.
    var blockScripts = false
    var comments = true
}

enum YAMLWriter {
    static func write(_ root: Y, _ style: WriterStyle) -> String {
        var lines: [String] = style.documentStart ? ["---"] : []
        if case .map(let entries) = root { mapping(entries, column: 0, style, into: &lines) }
        return lines.joined(separator: "\n") + "\n"
    }

    static func pad(_ n: Int) -> String { String(repeating: " ", count: n) }

    static func mapping(_ entries: [Y.Entry], column: Int, _ style: WriterStyle, into lines: inout [String], firstPrefix: String? = nil) {
        for (index, entry) in entries.enumerated() {
            let lead = index == 0 && firstPrefix != nil ? (firstPrefix ?? "") : pad(column)
            if style.comments, let comment = entry.comment {
                // Above a `- key:` line the comment goes above the dash.
                let commentColumn = index == 0 && firstPrefix != nil ? max(0, column - 2) : column
                lines.append(pad(commentColumn) + "# " + comment)
            }
            let head = lead + key(entry.key) + ":"
            switch entry.value {
            case .s(let text) where text.contains("\n") && style.blockScripts:
                lines.append(head + " |")
                for line in text.split(separator: "\n", omittingEmptySubsequences: false) { lines.append(pad(column + style.indent) + line) }
            case .s, .raw:
                lines.append(head + " " + scalar(entry.value, style, inFlow: false))
            case .map(let children):
                if children.isEmpty {
                    lines.append(head + " {}")
                } else if style.flow, children.count <= 3, children.allSatisfy({ $0.value.isScalar }) {
                    lines.append(head + " " + flow(entry.value, style))
                } else {
                    lines.append(head)
                    mapping(children, column: column + style.indent, style, into: &lines)
                }
            case .seq(let items):
                if items.isEmpty {
                    lines.append(head + " []")
                } else if style.flow, items.allSatisfy(\.isScalar) {
                    lines.append(head + " " + flow(entry.value, style))
                } else {
                    lines.append(head)
                    sequence(items, column: style.indentSequences ? column + style.indent : column, style, into: &lines)
                }
            }
        }
    }

    static func sequence(_ items: [Y], column: Int, _ style: WriterStyle, into lines: inout [String]) {
        for item in items {
            switch item {
            case .s(let text) where text.contains("\n") && style.blockScripts:
                lines.append(pad(column) + "- |")
                for line in text.split(separator: "\n", omittingEmptySubsequences: false) { lines.append(pad(column + 2 + style.indent) + line) }
            case .s, .raw:
                lines.append(pad(column) + "- " + scalar(item, style, inFlow: false))
            case .map(let entries):
                if style.flow, entries.count <= 2, entries.allSatisfy({ $0.value.isScalar }) {
                    lines.append(pad(column) + "- " + flow(item, style))
                } else {
                    mapping(entries, column: column + 2, style, into: &lines, firstPrefix: pad(column) + "- ")
                }
            case .seq:
                lines.append(pad(column) + "- " + flow(item, style))
            }
        }
    }

    static func flow(_ node: Y, _ style: WriterStyle) -> String {
        switch node {
        case .s, .raw: return scalar(node, style, inFlow: true)
        case .map(let entries): return "{" + entries.map { key($0.key) + ": " + flow($0.value, style) }.joined(separator: ", ") + "}"
        case .seq(let items): return "[" + items.map { flow($0, style) }.joined(separator: ", ") + "]"
        }
    }

    static func key(_ text: String) -> String { text }

    static func scalar(_ node: Y, _ style: WriterStyle, inFlow: Bool) -> String {
        switch node {
        case .raw(let text): return text
        case .s(let text):
            let safe = plainSafe(text, inFlow: inFlow)
            switch style.quote {
            case .plain where safe: return text
            case .single where !text.contains("\n"): return "'" + text.replacing("'", with: "''") + "'"
            default: return double(text)
            }
        default: return ""
        }
    }

    static func double(_ text: String) -> String {
        var out = "\""
        for c in text {
            switch c {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            default: out.append(c)
            }
        }
        return out + "\""
    }

    static let reserved: Set<String> = ["true", "false", "yes", "no", "on", "off", "null", "~", "y", "n", ""]

    static func plainSafe(_ text: String, inFlow: Bool) -> Bool {
        if reserved.contains(text.lowercased()) { return false }
        if Double(text) != nil || Int(text) != nil { return false }
        guard let first = text.first, first.isLetter || first.isNumber || first == "/" || first == "." || first == "$" else { return false }
        if text.contains(": ") || text.contains(" #") || text.hasSuffix(":") || text.contains("\n") { return false }
        if inFlow, text.contains(where: { ",[]{}".contains($0) }) { return false }
        return true
    }
}

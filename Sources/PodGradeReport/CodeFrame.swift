/// The offending line with a caret under the column (columns count characters,
/// so Cyrillic text before the node does not shift the caret).
enum CodeFrame {
    static func render(lines: [Substring], line: Int, column: Int, color: Bool) -> String? {
        guard line >= 1, line <= lines.count else { return nil }
        var text = String(lines[line - 1])
        if text.hasSuffix("\r") { text.removeLast() }
        if text.count > 200 { text = String(text.prefix(200)) + "…" }
        let number = String(line)
        let gutter = String(repeating: " ", count: number.count)
        // Keep tabs so the caret lines up in a terminal.
        let padding = String(text.prefix(max(0, column - 1)).map { $0 == "\t" ? "\t" : " " })
        let caret = color ? "\u{1B}[31m^\u{1B}[0m" : "^"
        return "   \(number) | \(text)\n   \(gutter) | \(padding)\(caret)"
    }
}

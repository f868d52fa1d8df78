/// The offending line with a caret under the column (columns count characters,
/// so Cyrillic text before the node does not shift the caret).
enum CodeFrame {
    static func render(lines: [Substring], line: Int, column: Int, color: Bool) -> String? {
        guard line >= 1, line <= lines.count else { return nil }
        var text = String(lines[line - 1])
        if text.hasSuffix("\r") { text.removeLast() }
        if text.unicodeScalars.count > 200 {
            var cut = ""
            cut.unicodeScalars.append(contentsOf: text.unicodeScalars.prefix(200))
            text = cut + "…"
        }
        let number = String(line)
        let gutter = String(repeating: " ", count: number.count)
        // Columns count Unicode scalars (as libyaml does), not grapheme clusters: an
        // emoji sequence or a combining accent before the node must not shift the caret.
        // Keep tabs so the caret lines up in a terminal.
        var padding = ""
        for scalar in text.unicodeScalars.prefix(max(0, column - 1)) {
            padding.unicodeScalars.append(scalar == "\t" ? "\t" : " ")
        }
        let caret = color ? "\u{1B}[31m^\u{1B}[0m" : "^"
        return "   \(number) | \(text)\n   \(gutter) | \(padding)\(caret)"
    }
}

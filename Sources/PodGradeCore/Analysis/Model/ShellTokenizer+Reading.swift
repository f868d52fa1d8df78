/// The tokenizer's readers of words, `$...` parts, quotes, redirections and here-documents.
extension ShellTokenizer {
    /// At `<` or `>`: the redirection operator. Duplications (`2>&1`, `>&2`) and process
    /// substitutions are skipped and give nil.
    mutating func readRedirection(fd: Int?, into expectHereDelimiter: inout (Int, Bool)?, count: Int) -> ShellToken? {
        let c = chars[i]
        var op = c == "<" ? "<" : ">"
        i += 1
        if c == "<", i < chars.count, chars[i] == "(" {
            // <(process substitution): skip it whole
            skipBalanced()
            return nil
        }
        if c == ">", i < chars.count, chars[i] == ">" || chars[i] == "|" { op = chars[i] == ">" ? ">>" : ">|"; i += 1 }
        else if c == "<", i < chars.count, chars[i] == "<" {
            op = "<<"; i += 1
            if i < chars.count, chars[i] == "<" { op = "<<<"; i += 1 }
            else if i < chars.count, chars[i] == "-" { op = "<<-"; i += 1 }
        } else if c == "<", i < chars.count, chars[i] == ">" { op = "<>"; i += 1 }
        if i < chars.count, chars[i] == "&" {
            // duplication: `>&2`, `2>&1`, `<&0`
            i += 1
            while i < chars.count, chars[i].isDigit || chars[i] == "-" { i += 1 }
            return nil
        }
        if op == "<<" || op == "<<-" {
            hereDocuments.append("")
            expectHereDelimiter = (hereDocuments.count - 1, op == "<<-")
            return .redirect(op, fd: fd, hereDocument: hereDocuments.count - 1)
        }
        return .redirect(op, fd: fd, hereDocument: nil)
    }

    /// After a newline: the bodies of the here-documents opened on the line just ended.
    mutating func readHereDocumentBodies() {
        guard !pendingHereDocuments.isEmpty else { return }
        let pending = pendingHereDocuments
        pendingHereDocuments = []
        for (index, delimiter, strip) in pending {
            var body = ""
            while i < chars.count {
                var text = ScalarText()
                while i < chars.count, chars[i] != "\n" { text.append(chars[i]); i += 1 }
                if i < chars.count { i += 1 }
                var compared = Substring(text.string)
                if strip { while compared.first == "\t" { compared = compared.dropFirst() } }
                if compared == delimiter || compared.trimmingSuffix(" ") == delimiter { break }
                body += String(compared) + "\n"
            }
            if index < hereDocuments.count { hereDocuments[index] = body }
        }
    }

    /// Skips a balanced `( ... )` starting at `(`, quotes respected.
    mutating func skipBalanced() {
        _ = readBalanced(open: "(", close: ")")
    }

    /// The text inside a balanced pair starting at `open` (i at open); i ends after `close`.
    mutating func readBalanced(open: ScriptByte, close: ScriptByte) -> String {
        var depth = 0
        var text = ScalarText()
        while i < chars.count {
            let c = chars[i]
            if c == "\\", i + 1 < chars.count {
                if depth > 0 { text.append(c); text.append(chars[i + 1]) }
                i += 2; continue
            }
            if c == "'" && depth > 0 {
                text.append(c); i += 1
                while i < chars.count, chars[i] != "'" { text.append(chars[i]); i += 1 }
                if i < chars.count { text.append(chars[i]); i += 1 }
                continue
            }
            if c == "\"" && depth > 0 {
                text.append(c); i += 1
                while i < chars.count, chars[i] != "\"" {
                    if chars[i] == "\\", i + 1 < chars.count { text.append(chars[i]); i += 1 }
                    text.append(chars[i]); i += 1
                }
                if i < chars.count { text.append(chars[i]); i += 1 }
                continue
            }
            if c == open { depth += 1; if depth == 1 { i += 1; continue } }
            if c == close {
                depth -= 1
                if depth == 0 { i += 1; return text.string }
            }
            text.append(c)
            i += 1
        }
        return text.string
    }

    mutating func readWord() -> ShellWord {
        var parts: [ShellWord.Part] = []
        var literal = ScalarText()
        var literalQuoted = false
        func flush() {
            if !literal.isEmpty { parts.append(.literal(literal.string, quoted: literalQuoted)) }
            literal.removeAll()
        }
        func append(_ c: ScriptByte, quoted: Bool) {
            if quoted != literalQuoted { flush(); literalQuoted = quoted }
            literal.append(c)
        }
        var sawQuotes = false
        while i < chars.count {
            let c = chars[i]
            if Self.isBlank(c) || isOperatorStart(c) { break }
            switch c {
            case "'":
                sawQuotes = true
                i += 1
                if literalQuoted == false { flush(); literalQuoted = true }
                while i < chars.count, chars[i] != "'" { literal.append(chars[i]); i += 1 }
                i += 1
            case "\"":
                sawQuotes = true
                i += 1
                while i < chars.count, chars[i] != "\"" {
                    let d = chars[i]
                    if d == "\\", i + 1 < chars.count, ["\"", "\\", "$", "`", "\n"].contains(chars[i + 1]) {
                        if chars[i + 1] != "\n" { append(chars[i + 1], quoted: true) }
                        i += 2
                    } else if d == "$" {
                        if let part = readDollar() { flush(); parts.append(part) } else { append("$", quoted: true) }
                    } else if d == "`" {
                        flush(); parts.append(.command(readBackquoted()))
                    } else {
                        append(d, quoted: true); i += 1
                    }
                }
                i += 1
            case "\\":
                if i + 1 < chars.count { append(chars[i + 1], quoted: true) }
                i += 2
            case "$":
                if let part = readDollar() { flush(); parts.append(part) } else { append("$", quoted: false) }
            case "`":
                flush(); parts.append(.command(readBackquoted()))
            default:
                append(c, quoted: false)
                i += 1
            }
        }
        flush()
        if parts.isEmpty, sawQuotes { parts.append(.literal("", quoted: true)) }
        return ShellWord(parts: parts)
    }

    /// At `$`: a variable, substitution or arithmetic part; nil when the `$` is literal.
    mutating func readDollar() -> ShellWord.Part? {
        guard i + 1 < chars.count else { i += 1; return nil }
        let next = chars[i + 1]
        if next == "(" {
            i += 1
            if i + 1 < chars.count, chars[i + 1] == "(" {
                let inner = readBalanced(open: "(", close: ")")
                var text = Substring(inner)
                if text.hasPrefix("(") { text = text.dropFirst() }
                if text.hasSuffix(")") { text = text.dropLast() }
                return .arithmetic(String(text))
            }
            return .command(readBalanced(open: "(", close: ")"))
        }
        if next == "{" {
            i += 1
            let inner = readBalanced(open: "{", close: "}")
            var name = ""
            var rest = Substring(inner)
            if rest.hasPrefix("#") || rest.hasPrefix("!") { rest = rest.dropFirst() }
            while let c = rest.utf8.first.map(ScriptByte.init), c.isNameCharacter {
                name.unicodeScalars.append(Unicode.Scalar(c.value))
                rest = rest.dropFirst()
            }
            if name.isEmpty, let c = rest.unicodeScalars.first { name = String(c); rest = rest.dropFirst() }
            var fallback: String?
            if rest.hasPrefix(":-") { fallback = String(rest.dropFirst(2)) } else if rest.hasPrefix("-") { fallback = String(rest.dropFirst()) }
            else if rest.hasPrefix(":=") { fallback = String(rest.dropFirst(2)) } else if rest.hasPrefix("=") { fallback = String(rest.dropFirst()) }
            if let f = fallback, f.hasPrefix("\""), f.hasSuffix("\""), f.count >= 2 { fallback = String(f.dropFirst().dropLast()) }
            return .variable(name, fallback: fallback)
        }
        if next == "_" || next.isLetter {
            i += 1
            var name = ScalarText()
            while i < chars.count, chars[i].isNameCharacter {
                name.append(chars[i]); i += 1
            }
            return .variable(name.string, fallback: nil)
        }
        if next.isDigit || "?$!#@*-".utf8.contains(next.value) {
            i += 2
            return .variable(String(Unicode.Scalar(next.value)), fallback: nil)
        }
        i += 1
        return nil
    }

    /// At a backquote: the command inside, up to the closing one.
    mutating func readBackquoted() -> String {
        i += 1
        var text = ScalarText()
        while i < chars.count, chars[i] != "`" {
            if chars[i] == "\\", i + 1 < chars.count { i += 1 }
            text.append(chars[i]); i += 1
        }
        i += 1
        return text.string
    }
}

extension Substring {
    func trimmingSuffix(_ character: Character) -> Substring {
        var s = self
        while s.last == character { s = s.dropLast() }
        return s
    }
}

/// Text gathered byte by byte: UTF-8 bytes in an array, one String at the end
/// (appending to `String.unicodeScalars` costs a few hundred instructions a scalar).
struct ScalarText {
    private var bytes: [UInt8] = []

    var isEmpty: Bool { bytes.isEmpty }

    mutating func append(_ c: ScriptByte) {
        bytes.append(c.value)
    }

    mutating func removeAll() { bytes.removeAll(keepingCapacity: true) }

    var string: String { String(decoding: bytes, as: UTF8.self) }
}

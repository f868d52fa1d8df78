/// Splits a script into words and operators the way `sh` does (see `ShellSyntax.swift`).
enum ShellToken: Sendable {
    case word(ShellWord)
    /// `;` `;;` `&` `&&` `|` `||` `(` `)` and newline (`\n`).
    case op(String)
    /// A redirection operator; the next token is its target word. `hereDocument` indexes the bodies.
    case redirect(String, fd: Int?, hereDocument: Int?)
}

struct ShellTokenizer {
    let chars: [Unicode.Scalar]
    var i = 0
    var hereDocuments: [String] = []
    /// Here-documents whose body starts at the next newline: (index, delimiter, strip tabs).
    var pendingHereDocuments: [(Int, String, Bool)] = []
    var inDoubleBracket = false
    /// Where each token starts in `chars`.
    var offsets: [Int] = []

    init(_ script: String) {
        var scalars = Array(script.unicodeScalars)
        if scalars.count > ShellParser.maximumLength { scalars = Array(scalars.prefix(ShellParser.maximumLength)) }
        chars = scalars
    }

    /// The line (0-based) each token starts on, from `offsets` (which only grow).
    func lines() -> [Int] {
        var result: [Int] = []
        result.reserveCapacity(offsets.count)
        var line = 0
        var k = 0
        for offset in offsets {
            while k < offset, k < chars.count { if chars[k] == "\n" { line += 1 }; k += 1 }
            result.append(line)
        }
        return result
    }

    static func isBlank(_ c: Unicode.Scalar) -> Bool { c == " " || c == "\t" || c == "\r" }

    func isOperatorStart(_ c: Unicode.Scalar) -> Bool {
        if inDoubleBracket { return c == "\n" || c == ";" || c == "&" || c == "|" }
        return c == "\n" || c == ";" || c == "&" || c == "|" || c == "(" || c == ")" || c == "<" || c == ">"
    }

    mutating func tokens() -> [ShellToken] {
        var result: [ShellToken] = []
        var expectHereDelimiter: (Int, Bool)?
        var start = 0
        while i < chars.count {
            while offsets.count < result.count { offsets.append(start) }
            start = i
            let c = chars[i]
            if Self.isBlank(c) { i += 1; continue }
            if c == "\\", i + 1 < chars.count, chars[i + 1] == "\n" { i += 2; continue }
            if c == "#" {
                while i < chars.count, chars[i] != "\n" { i += 1 }
                continue
            }
            if c == "\n" {
                i += 1
                result.append(.op("\n"))
                readHereDocumentBodies()
                continue
            }
            if isOperatorStart(c) {
                let next: Unicode.Scalar? = i + 1 < chars.count ? chars[i + 1] : nil
                switch c {
                case ";":
                    if next == ";" { result.append(.op(";;")); i += 2 } else { result.append(.op(";")); i += 1 }
                case "&":
                    if next == "&" { result.append(.op("&&")); i += 2 }
                    else if next == ">" {
                        i += 2
                        if i < chars.count, chars[i] == ">" { i += 1; result.append(.redirect("&>>", fd: nil, hereDocument: nil)) }
                        else { result.append(.redirect("&>", fd: nil, hereDocument: nil)) }
                    } else { result.append(.op("&")); i += 1 }
                case "|":
                    if next == "|" { result.append(.op("||")); i += 2 } else { result.append(.op("|")); i += 1 }
                case "(", ")":
                    result.append(.op(String(c))); i += 1
                case "<", ">":
                    if let token = readRedirection(fd: nil, into: &expectHereDelimiter, count: hereDocuments.count) {
                        result.append(token)
                    }
                default:
                    i += 1
                }
                continue
            }
            let word = readWord()
            // `2>file`: digits right before a redirection are its descriptor.
            if i < chars.count, chars[i] == "<" || chars[i] == ">", let digits = word.bare, !digits.isEmpty,
               digits.unicodeScalars.allSatisfy({ ("0"..."9").contains($0) }), digits.count < 3, !inDoubleBracket {
                if let token = readRedirection(fd: Int(digits), into: &expectHereDelimiter, count: hereDocuments.count) {
                    result.append(token)
                }
                continue
            }
            if let (index, strip) = expectHereDelimiter {
                expectHereDelimiter = nil
                let delimiter = word.parts.map { part -> String in
                    switch part {
                    case .literal(let text, _): return text
                    case .variable(let name, _): return "$" + name
                    case .command(let s): return "$(" + s + ")"
                    case .arithmetic(let s): return "$((" + s + "))"
                    }
                }.joined()
                pendingHereDocuments.append((index, delimiter, strip))
            }
            if word.bare == "[[" { inDoubleBracket = true } else if word.bare == "]]" { inDoubleBracket = false }
            result.append(.word(word))
        }
        while offsets.count < result.count { offsets.append(start) }
        // Bodies never closed by a newline: empty.
        for (index, _, _) in pendingHereDocuments where index < hereDocuments.count { hereDocuments[index] = "" }
        return result
    }
}

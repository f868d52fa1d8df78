/// Splits a script into words and operators the way `sh` does (see `ShellSyntax.swift`).
enum ShellToken: Sendable {
    case word(ShellWord)
    case op(ShellOperator)
    /// A redirection operator; the next token is its target word. `hereDocument` indexes the bodies.
    case redirect(String, fd: Int?, hereDocument: Int?)
}

/// `;` `;;` `&` `&&` `|` `||` `(` `)` and newline.
enum ShellOperator: Sendable {
    case newline, semicolon, doubleSemicolon, background, and, pipe, or, open, close
}

/// One byte of a script's UTF-8. The shell's syntax is all ASCII, so the tokenizer compares
/// bytes (written as character literals) and copies the bytes of other characters through.
struct ScriptByte: Equatable, Comparable, ExpressibleByUnicodeScalarLiteral {
    let value: UInt8
    init(_ value: UInt8) { self.value = value }
    init(unicodeScalarLiteral scalar: Unicode.Scalar) { value = UInt8(truncatingIfNeeded: scalar.value) }
    static func < (a: ScriptByte, b: ScriptByte) -> Bool { a.value < b.value }
    var isDigit: Bool { value >= 0x30 && value <= 0x39 }
    /// An ASCII letter.
    var isLetter: Bool { (value | 0x20) >= 0x61 && (value | 0x20) <= 0x7a }
    /// What a variable name is made of: `_`, ASCII letters and digits.
    var isNameCharacter: Bool { value == 0x5f || isLetter || isDigit }
}

struct ShellTokenizer {
    let chars: [ScriptByte]
    var i = 0
    var hereDocuments: [String] = []
    /// Here-documents whose body starts at the next newline: (index, delimiter, strip tabs).
    var pendingHereDocuments: [(Int, String, Bool)] = []
    var inDoubleBracket = false
    /// Where each token starts in `chars`.
    var offsets: [Int] = []

    init(_ script: String) {
        var bytes = script.utf8.prefix(ShellParser.maximumLength).map(ScriptByte.init)
        // Cut at a character's start, never inside one.
        if script.utf8.count > ShellParser.maximumLength {
            while let last = bytes.last, last.value & 0xC0 == 0x80 { bytes.removeLast() }
            if let last = bytes.last, last.value >= 0xC0 { bytes.removeLast() }
        }
        chars = bytes
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

    static func isBlank(_ c: ScriptByte) -> Bool { c == " " || c == "\t" || c == "\r" }

    func isOperatorStart(_ c: ScriptByte) -> Bool {
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
                result.append(.op(.newline))
                readHereDocumentBodies()
                continue
            }
            if isOperatorStart(c) {
                let next: ScriptByte? = i + 1 < chars.count ? chars[i + 1] : nil
                switch c {
                case ";":
                    if next == ";" { result.append(.op(.doubleSemicolon)); i += 2 } else { result.append(.op(.semicolon)); i += 1 }
                case "&":
                    if next == "&" { result.append(.op(.and)); i += 2 }
                    else if next == ">" {
                        i += 2
                        if i < chars.count, chars[i] == ">" { i += 1; result.append(.redirect("&>>", fd: nil, hereDocument: nil)) }
                        else { result.append(.redirect("&>", fd: nil, hereDocument: nil)) }
                    } else { result.append(.op(.background)); i += 1 }
                case "|":
                    if next == "|" { result.append(.op(.or)); i += 2 } else { result.append(.op(.pipe)); i += 1 }
                case "(", ")":
                    result.append(.op(c == "(" ? .open : .close)); i += 1
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
               digits.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }), digits.count < 3, !inDoubleBracket {
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

/// A shell script read the way `sh` reads it, far enough for the scripts people put in a
/// Pod's `command` and `args`: quotes and escapes, `$VAR`, `${VAR:-default}`, `$(...)` and
/// backticks kept as parts (expanded later, in order, by `ShellRun`), `;` `&` `&&` `||` `|`,
/// `while`/`until`/`for`/`if`/`case`, `{ }` and `( )`, redirections and here-documents.
/// It never fails: what it cannot read it skips, and it is bounded in length and depth.
public struct ShellWord: Sendable, Hashable {
    public enum Part: Sendable, Hashable {
        /// Text as written, quotes removed; `quoted` when it was inside quotes or escaped.
        case literal(String, quoted: Bool)
        /// `$NAME`, `${NAME}`, `${NAME:-fallback}`.
        case variable(String, fallback: String?)
        /// `$(script)` or `` `script` ``.
        case command(String)
        /// `$((expression))`.
        case arithmetic(String)
    }

    public var parts: [Part]

    /// The word's text when it is one unquoted literal: how keywords are recognised.
    public var bare: String? {
        guard parts.count == 1, case .literal(let text, quoted: false) = parts[0] else { return nil }
        return text
    }

    /// `NAME=value` with an unquoted valid name: (name, the value's parts).
    var assignment: (name: String, value: ShellWord)? {
        guard case .literal(let text, quoted: false)? = parts.first, let eq = text.firstIndex(of: "=") else { return nil }
        var name = text[..<eq]
        if name.hasSuffix("+") { name = name.dropLast() }
        guard let first = name.unicodeScalars.first, first == "_" || first.properties.isAlphabetic && first.isASCII,
              name.unicodeScalars.allSatisfy({ $0 == "_" || ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) })
        else { return nil }
        var rest = Array(parts.dropFirst())
        let after = String(text[text.index(after: eq)...])
        if !after.isEmpty { rest.insert(.literal(after, quoted: false), at: 0) }
        return (String(name), ShellWord(parts: rest))
    }
}

public struct ShellRedirection: Sendable {
    /// `>`, `>>`, `<`, `&>`, `<<` (here-document), `<<<` (here-string); never a duplication like `2>&1`.
    public var op: String
    /// The file descriptor written before the operator (`2>`), if any.
    public var fd: Int?
    public var target: ShellWord
    /// The body of a here-document.
    public var hereDocument: String?
    /// The line of the script it is on (0-based).
    public var line: Int = 0

    /// Whether it sends the command's standard output somewhere.
    public var redirectsStdout: Bool { (op == ">" || op == ">>" || op == ">|") && (fd == nil || fd == 1) || op == "&>" || op == "&>>" }
    public var isInput: Bool { op == "<" || op == "<<" || op == "<<-" || op == "<<<" }
}

public struct ShellSimpleCommand: Sendable {
    public var assignments: [(name: String, value: ShellWord)]
    public var words: [ShellWord]
    public var redirections: [ShellRedirection]
    /// The line of the script it starts on (0-based).
    public var line: Int = 0
}

public struct ShellAndOr: Sendable {
    public enum Connector: Sendable { case and, or }
    public var first: ShellNode
    public var rest: [(Connector, ShellNode)]
    /// Followed by `&`.
    public var background: Bool
}

public indirect enum ShellNode: Sendable {
    case simple(ShellSimpleCommand)
    case pipeline([ShellNode], negated: Bool)
    case list([ShellAndOr])
    /// `while`/`until` (isUntil) condition; do body; done.
    case loop(isUntil: Bool, condition: ShellNode, body: ShellNode, redirections: [ShellRedirection])
    case forLoop(variable: String, items: [ShellWord], body: ShellNode, redirections: [ShellRedirection])
    case ifClause(branches: [(condition: ShellNode, body: ShellNode)], otherwise: ShellNode?, redirections: [ShellRedirection])
    case group(ShellNode, subshell: Bool, redirections: [ShellRedirection])
    case caseClause(subject: ShellWord, arms: [ShellNode], redirections: [ShellRedirection])
}

public enum ShellParser {
    /// Scripts longer than this are read up to it.
    static let maximumLength = 100_000
    /// Deeper nesting than this is read as flat text.
    static let maximumDepth = 48

    public static func parse(_ script: String) -> ShellNode {
        var tokenizer = ShellTokenizer(script)
        let tokens = tokenizer.tokens()
        var parser = Parser(tokens: tokens, hereDocuments: tokenizer.hereDocuments, lines: tokenizer.lines())
        return parser.parseProgram()
    }

    // MARK: - Parser

    struct Parser {
        let tokens: [ShellToken]
        let hereDocuments: [String]
        /// The script line of each token.
        let lines: [Int]
        var p = 0
        var depth = 0

        init(tokens: [ShellToken], hereDocuments: [String], lines: [Int]) {
            self.tokens = tokens
            self.hereDocuments = hereDocuments
            self.lines = lines
        }

        var line: Int { p < lines.count ? lines[p] : (lines.last ?? 0) }

        mutating func parseProgram() -> ShellNode {
            var items: [ShellAndOr] = []
            while p < tokens.count {
                let before = p
                if case .list(let more) = parseList(terminators: []) { items += more }
                if p == before { p += 1 }
            }
            return .list(items)
        }

        var current: ShellToken? { p < tokens.count ? tokens[p] : nil }

        func isOp(_ op: String) -> Bool {
            guard p < tokens.count, case .op(let o) = tokens[p] else { return false }
            return o == op
        }

        /// Whether the current token is one of these keywords (an array: a `Set` built at each
        /// call cost more than the few comparisons).
        func isKeyword(_ words: [String]) -> Bool {
            guard p < tokens.count, case .word(let w) = tokens[p], let bare = w.bare else { return false }
            return words.contains(bare)
        }

        func isKeyword(_ word: String) -> Bool {
            guard p < tokens.count, case .word(let w) = tokens[p], let bare = w.bare else { return false }
            return bare == word
        }

        mutating func skipNewlines() {
            while isOp("\n") { p += 1 }
        }

        mutating func expectKeyword(_ word: String) {
            skipSeparators()
            if isKeyword(word) { p += 1 }
        }

        mutating func skipSeparators() {
            while isOp("\n") || isOp(";") { p += 1 }
        }

        mutating func parseList(terminators: [String]) -> ShellNode {
            var items: [ShellAndOr] = []
            depth += 1
            defer { depth -= 1 }
            while p < tokens.count {
                skipSeparators()
                guard p < tokens.count else { break }
                if isKeyword(terminators) || isOp(")") || isOp(";;") { break }
                let before = p
                guard var andOr = parseAndOr() else {
                    if p == before { p += 1 }
                    continue
                }
                if isOp("&") { andOr.background = true; p += 1 } else if isOp(";") || isOp("\n") { p += 1 }
                items.append(andOr)
                if p == before { p += 1 }
            }
            return .list(items)
        }

        mutating func parseAndOr() -> ShellAndOr? {
            guard let first = parsePipeline() else { return nil }
            var result = ShellAndOr(first: first, rest: [], background: false)
            while isOp("&&") || isOp("||") {
                let connector: ShellAndOr.Connector = isOp("&&") ? .and : .or
                p += 1
                skipNewlines()
                guard let next = parsePipeline() else { break }
                result.rest.append((connector, next))
            }
            return result
        }

        mutating func parsePipeline() -> ShellNode? {
            var negated = false
            if isKeyword("!") { negated = true; p += 1 }
            guard let first = parseCommand() else { return nil }
            var stages = [first]
            while isOp("|") {
                p += 1
                skipNewlines()
                guard let next = parseCommand() else { break }
                stages.append(next)
            }
            return stages.count == 1 && !negated ? first : .pipeline(stages, negated: negated)
        }

        mutating func parseCommand() -> ShellNode? {
            guard let token = current else { return nil }
            if depth > ShellParser.maximumDepth {
                // Too deep: read the rest of this command as plain words.
                return parseSimple()
            }
            switch token {
            case .op("("):
                p += 1
                let body = parseList(terminators: [])
                if isOp(")") { p += 1 }
                return .group(body, subshell: true, redirections: parseRedirections())
            case .op:
                return nil
            case .redirect:
                return parseSimple()
            case .word(let word):
                switch word.bare {
                case "while", "until":
                    p += 1
                    let condition = parseList(terminators: ["do"])
                    expectKeyword("do")
                    let body = parseList(terminators: ["done"])
                    expectKeyword("done")
                    return .loop(isUntil: word.bare == "until", condition: condition, body: body, redirections: parseRedirections())
                case "for":
                    p += 1
                    var variable = ""
                    if case .word(let name)? = current, let bare = name.bare { variable = bare; p += 1 }
                    var items: [ShellWord] = []
                    skipNewlines()
                    if isKeyword("in") {
                        p += 1
                        while case .word(let item)? = current, item.bare != "do" { items.append(item); p += 1 }
                    }
                    // `for ((;;))` and anything else up to `do`
                    while p < tokens.count, !isKeyword("do") { p += 1 }
                    expectKeyword("do")
                    let body = parseList(terminators: ["done"])
                    expectKeyword("done")
                    return .forLoop(variable: variable, items: items, body: body, redirections: parseRedirections())
                case "if":
                    p += 1
                    var branches: [(ShellNode, ShellNode)] = []
                    var otherwise: ShellNode?
                    var condition = parseList(terminators: ["then"])
                    while true {
                        expectKeyword("then")
                        let body = parseList(terminators: ["elif", "else", "fi"])
                        branches.append((condition, body))
                        if isKeyword("elif") { p += 1; condition = parseList(terminators: ["then"]); continue }
                        if isKeyword("else") { p += 1; otherwise = parseList(terminators: ["fi"]) }
                        break
                    }
                    expectKeyword("fi")
                    return .ifClause(branches: branches, otherwise: otherwise, redirections: parseRedirections())
                case "case":
                    p += 1
                    var subject = ShellWord(parts: [])
                    if case .word(let w)? = current { subject = w; p += 1 }
                    skipNewlines()
                    if isKeyword("in") { p += 1 }
                    var arms: [ShellNode] = []
                    while p < tokens.count {
                        skipSeparators()
                        if isKeyword("esac") || p >= tokens.count { break }
                        if isOp("(") { p += 1 }
                        while p < tokens.count, !isOp(")") { p += 1 }
                        if isOp(")") { p += 1 }
                        let before = p
                        arms.append(parseList(terminators: ["esac"]))
                        if isOp(";;") { p += 1 } else if p == before, !isKeyword("esac") { p += 1 }
                    }
                    expectKeyword("esac")
                    return .caseClause(subject: subject, arms: arms, redirections: parseRedirections())
                case "{":
                    p += 1
                    let body = parseList(terminators: ["}"])
                    expectKeyword("}")
                    return .group(body, subshell: false, redirections: parseRedirections())
                case "do", "done", "then", "fi", "elif", "else", "esac", "}", "in":
                    // A keyword out of place: skip it.
                    return nil
                default:
                    return parseSimple()
                }
            }
        }

        mutating func parseRedirections() -> [ShellRedirection] {
            var result: [ShellRedirection] = []
            while case .redirect(let op, let fd, let hereIndex)? = current {
                let line = self.line
                p += 1
                guard case .word(let target)? = current else { break }
                p += 1
                let body = hereIndex.flatMap { $0 < hereDocuments.count ? hereDocuments[$0] : nil }
                result.append(ShellRedirection(op: op, fd: fd, target: target, hereDocument: body, line: line))
            }
            return result
        }

        mutating func parseSimple() -> ShellNode? {
            var command = ShellSimpleCommand(assignments: [], words: [], redirections: [], line: line)
            loop: while let token = current {
                switch token {
                case .word(let word):
                    if command.words.isEmpty, let assignment = word.assignment {
                        command.assignments.append(assignment)
                    } else {
                        command.words.append(word)
                    }
                    p += 1
                case .redirect:
                    command.redirections += parseRedirections()
                    if case .redirect? = current { p += 1 }
                case .op("("):
                    // `NAME=(a b c)`: a bash array, read as words of no command.
                    guard command.words.isEmpty, let last = command.assignments.last, last.value.parts.isEmpty else { break loop }
                    p += 1
                    while p < tokens.count, !isOp(")") { p += 1 }
                    if isOp(")") { p += 1 }
                    command.assignments[command.assignments.count - 1].value = ShellWord(parts: [.variable(last.name, fallback: nil)])
                case .op:
                    break loop
                }
            }
            if command.words.isEmpty, command.assignments.isEmpty, command.redirections.isEmpty { return nil }
            return .simple(command)
        }
    }
}

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

    /// At `<` or `>`: the redirection operator. Duplications (`2>&1`, `>&2`) and process
    /// substitutions are skipped and give nil.
    mutating func readRedirection(fd: Int?, into expectHereDelimiter: inout (Int, Bool)?, count: Int) -> ShellToken? {
        let c = chars[i]
        var op = String(c)
        i += 1
        if c == "<", i < chars.count, chars[i] == "(" {
            // <(process substitution): skip it whole
            skipBalanced()
            return nil
        }
        if c == ">", i < chars.count, chars[i] == ">" || chars[i] == "|" { op.unicodeScalars.append(chars[i]); i += 1 }
        else if c == "<", i < chars.count, chars[i] == "<" {
            op = "<<"; i += 1
            if i < chars.count, chars[i] == "<" { op = "<<<"; i += 1 }
            else if i < chars.count, chars[i] == "-" { op = "<<-"; i += 1 }
        } else if c == "<", i < chars.count, chars[i] == ">" { op = "<>"; i += 1 }
        if i < chars.count, chars[i] == "&" {
            // duplication: `>&2`, `2>&1`, `<&0`
            i += 1
            while i < chars.count, ("0"..."9").contains(chars[i]) || chars[i] == "-" { i += 1 }
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
                var line = ""
                while i < chars.count, chars[i] != "\n" { line.unicodeScalars.append(chars[i]); i += 1 }
                if i < chars.count { i += 1 }
                var compared = Substring(line)
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
    mutating func readBalanced(open: Unicode.Scalar, close: Unicode.Scalar) -> String {
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
        func append(_ c: Unicode.Scalar, quoted: Bool) {
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
            while let c = rest.unicodeScalars.first, c == "_" || (c.isASCII && (c.properties.isAlphabetic || ("0"..."9").contains(c))) {
                name.unicodeScalars.append(c)
                rest = rest.dropFirst()
            }
            if name.isEmpty, let c = rest.unicodeScalars.first { name = String(c); rest = rest.dropFirst() }
            var fallback: String?
            if rest.hasPrefix(":-") { fallback = String(rest.dropFirst(2)) } else if rest.hasPrefix("-") { fallback = String(rest.dropFirst()) }
            else if rest.hasPrefix(":=") { fallback = String(rest.dropFirst(2)) } else if rest.hasPrefix("=") { fallback = String(rest.dropFirst()) }
            if let f = fallback, f.hasPrefix("\""), f.hasSuffix("\""), f.count >= 2 { fallback = String(f.dropFirst().dropLast()) }
            return .variable(name, fallback: fallback)
        }
        if next == "_" || (next.isASCII && next.properties.isAlphabetic) {
            i += 1
            var name = ScalarText()
            while i < chars.count, chars[i] == "_" || (chars[i].isASCII && (chars[i].properties.isAlphabetic || ("0"..."9").contains(chars[i]))) {
                name.append(chars[i]); i += 1
            }
            return .variable(name.string, fallback: nil)
        }
        if ("0"..."9").contains(next) || "?$!#@*-".unicodeScalars.contains(next) {
            i += 2
            return .variable(String(next), fallback: nil)
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

/// Text gathered scalar by scalar: UTF-8 bytes in an array, one String at the end
/// (appending to `String.unicodeScalars` costs a few hundred instructions a scalar).
struct ScalarText {
    private var bytes: [UInt8] = []

    var isEmpty: Bool { bytes.isEmpty }

    mutating func append(_ c: Unicode.Scalar) {
        if c.isASCII {
            bytes.append(UInt8(truncatingIfNeeded: c.value))
        } else {
            UTF8.encode(c) { bytes.append($0) }
        }
    }

    mutating func removeAll() { bytes.removeAll(keepingCapacity: true) }

    var string: String { String(decoding: bytes, as: UTF8.self) }
}

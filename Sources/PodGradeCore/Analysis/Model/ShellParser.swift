/// Reads tokens into the syntax of `ShellSyntax.swift`: lists, pipelines, compound commands.
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

        func isOp(_ op: ShellOperator) -> Bool {
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
            while isOp(.newline) { p += 1 }
        }

        mutating func expectKeyword(_ word: String) {
            skipSeparators()
            if isKeyword(word) { p += 1 }
        }

        mutating func skipSeparators() {
            while isOp(.newline) || isOp(.semicolon) { p += 1 }
        }

        mutating func parseList(terminators: [String]) -> ShellNode {
            var items: [ShellAndOr] = []
            depth += 1
            defer { depth -= 1 }
            while p < tokens.count {
                skipSeparators()
                guard p < tokens.count else { break }
                if isKeyword(terminators) || isOp(.close) || isOp(.doubleSemicolon) { break }
                let before = p
                guard var andOr = parseAndOr() else {
                    if p == before { p += 1 }
                    continue
                }
                if isOp(.background) { andOr.background = true; p += 1 } else if isOp(.semicolon) || isOp(.newline) { p += 1 }
                items.append(andOr)
                if p == before { p += 1 }
            }
            return .list(items)
        }

        mutating func parseAndOr() -> ShellAndOr? {
            guard let first = parsePipeline() else { return nil }
            var result = ShellAndOr(first: first, rest: [], background: false)
            while isOp(.and) || isOp(.or) {
                let connector: ShellAndOr.Connector = isOp(.and) ? .and : .or
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
            while isOp(.pipe) {
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
            case .op(.open):
                p += 1
                let body = parseList(terminators: [])
                if isOp(.close) { p += 1 }
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
                        if isOp(.open) { p += 1 }
                        while p < tokens.count, !isOp(.close) { p += 1 }
                        if isOp(.close) { p += 1 }
                        let before = p
                        arms.append(parseList(terminators: ["esac"]))
                        if isOp(.doubleSemicolon) { p += 1 } else if p == before, !isKeyword("esac") { p += 1 }
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
                case .op(.open):
                    // `NAME=(a b c)`: a bash array, read as words of no command.
                    guard command.words.isEmpty, let last = command.assignments.last, last.value.parts.isEmpty else { break loop }
                    p += 1
                    while p < tokens.count, !isOp(.close) { p += 1 }
                    if isOp(.close) { p += 1 }
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

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
        guard case .literal(let text, quoted: false)? = parts.first, let eq = text.utf8.firstIndex(of: UInt8(ascii: "=")) else { return nil }
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

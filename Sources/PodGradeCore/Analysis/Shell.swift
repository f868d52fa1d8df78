

/// A small reader of the shell scripts learners put in `command` and `args`
/// (`sh -c 'while true; do date >> /data/x; sleep 5; done'`). It splits words
/// the way sh does for quotes, separates simple commands at `; | && || \n`
/// and the loop keywords, and lists redirections. It does not evaluate
/// anything: variables stay as written.
public struct ShellCommand: Sendable, Equatable {
    public var words: [String]
    /// The shell keyword that introduced this command (`while`, `do`, `until`...), if any.
    public var keyword: String?
    /// (operator, target): `>`, `>>`, `<`, `2>`, `&>`.
    public var redirections: [(op: String, target: String)]

    public static func == (a: ShellCommand, b: ShellCommand) -> Bool {
        a.words == b.words && a.keyword == b.keyword && a.redirections.map(\.op) == b.redirections.map(\.op)
            && a.redirections.map(\.target) == b.redirections.map(\.target)
    }

    public var program: String? {
        guard let first = words.first else { return nil }
        return first.split(separator: "/").last.map(String.init)
    }
}

public enum Shell {
    static let keywords: Set<String> = ["while", "do", "done", "for", "in", "if", "then", "else", "elif", "fi",
                                        "until", "{", "}", "!", "case", "esac", "exec", "time"]
    static let shells: Set<String> = ["sh", "bash", "ash", "dash", "zsh", "ksh"]

    /// The simple commands of a script.
    public static func parse(_ script: String) -> [ShellCommand] {
        var commands: [ShellCommand] = []
        var current = ShellCommand(words: [], keyword: nil, redirections: [])
        var word = ""
        var inWord = false
        var pendingRedirect: String?
        var chars = Array(script.unicodeScalars)
        if chars.count > 100_000 { chars = Array(chars.prefix(100_000)) }
        var i = 0

        func endWord() {
            guard inWord else { return }
            if let op = pendingRedirect {
                current.redirections.append((op, word))
                pendingRedirect = nil
            } else if current.words.isEmpty, keywords.contains(word) {
                // a keyword introduces the next simple command
                current.keyword = word
            } else {
                current.words.append(word)
            }
            word = ""
            inWord = false
        }
        func endCommand() {
            endWord()
            if !current.words.isEmpty || !current.redirections.isEmpty { commands.append(current) }
            current = ShellCommand(words: [], keyword: nil, redirections: [])
        }

        while i < chars.count {
            let c = chars[i]
            switch c {
            case "'":
                inWord = true
                i += 1
                while i < chars.count, chars[i] != "'" { word.unicodeScalars.append(chars[i]); i += 1 }
            case "\"":
                inWord = true
                i += 1
                while i < chars.count, chars[i] != "\"" {
                    if chars[i] == "\\", i + 1 < chars.count { i += 1 }
                    word.unicodeScalars.append(chars[i]); i += 1
                }
            case "\\":
                if i + 1 < chars.count {
                    if chars[i + 1] != "\n" { inWord = true; word.unicodeScalars.append(chars[i + 1]) }
                    i += 1
                }
            case " ", "\t":
                endWord()
            case "\n", ";", "|", "&", "(", ")", "`":
                if c == "&", i + 1 < chars.count, chars[i + 1] == ">" {
                    endWord(); pendingRedirect = "&>"; i += 1
                    if i + 1 < chars.count, chars[i + 1] == ">" { i += 1 }
                } else {
                    endCommand()
                }
                if c == "$" { break }
            case ">", "<":
                let fd = inWord && word.allSatisfy(\.isNumber) ? word : ""
                if !fd.isEmpty { word = ""; inWord = false } else { endWord() }
                var op = fd + String(c)
                if i + 1 < chars.count, chars[i + 1] == ">" , c == ">" { op += ">"; i += 1 }
                if i + 1 < chars.count, chars[i + 1] == "&" {
                    // 2>&1: a duplication, not a file
                    i += 2
                    while i < chars.count, chars[i].properties.numericType != nil { i += 1 }
                    continue
                }
                pendingRedirect = op
            case "#" where !inWord:
                while i < chars.count, chars[i] != "\n" { i += 1 }
                continue
            case "$" where i + 1 < chars.count && chars[i + 1] == "(":
                endCommand()
                i += 1
            default:
                inWord = true
                word.unicodeScalars.append(c)
            }
            i += 1
        }
        endCommand()
        return commands
    }

    /// The scripts a container runs: the text after `sh -c`, or the command and
    /// args themselves as one simple command.
    public static func scripts(command: [String], args: [String]) -> [String] {
        let argv = command + args
        guard let first = argv.first else { return [] }
        let program = first.split(separator: "/").last.map(String.init) ?? first
        if shells.contains(program) {
            var rest = Array(argv.dropFirst())
            while let flag = rest.first, flag.hasPrefix("-"), flag != "-c" { rest.removeFirst() }
            if rest.first == "-c", rest.count >= 2 { return [rest[1]] }
            if let flag = rest.first, flag.hasPrefix("-"), flag.contains("c"), rest.count >= 2 { return [rest[1]] }
        }
        return [argv.map(quote).joined(separator: " ")]
    }

    private static func quote(_ word: String) -> String {
        guard word.contains(where: { " \t\n;|&<>'\"$`\\".unicodeScalars.contains($0.unicodeScalars.first ?? " ") }) else { return word }
        return "'" + word.replacing("'", with: "'\\''") + "'"
    }

    /// Every simple command a container runs.
    public static func commands(command: [String], args: [String]) -> [ShellCommand] {
        scripts(command: command, args: args).flatMap(parse)
    }
}


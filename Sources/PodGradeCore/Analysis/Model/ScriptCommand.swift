public import PodGradeKubernetes

/// One simple command as it would run: its words expanded from the variables known at
/// that point (unknown ones stay as `$NAME`), where its output goes and where its input
/// comes from. A class: the model's readers pass each command through several tables.
public final class ScriptCommand: Sendable {
    public enum Output: Sendable, Hashable {
        /// The container's standard output (its log): nowhere shared.
        case stdout
        /// Into the next command of a pipeline.
        case pipe
        /// Into a file (`>`, `>>`, `&>` or an enclosing loop's redirection).
        case file(String)
        /// Into `$(...)`: the text becomes part of another command.
        case substitution
        /// `/dev/null`.
        case discarded
    }

    public enum Input: Sendable, Hashable {
        case none, pipe
        case file(String)
        case text(String)
    }

    /// The words after expansion, wrappers (`exec`, `nohup`, `busybox`, `env A=B`...) removed.
    public let words: [String]
    /// (operator, target) of the command's own redirections, targets expanded.
    public let redirections: [(op: String, fd: Int?, target: String)]
    public let output: Output
    public let input: Input
    /// Run with `&`.
    public let background: Bool
    /// Inside a `while`/`until` condition or an `if` test.
    public let isCondition: Bool
    /// The node of the manifest the command was written in.
    public let source: Located<String>
    /// The directory the script changed to with `cd`, when it did (relative paths start there).
    public let directory: String?
    /// The line of the script (0-based) the command is on; for a nested `sh -c` or `$(...)`,
    /// the line of the command that holds it. In a literal block scalar (`|`) the file line
    /// is `source.mark.line + 1 + line`.
    public let line: Int
    /// The program's base name (`/bin/busybox` is `busybox`), found once.
    public let program: String?
    /// The tables of `Programs` the program is in, found once.
    let traits: Programs.Traits

    /// `program`: the first word's base name and its tables, when the caller found them already.
    init(words: [String], program: (name: String, traits: Programs.Traits)? = nil, redirections: [(op: String, fd: Int?, target: String)],
         output: Output, input: Input, background: Bool, isCondition: Bool, source: Located<String>, directory: String?, line: Int) {
        self.words = words
        self.redirections = redirections
        self.output = output
        self.input = input
        self.background = background
        self.isCondition = isCondition
        self.source = source
        self.directory = directory
        self.line = line
        if let program {
            self.program = program.name
            self.traits = program.traits
        } else {
            let name = words.first.map(ScriptCommand.baseName)
            self.program = name
            self.traits = name.map(Programs.traits(of:)) ?? []
        }
    }

    public var arguments: ArraySlice<String> { words.dropFirst() }

    /// The last `/`-separated part of a word (the word itself when it ends in `/`). The bytes
    /// are searched in place: every word of every command is looked at, and `utf8.lastIndex`
    /// walks the view index by index.
    static func baseName(_ word: String) -> String {
        guard let offset = word.withUTF8Bytes({ $0.lastIndex(of: UInt8(ascii: "/")) }) else { return word }
        let utf8 = word.utf8
        let after = utf8.index(utf8.startIndex, offsetBy: offset + 1)
        return after == utf8.endIndex ? word : String(word[after...])
    }

    /// The value after `flag` (`-p 8080`, `-p8080`, `--port=8080`, `--port 8080`).
    public func value(of flags: [String]) -> String? {
        let args = arguments
        var k = args.startIndex
        while k < args.endIndex {
            let word = args[k]
            if flags.contains(word), k + 1 < args.endIndex { return args[k + 1] }
            if word.hasPrefix("-"), let eq = word.utf8.firstIndex(of: UInt8(ascii: "=")) {
                // `--port=8080`, `-p=8080`: the flag is what stands before `=`.
                let name = String(Substring(word.utf8[..<eq]))
                if flags.contains(name) { return String(Substring(word.utf8[word.utf8.index(after: eq)...])) }
            }
            if word.utf8.count > 2, !word.hasPrefix("--") {
                for flag in flags where flag.utf8.count == 2 && flag.hasPrefix("-") && word.hasPrefix(flag) {
                    return String(Substring(word.utf8.dropFirst(2)))
                }
            }
            k += 1
        }
        return nil
    }

    /// Whether a short flag letter appears, alone or bundled (`-lk`, `-l`), or a long flag.
    public func hasFlag(_ letter: Character, long: String? = nil) -> Bool {
        let byte = letter.asciiValue ?? 0
        return arguments.contains { word in
            if let long, word == long { return true }
            let bytes = word.utf8
            guard bytes.first == UInt8(ascii: "-"), bytes.dropFirst().first != UInt8(ascii: "-") else { return false }
            return bytes.dropFirst().contains(byte)
        }
    }
}

/// What running a script does to the container's life.
public enum ScriptOutcome: Sendable, Hashable {
    /// It never returns: the container keeps running.
    case blocks(LifecycleReason)
    /// It stops the shell (`exit`, or `exec` of a program that ends).
    case exits(LifecycleReason)
    /// It returns, and the script goes on.
    case finishes(LifecycleReason)
    /// It runs a program podgrade does not know: it may or may not return.
    case unknown(LifecycleReason)
}

extension ScriptOutcome {
    /// After `exec`: the shell is gone, so a program that returns ends the container.
    var exec: ScriptOutcome {
        if case .finishes(let reason) = self { return .exits(reason) }
        return self
    }

    func orUnknown(_ other: ScriptOutcome) -> ScriptOutcome {
        if case .blocks(let reason) = other { return .unknown(reason) }
        return self
    }
}

import PodGradeKubernetes

/// Walks a parsed script in order: expands words, records each simple command, and
/// works out whether the script returns.
struct ShellRun {
    var variables: [String: String]
    var commands: [ScriptCommand] = []
    let source: Located<String>
    /// The current directory after `cd`, nil while it is the container's workingDir.
    var directory: String?
    /// The line of the simple command being run, and of the command holding a nested script.
    var currentLine = 0
    var nestedLine: Int?
    var depth = 0
    /// Where `exec > FILE` (no program) sent the script's standard output from then on.
    var execOutput: ScriptCommand.Output?
    /// `set -e`: a command that fails ends the script (outside conditions and `&&`/`||` lists).
    var errexit = false
    /// Wrappers that run the rest of their words (`nohup sleep 5`); see `Programs.Traits.wrapper`.
    static let wrappers: Set<String> = ["nohup", "command", "builtin", "time", "nice", "stdbuf", "setsid", "tini", "dumb-init", "sudo", "doas"]
    /// Bound on the number of commands recorded (nested scripts included).
    static let maximumCommands = 2_000

    init(variables: [String: String], source: Located<String>) {
        self.variables = variables
        self.source = source
    }

    struct Context {
        var output: ScriptCommand.Output = .stdout
        var input: ScriptCommand.Input = .none
        var background = false
        var isCondition = false
        /// Left of `&&`/`||` (or in a condition): a failure here does not end a `set -e` script.
        var checked = false
    }

    mutating func run(_ script: String) -> ScriptOutcome {
        run(ShellParser.parse(script), Context())
    }

    // MARK: - Expansion

    mutating func expand(_ word: ShellWord, _ context: Context) -> String {
        var text = ""
        for part in word.parts {
            switch part {
            case .literal(let s, _): text += s
            case .variable(let name, let fallback):
                if let value = variables[name] { text += value }
                else if let fallback { text += fallback }
                else { text += "$" + name }
            case .command(let script):
                if depth < 8, commands.count < Self.maximumCommands {
                    depth += 1
                    var inner = context
                    inner.output = .substitution
                    inner.background = false
                    let saved = nestedLine
                    nestedLine = nestedLine ?? currentLine
                    _ = run(ShellParser.parse(script), inner)
                    nestedLine = saved
                    depth -= 1
                }
                text += "$(" + script + ")"
            case .arithmetic(let expression):
                text += "$((" + expression + "))"
            }
        }
        return text
    }

    func redirected(_ redirections: [(op: String, fd: Int?, target: String)], _ context: Context) -> Context {
        var context = context
        for r in redirections {
            if r.op == ">" || r.op == ">>" || r.op == ">|" || r.op == "&>" || r.op == "&>>", r.fd == nil || r.fd == 1 {
                context.output = r.target == "/dev/null" ? .discarded : .file(r.target)
            } else if r.op == "<" {
                context.input = .file(r.target)
            }
        }
        return context
    }

    mutating func expandRedirections(_ list: [ShellRedirection], _ context: Context) -> [(op: String, fd: Int?, target: String)] {
        list.map { r in
            if let body = r.hereDocument { return (op: r.op, fd: r.fd, target: body) }
            return (op: r.op, fd: r.fd, target: expand(r.target, context))
        }
    }

    /// A compound command's own redirections become a command record of their own (so the
    /// files they name are seen once), and the context of what runs inside.
    mutating func enter(_ list: [ShellRedirection], _ context: Context) -> Context {
        guard !list.isEmpty else { return context }
        currentLine = nestedLine ?? list[0].line
        let expanded = expandRedirections(list, context)
        var inner = redirected(expanded, context)
        for r in list where r.hereDocument != nil || r.op == "<<<" {
            inner.input = .text(r.hereDocument ?? expand(r.target, context))
        }
        record(words: [], redirections: expanded, inner, context)
        return inner
    }

    /// Records a command run with `inner`'s output and input, inside `context`; `program` is the
    /// first word's base name and its tables, when there are words.
    @discardableResult
    mutating func record(words: [String], program: (name: String, traits: Programs.Traits)? = nil,
                         redirections: [(op: String, fd: Int?, target: String)], _ inner: Context, _ context: Context) -> ScriptCommand {
        let command = ScriptCommand(words: words, program: program, redirections: redirections, output: inner.output, input: inner.input,
                                    background: context.background, isCondition: context.isCondition, source: source,
                                    directory: directory, line: nestedLine ?? currentLine)
        if commands.count < Self.maximumCommands { commands.append(command) }
        return command
    }
}

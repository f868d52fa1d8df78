import PodGradeKubernetes

/// Walking the script: lists, pipelines, loops and simple commands, in order.
extension ShellRun {

    mutating func run(_ node: ShellNode, _ context: Context) -> ScriptOutcome {
        guard commands.count < Self.maximumCommands else { return .unknown(.tooLong) }
        switch node {
        case .simple(let simple):
            return runSimple(simple, context)
        case .pipeline(let stages, _):
            var outcomes: [ScriptOutcome] = []
            for (k, stage) in stages.enumerated() {
                var inner = context
                if k > 0 { inner.input = .pipe }
                if k < stages.count - 1 { inner.output = .pipe }
                outcomes.append(run(stage, inner))
            }
            // A pipeline lasts while its stages do: one that never ends keeps it alive,
            // unless the last stage stops reading early (`| head`).
            if let last = stages.last, case .simple(let s) = last, s.words.first?.bare.map(ScriptCommand.baseName) == "head" {
                return outcomes.last ?? .finishes(.finishes)
            }
            if let blocking = outcomes.first(where: { if case .blocks = $0 { return true } else { return false } }) { return blocking }
            if let unknown = outcomes.first(where: { if case .unknown = $0 { return true } else { return false } }) { return unknown }
            return outcomes.last ?? .finishes(.finishes)
        case .list(let items):
            return runList(items, context)
        case .loop(let isUntil, let condition, let body, let redirections):
            let inner = enter(redirections, context)
            var test = inner
            test.isCondition = true
            let conditionOutcome = run(condition, test)
            let bodyOutcome = run(body, inner)
            if case .blocks = conditionOutcome { return conditionOutcome }
            let endless = isUntil ? Self.isAlwaysFalse(condition) : Self.isAlwaysTrue(condition, variables: variables)
            if endless, !Self.leaves(body) {
                return .blocks(.endlessLoop)
            }
            if case .blocks = bodyOutcome { return bodyOutcome }
            if case .unknown = bodyOutcome { return bodyOutcome }
            if case .exits = bodyOutcome { return bodyOutcome }
            return .finishes(.finishes)
        case .forLoop(let variable, let items, let body, let redirections):
            let inner = enter(redirections, context)
            let values = items.map { expand($0, inner) }
            let saved = variables[variable]
            variables[variable] = values.count == 1 ? values[0] : nil
            let outcome = run(body, inner)
            if let saved { variables[variable] = saved }
            if case .exits = outcome { return outcome }
            if case .blocks = outcome { return outcome }
            if case .unknown = outcome { return outcome }
            return .finishes(.finishes)
        case .ifClause(let branches, let otherwise, let redirections):
            let inner = enter(redirections, context)
            var test = inner
            test.isCondition = true
            var outcomes: [ScriptOutcome] = []
            for (k, branch) in branches.enumerated() {
                let c = run(branch.condition, test)
                if k == 0, case .blocks = c { return c }
                outcomes.append(run(branch.body, inner))
            }
            if let otherwise { outcomes.append(run(otherwise, inner)) } else { outcomes.append(.finishes(.finishes)) }
            return Self.join(branches: outcomes)
        case .caseClause(let subject, let arms, let redirections):
            let inner = enter(redirections, context)
            _ = expand(subject, inner)
            var outcomes = arms.map { run($0, inner) }
            outcomes.append(.finishes(.finishes))
            return Self.join(branches: outcomes)
        case .group(let body, let subshell, let redirections):
            let inner = enter(redirections, context)
            let saved = variables
            let outcome = run(body, inner)
            if subshell {
                variables = saved
                if case .exits(let reason) = outcome { return .finishes(reason) }
            }
            return outcome
        }
    }

    /// Branches of an `if` or `case`: the script surely blocks only when every branch does.
    static func join(branches: [ScriptOutcome]) -> ScriptOutcome {
        if branches.allSatisfy({ if case .blocks = $0 { return true } else { return false } }), let first = branches.first { return first }
        if let some = branches.first(where: { if case .blocks = $0 { return true } else { return false } }),
           case .blocks(let reason) = some { return .unknown(reason) }
        if let unknown = branches.first(where: { if case .unknown = $0 { return true } else { return false } }) { return unknown }
        return .finishes(.finishes)
    }

    mutating func runList(_ items: [ShellAndOr], _ context: Context) -> ScriptOutcome {
        var unknown: ScriptOutcome?
        var backgroundBlocker: ScriptOutcome?
        var last: ScriptOutcome = .finishes(.nothingToRun)
        // Once the script blocks or exits, what follows never runs; it is still read, so that
        // the files and addresses it names are known, but it no longer decides the outcome.
        var decided: ScriptOutcome?
        for item in items {
            var inner = context
            if item.background { inner.background = true }
            var first = inner
            if !item.rest.isEmpty { first.checked = true }
            var outcome = run(item.first, first)
            for (k, (connector, node)) in item.rest.enumerated() {
                // What follows `&&`/`||` runs only sometimes: its `exit` does not end the script.
                var checked = inner
                if k < item.rest.count - 1 { checked.checked = true }
                let next = run(node, checked)
                switch next {
                case .blocks:
                    if case .blocks = outcome {} else { outcome = connector == .and ? next : outcome.orUnknown(next) }
                case .unknown:
                    if case .blocks = outcome {} else { outcome = next }
                case .exits, .finishes:
                    break
                }
            }
            if decided != nil { continue }
            if item.background {
                if case .blocks = outcome { backgroundBlocker = outcome }
                continue
            }
            if case .finishes(.waitsForJobs) = outcome {
                if let backgroundBlocker { decided = backgroundBlocker }
                continue
            }
            switch outcome {
            case .blocks:
                decided = outcome
            case .exits:
                decided = unknown ?? outcome
            case .unknown:
                unknown = unknown ?? outcome
            case .finishes:
                break
            }
            last = outcome
        }
        if let decided { return decided }
        if let unknown { return unknown }
        if case .finishes(let reason) = last, reason == .nothingToRun || reason == .finishes { return .finishes(.finishes) }
        return last
    }

    mutating func runSimple(_ simple: ShellSimpleCommand, _ context: Context) -> ScriptOutcome {
        currentLine = nestedLine ?? simple.line
        var context = context
        if let execOutput, context.output == .stdout { context.output = execOutput }
        for (name, value) in simple.assignments {
            let expanded = expand(value, context)
            variables[name] = expanded.utf8.contains(UInt8(ascii: "$")) ? nil : expanded
        }
        var words = simple.words.map { expand($0, context) }
        let redirections = expandRedirections(simple.redirections, context)
        var inner = redirected(redirections, context)
        for r in simple.redirections where r.hereDocument != nil || r.op == "<<<" {
            inner.input = .text(r.hereDocument ?? expand(r.target, context))
        }
        if words.isEmpty {
            if !redirections.isEmpty {
                record(words: [], redirections: redirections, inner, context)
            }
            return .finishes(.finishes)
        }
        // Wrappers that run the rest of their words.
        var isExec = false
        // The program's name and tables, found once: the last word looked at is the program.
        var program = ""
        var traits: Programs.Traits = []
        while let first = words.first {
            let name = ScriptCommand.baseName(first)
            program = name
            traits = Programs.traits(of: name)
            if name == "exec" { isExec = true; words.removeFirst(); while words.first?.hasPrefix("-") == true { words.removeFirst() }; continue }
            if traits.contains(.wrapper) {
                words.removeFirst()
                while let flag = words.first, flag.hasPrefix("-") { words.removeFirst(); if flag == "--" { break } }
                continue
            }
            if name == "busybox", words.count > 1, !(words[1].hasPrefix("-")) { words.removeFirst(); continue }
            if name == "env" {
                words.removeFirst()
                while let w = words.first, w.hasPrefix("-") || (w.utf8.contains(UInt8(ascii: "=")) && !w.hasPrefix("/")) {
                    if let eq = w.firstIndex(of: "="), !w.hasPrefix("-") { variables[String(w[..<eq])] = String(w[w.index(after: eq)...]) }
                    words.removeFirst()
                }
                continue
            }
            if name == "timeout" {
                words.removeFirst()
                while words.first?.hasPrefix("-") == true { words.removeFirst() }
                if !words.isEmpty { words.removeFirst() }
                continue
            }
            break
        }
        guard !words.isEmpty else {
            // `exec >> FILE` alone: what the script prints from here on goes to FILE.
            if isExec, !redirections.isEmpty {
                if inner.output != context.output { execOutput = inner.output }
                record(words: [], redirections: redirections, inner, context)
            }
            return .finishes(.finishes)
        }
        // A shell inside the script: read its script in place.
        if let nested = Self.nestedScript(words, program: program, isShell: traits.contains(.shell)), depth < 8 {
            depth += 1
            let saved = nestedLine
            nestedLine = nestedLine ?? currentLine
            let outcome = run(ShellParser.parse(nested), inner)
            nestedLine = saved
            depth -= 1
            return isExec ? outcome.exec : outcome
        }
        if program == "read" || program == "export" || program == "local" || program == "readonly" || program == "declare" {
            for word in words.dropFirst() where !word.hasPrefix("-") {
                if let eq = word.firstIndex(of: "=") {
                    let value = String(word[word.index(after: eq)...])
                    variables[String(word[..<eq])] = value.utf8.contains(UInt8(ascii: "$")) ? nil : value
                } else if program == "read" {
                    variables[word] = nil
                }
            }
        }
        if program == "cd", let target = words.dropFirst().first(where: { !$0.hasPrefix("-") }), !target.utf8.contains(UInt8(ascii: "$")) {
            directory = target.hasPrefix("/") ? Paths.normalize(target) : Paths.normalize((directory ?? "/") + "/" + target)
        }
        if program == "set" {
            for (k, word) in words.enumerated().dropFirst() {
                let flags = word.dropFirst()
                if word.hasPrefix("-"), !word.hasPrefix("--"), flags.contains("e") { errexit = true }
                if word.hasPrefix("+"), flags.contains("e") { errexit = false }
                if k + 1 < words.count, words[k + 1] == "errexit" { errexit = word == "-o" }
            }
        }
        let command = record(words: words, program: (program, traits), redirections: redirections, inner, context)
        // Under `set -e`, a command that always fails ends the script where it stands.
        if errexit, program == "false", !context.isCondition, !context.checked, !context.background { return .exits(.exitCommand) }
        let outcome = Programs.outcome(of: command)
        return isExec ? outcome.exec : outcome
    }

    /// `sh -c 'script'`, `su -c 'script' user`: the script. `program` is the first word's base
    /// name, `isShell` whether it is a shell.
    static func nestedScript(_ words: [String], program: String, isShell: Bool) -> String? {
        if isShell || program == "su" {
            var k = 1
            while k < words.count {
                let w = words[k]
                if w == "-c" || (w.hasPrefix("-") && !w.hasPrefix("--") && w.utf8.contains(UInt8(ascii: "c")) && program != "su") {
                    return k + 1 < words.count ? words[k + 1] : nil
                }
                if program == "su", w == "-s" { k += 2; continue }
                k += 1
            }
        }
        return nil
    }

    /// `while true`, `while :`, `while [ 1 ]`, `while sleep 5`: a condition that never fails.
    static func isAlwaysTrue(_ condition: ShellNode, variables: [String: String]) -> Bool {
        guard case .list(let items) = condition, let item = items.last, item.rest.isEmpty,
              case .simple(let simple) = item.first, let first = simple.words.first?.bare else { return false }
        let args = simple.words.dropFirst().map { $0.bare ?? "" }
        switch ScriptCommand.baseName(first) {
        case "true", ":": return true
        case "sleep": return true
        case "[", "test", "[[":
            let inner = args.filter { $0 != "]" && $0 != "]]" }
            if inner.count == 1, let w = inner.first, !w.isEmpty, w != "0" || first != "[[" { return true }
            if inner.count == 3, inner[0] == inner[2], ["=", "==", "-eq"].contains(inner[1]), !inner[0].isEmpty { return true }
            return false
        default: return false
        }
    }

    /// `until false`.
    static func isAlwaysFalse(_ condition: ShellNode) -> Bool {
        guard case .list(let items) = condition, let item = items.last, item.rest.isEmpty,
              case .simple(let simple) = item.first, let first = simple.words.first?.bare else { return false }
        return ScriptCommand.baseName(first) == "false"
    }

    /// Whether a loop body can leave the loop (`break`, `exit`, `return`).
    static func leaves(_ node: ShellNode) -> Bool {
        switch node {
        case .simple(let s):
            guard let first = s.words.first?.bare else { return false }
            return first == "break" || first == "exit" || first == "return"
        case .pipeline: return false
        case .list(let items): return items.contains { leaves($0.first) || $0.rest.contains { leaves($0.1) } }
        case .loop: return false
        case .forLoop: return false
        case .ifClause(let branches, let otherwise, _):
            return branches.contains { leaves($0.body) } || otherwise.map(leaves) == true
        case .caseClause(_, let arms, _): return arms.contains(where: leaves)
        case .group(let body, let subshell, _): return !subshell && leaves(body)
        }
    }
}

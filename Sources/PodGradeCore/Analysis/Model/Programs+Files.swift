/// Which files a command writes, creates or reads.
extension Programs {

    enum FileKind: Sendable { case write, create, read }

    /// The files a command writes, creates or reads, as it names them (relative or absolute).
    static func files(of c: ScriptCommand, workingDirectory: String?) -> [(FileKind, String, String)] {
        var result: [(FileKind, String, String)] = []
        for r in c.redirections where !r.op.hasPrefix("<<") {
            let target = r.target
            guard !target.isEmpty, !target.hasPrefix("/dev/"), !target.hasPrefix("/proc/") else { continue }
            switch r.op {
            case "<": result.append((.read, target, "<"))
            case "<>": result.append((.read, target, "<>")); result.append((.write, target, "<>"))
            case "<<<": break
            default: result.append((.write, target, (r.fd.map(String.init) ?? "") + r.op))
            }
        }
        guard let program = c.program else { return result }
        switch program {
        case "tee":
            result += operands(c, valueFlags: []).map { (.write, $0, "tee") }
        case "touch":
            result += operands(c, valueFlags: ["-d", "-r", "-t"]).map { (.create, $0, program) }
        case "mkdir":
            result += operands(c, valueFlags: ["-m"]).map { (.create, $0, program) }
        case "cp", "mv", "ln", "install", "rsync":
            let ops = operands(c, valueFlags: ["-t", "-m", "-o", "-g", "-S"])
            if ops.count >= 2, let target = ops.last {
                result.append((.write, target, program))
                result += ops.dropLast().map { (.read, $0, program) }
            }
        case "grep", "egrep", "fgrep", "awk", "sed":
            let explicitPattern = c.arguments.contains { $0 == "-e" || $0 == "-f" || $0.hasPrefix("--regexp") }
            var ops = operands(c, valueFlags: ["-e", "-f", "-m", "-A", "-B", "-C", "--regexp", "--max-count"])
            if !explicitPattern, !ops.isEmpty { ops.removeFirst() }
            result += ops.map { (.read, $0, program) }
            if program == "sed", c.hasFlag("i") { result += ops.map { (.write, $0, program) } }
        case "httpd":
            let dir = c.value(of: ["-h"]) ?? workingDirectory ?? "/"
            result.append((.read, dir, "httpd"))
        case "python", "python2", "python3":
            if c.arguments.contains("http.server") || c.arguments.contains("SimpleHTTPServer") {
                result.append((.read, c.value(of: ["-d", "--directory"]) ?? workingDirectory ?? "/", "http.server"))
            }
        case "wget":
            if let out = c.value(of: ["-O", "--output-document"]), out != "-" { result.append((.write, out, "wget")) }
            if let dir = c.value(of: ["-P", "--directory-prefix"]) { result.append((.write, dir, "wget")) }
        case "curl":
            if let out = c.value(of: ["-o", "--output"]), out != "-" { result.append((.write, out, "curl")) }
        case "node_exporter":
            if let dir = c.value(of: ["--collector.textfile.directory"]) { result.append((.read, dir, "node_exporter")) }
        case "nginx":
            result += ["/var/log/nginx/access.log", "/var/log/nginx/error.log"].map { (.write, $0, "nginx") }
            result += ["/usr/share/nginx/html", "/etc/nginx"].map { (.read, $0, "nginx") }
        case "dd":
            for word in c.arguments {
                if word.hasPrefix("if=") { result.append((.read, String(word.dropFirst(3)), "dd")) }
                if word.hasPrefix("of=") { result.append((.write, String(word.dropFirst(3)), "dd")) }
            }
        default:
            if c.traits.contains(.fileReader) {
                result += operands(c, valueFlags: ["-n", "-c", "-s", "--lines", "--bytes", "--pid", "-name", "-type"])
                    .filter { !$0.hasPrefix("+") }
                    .map { (.read, $0, program) }
            }
        }
        return result
    }

    /// Whether the command prints to its standard output.
    static func prints(_ c: ScriptCommand) -> Bool {
        guard let program = c.program, c.traits.contains(.printer) else { return false }
        switch program {
        case "grep", "egrep", "fgrep": return !c.hasFlag("q", long: "--quiet")
        case "sed": return !c.hasFlag("i")
        case "curl": return c.value(of: ["-o", "--output"]) == nil
        case "wget": return c.value(of: ["-O", "--output-document"]) == "-"
        case "nc", "ncat", "netcat": return !isListening(c)
        case "tail", "cat": return true
        default: return true
        }
    }
}

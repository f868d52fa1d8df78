public import PodGradeKubernetes

/// A file a container writes or reads, found in its shell commands or known
/// of its image, with the node that says so.
public struct FileAccess: Sendable {
    public enum Kind: Sendable { case write, read }
    public let kind: Kind
    public let path: String
    /// The command or args element it was found in; nil when it comes from image knowledge.
    public let source: Located<String>?
}

public enum FileAccesses {
    static let readers: Set<String> = ["cat", "tail", "head", "grep", "egrep", "fgrep", "less", "more", "wc", "sort",
                                       "uniq", "awk", "sed", "cut", "tac", "nl", "od", "md5sum", "sha256sum", "jq"]
    static let servers: [String: String] = ["httpd": "-h", "busybox": "-h"]

    /// The commands of a container with the node each came from.
    static func commands(of container: Container) -> [(ShellCommand, Located<String>?)] {
        let command = container.command ?? []
        let args = container.args ?? []
        let words = (command + args).map(\.value)
        guard !words.isEmpty else { return [] }
        let scripts = Shell.scripts(command: command.map(\.value), args: args.map(\.value))
        // The node to point at: the `-c` script element when there is one, else the first word.
        let all = command + args
        let anchor = all.first { scripts.count == 1 && $0.value == scripts[0] } ?? all.first
        return scripts.flatMap(Shell.parse).map { ($0, anchor) }
    }

    public static func of(_ container: Container) -> [FileAccess] {
        var result: [FileAccess] = []
        let commands = commands(of: container)
        for (command, source) in commands {
            for redirection in command.redirections where redirection.target.hasPrefix("/") || !redirection.target.hasPrefix("$") {
                guard redirection.target != "/dev/null", !redirection.target.hasPrefix("/dev/std") else { continue }
                let kind: FileAccess.Kind = redirection.op.hasSuffix("<") ? .read : .write
                result.append(FileAccess(kind: kind, path: redirection.target, source: source))
            }
            let words = command.words
            guard let program = command.program else { continue }
            let operands = words.dropFirst().filter { !$0.hasPrefix("-") && !$0.isEmpty }
            switch program {
            case "tee":
                result += operands.map { FileAccess(kind: .write, path: $0, source: source) }
            case "touch", "mkdir":
                result += operands.map { FileAccess(kind: .write, path: $0, source: source) }
            case "cp", "mv", "ln":
                if let target = operands.last, operands.count >= 2 {
                    result.append(FileAccess(kind: .write, path: target, source: source))
                    result += operands.dropLast().map { FileAccess(kind: .read, path: $0, source: source) }
                }
            case "grep", "egrep", "fgrep", "awk", "sed":
                // the first operand is the pattern or program
                result += operands.dropFirst().map { FileAccess(kind: .read, path: $0, source: source) }
            case "httpd":
                if let i = words.firstIndex(of: "-h"), i + 1 < words.count {
                    result.append(FileAccess(kind: .read, path: words[i + 1], source: source))
                }
            case "python", "python3":
                if words.contains("http.server") {
                    let dir = words.firstIndex(of: "-d").flatMap { $0 + 1 < words.count ? words[$0 + 1] : nil }
                        ?? container.workingDir?.value ?? "/"
                    result.append(FileAccess(kind: .read, path: dir, source: source))
                }
            default:
                if readers.contains(program) {
                    let skipsValue: Set<String> = ["-n", "-c", "-s", "--lines", "--bytes"]
                    var paths: [String] = []
                    var skip = false
                    for word in words.dropFirst() {
                        if skip { skip = false; continue }
                        if skipsValue.contains(word) { skip = true; continue }
                        if word.hasPrefix("-") || word.isEmpty { continue }
                        paths.append(word)
                    }
                    result += paths.map { FileAccess(kind: .read, path: $0, source: source) }
                }
            }
        }
        if commands.isEmpty, let known = ImageKnowledge.of(container.image?.value) {
            result += known.writes.map { FileAccess(kind: .write, path: $0, source: nil) }
            result += known.reads.map { FileAccess(kind: .read, path: $0, source: nil) }
        }
        if let known = ImageKnowledge.of(container.image?.value), known.readsMounts {
            result += container.volumeMounts.compactMap { $0.mountPath?.value }.map { FileAccess(kind: .read, path: $0, source: nil) }
        }
        // `$VAR/x` cannot be resolved: keep only absolute or relative literal paths.
        return result.filter { !$0.path.hasPrefix("$") && !$0.path.isEmpty }
    }

    /// The accesses of `kind` that land on a volume, with their volume place.
    public static func places(_ kind: FileAccess.Kind, of container: Container) -> [(FileAccess, VolumePlace)] {
        places(of(container).filter { $0.kind == kind }, in: container)
    }

    /// The given accesses (already found) that land on a volume, with their volume place.
    public static func places(_ accesses: [FileAccess], in container: Container) -> [(FileAccess, VolumePlace)] {
        accesses.compactMap { access in
            Paths.place(of: access.path, in: container).map { (access, $0) }
        }
    }
}

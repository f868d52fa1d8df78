import PodGradeYAML
import PodGradeCore

/// A manifest reduced to what it means, so that restyling hides nothing:
/// mapping keys sorted, scalars by value (`80`, `"80"` and `'80'` alike),
/// sequences of objects (containers, volumes, mounts...) in an order that does
/// not depend on how they were written, a container's `command` and `args`
/// merged into one shell script read word by word, and the identifiers the
/// learner chose (names the task does not fix) renamed in order of first
/// appearance, consistently across the submission (scripts and comments too).
indirect enum CNode {
    /// A scalar's value; `ident` when it is a free identifier to be renamed.
    case scalar(String, line: Int, ident: IdentKind?)
    case map([CPair])
    case seq([CNode], line: Int)
    /// A container's command and args: simple commands of shell words.
    case run([ShellLine], line: Int)

    var line: Int {
        switch self {
        case .scalar(_, let line, _): return line
        case .map(let pairs): return pairs.first?.line ?? 0
        case .seq(_, let line): return line
        case .run(_, let line): return line
        }
    }
}

struct CPair {
    let key: String
    let value: CNode
    let line: Int
}

/// One simple command of a script, with the line where it is written.
struct ShellLine {
    var words: [String]
    let line: Int
}

enum IdentKind {
    /// A name (container, volume, label value, env variable...): whole words.
    case name
    /// A path (a mount path): replaced as a prefix of longer paths too.
    case path
}

/// The names and paths a task fixes: everyone writes them, none is renamed.
struct FixedNames {
    var values: Set<String>

    init(exercise: Exercise?) {
        var values = Set<String>()
        if let exercise {
            values.insert(exercise.objectName)
            for check in exercise.checks { Self.collect(check.writtenParams, into: &values) }
        }
        self.values = values
    }

    static func collect(_ node: Node?, into set: inout Set<String>) {
        guard let node else { return }
        switch node.content {
        case .scalar(let s): set.insert(s.text)
        case .sequence(let items): for item in items { collect(item, into: &set) }
        case .mapping(let pairs): for pair in pairs { collect(pair.value, into: &set) }
        }
    }
}

/// Builds canonical trees and collects the free identifiers met on the way.
struct Canonicalizer {
    var fixed: FixedNames
    private(set) var names: Set<String> = []
    private(set) var paths: Set<String> = []
    /// Written orders of mappings and of object sequences: evidence of their own.
    private(set) var orders: [(path: String, text: String, keys: String, span: LineSpan)] = []
    /// The file being converted (orders remember it).
    var file = 0

    static let nameSequences: Set<String> = ["containers", "initContainers", "ephemeralContainers", "volumes", "volumeMounts",
                                             "volumeDevices", "ports", "env", "imagePullSecrets", "envFrom"]
    static let nameHolders: Set<String> = ["configMap", "configMapKeyRef", "secretKeyRef", "configMapRef", "secretRef"]
    static let labelMaps: Set<String> = ["labels", "matchLabels", "selector", "nodeSelector"]
    static let pathKeys: Set<String> = ["mountPath"]

    init(fixed: FixedNames) {
        self.fixed = fixed
    }

    mutating func convert(_ node: Node) -> CNode {
        convert(node, path: "", parentKey: "", inNamedSequence: false)
    }

    private mutating func ident(_ text: String, _ kind: IdentKind) -> IdentKind? {
        guard !text.isEmpty, !fixed.values.contains(text) else { return nil }
        switch kind {
        case .name: names.insert(text)
        case .path:
            guard text.hasPrefix("/"), text != "/" else { return nil }
            paths.insert(text)
        }
        return kind
    }

    private mutating func convert(_ node: Node, path: String, parentKey: String, inNamedSequence: Bool) -> CNode {
        switch node.content {
        case .scalar(let scalar):
            return .scalar(Self.normalize(scalar), line: node.mark.line, ident: nil)
        case .sequence(let items):
            let named = Self.nameSequences.contains(parentKey)
            var converted: [CNode] = []
            converted.reserveCapacity(items.count)
            var labels: [String] = []
            for item in items {
                let label = item["name"]?.scalar?.text ?? ""
                if !label.isEmpty { labels.append(label) }
                let shown = fixed.values.contains(label) ? label : ""
                converted.append(convert(item, path: path + "[" + shown + "]", parentKey: parentKey, inNamedSequence: named))
            }
            if labels.count >= 2, labels.count == items.count {
                let written = labels.joined(separator: " ")
                orders.append((path + "[]", written, written, LineSpan(file: file, first: node.mark.line, last: node.mark.line)))
            }
            return .seq(converted, line: node.mark.line)
        case .mapping(let pairs):
            var result: [CPair] = []
            result.reserveCapacity(pairs.count)
            if pairs.count >= 2 {
                let keys = pairs.map(\.key)
                orders.append((path, keys.joined(separator: " "), keys.sorted().joined(separator: " "),
                               LineSpan(file: file, first: node.mark.line, last: node.mark.line)))
            }
            let isContainer = inNamedSequence && parentKey.hasSuffix("ontainers") && (node["command"] != nil || node["args"] != nil)
            var runLine = 0
            for pair in pairs {
                let key = pair.key
                let childPath = path.isEmpty ? key : path + "." + key
                if isContainer, key == "command" || key == "args" {
                    if runLine == 0 { runLine = pair.keyNode.mark.line }
                    continue
                }
                let value: CNode
                if let scalar = pair.value.scalar {
                    let text = Self.normalize(scalar)
                    var kind: IdentKind?
                    if key == "name", inNamedSequence || parentKey == "metadata" || Self.nameHolders.contains(parentKey) {
                        kind = ident(text, .name)
                    } else if key == "secretName" || key == "claimName" {
                        kind = ident(text, .name)
                    } else if Self.labelMaps.contains(parentKey) {
                        // A label value is a name the learner chose, as a selector refers to it.
                        kind = ident(text, .name)
                    } else if Self.pathKeys.contains(key) {
                        kind = ident(text, .path)
                    }
                    value = .scalar(text, line: pair.value.mark.line, ident: kind)
                } else {
                    value = convert(pair.value, path: childPath, parentKey: key, inNamedSequence: false)
                }
                result.append(CPair(key: key, value: value, line: pair.keyNode.mark.line))
            }
            if isContainer {
                let command = node["command"].map(Self.strings) ?? []
                let args = node["args"].map(Self.strings) ?? []
                // The script is the last word of args, else of command: its style tells where its lines are.
                let scriptNode = node["args"]?.sequence?.last ?? node["command"]?.sequence?.last
                let style = scriptNode?.scalar?.style
                let line = scriptNode?.mark.line ?? runLine
                result.append(CPair(key: "run", value: .run(Self.shellLines(command: command, args: args, style: style, line: line),
                                                             line: runLine), line: runLine))
            }
            result.sort { $0.key < $1.key }
            return .map(result)
        }
    }

    static func strings(_ node: Node) -> [String] {
        if let items = node.sequence { return items.compactMap { $0.scalar?.text } }
        return node.scalar.map { [$0.text] } ?? []
    }

    /// The simple commands a container runs, each on the line where it is
    /// written when the script is a block scalar (one command per line).
    static func shellLines(command: [String], args: [String], style: ScalarStyle?, line: Int) -> [ShellLine] {
        var result: [ShellLine] = []
        for script in Shell.scripts(command: command, args: args) {
            let blockStart = style == .literal || style == .folded ? line + 1 : line
            if style == .literal, script.contains("\n") {
                var offset = 0
                for text in script.split(separator: "\n", omittingEmptySubsequences: false) {
                    for command in Shell.parse(String(text)) {
                        result.append(ShellLine(words: words(of: command), line: blockStart + offset))
                    }
                    offset += 1
                }
            } else {
                for command in Shell.parse(script) { result.append(ShellLine(words: words(of: command), line: blockStart)) }
            }
        }
        return result
    }

    static func words(of command: ShellCommand) -> [String] {
        var words: [String] = []
        if let keyword = command.keyword { words.append(keyword) }
        words += command.words
        for redirection in command.redirections { words += [redirection.op, redirection.target] }
        return words
    }

    /// A scalar by its value: numbers in decimal, booleans and null spelled one way.
    static func normalize(_ scalar: Scalar) -> String {
        switch scalar.value {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .float(let d): return d.rounded() == d && abs(d) < 1e15 ? String(Int64(d)) : String(d)
        case .string(let s): return s
        }
    }
}

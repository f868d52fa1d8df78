import PodGradeYAML
import PodGradeCore

/// Renames free identifiers in order of first appearance: names become `$1`,
/// `$2`..., paths `@1`, `@2`...
struct Renamer {
    let names: Set<String>
    /// Longest first, so that `/data/logs` is found before `/data`.
    let paths: [String]
    private(set) var map: [String: String] = [:]
    private var nameCount = 0
    private var pathCount = 0

    init(names: Set<String>, paths: Set<String>) {
        self.names = names
        self.paths = paths.sorted { $0.count != $1.count ? $0.count > $1.count : $0 < $1 }
    }

    var isEmpty: Bool { names.isEmpty && paths.isEmpty }

    mutating func name(_ text: String) -> String { rename(text, isPath: false) }

    mutating func path(_ text: String) -> String { rename(text, isPath: true) }

    /// The text's stand-in: the same each time, `$n` for the n-th name, `@n` for the n-th path.
    private mutating func rename(_ text: String, isPath: Bool) -> String {
        if let known = map[text] { return known }
        let number: Int
        if isPath { pathCount += 1; number = pathCount } else { nameCount += 1; number = nameCount }
        let renamed = (isPath ? "@" : "$") + String(number)
        map[text] = renamed
        return renamed
    }

    /// A word of a script, a comment or a value: a free path as its prefix,
    /// free names as whole identifier segments (`$MSG`, `shared-logs/x`).
    mutating func word(_ word: String) -> String {
        if isEmpty { return word }
        var text = word
        for p in paths where text == p || text.hasPrefix(p + "/") {
            text = path(p) + text.dropFirst(p.count)
            break
        }
        guard !names.isEmpty else { return text }
        var result = ""
        var segment = ""
        func flush(_ r: inout Renamer) {
            if !segment.isEmpty {
                if r.names.contains(segment) {
                    let renamed = r.name(segment)
                    // `$GREETING` becomes `$2`, not `$$2`.
                    result += result.hasSuffix("$") ? String(renamed.dropFirst()) : renamed
                } else {
                    result += segment
                }
                segment = ""
            }
        }
        for c in text {
            if c.isLetter || c.isNumber || c == "_" || c == "-" {
                segment.append(c)
            } else {
                flush(&self)
                result.append(c)
            }
        }
        flush(&self)
        return result
    }

    /// The same word with every free identifier masked (for ordering).
    func mask(_ word: String) -> String {
        if isEmpty { return word }
        var text = word
        for p in paths where text == p || text.hasPrefix(p + "/") {
            text = "@" + text.dropFirst(p.count)
            break
        }
        guard !names.isEmpty else { return text }
        var result = ""
        var segment = ""
        for c in text {
            if c.isLetter || c.isNumber || c == "_" || c == "-" {
                segment.append(c)
            } else {
                result += names.contains(segment) ? "$" : segment
                segment = ""
                result.append(c)
            }
        }
        result += names.contains(segment) ? "$" : segment
        return result
    }
}

extension CNode {
    /// The node as text with free identifiers masked: the key that orders
    /// sequences of objects whatever names the learner chose.
    func masked(_ renamer: Renamer) -> String {
        switch self {
        case .scalar(let text, _, let ident):
            switch ident {
            case .name: return "$"
            case .path: return "@"
            case nil: return renamer.mask(text)
            }
        case .map(let pairs):
            return "{" + pairs.map { $0.key + ":" + $0.value.masked(renamer) }.joined(separator: ",") + "}"
        case .seq(let items, _):
            return "[" + items.map { $0.masked(renamer) }.joined(separator: ",") + "]"
        case .run(let lines, _):
            return "(" + lines.map { $0.words.map(renamer.mask).joined(separator: " ") }.joined(separator: ";") + ")"
        }
    }

    /// Sequences whose items are all mappings sorted by their masked text;
    /// lists of scalars (a command's argv) keep their order.
    func sorted(_ renamer: Renamer) -> CNode {
        switch self {
        case .scalar, .run: return self
        case .map(let pairs):
            return .map(pairs.map { CPair(key: $0.key, value: $0.value.sorted(renamer), line: $0.line) })
        case .seq(let items, let line):
            let children = items.map { $0.sorted(renamer) }
            let allMaps = children.allSatisfy { if case .map = $0 { return true } else { return false } }
            guard allMaps, children.count > 1 else { return .seq(children, line: line) }
            let keyed = children.enumerated().map { (key: $0.element.masked(renamer), index: $0.offset, node: $0.element) }
            let ordered = keyed.sorted { $0.key != $1.key ? $0.key < $1.key : $0.index < $1.index }
            return .seq(ordered.map(\.node), line: line)
        }
    }
}

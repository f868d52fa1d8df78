import PodGradeYAML

struct Token {
    let text: String
    let line: Int
    let file: Int
}

/// Fragments of one submission, one per hash, with every place they occur.
struct FragmentBuilder {
    private(set) var fragments: [Fragment] = []
    private var index: [UInt64: Int] = [:]

    static func hash(_ kind: FragmentKind, _ text: String) -> UInt64 { FNV.hash(kind.rawValue + "\u{1}" + text) }

    @discardableResult
    mutating func add(_ kind: FragmentKind, _ text: String, _ span: LineSpan, given: [UInt64] = []) -> UInt64 {
        let hash = Self.hash(kind, text)
        if let at = index[hash] {
            if fragments[at].spans.count < 8, !fragments[at].spans.contains(span) { fragments[at].spans.append(span) }
            return hash
        }
        index[hash] = fragments.count
        let shown = text.count > Fingerprinter.maxFragmentText ? String(text.prefix(Fingerprinter.maxFragmentText)) + "…" : text
        fragments.append(Fragment(hash: hash, kind: kind, text: shown, spans: [span], given: given))
        return hash
    }
}

/// Walks a sorted canonical tree: the token stream for k-grams, and the
/// key, value, command and script fragments, each given what it implies.
struct Emitter {
    let file: Int
    var renamer: Renamer
    var builder: FragmentBuilder
    var tokens: [Token] = []

    init(file: Int, renamer: Renamer, builder: FragmentBuilder) {
        self.file = file
        self.renamer = renamer
        self.builder = builder
    }

    private func span(_ first: Int, _ last: Int? = nil) -> LineSpan {
        LineSpan(file: file, first: first, last: max(first, last ?? first))
    }

    /// The fragment saying that `path` is there, given its parent.
    private mutating func present(_ path: String, parent: String, line: Int) {
        builder.add(.key, path, span(line), given: parent.isEmpty ? [] : [FragmentBuilder.hash(.key, parent)])
    }

    mutating func emit(_ node: CNode, path: String) {
        switch node {
        case .scalar(let text, let line, let ident):
            let value: String
            switch ident {
            case .name: value = renamer.name(text)
            case .path, nil: value = renamer.word(text)
            }
            tokens.append(Token(text: value, line: line, file: file))
            builder.add(.value, path + " = " + value, span(line), given: path.isEmpty ? [] : [FragmentBuilder.hash(.key, path)])
        case .map(let pairs):
            tokens.append(Token(text: "{", line: node.line, file: file))
            for pair in pairs {
                tokens.append(Token(text: pair.key + ":", line: pair.line, file: file))
                let child = path.isEmpty ? pair.key : path + "." + pair.key
                present(child, parent: path, line: pair.line)
                emit(pair.value, path: child)
            }
            tokens.append(Token(text: "}", line: node.line, file: file))
        case .seq(let items, let line):
            tokens.append(Token(text: "[", line: line, file: file))
            for item in items {
                var label = ""
                if case .map(let pairs) = item, let name = pairs.first(where: { $0.key == "name" }), case .scalar(let text, _, let ident) = name.value {
                    // A fixed name (a container of the task) says which object; a chosen one is renamed anyway.
                    label = ident == nil ? text : ""
                    if ident == .name { _ = renamer.name(text) }
                }
                let child = path + "[" + label + "]"
                present(child, parent: path, line: item.line)
                emit(item, path: child)
            }
            tokens.append(Token(text: "]", line: line, file: file))
        case .run(let lines, let line):
            var script: [String] = []
            var commands: [UInt64] = []
            let first = lines.first?.line ?? line
            var last = first
            for shellLine in lines {
                let words = shellLine.words.map { renamer.word($0) }
                for word in words { tokens.append(Token(text: word, line: shellLine.line, file: file)) }
                tokens.append(Token(text: ";", line: shellLine.line, file: file))
                // A command given the one before it: a loop's lines come together, one choice.
                commands.append(builder.add(.command, words.joined(separator: " "), span(shellLine.line), given: commands.suffix(1)))
                script.append(words.joined(separator: " "))
                last = max(last, shellLine.line)
            }
            // A one-command script is its command: one fragment, not two of the same evidence.
            if script.count > 1 {
                builder.add(.script, path + ": " + script.joined(separator: " ; "), span(first, last), given: commands)
            }
        }
    }
}

/// 64-bit FNV-1a: stable across runs and machines (Swift's Hasher is seeded per process).
enum FNV {
    static let offset: UInt64 = 0xcbf2_9ce4_8422_2325
    static let prime: UInt64 = 0x100_0000_01b3

    static func hash(_ text: String) -> UInt64 {
        var h = offset
        for byte in text.utf8 {
            h ^= UInt64(byte)
            h = h &* prime
        }
        return h
    }

    static func combine(_ values: ArraySlice<UInt64>) -> UInt64 {
        var h = offset
        for value in values {
            var v = value
            for _ in 0..<8 {
                h ^= v & 0xff
                h = h &* prime
                v >>= 8
            }
        }
        return h
    }
}

/// Winnowing (Schleimer, Wilkerson, Aiken 2003, the method of MOSS): hash
/// every k-gram, keep the smallest hash of each window of w consecutive ones
/// (the rightmost on a tie). Two streams sharing a run of k + w - 1 tokens
/// share at least one kept hash.
enum Winnowing {
    struct Gram {
        let text: String
        let span: LineSpan
    }

    static func select(_ tokens: [Token], parameters: WinnowingParameters) -> [Gram] {
        guard !tokens.isEmpty else { return [] }
        let k = min(parameters.k, tokens.count)
        let tokenHashes = tokens.map { FNV.hash($0.text) }
        let count = tokens.count - k + 1
        var grams: [UInt64] = []
        grams.reserveCapacity(count)
        for i in 0..<count { grams.append(FNV.combine(tokenHashes[i..<(i + k)])) }
        let w = min(parameters.w, count)
        var chosen: [Int] = []
        var last = -1
        for start in 0...(count - w) {
            var best = start
            for j in start..<(start + w) where grams[j] <= grams[best] { best = j }
            if best != last {
                chosen.append(best)
                last = best
            }
        }
        return chosen.map { i in
            let slice = tokens[i..<(i + k)]
            let lines = slice.map(\.line).filter { $0 > 0 }
            let file = slice.first?.file ?? 0
            return Gram(text: slice.map(\.text).joined(separator: " "),
                        span: LineSpan(file: file, first: lines.min() ?? 0, last: lines.max() ?? 0))
        }
    }
}

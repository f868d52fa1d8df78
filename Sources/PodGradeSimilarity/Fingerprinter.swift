public import PodGradeCore
import PodGradeYAML

/// What a fragment of a submission is; each kind is evidence of its own.
public enum FragmentKind: String, Sendable, Codable, CaseIterable {
    /// A winnowed k-gram of the canonical token stream (structure and values).
    case kgram
    /// A container's whole script, words renamed.
    case script
    /// One simple command of a script.
    case command
    /// A comment, lower-cased, spaces collapsed, identifiers renamed.
    case comment
    /// One value at its path (`spec.containers[writer].image = busybox:1.36`).
    case value
    /// That a key or an object is there at all (`spec.containers[web-server].livenessProbe`).
    case key
    /// The order in which keys or objects were written.
    case order
    /// The set of keys of a mapping, sorted: the condition of its order (weighs nothing itself).
    case keyset

    /// How much a shared fragment of this kind counts in the score beside the
    /// others: an order is weaker evidence than a script or a comment, and a
    /// k-gram only nominates candidates and marks lines (it repeats the
    /// values it spans, which would count them several times).
    var factor: Double {
        switch self {
        case .kgram, .keyset: return 0
        case .order: return 0.5
        default: return 1
        }
    }

    /// The order shared fragments of equal weight are listed in: what a person reads best first.
    var displayRank: Int {
        switch self {
        case .script: return 0
        case .comment: return 1
        case .command: return 2
        case .value: return 3
        case .key: return 4
        case .order: return 5
        case .keyset: return 6
        case .kgram: return 7
        }
    }

    /// Whether having it on one side only speaks against a copy. Comments and
    /// orders are the cheapest things to change: a copy without the comments
    /// or with its keys shuffled is no less a copy. What a manifest does
    /// (values, scripts, commands) counts both ways.
    var isContent: Bool { self == .value || self == .key || self == .script || self == .command }
}

/// Lines of a submission file a fragment comes from (1-based, inclusive).
public struct LineSpan: Sendable, Hashable, Codable {
    public let file: Int
    public let first: Int
    public let last: Int

    public init(file: Int, first: Int, last: Int) {
        self.file = file
        self.first = first
        self.last = last
    }
}

public struct Fragment: Sendable, Codable {
    public let hash: UInt64
    public let kind: FragmentKind
    /// What the fragment says, as shown to the instructor (shortened).
    public let text: String
    public var spans: [LineSpan]
    /// Fragments this one implies (a value implies its key, a key its parent,
    /// a script its commands, an order its set of keys): its evidence is only
    /// what it adds to the rarest of them, so one choice is not counted at
    /// every level of the tree.
    public var given: [UInt64] = []
}

/// A submission file as written, for the side-by-side view.
public struct SubmittedFile: Sendable, Codable {
    public let path: String
    /// The text, when it is small enough to keep (64 KiB).
    public let text: String?
}

/// One learner's submission to one exercise, fingerprinted.
public struct SubmissionFingerprint: Sendable, Codable {
    public let exercise: String
    public let files: [SubmittedFile]
    /// Distinct fragments (one per hash), in the order first met.
    public let fragments: [Fragment]
}

/// Every fingerprinted submission of one learner (one repository).
public struct LearnerFingerprints: Sendable, Codable {
    public var student: String
    public var commit: String?
    public let submissions: [SubmissionFingerprint]

    public init(student: String, commit: String?, submissions: [SubmissionFingerprint]) {
        self.student = student
        self.commit = commit
        self.submissions = submissions
    }
}

/// The parameters of winnowing: k tokens per k-gram, a window of w k-grams.
/// Any run of at least k + w - 1 equal tokens shares a fingerprint.
public struct WinnowingParameters: Sendable, Hashable, Codable {
    public var k: Int
    public var w: Int

    public init(k: Int = 5, w: Int = 4) {
        self.k = max(1, k)
        self.w = max(1, w)
    }
}

/// Reads a learner's submissions to every exercise of a lab into fragments.
public enum Fingerprinter {
    /// The version of the fragment scheme; fingerprints of another version are not compared.
    public static let format = 1
    static let maxKeptFileBytes = 64 << 10
    static let maxFragmentText = 160
    /// Nodes (aliases expanded) a submission may have and still be fingerprinted:
    /// a manifest of these labs has a few hundred; a hostile one is skipped, not walked.
    static let maxNodes = 50_000
    /// Comments read per file.
    static let maxComments = 2_000

    /// Fingerprints of every exercise the snapshot holds a submission for.
    public static func fingerprints(of snapshot: SourceSnapshot, lab: Lab, student: String = "",
                                    parameters: WinnowingParameters = WinnowingParameters()) -> LearnerFingerprints {
        var parsed: [(path: String, bytes: [UInt8], yaml: YAMLFile)] = []
        for file in snapshot.files where SourceSnapshot.isManifest(file.path) {
            guard case .bytes(let bytes) = file.content else { continue }
            parsed.append((file.path, bytes, YAMLReader.read(bytes)))
        }
        var submissions: [SubmissionFingerprint] = []
        for exercise in lab.exercises {
            let files = submission(for: exercise, in: parsed)
            guard !files.isEmpty else { continue }
            submissions.append(fingerprint(files, exercise: exercise, parameters: parameters))
        }
        return LearnerFingerprints(student: student, commit: snapshot.origin.commit, submissions: submissions)
    }

    /// The starter files of an exercise, fingerprinted like a submission:
    /// what every learner was given weighs nothing.
    public static func starter(of exercise: Exercise, parameters: WinnowingParameters = WinnowingParameters()) -> SubmissionFingerprint {
        let files = exercise.starter.filter { SourceSnapshot.isManifest($0.path) }.map { ($0.path, $0.content, YAMLReader.read($0.content)) }
        return fingerprint(files, exercise: exercise, parameters: parameters)
    }

    /// The same rule as the grader's: manifests in a folder named by the
    /// slug, else those holding an object of the exercise's kind and name.
    static func submission(for exercise: Exercise, in files: [(path: String, bytes: [UInt8], yaml: YAMLFile)])
        -> [(path: String, bytes: [UInt8], yaml: YAMLFile)] {
        let inFolder = files.filter { $0.path.split(separator: "/").dropLast().contains { $0 == exercise.id } }
        if !inFolder.isEmpty { return inFolder }
        return files.filter { file in
            file.yaml.documents.contains { document in
                objects(document.root).contains {
                    $0["kind"]?.string.map(exercise.objectKinds.contains) == true && $0["metadata"]?["name"]?.string == exercise.objectName
                }
            }
        }
    }

    static func objects(_ root: Node) -> [Node] {
        if root["kind"]?.string == "List" || (root["kind"]?.string?.hasSuffix("List") == true && root["items"] != nil) {
            return root["items"]?.sequence ?? []
        }
        return [root]
    }

    static func fingerprint(_ files: [(path: String, bytes: [UInt8], yaml: YAMLFile)], exercise: Exercise,
                            parameters: WinnowingParameters) -> SubmissionFingerprint {
        let ordered = files.sorted { $0.path < $1.path }
        var canonicalizer = Canonicalizer(fixed: FixedNames(exercise: exercise))
        var documents: [(file: Int, node: CNode)] = []
        let nodes = ordered.reduce(0) { total, file in file.yaml.documents.reduce(total) { $0 + $1.root.weight } }
        for (index, file) in ordered.enumerated() where nodes <= maxNodes {
            canonicalizer.file = index
            for document in file.yaml.documents { documents.append((index, canonicalizer.convert(document.root))) }
        }
        var renamer = Renamer(names: canonicalizer.names, paths: canonicalizer.paths)
        let sortedDocuments = documents.map { (file: $0.file, node: $0.node.sorted(renamer)) }
            .map { (key: $0.node.masked(renamer), file: $0.file, node: $0.node) }
            .sorted { $0.key != $1.key ? $0.key < $1.key : $0.file < $1.file }

        var builder = FragmentBuilder()
        var tokens: [Token] = []
        for document in sortedDocuments {
            var emitter = Emitter(file: document.file, renamer: renamer, builder: builder)
            emitter.emit(document.node, path: "")
            tokens += emitter.tokens
            tokens.append(Token(text: "---", line: 0, file: document.file))
            renamer = emitter.renamer
            builder = emitter.builder
        }
        for order in canonicalizer.orders {
            func renamed(_ text: String) -> String { text.split(separator: " ").map { renamer.word(String($0)) }.joined(separator: " ") }
            let path = renamer.word(order.path)
            let keySet = order.keys.split(separator: " ").map { renamer.word(String($0)) }.sorted().joined(separator: " ")
            let keys = builder.add(.keyset, path + ": " + keySet, order.span)
            builder.add(.order, path + ": " + renamed(order.text), order.span, given: [keys])
        }
        for (index, file) in ordered.enumerated() {
            for comment in Comments.extract(file.bytes).prefix(maxComments) {
                let words = comment.text.lowercased().split(whereSeparator: { $0 == " " || $0 == "\t" }).map { renamer.word(String($0)) }
                guard !words.isEmpty else { continue }
                builder.add(.comment, words.joined(separator: " "), LineSpan(file: index, first: comment.line, last: comment.line))
            }
        }
        for gram in Winnowing.select(tokens, parameters: parameters) {
            builder.add(.kgram, gram.text, gram.span)
        }
        let kept = ordered.map { file -> SubmittedFile in
            SubmittedFile(path: file.path, text: file.bytes.count <= maxKeptFileBytes ? String(decoding: file.bytes, as: UTF8.self) : nil)
        }
        return SubmissionFingerprint(exercise: exercise.id, files: kept, fragments: builder.fragments)
    }
}

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

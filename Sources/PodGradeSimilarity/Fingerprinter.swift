public import PodGradeCore
import PodGradeYAML

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

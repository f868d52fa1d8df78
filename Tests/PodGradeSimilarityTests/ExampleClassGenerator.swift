/// A class that answered from the task's example, as issue 23 found one: every
/// learner starts from the example of 07 (writer and reader) and of 02 (lemon
/// and gold, a short answer) and changes a few small things of their own (a
/// number, a tag, a file name, a comment), so that most of every answer is the
/// example everyone shares. Then one or two learners hand in a classmate's
/// answer re-indented (the same script, numbers and comment), or renamed and
/// restyled.
enum ExampleClassGenerator {
    static let exercises = ["02-yellow", "07-shared-volume"]

    static func makeClass(size: Int, copies: Int, seed: UInt64) -> GeneratedClass {
        var rng = RNG(seed: seed)
        var answers: [[String: Answer]] = []
        for _ in 0..<size {
            var mine: [String: Answer] = [:]
            for exercise in exercises {
                mine[exercise] = exercise == "02-yellow" ? yellow(&rng) : sharedVolume(&rng)
            }
            answers.append(mine)
        }
        func name(_ i: Int) -> String {
            let digits = String(i + 1)
            return "s" + String(repeating: "0", count: max(0, 3 - digits.count)) + digits
        }
        var planted: [PlantedCopy] = []
        var used = Set<Int>()
        for c in 0..<min(copies, size / 2) {
            let copier = size - 1 - c
            let exercise = exercises[(c + Int(seed % 2)) % exercises.count]
            var original = rng.int(0...(size - copies - 1))
            while used.contains(original) { original = rng.int(0...(size - copies - 1)) }
            used.insert(original)
            guard let source = answers[original][exercise] else { continue }
            answers[copier][exercise] = c % 2 == 0 ? reindent(source) : ClassGenerator.disguise(source, keepComments: true, &rng)
            planted.append(PlantedCopy(original: name(original), copier: name(copier), exercise: exercise))
        }
        let learners = answers.enumerated().map { index, mine in
            (student: name(index), files: Dictionary(uniqueKeysWithValues: mine.map { ($0.key + "/" + $0.value.fileName, $0.value.text) }))
        }
        return GeneratedClass(learners: learners, planted: planted)
    }

    /// The same file with only its indentation changed.
    static func reindent(_ answer: Answer) -> Answer {
        var copy = answer
        copy.style.indent = answer.style.indent == 2 ? 4 : 2
        copy.style.indentSequences = !answer.style.indentSequences
        return copy
    }

    /// The task's style, mostly: learners keep the example's layout.
    static func style(_ rng: inout RNG) -> WriterStyle {
        var style = WriterStyle()
        style.indent = rng.chance(0.85) ? 2 : 4
        style.indentSequences = rng.chance(0.2)
        style.flow = rng.chance(0.7)
        style.quote = rng.chance(0.7) ? .double : .plain
        return style
    }

    static func comment(_ rng: inout RNG, _ topic: String) -> String? {
        guard rng.chance(0.35) else { return nil }
        let templates = ["{t}", "{t}: {w}", "{t} ({w} {n})", "note {n}: {t}", "{t}, checked with kubectl {w}"]
        return rng.pick(templates).replacing("{t}", with: topic).replacing("{w}", with: rng.pick(ClassGenerator.words))
            .replacing("{n}", with: String(rng.int(1...99)))
    }

    static let busybox = ["busybox:1.36", "busybox:1.36", "busybox:1.36", "busybox", "busybox:1.36.1", "busybox:latest", "busybox:1.35"]

    static func shell(_ script: String, _ rng: inout RNG) -> [Y.Entry] {
        rng.chance(0.8) ? [Y.Entry("command", .seq([.s("sh"), .s("-c"), .s(script)]))]
            : [Y.Entry("command", .seq([.s("sh"), .s("-c")])), Y.Entry("args", .seq([.s(script)]))]
    }

    /// 07 from the example: `date >> /shared/data.txt; sleep 5` and a reader that waits, then follows.
    static func sharedVolume(_ rng: inout RNG) -> Answer {
        let n = rng.chance(0.1) ? 5 : rng.int(1...120)
        let file = rng.chance(0.6) ? "data.txt" : rng.pick(ClassGenerator.words) + rng.pick([".txt", ".log"])
        let writerScript = rng.chance(0.7) ? "while true; do date >> /shared/\(file); sleep \(n); done"
            : "while true; do echo \"$(date) \(rng.pick(ClassGenerator.words))\" >> /shared/\(file); sleep \(n); done"
        let m = rng.int(1...5)
        let readerScript = rng.pick(["until [ -f /shared/\(file) ]; do sleep \(m); done; tail -f /shared/\(file)",
                                     "touch /shared/\(file); tail -f /shared/\(file)", "tail -F /shared/\(file)"])
        let image = rng.pick(busybox)
        let mount = Y.seq([.map([Y.Entry("name", .s("shared-data")), Y.Entry("mountPath", .s("/shared"))])])
        var free: [String] = []
        var writer: [Y.Entry] = [Y.Entry("name", .s("writer")), Y.Entry("image", .s(image))] + shell(writerScript, &rng)
        if rng.chance(0.3) {
            // Some learners add a variable of their own (a free name a copier may rename).
            let name = rng.pick(ClassGenerator.words).uppercased() + "_" + rng.pick(["MSG", "TEXT", "NAME"])
            free.append(name)
            writer.append(Y.Entry("env", .seq([.map([Y.Entry("name", .s(name)), Y.Entry("value", .s(rng.pick(ClassGenerator.words)))])])))
        }
        writer.append(Y.Entry("volumeMounts", mount))
        var reader: [Y.Entry] = [Y.Entry("name", .s("reader")), Y.Entry("image", .s(rng.chance(0.8) ? image : rng.pick(busybox)))]
        reader += shell(readerScript, &rng)
        reader.append(Y.Entry("volumeMounts", mount))
        var writerNode = Y.map(writer), readerNode = Y.map(reader)
        ClassGenerator.attachComment(&writerNode, comment(&rng, "writer appends the date"))
        ClassGenerator.attachComment(&readerNode, comment(&rng, "reader follows the file"))
        let spec: [Y.Entry] = [Y.Entry("containers", .seq([writerNode, readerNode])),
                               Y.Entry("volumes", .seq([.map([Y.Entry("name", .s("shared-data")), Y.Entry("emptyDir", .map([]))])]))]
        var metadata = [Y.Entry("name", .s("shared-volume-example"))]
        if rng.chance(0.3) {
            let app = ClassGenerator.id(&rng)
            free.append(app)
            metadata.append(Y.Entry("labels", .map([Y.Entry("app", .s(app))])))
        }
        let tree = Y.map([Y.Entry("apiVersion", .s("v1")), Y.Entry("kind", .s("Pod")),
                          Y.Entry("metadata", .map(metadata)), Y.Entry("spec", .map(spec))])
        return Answer(tree: tree, style: style(&rng), free: free, fileName: "pod.yaml")
    }

    /// 02 from the example: lemon sleeps, gold is redis. A short answer.
    static func yellow(_ rng: inout RNG) -> Answer {
        let seconds = rng.chance(0.1) ? 1000 : rng.int(100...99999)
        let sleep: [Y.Entry] = rng.chance(0.7) ? [Y.Entry("command", .seq([.s("sleep"), .s(String(seconds))]))]
            : [Y.Entry("command", .seq([.s("sh"), .s("-c"), .s("sleep \(seconds)")]))]
        var lemon = Y.map([Y.Entry("name", .s("lemon")), Y.Entry("image", .s(rng.pick(busybox)))] + sleep)
        ClassGenerator.attachComment(&lemon, comment(&rng, "busybox needs a command"))
        let gold = Y.map([Y.Entry("name", .s("gold")), Y.Entry("image", .s(rng.pick(["redis:7", "redis:7", "redis", "redis:7.2", "redis:alpine", "redis:6"])))])
        let tree = Y.map([Y.Entry("apiVersion", .s("v1")), Y.Entry("kind", .s("Pod")), Y.Entry("metadata", .map([Y.Entry("name", .s("yellow"))])),
                          Y.Entry("spec", .map([Y.Entry("containers", .seq([lemon, gold]))]))])
        return Answer(tree: tree, style: style(&rng), free: [], fileName: "pod.yaml")
    }
}

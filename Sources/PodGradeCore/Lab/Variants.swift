import Synchronization
import PodGradeYAML
#if canImport(Glibc)
import Glibc
#endif

/// A variable an exercise declares in its spec (`variables: {port: {choose: [6379, 7379]}}`):
/// each learner gets one of its values, the first being the default variant's.
public struct ExerciseVariable: Sendable, Hashable {
    public let name: String
    public let choices: [String]

    public init(name: String, choices: [String]) {
        self.name = name
        self.choices = choices
    }
}

/// Per-learner variants: which values a student gets, and `{{name}}` placeholders
/// replaced in an exercise's files (spec, tasks, starter, cases, the solution).
///
/// Substitution is textual, before anything is parsed: a spec's `port: {{port}}`
/// becomes `port: 7379` and then reads as an integer, as if written so. Values are
/// single words (letters, digits, `.`, `_`, `-`, `/`), so the lines and the YAML
/// structure of a file never change.
public enum Variants {
    /// The course seed when `course.yaml` names none.
    public static let defaultSeed = "podgrade"

    /// The values a student gets: one index into the product of every variable's
    /// choices, from a stable hash (FNV-1a 64, mixed) of `seed \0 exercise \0 student`,
    /// so two students differ in at least one value whenever the product allows.
    /// No student: the first value of each (the default variant).
    public static func values(of variables: [ExerciseVariable], seed: String, exercise: String, student: String?) -> [String: String] {
        guard let student else { return Dictionary(variables.map { ($0.name, $0.choices.first ?? "") }, uniquingKeysWith: { a, _ in a }) }
        var index = mix(fnv1a(seed + "\0" + exercise + "\0" + student))
        var values: [String: String] = [:]
        // Mixed radix over the variables in name order: stable when an author reorders them.
        for variable in variables.sorted(by: { $0.name < $1.name }) where !variable.choices.isEmpty {
            let count = UInt64(variable.choices.count)
            values[variable.name] = variable.choices[Int(index % count)]
            index /= count
        }
        return values
    }

    public static func fnv1a(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return hash
    }

    /// SplitMix64's finalizer: FNV's low bits alone follow the last byte too closely.
    static func mix(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9e37_79b9_7f4a_7c15
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }

    /// A `{{name}}` placeholder: where it is and what it names.
    public struct Placeholder: Sendable, Equatable {
        public let name: String
        public let line: Int
    }

    /// Every `{{name}}` of a text (a name: a letter or `_`, then letters, digits, `_`; spaces inside allowed).
    public static func placeholders(in bytes: [UInt8]) -> [Placeholder] {
        var found: [Placeholder] = []
        scan(bytes) { name, line, _ in found.append(Placeholder(name: name, line: line)) }
        return found
    }

    /// The text with each known placeholder replaced by its value; unknown ones stay.
    public static func render(_ bytes: [UInt8], values: [String: String]) -> [UInt8] {
        guard !values.isEmpty, bytes.contains(UInt8(ascii: "{")) else { return bytes }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var copied = 0
        scan(bytes) { name, _, range in
            guard let value = values[name] else { return }
            out += bytes[copied..<range.lowerBound]
            out += Array(value.utf8)
            copied = range.upperBound
        }
        out += bytes[copied...]
        return out
    }

    public static func render(_ text: String, values: [String: String]) -> String {
        String(decoding: render(Array(text.utf8), values: values), as: UTF8.self)
    }

    /// Whether a value can replace a placeholder anywhere without changing a file's structure.
    public static func isWord(_ value: String) -> Bool {
        !value.isEmpty && value.unicodeScalars.allSatisfy { c in
            ("a"..."z").contains(c) || ("A"..."Z").contains(c) || ("0"..."9").contains(c) || c == "." || c == "_" || c == "-" || c == "/"
        }
    }

    /// Each placeholder of `bytes` with its line and byte range, in order. Lines are
    /// counted only up to a placeholder found (most files have none: a check's start-up).
    private static func scan(_ bytes: [UInt8], _ found: (String, Int, Range<Int>) -> Void) {
        let open = UInt8(ascii: "{"), close = UInt8(ascii: "}"), space = UInt8(ascii: " ")
        bytes.withUnsafeBufferPointer { bytes in
            var line = 1, counted = 0
            var i = 0
            while i + 1 < bytes.count, let base = bytes.baseAddress {
                // The next '{' by memchr: most files have none.
                guard let hit = memchr(base + i, Int32(open), bytes.count - i) else { break }
                i = UnsafeRawPointer(hit).assumingMemoryBound(to: UInt8.self) - base
                guard i + 1 < bytes.count, bytes[i + 1] == open else { i += 1; continue }
                var j = i + 2
                while j < bytes.count, bytes[j] == space { j += 1 }
                let start = j
                while j < bytes.count, isNameByte(bytes[j], first: j == start) { j += 1 }
                let end = j
                while j < bytes.count, bytes[j] == space { j += 1 }
                if end > start, j + 1 < bytes.count, bytes[j] == close, bytes[j + 1] == close {
                    for k in counted..<i where bytes[k] == UInt8(ascii: "\n") { line += 1 }
                    counted = i
                    found(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self), line, i..<(j + 2))
                    i = j + 2
                } else {
                    i += 2
                }
            }
        }
    }

    private static func isNameByte(_ b: UInt8, first: Bool) -> Bool {
        (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")) || (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z")) || b == UInt8(ascii: "_")
            || (!first && b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9"))
    }
}

/// Exercises instantiated for a variant, one per distinct tuple of values: a
/// class of 1,000 learners decodes each exercise at most once per variant.
final class VariantCache: Sendable {
    private let exercises = Mutex<[String: Exercise]>([:])

    func exercise(_ key: String, make: () -> Exercise?) -> Exercise? {
        if let known = exercises.withLock({ $0[key] }) { return known }
        guard let made = make() else { return nil }
        return exercises.withLock { table in
            if let known = table[key] { return known }
            table[key] = made
            return made
        }
    }

    var count: Int { exercises.withLock { $0.count } }
}

/// What an exercise with variables keeps to instantiate itself for a learner.
struct ExerciseTemplate: Sendable {
    let variables: [ExerciseVariable]
    /// The exercise's own files (`<slug>/...`), placeholders unreplaced.
    let files: [String: [UInt8]]
}

extension Lab {
    /// The exercise as this student sees it: its variables replaced by the
    /// student's values (the default variant without a student).
    public func exercise(_ id: String, student: String?) -> Exercise? {
        guard let base = exercise(id) else { return nil }
        return variant(of: base, student: student)
    }

    /// The exercise instantiated for a student; itself when it declares no variables.
    public func variant(of exercise: Exercise, student: String?) -> Exercise {
        guard !exercise.variables.isEmpty, let template = templates[exercise.id] else { return exercise }
        return variant(of: exercise, values: Variants.values(of: template.variables, seed: seed, exercise: exercise.id, student: student))
    }

    /// The exercise instantiated with these values (cached per distinct tuple).
    public func variant(of exercise: Exercise, values: [String: String]) -> Exercise {
        guard let template = templates[exercise.id], values != exercise.values else { return exercise }
        let key = exercise.id + "\0" + template.variables.map { values[$0.name] ?? "" }.joined(separator: "\0")
        let made = cache.exercise(key) {
            var declared: [String: [ParamSpec]] = [:]
            let files = template.files.mapValues { Variants.render($0, values: values) }
            let loaded = ExerciseLoader.load(slug: exercise.id, files: files, rules: ruleTable, declared: &declared).exercise
            return loaded?.with(variables: template.variables, values: values)
        }
        return made ?? exercise
    }

    /// The lab as a student sees it: every exercise instantiated for them.
    public func forStudent(_ student: String?) -> Lab {
        guard templates.values.contains(where: { !$0.variables.isEmpty }) else { return self }
        var lab = self
        lab.exercises = exercises.map { variant(of: $0, student: student) }
        return lab
    }

    /// The lab with another course seed (`PODGRADE_SEED`): the default variants stay.
    public func withSeed(_ seed: String) -> Lab {
        var lab = self
        lab.seed = seed
        lab.cache = VariantCache()
        return lab
    }

    /// Exercises instantiated for a non-default variant so far (each decoded once).
    public var cachedVariantCount: Int { cache.count }

    /// Whether some exercise declares variables.
    public var hasVariants: Bool { exercises.contains { !$0.variables.isEmpty } }

    /// The reference solution as a template (`exercises/<slug>/solution/`), keyed as a
    /// learner repository's files (`<slug>/pod.yaml`); empty without variables.
    public func solutionTemplate(of exercise: Exercise) -> [String: [UInt8]] {
        let prefix = exercise.id + "/solution/"
        var files: [String: [UInt8]] = [:]
        for (path, bytes) in templates[exercise.id]?.files ?? [:] where path.hasPrefix(prefix) {
            files[exercise.id + "/" + path.dropFirst(prefix.count)] = bytes
        }
        return files
    }

    /// The reference solution of a student's variant (nil: the default variant's).
    public func solution(of exercise: Exercise, student: String?) -> [String: [UInt8]] {
        let values = variant(of: exercise, student: student).values
        return solutionTemplate(of: exercise).mapValues { Variants.render($0, values: values) }
    }
}

extension Grader {
    /// Grades as `grade(_:only:describePods:)` does, against the student's
    /// variant of each exercise; the result carries the student and each
    /// exercise's values (CONTRACT: additive fields `student`, `variant`).
    public func grade(_ snapshot: SourceSnapshot, manifests: ManifestSet? = nil, only: [String] = [], describePods: Bool = false,
                      student: String?) -> GradeResult {
        var own = Grader(lab: lab.forStudent(student), limits: limits)
        own.exercisesInTwoThreads = exercisesInTwoThreads
        var result = own.grade(snapshot, manifests: manifests ?? ManifestSet(snapshot, limits: limits), only: only, describePods: describePods)
        result.student = student
        for index in result.exercises.indices {
            if let exercise = own.lab.exercise(result.exercises[index].id), !exercise.variables.isEmpty {
                result.exercises[index].variant = exercise.values
            }
        }
        return result
    }
}

enum VariableDeclarations {
    /// The variables a spec declares, and the problems of the declaration. The
    /// spec is read with each placeholder masked as its bare name (a template
    /// need not be valid YAML before substitution).
    static func read(specPath: String, bytes: [UInt8], yaml: LabYAML) -> (variables: [ExerciseVariable], lines: [String: Int], problems: [LabProblem]) {
        // Most specs declare none: no second reading of the spec for them (start-up of `check`).
        guard Programs.contains(bytes, Array("variables".utf8)) else { return ([], [:], []) }
        let masked = Variants.render(bytes, values: Dictionary(Variants.placeholders(in: bytes).map { ($0.name, $0.name) }, uniquingKeysWith: { a, _ in a }))
        guard let root = yaml.read(masked).documents.first?.root, let node = root["variables"] else { return ([], [:], []) }
        var problems: [LabProblem] = []
        func problem(_ message: String, _ at: Node) { problems.append(LabProblem(file: specPath, line: at.mark.line, message: message)) }
        guard let pairs = node.mapping else {
            problem("variables must be a mapping: name → {choose: [value, ...]}", node)
            return ([], [:], problems)
        }
        var variables: [ExerciseVariable] = []
        var lines: [String: Int] = [:]
        for pair in pairs {
            let name = pair.key
            guard Variants.placeholders(in: Array("{{\(name)}}".utf8)).first?.name == name else {
                problem("variable '\(name)': a name is a letter or _, then letters, digits or _", pair.keyNode)
                continue
            }
            guard let list = pair.value["choose"]?.sequence else {
                problem("variable '\(name)' needs choose: [value, ...]", pair.value)
                continue
            }
            let choices = list.compactMap { $0.scalar?.text }
            if choices.count != list.count { problem("variable '\(name)': every choice must be a scalar", pair.value) }
            if Set(choices).count < 2 { problem("variable '\(name)' needs at least two different choices", pair.value) }
            if Set(choices).count != choices.count { problem("variable '\(name)': a choice is listed twice", pair.value) }
            for choice in choices where !Variants.isWord(choice) {
                problem("variable '\(name)': choice '\(choice)' must be one word of letters, digits, '.', '_', '-', '/'", pair.value)
            }
            variables.append(ExerciseVariable(name: name, choices: choices))
            lines[name] = pair.keyNode.mark.line
        }
        return (variables, lines, problems)
    }

    /// Placeholders naming no declared variable, and declared variables no file of the exercise uses.
    static func placeholderProblems(slug: String, files: [String: [UInt8]], variables: [ExerciseVariable], specLine: (String) -> Int?) -> [LabProblem] {
        let names = Set(variables.map(\.name))
        var used = Set<String>()
        var problems: [LabProblem] = []
        for (path, bytes) in files.sorted(by: { $0.key < $1.key }) {
            for placeholder in Variants.placeholders(in: bytes) {
                used.insert(placeholder.name)
                if !names.contains(placeholder.name) {
                    problems.append(LabProblem(file: path, line: placeholder.line,
                                               message: "unknown placeholder {{\(placeholder.name)}}: declare it under variables: in spec.yaml"))
                }
            }
        }
        for variable in variables where !used.contains(variable.name) {
            problems.append(LabProblem(file: "\(slug)/spec.yaml", line: specLine(variable.name),
                                       message: "variable '\(variable.name)' is never used: write {{\(variable.name)}} where it belongs, or remove it"))
        }
        return problems
    }
}

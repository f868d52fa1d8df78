import PodGradeYAML
import PodGradeLab

/// A course: exercises read from files given as a path → bytes map, so the
/// bundled lab (compiled into the binary) and a course folder on disk load the
/// same way.
public struct Lab: Sendable {
    public internal(set) var exercises: [Exercise]
    public let problems: [LabProblem]
    /// The course seed of per-learner variants: `course.yaml`'s `seed:`, or `PODGRADE_SEED`.
    public internal(set) var seed: String = Variants.defaultSeed
    /// Exercises with variables: what instantiates them for a learner.
    var templates: [String: ExerciseTemplate] = [:]
    var cache = VariantCache()
    let ruleTable: [String: any Rule]

    init(exercises: [Exercise], problems: [LabProblem], ruleTable: [String: any Rule] = [:]) {
        self.exercises = exercises
        self.problems = problems
        self.ruleTable = ruleTable
    }

    public func exercise(_ id: String) -> Exercise? { exercises.first { $0.id == id } }

    /// The lab compiled into podgrade: works wherever the binary is copied.
    public static let bundled: Lab = load(bundledFiles, yaml: .laidOut)

    /// The bundled lab without its right and known-wrong cases, which only `verify` and the
    /// benchmarks read: what `check`, `grade` and the language server load (about half the
    /// start-up work of the whole lab). Grades are the same.
    public static let bundledForGrading: Lab = load(gradingFiles, yaml: .laidOut, inTwoThreads: true)

    /// The bundled lab's files but its cases.
    static var gradingFiles: [String: [UInt8]] {
        var files: [String: [UInt8]] = [:]
        files.reserveCapacity(BundledLab.exercises.count)
        for (path, text) in BundledLab.exercises where !isCase(path) { files[path] = Array(text.utf8) }
        return files
    }

    /// Whether a lab path is a right or known-wrong case (`<slug>/right/...`, `<slug>/wrong/...`):
    /// the second path component compared as bytes, at every start of `check`.
    static func isCase(_ path: String) -> Bool {
        let bytes = path.utf8
        guard let first = bytes.firstIndex(of: UInt8(ascii: "/")) else { return false }
        let rest = bytes[bytes.index(after: first)...]
        guard let second = rest.firstIndex(of: UInt8(ascii: "/")) else { return false }
        let folder = rest[..<second]
        return folder.elementsEqual("wrong".utf8) || folder.elementsEqual("right".utf8)
    }

    /// The bundled course's files as written (`<slug>/spec.yaml`, templates unreplaced).
    public static var bundledFiles: [String: [UInt8]] { BundledLab.exercises.mapValues { Array($0.utf8) } }

    /// Reference solutions of the bundled lab, as a learner repository (each exercise's default variant).
    public static var bundledSolutions: [String: [UInt8]] { BundledLab.solutions.mapValues { Array($0.utf8) } }

    /// Loads every `<slug>/spec.yaml` and its companions; `extraRules` beside
    /// the built-in ones (a test's own rule).
    public static func load(_ files: [String: [UInt8]], extraRules: [any Rule] = []) -> Lab {
        load(files, extraRules: extraRules, yaml: .parsed)
    }

    /// `load(_:extraRules:)` reading YAML through `yaml`; with `inTwoThreads`, the exercises
    /// are loaded by this thread and one more (`Parallel.inTwoThreads`: the bundled lab at start-up).
    static func load(_ files: [String: [UInt8]], extraRules: [any Rule] = [], yaml: LabYAML, inTwoThreads: Bool = false) -> Lab {
        let rules = Dictionary((RuleCatalog.all + extraRules).map { ($0.id, $0) }, uniquingKeysWith: { _, extra in extra })
        // Each exercise's files (`<slug>/...`), found in one pass by bytes.
        var bySlug: [String: [String: [UInt8]]] = [:]
        var slugs: [String] = []
        for (path, bytes) in files {
            guard let slash = path.utf8.firstIndex(of: UInt8(ascii: "/")) else { continue }
            let slug = String(path[..<slash])
            bySlug[slug, default: [:]][path] = bytes
            if path.utf8[path.utf8.index(after: slash)...].elementsEqual("spec.yaml".utf8) { slugs.append(slug) }
        }
        let exerciseFiles = slugs.sorted().map { ($0, bySlug[$0] ?? [:]) }
        let loaded = inTwoThreads
            ? Parallel.inTwoThreads(exerciseFiles.count) { loadExercise(exerciseFiles[$0].0, files: exerciseFiles[$0].1, rules: rules, yaml: yaml) }
            : exerciseFiles.map { loadExercise($0.0, files: $0.1, rules: rules, yaml: yaml) }
        let exercises = loaded.compactMap(\.exercise)
        let problems = loaded.flatMap(\.problems)
        let templates = Dictionary(loaded.compactMap { one in one.template.map { (one.slug, $0) } }, uniquingKeysWith: { a, _ in a })
        var lab = Lab(exercises: exercises, problems: problems, ruleTable: rules)
        lab.templates = templates
        if let course = files["course.yaml"] {
            let root = YAMLReader.read(course).documents.first?.root
            if let seed = root?["seed"]?.scalar?.text, !seed.isEmpty { lab.seed = seed }
        }
        return lab
    }

    /// One exercise of a course from its own files (`own`, `<slug>/...`): its spec,
    /// companions and variables, and their problems.
    private static func loadExercise(_ slug: String, files own: [String: [UInt8]], rules: [String: any Rule], yaml: LabYAML)
        -> (slug: String, exercise: Exercise?, template: ExerciseTemplate?, problems: [LabProblem]) {
        // Each used rule's declared parameters, read once (reading them instantiates the struct's decoding).
        var declared: [String: [ParamSpec]] = [:]
        let specPath = "\(slug)/spec.yaml"
        let declaration = VariableDeclarations.read(specPath: specPath, bytes: own[specPath] ?? [], yaml: yaml)
        var problems = declaration.problems
        problems += VariableDeclarations.placeholderProblems(slug: slug, files: own, variables: declaration.variables,
                                                             specLine: { declaration.lines[$0] })
        guard !declaration.variables.isEmpty else {
            let loaded = ExerciseLoader.load(slug: slug, files: own, rules: rules, declared: &declared, yaml: yaml)
            return (slug, loaded.exercise, nil, problems + loaded.problems)
        }
        // The default variant (each variable's first value) is the exercise everything else sees.
        let values = Variants.values(of: declaration.variables, seed: "", exercise: slug, student: nil)
        let loaded = ExerciseLoader.load(slug: slug, files: own.mapValues { Variants.render($0, values: values) }, rules: rules,
                                         declared: &declared, yaml: yaml)
        guard let exercise = loaded.exercise?.with(variables: declaration.variables, values: values) else {
            return (slug, nil, nil, problems + loaded.problems)
        }
        return (slug, exercise, ExerciseTemplate(variables: declaration.variables, files: own), problems + loaded.problems)
    }
}

extension Lab {
    /// Every file of a course folder (specs, tasks, manifests), as the loader takes them.
    public static func files(inDirectory path: String) throws(WorkTreeReader.Failure) -> [String: [UInt8]] {
        let snapshot = try WorkTreeReader.read(root: path, limits: SourceLimits(maxFiles: 5_000)) { name in
            SourceSnapshot.isManifest(name) || name.hasSuffix(".md")
        }
        var files: [String: [UInt8]] = [:]
        for file in snapshot.files {
            if case .bytes(let bytes) = file.content { files[file.path] = bytes }
        }
        return files
    }
}

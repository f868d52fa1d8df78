import PodGradeYAML
import PodGradeLab

/// A course: exercises read from files given as a path → bytes map, so the
/// bundled lab (compiled into the binary) and a course folder on disk load the
/// same way.
public struct Lab: Sendable {
    public let exercises: [Exercise]
    public let problems: [LabProblem]

    public func exercise(_ id: String) -> Exercise? { exercises.first { $0.id == id } }

    /// The lab compiled into podgrade: works wherever the binary is copied.
    public static let bundled: Lab = load(BundledLab.exercises.mapValues { Array($0.utf8) })

    /// The bundled lab without its right and known-wrong cases, which only `verify` and the
    /// benchmarks read: what `check`, `grade` and the language server load (about half the
    /// start-up work of the whole lab). Grades are the same.
    public static let bundledForGrading: Lab = load(BundledLab.exercises
        .filter { !$0.key.contains("/wrong/") && !$0.key.contains("/right/") }
        .mapValues { Array($0.utf8) })

    /// Reference solutions of the bundled lab, as a learner repository.
    public static var bundledSolutions: [String: [UInt8]] { BundledLab.solutions.mapValues { Array($0.utf8) } }

    /// Loads every `<slug>/spec.yaml` and its companions; `extraRules` beside
    /// the built-in ones (a test's own rule).
    public static func load(_ files: [String: [UInt8]], extraRules: [any Rule] = []) -> Lab {
        let rules = Dictionary((RuleCatalog.all + extraRules).map { ($0.id, $0) }, uniquingKeysWith: { _, extra in extra })
        // Each used rule's declared parameters, read once (reading them instantiates the struct's decoding).
        var declared: [String: [ParamSpec]] = [:]
        var exercises: [Exercise] = []
        var problems: [LabProblem] = []
        let slugs = Set(files.keys.compactMap { path -> String? in
            let parts = path.split(separator: "/")
            return parts.count == 2 && parts[1] == "spec.yaml" ? String(parts[0]) : nil
        }).sorted()
        for slug in slugs {
            let loaded = ExerciseLoader.load(slug: slug, files: files, rules: rules, declared: &declared)
            if let exercise = loaded.exercise { exercises.append(exercise) }
            problems += loaded.problems
        }
        return Lab(exercises: exercises, problems: problems)
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

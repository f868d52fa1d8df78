import ArgumentParser
import PodGradeCore
#if canImport(Glibc)
import Glibc
#endif

/// Flags every command that speaks to a person shares.
struct LanguageOptions: ParsableArguments {
    @Option(name: .long, help: "Feedback language: ru (default) or en; also PODGRADE_LANG.")
    var lang: String?

    func resolve() throws -> Lang {
        guard let lang = Lang.resolve(lang, environment: Environment.current) else {
            throw UsageFailure("unknown language '\(lang ?? "")': use ru or en")
        }
        return lang
    }
}

/// Where the exercises come from: the bundled lab or a course folder.
struct LabOptions: ParsableArguments {
    @Option(name: .long, help: "Grade against the exercises in this folder instead of the bundled lab.")
    var exercises: String?

    init() {}

    init(exercises: String?) {
        self.exercises = exercises
    }

    /// One exercise of the lab, or a usage error naming the slug.
    func exercise(_ slug: String) throws -> Exercise {
        guard let exercise = try load().exercise(slug) else { throw UsageFailure("unknown exercise '\(slug)': see `podgrade list`") }
        return exercise
    }

    func load() throws -> Lab {
        guard let exercises else { return Lab.bundled }
        let files: [String: [UInt8]]
        do {
            files = try Lab.files(inDirectory: exercises)
        } catch {
            throw UsageFailure("cannot read exercises folder: \(error.message)")
        }
        let lab = Lab.load(files)
        if lab.exercises.isEmpty {
            throw UsageFailure("\(exercises): no exercise found (each needs <slug>/spec.yaml)" +
                               (lab.problems.first.map { "; first problem: \($0)" } ?? ""))
        }
        return lab
    }
}

enum Environment {
    static var current: [String: String] {
        var result: [String: String] = [:]
        var pointer = environ
        while let entry = pointer.pointee {
            let text = String(cString: entry)
            if let eq = text.firstIndex(of: "=") {
                result[String(text[..<eq])] = String(text[text.index(after: eq)...])
            }
            pointer += 1
        }
        return result
    }
}

/// Whether to color output: --color, NO_COLOR, and whether stdout is a terminal.
enum ColorChoice: String, ExpressibleByArgument, CaseIterable {
    case auto, always, never

    func enabled(forFile fd: Int32 = 1) -> Bool {
        switch self {
        case .always: return true
        case .never: return false
        case .auto:
            let env = Environment.current
            if let noColor = env["NO_COLOR"], !noColor.isEmpty { return false }
            if env["TERM"] == "dumb" { return false }
            return isatty(fd) == 1
        }
    }
}

/// `PODGRADE_LIMITS=yaml.maxDepth=64,source.maxFiles=1000`: overrides of the
/// input limits (README, "Limits"); an invalid list is a usage error.
enum LimitOptions {
    static func resolve() throws -> GradingLimits {
        guard let text = Environment.current["PODGRADE_LIMITS"], !text.isEmpty else { return GradingLimits() }
        switch GradingLimits.parse(text) {
        case .success(let limits): return limits
        case .failure(let failure): throw UsageFailure(failure.message)
        }
    }
}

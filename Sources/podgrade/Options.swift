import ArgumentParser
import PodGradeCore
import PodGradeReport
#if canImport(Glibc)
import Glibc
#endif

/// The language of `--help` and the commands' descriptions: the command line's
/// `--lang`, else `PODGRADE_LANG`, else Russian, as for every other text.
let helpLang: Lang = LanguageOptions.early(Array(CommandLine.arguments.dropFirst()))

/// A help text in the user's language (English first: it is what the code reads).
func say(_ en: String, ru: String) -> String { LocalizedText(ru: ru, en: en).text(helpLang) }

/// Flags every command that speaks to a person shares.
struct LanguageOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(say("Feedback language: ru or en (default: PODGRADE_LANG, else ru).", ru: "Язык отзыва: ru или en (по умолчанию PODGRADE_LANG, иначе ru).")))
    var lang: String?

    func resolve() throws -> Lang {
        switch Lang.resolving(lang, environment: Environment.current) {
        case .success(let lang): return lang
        case .failure(let unknown): throw UsageFailure(.unknownLanguage(value: unknown.value, origin: unknown.origin))
        }
    }

    /// The language of a message given before the command line is parsed (a
    /// usage error): `--lang X` or `--lang=X` when it names a language, else
    /// `PODGRADE_LANG`, else Russian.
    static func early(_ arguments: [String]) -> Lang {
        var flag: String?
        for (index, argument) in arguments.enumerated() {
            if argument == "--" { break }
            if argument == "--lang", index + 1 < arguments.count { flag = arguments[index + 1] }
            if argument.hasPrefix("--lang=") { flag = String(argument.dropFirst("--lang=".count)) }
        }
        if let flag, let lang = try? Lang.resolving(flag, environment: [:]).get() { return lang }
        return (try? Lang.resolving(nil, environment: Environment.current).get()) ?? .ru
    }
}

/// What `--exercises` does for a command, said in its help.
protocol CoursePurpose {
    static var exercisesHelp: String { get }
}

enum ForAnyCommand: CoursePurpose { static let exercisesHelp = say("A course folder (<slug>/spec.yaml each) to use instead of the bundled lab.", ru: "Папка курса (в каждой <slug>/spec.yaml) вместо встроенного.") }
enum ForCheck: CoursePurpose { static let exercisesHelp = say("Grade against the exercises of this course folder (<slug>/spec.yaml each) instead of the bundled lab.", ru: "Проверять по заданиям этой папки курса (в каждой <slug>/spec.yaml), а не встроенного.") }
enum ForList: CoursePurpose { static let exercisesHelp = say("List the exercises of this course folder instead of the bundled lab.", ru: "Перечислить задания этой папки курса, а не встроенного.") }
enum ForShow: CoursePurpose { static let exercisesHelp = say("Show a task of this course folder instead of the bundled lab.", ru: "Показать задание из этой папки курса, а не из встроенного.") }
enum ForStart: CoursePurpose { static let exercisesHelp = say("Copy the starter from this course folder instead of the bundled lab.", ru: "Взять заготовку из этой папки курса, а не из встроенного.") }
enum ForExplain: CoursePurpose { static let exercisesHelp = say("Look check ids up in this course folder instead of the bundled lab.", ru: "Искать проверки в этой папке курса, а не во встроенном.") }
enum ForGrade: CoursePurpose { static let exercisesHelp = say("Grade the class against the exercises of this course folder instead of the bundled lab.", ru: "Проверять группу по заданиям этой папки курса, а не встроенного.") }

typealias LabOptions = CourseOptions<ForAnyCommand>

/// The options of `show` and `start`: from which course, whose variant, in which language.
struct ExerciseOptions<Purpose: CoursePurpose>: ParsableArguments {
    @OptionGroup var language: LanguageOptions
    @OptionGroup var course: CourseOptions<Purpose>
    @OptionGroup var learner: StudentOption

    /// The language, and the exercise a person typed as the learner's variant.
    func resolve(_ slug: String) throws -> (lang: Lang, exercise: Exercise) {
        let lang = try language.resolve()
        return (lang, try course.exercise(slug, for: learner))
    }
}

/// `--student ID` of `show` and `start`: whose variant of the exercise.
struct StudentOption: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(say("Your student id: your own variant of the exercise.", ru: "Ваш номер ученика: ваш вариант задания.")))
    var student: String?

    /// The line naming the variant, when the exercise has variables and a student is given.
    func variantLine(_ exercise: Exercise, lang: Lang) -> String? {
        guard let student, !exercise.variables.isEmpty else { return nil }
        let values = exercise.variables.map { "\($0.name)=\(exercise.values[$0.name] ?? "")" }.joined(separator: ", ")
        return CommandText.variantOf(student: student, values: values).text(lang)
    }
}

/// Where the exercises come from: the bundled lab or a course folder.
struct CourseOptions<Purpose: CoursePurpose>: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(Purpose.exercisesHelp))
    var exercises: String?

    init() {}

    init(exercises: String?) {
        self.exercises = exercises
    }

    /// The exercise a person typed (slug, unique prefix or number), or a usage error that suggests.
    func exercise(_ typed: String) throws -> Exercise {
        try Self.exercise(typed, in: load())
    }

    /// The exercise a person typed, as `student`'s variant when one is given (`show`, `start`).
    func exercise(_ typed: String, for student: StudentOption) throws -> Exercise {
        let lab = try load()
        return lab.variant(of: try Self.exercise(typed, in: lab), student: student.student)
    }

    /// The course; `withCases` keeps the bundled lab's right and known-wrong cases (`verify`).
    func load(withCases: Bool = false) throws -> Lab {
        let lab = try loadCourse(withCases: withCases)
        // The instructor's own seed: learners of another course cannot share variants.
        if let seed = Environment.current["PODGRADE_SEED"], !seed.isEmpty { return lab.withSeed(seed) }
        return lab
    }

    private func loadCourse(withCases: Bool) throws -> Lab {
        guard let exercises else { return withCases ? Lab.bundled : Lab.bundledForGrading }
        let files: [String: [UInt8]]
        do {
            files = try Lab.files(inDirectory: exercises)
        } catch {
            throw UsageFailure(.exercisesFolderUnreadable(detail: error.message))
        }
        let lab = Lab.load(files)
        if lab.exercises.isEmpty {
            throw UsageFailure(.noExerciseInFolder(path: exercises, firstProblem: lab.problems.first.map(\.description)))
        }
        return lab
    }

    /// The exercise a person typed (slug, unique prefix or number), or a usage error that suggests.
    static func exercise(_ typed: String, in lab: Lab) throws -> Exercise {
        switch lab.find(exercise: typed) {
        case .found(let exercise): return exercise
        case .ambiguous(let matches): throw UsageFailure(.ambiguousExercise(typed: typed, matches: matches))
        case .unknown(let suggestions): throw UsageFailure(.unknownExercise(typed: typed, suggestions: suggestions))
        }
    }
}

enum Environment {
    /// The process's environment, read once (podgrade never changes it; several options
    /// read it at every start).
    static let current: [String: String] = read()

    private static func read() -> [String: String] {
        var result: [String: String] = [:]
        var pointer = environ
        while let entry = pointer.pointee {
            // Split at the first '=' by bytes (no Character-level search: read at every start).
            if let eq = strchr(entry, Int32(UInt8(ascii: "="))) {
                let name = UnsafeRawBufferPointer(start: entry, count: eq - entry)
                result[String(decoding: name, as: UTF8.self)] = String(cString: eq + 1)
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

/// `--format NAME[:FILE]` and `--output FILE`, as `check` and `validate` take them:
/// each format with its reporter and destination (`NAME:FILE`, else the
/// `--output` files paired with the other formats in order, else stdout).
/// A mistake is a usage error, found before anything runs.
enum OutputPlans {
    static func parse(format: [String], output: [String]) throws -> [(name: String, reporter: any Reporter, file: String?)] {
        var plans: [(name: String, reporter: any Reporter, file: String?)] = []
        var files = output[...]
        for spec in format.isEmpty ? ["text"] : format {
            var name = spec
            var file: String?
            if let colon = spec.firstIndex(of: ":") {
                name = String(spec[..<colon])
                file = String(spec[spec.index(after: colon)...])
                if file?.isEmpty ?? true { throw UsageFailure(.formatFileEmpty(spec: spec)) }
            } else if let next = files.popFirst() {
                file = next
            }
            guard let reporter = Reporters.named(name) else {
                throw UsageFailure(.unknownFormat(name: name, known: Reporters.names))
            }
            plans.append((name, reporter, file))
        }
        if !files.isEmpty { throw UsageFailure(.moreOutputsThanFormats) }
        if plans.filter({ $0.file == nil }).count > 1 { throw UsageFailure(.severalFormatsToStdout) }
        return plans
    }
}

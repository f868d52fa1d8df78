import ArgumentParser
import PodGradeCore
import PodGradeReport
#if canImport(Glibc)
import Glibc
#endif

struct List: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List the exercises.")
    @OptionGroup var language: LanguageOptions
    @OptionGroup var labOptions: LabOptions

    func run() throws {
        let lang = try language.resolve()
        let lab = try labOptions.load()
        let width = lab.exercises.map(\.id.count).max() ?? 0
        for exercise in lab.exercises {
            let id = exercise.id + String(repeating: " ", count: width - exercise.id.count)
            print("\(id)  \(exercise.title.text(lang))  (" + ReportText.points(exercise.maxScore, lang) + ")")
        }
    }
}

struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Show an exercise's task and its checks.")
    @Argument(help: "The exercise (see `podgrade list`).") var slug: String
    @OptionGroup var language: LanguageOptions
    @OptionGroup var labOptions: LabOptions

    func run() throws {
        let lang = try language.resolve()
        let lab = try labOptions.load()
        guard let exercise = lab.exercise(slug) else { throw UsageFailure("unknown exercise '\(slug)': see `podgrade list`") }
        print(exercise.task.text(lang).trimmingTrailingNewlines())
        print("")
        print(CLIText.checks.text(lang))
        for check in exercise.checks {
            print("  - \(check.id) [\(check.rule.id)] \(check.rule.doc.title.text(lang)): " + ReportText.points(check.points, lang))
        }
        print(CLIText.passMark(exercise.passScore, of: exercise.maxScore, lang))
    }
}

struct Start: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Copy an exercise's starter manifest into DIR/<slug>/.")
    @Argument(help: "The exercise.") var slug: String
    @Argument(help: "Your repository (default: the current folder).") var directory: String = "."
    @OptionGroup var language: LanguageOptions
    @OptionGroup var labOptions: LabOptions

    func run() throws {
        let lang = try language.resolve()
        let lab = try labOptions.load()
        guard let exercise = lab.exercise(slug) else { throw UsageFailure("unknown exercise '\(slug)': see `podgrade list`") }
        let folder = directory + "/" + slug
        if mkdir(folder, 0o755) != 0 && errno != EEXIST {
            throw UsageFailure("cannot create \(folder): \(String(cString: strerror(errno)))")
        }
        for file in exercise.starter {
            let target = folder + "/" + file.path
            if access(target, F_OK) == 0 { throw UsageFailure("\(target) already exists: not overwritten") }
            do { try FileOutput.write(file.content, to: target) } catch { throw UsageFailure(error.message) }
            print(target)
        }
        print(CLIText.nextSteps(slug, lang))
    }
}

struct Explain: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Explain a rule, with examples that pass and fail it.")
    @Argument(help: "The rule id (without it: every rule).") var rule: String?
    @OptionGroup var language: LanguageOptions

    func run() throws {
        let lang = try language.resolve()
        guard let id = rule else {
            for rule in RuleCatalog.all { print("\(rule.id)  \(rule.doc.title.text(lang))") }
            return
        }
        guard let rule = RuleCatalog.rule(id) else { throw UsageFailure("unknown rule '\(id)': see `podgrade explain`") }
        print(RuleText.explain(rule, lang: lang), terminator: "")
    }
}

extension String {
    func trimmingTrailingNewlines() -> String {
        var s = self
        while s.hasSuffix("\n") { s.removeLast() }
        return s
    }
}

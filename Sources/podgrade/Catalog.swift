import ArgumentParser
import PodGradeCore
import PodGradeReport
#if canImport(Glibc)
import Glibc
#endif

struct List: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List the exercises.")
    @OptionGroup var language: LanguageOptions
    @OptionGroup var labOptions: CourseOptions<ForList>

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
    @Argument(help: "The exercise: its slug, a unique prefix or its number (see podgrade list).") var slug: String
    @OptionGroup var language: LanguageOptions
    @OptionGroup var labOptions: CourseOptions<ForShow>

    func run() throws {
        let lang = try language.resolve()
        let lab = try labOptions.load()
        let exercise = try LabOptions.exercise(slug, in: lab)
        print(exercise.task.text(lang).trimmingTrailingNewlines())
        print("")
        print(CommandText.checksHeading.text(lang))
        for check in exercise.checks {
            let title = RuleCatalog.rule(check.rule)?.doc.title.text(lang) ?? check.rule
            print("  - \(check.id) [\(check.rule)] \(title): " + ReportText.points(check.points, lang))
        }
        print(CommandText.passMark(pass: exercise.passScore, max: exercise.maxScore).text(lang))
    }
}

struct Start: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Copy an exercise's starter manifest into DIR/<slug>/.")
    @Argument(help: "The exercise: its slug, a unique prefix or its number.") var slug: String
    @Argument(help: "Your repository.") var directory: String = "."
    @OptionGroup var language: LanguageOptions
    @OptionGroup var labOptions: CourseOptions<ForStart>

    func run() throws {
        let lang = try language.resolve()
        let lab = try labOptions.load()
        let exercise = try LabOptions.exercise(slug, in: lab)
        let folder = directory + "/" + exercise.id
        if mkdir(folder, 0o755) != 0 && errno != EEXIST {
            throw UsageFailure(.cannotCreate(path: folder, reason: String(cString: strerror(errno))))
        }
        for file in exercise.starter {
            let target = folder + "/" + file.path
            if access(target, F_OK) == 0 { throw UsageFailure(.alreadyExists(path: target)) }
            do { try FileOutput.write(StarterComments.localized(file.content, lang), to: target) } catch { throw UsageFailure(.cannotWrite(detail: error.message)) }
            print(target)
        }
        print(CommandText.startNext(slug: exercise.id).text(lang))
    }
}

struct Explain: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Explain a rule, with examples that pass and fail it.")
    @Argument(help: "A rule id, or the id of a check (explains its rule); without it: every rule.") var rule: String?
    @OptionGroup var language: LanguageOptions
    @OptionGroup var labOptions: CourseOptions<ForExplain>

    func run() throws {
        let lang = try language.resolve()
        guard let id = rule else {
            for rule in RuleCatalog.all { print("\(rule.id)  \(rule.doc.title.text(lang))") }
            return
        }
        if let rule = RuleCatalog.rule(id) {
            print(RuleText.explain(rule, lang: lang), terminator: "")
            return
        }
        // A check's id (`logs-readonly`, as check prints it): explain the rule behind it.
        let lab = try labOptions.load()
        let uses = lab.checks(withID: id)
        let rules = Array(Set(uses.map(\.check.rule))).sorted()
        guard !rules.isEmpty else {
            let suggestions = Suggestions.closest(to: id, in: RuleCatalog.all.map(\.id) + lab.checkIDs)
            throw UsageFailure(.unknownRule(typed: id, suggestions: suggestions))
        }
        for ruleID in rules {
            guard let rule = RuleCatalog.rule(ruleID) else { continue }
            let exercises = uses.filter { $0.check.rule == ruleID }.map(\.exercise.id)
            print(CommandText.checkUsesRule(check: id, exercises: exercises, rule: ruleID).text(lang))
            print("")
            print(RuleText.explain(rule, lang: lang), terminator: "")
        }
    }
}

extension String {
    func trimmingTrailingNewlines() -> String {
        var s = self
        while s.hasSuffix("\n") { s.removeLast() }
        return s
    }
}

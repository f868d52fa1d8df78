import ArgumentParser
import PodGradeCore
import PodGradeReport
#if canImport(Glibc)
import Glibc
#endif

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
        let rules = Array(Set(uses.map(\.check.rule.id))).sorted()
        guard !rules.isEmpty else {
            let suggestions = Suggestions.closest(to: id, in: RuleCatalog.all.map(\.id) + lab.checkIDs)
            throw UsageFailure(.unknownRule(typed: id, suggestions: suggestions))
        }
        for ruleID in rules {
            guard let rule = RuleCatalog.rule(ruleID) else { continue }
            let exercises = uses.filter { $0.check.rule.id == ruleID }.map(\.exercise.id)
            print(CommandText.checkUsesRule(check: id, exercises: exercises, rule: ruleID).text(lang))
            print("")
            print(RuleText.explain(rule, lang: lang), terminator: "")
        }
    }
}

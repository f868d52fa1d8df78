import ArgumentParser
import PodGradeCore
import PodGradeReport
#if canImport(Glibc)
import Glibc
#endif

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

import ArgumentParser
import PodGradeCore
import PodGradeReport
#if canImport(Glibc)
import Glibc
#endif

struct Explain: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "explain", abstract: say("Explain a rule, with examples that pass and fail it.", ru: "Объяснить правило, с примерами, которые его проходят и не проходят."))
    @Argument(help: ArgumentHelp(say("A rule id, or the id of a check (explains its rule); without it: every rule.", ru: "Правило или проверка (объясняется её правило); без него — все правила."))) var rule: String?
    @OptionGroup var language: LanguageOptions
    @OptionGroup var labOptions: CourseOptions<ForExplain>
    @Option(name: .long, help: ArgumentHelp(say("Draw what podgrade understands of every Pod and pod template in this manifest file, without grading.", ru: "Нарисовать, как podgrade понимает каждый POD и шаблон POD в этом файле, без проверки.")))
    var pod: String?
    @Option(name: .long, help: ArgumentHelp(say("With --pod: text (default) or markdown (Mermaid diagrams).", ru: "С --pod: text (по умолчанию) или markdown (диаграммы Mermaid).")))
    var format: String = "text"
    @Option(name: .long, help: ArgumentHelp(say("Color with --pod text: auto, always, never.", ru: "Цвет для --pod в виде текста: auto, always, never.")))
    var color: ColorChoice = .auto

    func run() throws {
        let lang = try language.resolve()
        if let pod {
            try explainPod(pod, lang: lang)
            return
        }
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

    /// `--pod FILE`: the picture of every Pod and pod template of the file.
    func explainPod(_ path: String, lang: Lang) throws {
        guard format == "text" || format == "markdown" else { throw UsageFailure(.podFormatUnknown(name: format)) }
        let limits = try LimitOptions.resolve()
        let snapshot: SourceSnapshot
        do throws(SourceFailure) {
            snapshot = try ManifestValidation.snapshot(of: path, limits: limits.source)
        } catch {
            throw UsageFailure(error.message)
        }
        var pictures: [PodPicture] = []
        for file in snapshot.files {
            guard case .bytes(let bytes) = file.content else { continue }
            pictures += PodPicture.pictures(in: bytes, file: file.path, limits: limits.yaml)
        }
        guard !pictures.isEmpty else { throw UsageFailure(.noPodInFile(path: path)) }
        let useColor = color.enabled()
        for (index, picture) in pictures.enumerated() {
            if index > 0 { print("") }
            if format == "markdown" {
                print(PodPictureMermaid.section(picture, lang: lang), terminator: "")
            } else {
                print(PodPictureTerminal.render(picture, lang: lang, color: useColor), terminator: "")
            }
        }
    }
}

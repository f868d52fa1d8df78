public import PodGradeCore

/// A rule's documentation as `podgrade explain` prints it (and SARIF's help text).
public enum RuleText {
    public static func explain(_ rule: any Rule, lang: Lang) -> String {
        var out = "\(rule.id): \(rule.doc.title.text(lang))\n\n\(rule.doc.explanation.text(lang))\n"
        if let section = rule.doc.section {
            out += "\n" + ReportText.lectureSection.text(lang) + ": «\(section)»\n"
        }
        if !rule.params.isEmpty {
            out += "\n" + ReportText.parameters.text(lang) + " "
            out += rule.params.map { $0.name + ($0.required ? "*" : "") + " (\($0.type.rawValue))" }.joined(separator: ", ") + "\n"
        }
        for example in rule.examples {
            out += "\n" + (example.passes ? ReportText.examplePasses : ReportText.exampleFails).text(lang)
            out += example.params == "{}" ? ":\n" : " (params: \(example.params)):\n"
            out += example.manifest.split(separator: "\n", omittingEmptySubsequences: false).map { "    " + $0 }.joined(separator: "\n")
            if !example.manifest.hasSuffix("\n") { out += "\n" }
        }
        return out
    }
}

import PodGradeYAML
import PodGradeKubernetes

/// `yaml.syntax`: every manifest file of the submission parses.
struct YAMLSyntaxRule: Rule {
    let id = "yaml.syntax"
    let doc = RuleDoc(
        title: LocalizedText(ru: "YAML читается", en: "The YAML parses"),
        explanation: LocalizedText(
            ru: "Каждый файл-манифест решения должен быть корректным YAML: отступы пробелами, двоеточие после ключа, ключи без повторов. Ошибка указывает строку и столбец, где чтение остановилось.",
            en: "Every manifest file of the submission must be valid YAML: spaces for indentation, a colon after each key, no repeated keys. An error names the line and column where reading stopped."),
        section: "Создание много-контейнерного POD")
    let needsWorkload = false
    let examples = [
        RuleExample.passes("apiVersion: v1\nkind: Pod\nmetadata:\n  name: demo\n"),
        RuleExample.fails("apiVersion: v1\nkind: Pod\nmetadata:\n↓\tname: demo\n", key: "yaml"),
    ]

    func check(_ context: CheckContext, _ params: NoParameters) throws(RuleStop) -> Outcome {
        if context.files.isEmpty { return .fail([Finding(Message.noManifests)]) }
        let findings = context.files.compactMap { file -> Finding? in
            guard let error = file.yaml.error else { return nil }
            return Finding(SharedMessage.yaml(error), location: Location(file: file.path, mark: error.mark))
        }
        return findings.isEmpty ? .pass(Message.yamlOK(files: context.files.count)) : .fail(findings)
    }
}

extension YAMLSyntaxRule {
    /// One value of every message: `explain`, SARIF and the catalogue test render them.
    var messageSamples: [Message] {
        [
            .yamlOK(files: 3),
            .noManifests,
        ]
    }

    /// What `yaml.syntax` says, in every language.
    enum Message: RuleMessage {
        case yamlOK(files: Int)
        case noManifests

        var russian: String {
            switch self {
            case .yamlOK(let files):
                return "YAML читается без ошибок (" + RussianPlural.form(files, one: "\(files) файл", few: "\(files) файла", many: "\(files) файлов") + ")."
            case .noManifests:
                return "Не найдено ни одного манифеста (.yaml, .yml, .json)."
            }
        }

        var english: String {
            let plural = English.plural
            switch self {
            case .yamlOK(let files):
                return "The YAML reads without errors (\(plural(files, "file")))."
            case .noManifests:
                return "No manifest found (.yaml, .yml, .json)."
            }
        }
    }
}

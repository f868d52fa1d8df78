import PodGradeYAML
import PodGradeKubernetes

/// yaml.syntax: every manifest file of the submission parses.
struct YAMLSyntaxRule: Rule {
    let id = "yaml.syntax"
    let doc = RuleDoc(
        title: LocalizedText(ru: "YAML читается", en: "The YAML parses"),
        explanation: LocalizedText(
            ru: "Каждый файл-манифест решения должен быть корректным YAML: отступы пробелами, двоеточие после ключа, ключи без повторов. Ошибка указывает строку и столбец, где чтение остановилось.",
            en: "Every manifest file of the submission must be valid YAML: spaces for indentation, a colon after each key, no repeated keys. An error names the line and column where reading stopped."),
        section: "Создание много-контейнерного POD")
    let params: [ParamSpec] = []
    let needsWorkload = false
    let examples = [
        RuleExample("apiVersion: v1\nkind: Pod\nmetadata:\n  name: demo\n", passes: true),
        RuleExample("apiVersion: v1\nkind: Pod\nmetadata:\n\tname: demo\n", passes: false),
    ]

    func check(_ context: CheckContext, _ params: Params) throws(RuleStop) -> Outcome {
        if context.files.isEmpty { return .fail([Finding(.noManifests)]) }
        let findings = context.files.compactMap { file -> Finding? in
            guard let error = file.yaml.error else { return nil }
            return Finding(.yaml(error), location: Location(file: file.path, mark: error.mark))
        }
        return findings.isEmpty ? .pass(.yamlOK(files: context.files.count)) : .fail(findings)
    }
}

/// k8s.schema: known fields and right types, as kubectl's strict decoding wants.
struct SchemaRule: Rule {
    let id = "k8s.schema"
    let doc = RuleDoc(
        title: LocalizedText(ru: "Поля и типы как в API Kubernetes", en: "Fields and types as in the Kubernetes API"),
        explanation: LocalizedText(
            ru: "Kubernetes знает каждое поле объекта и его тип. Опечатка в имени поля (volumeMount вместо volumeMounts) молча теряет настройку или отклоняется kubectl; число в кавычках (containerPort: \"80\") — это строка, а не число.",
            en: "Kubernetes knows every field of an object and its type. A misspelt field (volumeMount for volumeMounts) is lost or rejected by kubectl; a quoted number (containerPort: \"80\") is a string, not a number."),
        section: "Создание много-контейнерного POD")
    let params: [ParamSpec] = []
    let examples = [
        RuleExample("apiVersion: v1\nkind: Pod\nmetadata:\n  name: demo\nspec:\n  containers:\n  - name: web\n    image: nginx\n    ports:\n    - containerPort: 80\n", passes: true),
        RuleExample("apiVersion: v1\nkind: Pod\nmetadata:\n  name: demo\nspec:\n  containers:\n  - name: web\n    image: nginx\n    ports:\n    - containerPort: \"80\"\n", passes: false),
        RuleExample("apiVersion: v1\nkind: Pod\nmetadata:\n  name: demo\nspec:\n  containers:\n  - name: web\n    image: nginx\n    volumeMount: []\n", passes: false),
    ]

    func check(_ context: CheckContext, _ params: Params) throws(RuleStop) -> Outcome {
        var findings: [Finding] = []
        for file in context.files {
            for issues in file.schemaIssues {
                findings += issues.map {
                    Finding(.k8s($0), location: Location(file: file.path, mark: $0.mark), path: $0.path)
                }
            }
        }
        return findings.isEmpty ? .pass(.schemaOK) : .fail(findings)
    }
}

/// k8s.valid: what the API server's validation would say.
struct ValidRule: Rule {
    let id = "k8s.valid"
    let doc = RuleDoc(
        title: LocalizedText(ru: "Kubernetes примет объект", en: "Kubernetes accepts the object"),
        explanation: LocalizedText(
            ru: "API-сервер проверяет объект перед созданием: имена контейнеров и volumes по RFC 1123 и без повторов, каждое монтирование ссылается на объявленный volume, порты от 1 до 65535, имена портов не длиннее 15 символов, корректные количества ресурсов, selector совпадает с метками шаблона.",
            en: "The API server validates an object before creating it: container and volume names are RFC 1123 labels and unique, every mount names a declared volume, ports are 1-65535, port names at most 15 characters, resource quantities are valid, the selector matches the template's labels."),
        section: "Создание много-контейнерного POD")
    let params: [ParamSpec] = []
    let examples = [
        RuleExample("apiVersion: v1\nkind: Pod\nmetadata:\n  name: demo\nspec:\n  containers:\n  - name: web\n    image: nginx\n", passes: true),
        RuleExample("apiVersion: v1\nkind: Pod\nmetadata:\n  name: demo\nspec:\n  containers:\n  - name: Web_Server\n    image: nginx\n", passes: false),
        RuleExample("apiVersion: v1\nkind: Pod\nmetadata:\n  name: demo\nspec:\n  containers:\n  - name: web\n    image: nginx\n    volumeMounts:\n    - name: data\n      mountPath: /data\n", passes: false),
    ]

    func check(_ context: CheckContext, _ params: Params) throws(RuleStop) -> Outcome {
        var errors: [Finding] = []
        var warnings: [Finding] = []
        for file in context.files {
            for (workload, schemaIssues) in zip(file.workloads, file.workloadSchemaIssues) {
                for issue in K8sChecks.validate(workload, schemaIssues: schemaIssues) {
                    let finding = Finding(.k8s(issue), location: Location(file: file.path, mark: issue.mark), path: issue.path)
                    if issue.severity == .error { errors.append(finding) } else { warnings.append(finding) }
                }
            }
        }
        if !errors.isEmpty { return .fail(errors + warnings) }
        return warnings.isEmpty ? .pass(.validOK) : .passWithNotes(.validWarnings(count: warnings.count), warnings)
    }
}

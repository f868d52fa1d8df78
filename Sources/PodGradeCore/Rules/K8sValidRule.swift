import PodGradeYAML
import PodGradeKubernetes

/// `k8s.valid`: what the API server's validation would say.
struct K8sValidRule: Rule {
    let id = "k8s.valid"
    let doc = RuleDoc(
        title: LocalizedText(ru: "Kubernetes примет объект", en: "Kubernetes accepts the object"),
        explanation: LocalizedText(
            ru: "API-сервер проверяет объект перед созданием: имена контейнеров и volumes по RFC 1123 и без повторов, каждое монтирование ссылается на объявленный volume, порты от 1 до 65535, имена портов не длиннее 15 символов, корректные количества ресурсов, selector совпадает с метками шаблона.",
            en: "The API server validates an object before creating it: container and volume names are RFC 1123 labels and unique, every mount names a declared volume, ports are 1-65535, port names at most 15 characters, resource quantities are valid, the selector matches the template's labels."),
        section: "Создание много-контейнерного POD")
    let examples = [
        RuleExample.passes("apiVersion: v1\nkind: Pod\nmetadata:\n  name: demo\nspec:\n  containers:\n  - name: web\n    image: nginx\n"),
        RuleExample.fails("apiVersion: v1\nkind: Pod\nmetadata:\n  name: demo\nspec:\n  containers:\n  - name: ↓Web_Server\n    image: nginx\n", key: "k8s"),
        RuleExample.fails("apiVersion: v1\nkind: Pod\nmetadata:\n  name: demo\nspec:\n  containers:\n  - name: web\n    image: nginx\n    volumeMounts:\n    - name: ↓data\n      mountPath: /data\n", key: "k8s"),
    ]

    /// Runs on a candidate whose kind or metadata is broken: it is what says how.
    var needsIdentity: Bool { false }

    func check(_ context: CheckContext, _ params: NoParameters) throws(RuleStop) -> Outcome {
        var errors: [Finding] = []
        var warnings: [Finding] = []
        for file in context.files {
            for (workload, schemaIssues) in zip(file.workloads, file.workloadSchemaIssues) {
                for issue in K8sChecks.validate(workload, schemaIssues: schemaIssues) {
                    let finding = Finding(SharedMessage.k8s(issue), location: Location(file: file.path, mark: issue.mark), path: issue.path)
                    if issue.severity == .error { errors.append(finding) } else { warnings.append(finding) }
                }
            }
        }
        if !errors.isEmpty { return .fail(errors + warnings) }
        return warnings.isEmpty ? .pass(Message.validOK) : .passWithNotes(Message.validWarnings(count: warnings.count), warnings)
    }
}

extension K8sValidRule {
    /// One value of every message: `explain`, SARIF and the catalogue test render them.
    var messageSamples: [Message] {
        [
            .validOK,
            .validWarnings(count: 2),
        ]
    }

    /// What `k8s.valid` says, in every language.
    enum Message: RuleMessage {
        case validOK
        case validWarnings(count: Int)

        var russian: String {
            switch self {
            case .validOK:
                return "Kubernetes примет этот объект: проверка API пройдена."
            case .validWarnings(let count):
                return "Kubernetes примет объект, но выдаст " + RussianPlural.form(count, one: "\(count) предупреждение", few: "\(count) предупреждения", many: "\(count) предупреждений") + "."
            }
        }

        var english: String {
            let plural = English.plural
            switch self {
            case .validOK:
                return "Kubernetes accepts this object: API validation passes."
            case .validWarnings(let count):
                return "Kubernetes accepts the object with \(plural(count, "warning"))."
            }
        }
    }
}

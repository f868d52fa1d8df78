import PodGradeYAML
import PodGradeKubernetes

/// `pod.metadata`: namespace and labels as the task asks.
struct PodMetadataRule: Rule {
    let id = "pod.metadata"
    let doc = RuleDoc(
        title: LocalizedText(ru: "Namespace и метки", en: "Namespace and labels"),
        explanation: LocalizedText(
            ru: "Метки (labels) — то, по чему Service и Deployment находят PODs; namespace — пространство имён, в котором живёт объект. Задание называет их точно.",
            en: "Labels are how Services and Deployments find pods; the namespace is where the object lives. The task names both exactly."),
        section: "Практический пример: веб-сервер с мониторингом")
    /// The check's parameters in spec.yaml (`params:`); an optional one may be left out.
    struct Parameters: RuleParameters {
        let namespace: String?
        let labels: StringMap?
    }

    let examples = [
        RuleExample.passes("apiVersion: v1\nkind: Pod\nmetadata:\n  name: demo\n  namespace: team\n  labels:\n    app: web\nspec:\n  containers:\n  - name: web\n    image: nginx\n",
                    params: "{namespace: team, labels: {app: web}}"),
        RuleExample.fails("apiVersion: v1\nkind: Pod\nmetadata:\n  ↓name: demo\nspec:\n  containers:\n  - name: web\n    image: nginx\n", params: "{labels: {app: web}}", key: "labelMissing"),
    ]

    func check(_ context: CheckContext, _ params: Parameters) throws(RuleStop) -> Outcome {
        guard let workload = context.workload else { return .notRun }
        var findings: [Finding] = []
        if let expected = params.namespace, workload.namespace?.value != expected {
            if let namespace = workload.namespace {
                findings.append(context.finding(Message.namespaceWrong(expected: expected, found: namespace.value), namespace))
            } else {
                findings.append(context.finding(Message.namespaceWrong(expected: expected, found: nil), mark: workload.metadataMark, path: "metadata"))
            }
        }
        for (key, value) in (params.labels?.pairs ?? []) {
            if let label = workload.labels.first(where: { $0.key == key }) {
                if label.value.value != value { findings.append(context.finding(Message.labelWrong(key: key, expected: value, found: label.value.value), label.value)) }
            } else {
                findings.append(context.finding(Message.labelMissing(key: key, value: value), mark: workload.metadataMark, path: "metadata.labels"))
            }
        }
        return findings.isEmpty ? .pass(Message.metadataOK) : .fail(findings)
    }
}

extension PodMetadataRule {
    /// One value of every message: `explain`, SARIF and the catalogue test render them.
    var messageSamples: [Message] {
        [
            .namespaceWrong(expected: "elastic-stack", found: "default"),
            .labelMissing(key: "app", value: "web"),
            .labelWrong(key: "app", expected: "web", found: "api"),
            .metadataOK,
        ]
    }

    /// What `pod.metadata` says, in every language.
    enum Message: RuleMessage {
        case namespaceWrong(expected: String, found: String?)
        case labelMissing(key: String, value: String)
        case labelWrong(key: String, expected: String, found: String)
        case metadataOK

        var russian: String {
            let q = Russian.quote
            switch self {
            case .namespaceWrong(let expected, let found):
                return found.map { "Namespace — \(q($0)), а нужен \(q(expected))." } ?? "Не указан namespace: нужен \(q(expected))."
            case .labelMissing(let key, let value):
                return "Нет метки \(key): \(value)."
            case .labelWrong(let key, let expected, let found):
                return "Метка \(key) равна \(q(found)), а нужно \(q(expected))."
            case .metadataOK:
                return "Namespace и метки заданы как требуется."
            }
        }

        var english: String {
            let q = English.quote
            switch self {
            case .namespaceWrong(let expected, let found):
                return found.map { "The namespace is \(q($0)) but must be \(q(expected))." } ?? "No namespace given: it must be \(q(expected))."
            case .labelMissing(let key, let value):
                return "The label \(key): \(value) is missing."
            case .labelWrong(let key, let expected, let found):
                return "The label \(key) is \(q(found)) but must be \(q(expected))."
            case .metadataOK:
                return "Namespace and labels are as asked."
            }
        }
    }
}

import PodGradeYAML
import PodGradeKubernetes

/// `workload.replicas`: a Deployment with the asked replicas whose selector matches its template.
struct WorkloadReplicasRule: Rule {
    let id = "workload.replicas"
    let doc = RuleDoc(
        title: LocalizedText(ru: "Реплики Deployment", en: "Deployment replicas"),
        explanation: LocalizedText(
            ru: "Deployment масштабирует POD целиком: каждая реплика получает все его контейнеры, поэтому агент всегда рядом со своим веб-сервером. spec.selector должен совпадать с метками шаблона, иначе Deployment не найдёт свои PODs.",
            en: "A Deployment scales the whole pod: every replica gets all its containers, so each agent stays beside its web server. spec.selector must match the template's labels, or the Deployment cannot find its pods."),
        section: "Преимущества много-контейнерных PODs")
    /// The check's parameters in spec.yaml (`params:`); an optional one may be left out.
    struct Parameters: RuleParameters {
        let replicas: Int
    }

    let examples = [
        RuleExample.passes("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: demo\nspec:\n  replicas: 3\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n      - name: web\n        image: nginx\n",
                    params: "{replicas: 3}"),
        RuleExample.fails("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: demo\nspec:\n  replicas: 3\n  selector:\n    ↓matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: api}\n    spec:\n      containers:\n      - name: web\n        image: nginx\n",
                    params: "{replicas: 3}", key: "selectorMismatch"),
    ]

    func check(_ context: CheckContext, _ params: Parameters) throws(RuleStop) -> Outcome {
        guard let workload = context.workload else { return .notRun }
        let expected = params.replicas
        guard ["Deployment", "ReplicaSet", "StatefulSet", "ReplicationController"].contains(workload.kind) else {
            return .fail([context.finding(Message.notAWorkload(kind: workload.kind), mark: workload.mark, path: workload.path.isEmpty ? nil : workload.path)])
        }
        var findings: [Finding] = []
        let found = workload.replicas.map { Int($0.value) }
        if (found ?? 1) != expected {
            if let replicas = workload.replicas {
                findings.append(context.finding(Message.replicasWrong(expected: expected, found: found), replicas))
            } else {
                findings.append(context.finding(Message.replicasWrong(expected: expected, found: nil), mark: workload.mark, path: "spec"))
            }
        }
        if !Self.selectorMatches(workload) {
            findings.append(context.finding(Message.selectorMismatch, mark: workload.selector?.mark ?? workload.templateMetadataMark ?? workload.mark,
                                            path: workload.selector?.path ?? "spec.selector"))
        }
        return findings.isEmpty ? .pass(Message.replicasOK(replicas: expected)) : .fail(findings)
    }

    /// A selector that is not empty and matches the template's labels.
    static func selectorMatches(_ workload: Workload) -> Bool {
        guard let selector = workload.selector, !(selector.matchLabels.isEmpty && selector.matchExpressions.isEmpty) else { return false }
        let labels = Dictionary((workload.templateLabels ?? []).map { ($0.key, $0.value.value) }, uniquingKeysWith: { a, _ in a })
        return selector.matches(labels)
    }
}

extension WorkloadReplicasRule {
    /// One value of every message: `explain`, SARIF and the catalogue test render them.
    var messageSamples: [Message] {
        [
            .notAWorkload(kind: "Pod"),
            .replicasWrong(expected: 3, found: 2),
            .selectorMismatch,
            .replicasOK(replicas: 3),
        ]
    }

    /// What `workload.replicas` says, in every language.
    enum Message: RuleMessage {
        case notAWorkload(kind: String)
        case replicasWrong(expected: Int, found: Int?)
        case selectorMismatch
        case replicasOK(replicas: Int)

        var russian: String {
            switch self {
            case .notAWorkload(let kind):
                return "\(kind) не управляет репликами: нужен Deployment."
            case .replicasWrong(let expected, let found):
                return "replicas = \(found.map(String.init) ?? "не задано (1)"), а нужно \(expected)."
            case .selectorMismatch:
                return "spec.selector не совпадает с метками шаблона: Deployment не найдёт свои PODs."
            case .replicasOK(let replicas):
                return "\(replicas) " + RussianPlural.form(replicas, one: "реплика", few: "реплики", many: "реплик") + ", selector совпадает с метками шаблона."
            }
        }

        var english: String {
            let plural = English.plural
            switch self {
            case .notAWorkload(let kind):
                return "A \(kind) does not manage replicas: a Deployment is needed."
            case .replicasWrong(let expected, let found):
                return "replicas is \(found.map(String.init) ?? "not set (1)") but must be \(expected)."
            case .selectorMismatch:
                return "spec.selector does not match the template's labels: the Deployment would not find its pods."
            case .replicasOK(let replicas):
                return "\(plural(replicas, "replica")), and the selector matches the template's labels."
            }
        }
    }
}

import PodGradeYAML
import PodGradeKubernetes

/// The manifest every example in this file starts from.
let examplePodHeader = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: demo\n"

/// pod.found: an object of the expected kind and name is in the submission.
struct PodFoundRule: Rule {
    let id = "pod.found"
    let doc = RuleDoc(
        title: LocalizedText(ru: "Объект задания найден", en: "The exercise's object is there"),
        explanation: LocalizedText(
            ru: "Решение — это объект Kubernetes нужного вида (kind) с именем из задания (metadata.name). По имени его находят kubectl и проверки; если имя другое, остальные проверки всё же выполняются для единственного найденного объекта.",
            en: "A submission is a Kubernetes object of the asked kind with the asked name (metadata.name). kubectl and the checks find it by that name; with another name, the other checks still run on the only object found."),
        section: "Пример Pod с несколькими контейнерами")
    let params: [ParamSpec] = []
    let needsWorkload = false
    let examples = [
        RuleExample(examplePodHeader + "spec:\n  containers:\n  - name: web\n    image: nginx\n", passes: true),
        RuleExample("apiVersion: v1\nkind: Pod\nmetadata:\n  name: other\nspec:\n  containers:\n  - name: web\n    image: nginx\n", passes: false),
    ]

    func check(_ context: CheckContext, _ params: Params) throws(RuleStop) -> Outcome {
        let exercise = context.exercise
        guard let target = context.target else {
            // Name it when an object of that name has another kind.
            for file in context.files {
                for object in file.objects where object.node["metadata"]?["name"]?.string == exercise.objectName {
                    // `kind: {Pod: 1}` is shown as written ({…}) and pointed at: never as "?".
                    let kindNode = object.node["kind"]
                    let kind: String
                    switch kindNode?.content {
                    case .scalar(let scalar)?: kind = scalar.text.isEmpty ? "—" : scalar.text
                    case .mapping?: kind = "{…}"
                    case .sequence?: kind = "[…]"
                    case nil: kind = "—"
                    }
                    return .fail([Finding(.podWrongKind(expected: exercise.objectKinds, found: kind, name: exercise.objectName),
                                          location: Location(file: file.path, mark: kindNode?.string == nil ? kindNode?.mark ?? object.node.mark : object.node.mark),
                                          path: object.path.isEmpty ? nil : object.path)])
                }
            }
            return .fail([Finding(.podNotFound(kinds: exercise.objectKinds, name: exercise.objectName),
                                  location: context.files.first.map { Location(file: $0.path, line: 1, column: 1) })])
        }
        let workload = target.workload
        if !target.exact {
            let found = workload.name?.value ?? ""
            let finding = workload.name.map { context.finding(.podWrongName(kind: workload.kind, expected: exercise.objectName, found: found), $0) }
                ?? context.finding(.podWrongName(kind: workload.kind, expected: exercise.objectName, found: found), mark: workload.metadataMark, path: "metadata")
            return .fail([finding])
        }
        return .pass(.podFound(kind: workload.kind, name: workload.displayName))
    }
}

/// pod.metadata: namespace and labels as the task asks.
struct PodMetadataRule: Rule {
    let id = "pod.metadata"
    let doc = RuleDoc(
        title: LocalizedText(ru: "Namespace и метки", en: "Namespace and labels"),
        explanation: LocalizedText(
            ru: "Метки (labels) — то, по чему Service и Deployment находят PODs; namespace — пространство имён, в котором живёт объект. Задание называет их точно.",
            en: "Labels are how Services and Deployments find pods; the namespace is where the object lives. The task names both exactly."),
        section: "Практический пример: веб-сервер с мониторингом")
    let params = [ParamSpec("namespace", .string), ParamSpec("labels", .stringMap)]
    let examples = [
        RuleExample("apiVersion: v1\nkind: Pod\nmetadata:\n  name: demo\n  namespace: team\n  labels:\n    app: web\nspec:\n  containers:\n  - name: web\n    image: nginx\n",
                    params: "{namespace: team, labels: {app: web}}", passes: true),
        RuleExample(examplePodHeader + "spec:\n  containers:\n  - name: web\n    image: nginx\n", params: "{labels: {app: web}}", passes: false),
    ]

    func check(_ context: CheckContext, _ params: Params) throws(RuleStop) -> Outcome {
        guard let workload = context.workload else { return .skip(.skippedNoWorkload) }
        var findings: [Finding] = []
        if let expected = params.string("namespace"), workload.namespace?.value != expected {
            if let namespace = workload.namespace {
                findings.append(context.finding(.namespaceWrong(expected: expected, found: namespace.value), namespace))
            } else {
                findings.append(context.finding(.namespaceWrong(expected: expected, found: nil), mark: workload.metadataMark, path: "metadata"))
            }
        }
        for (key, value) in params.stringMap("labels") ?? [] {
            if let label = workload.labels.first(where: { $0.key == key }) {
                if label.value.value != value { findings.append(context.finding(.labelWrong(key: key, expected: value, found: label.value.value), label.value)) }
            } else {
                findings.append(context.finding(.labelMissing(key: key, value: value), mark: workload.metadataMark, path: "metadata.labels"))
            }
        }
        return findings.isEmpty ? .pass(.metadataOK) : .fail(findings)
    }
}

/// containers.count: the number of app containers.
struct ContainersCountRule: Rule {
    let id = "containers.count"
    let doc = RuleDoc(
        title: LocalizedText(ru: "Число контейнеров", en: "Number of containers"),
        explanation: LocalizedText(
            ru: "Много-контейнерный POD объединяет несколько контейнеров с общим жизненным циклом: они создаются и уничтожаются вместе. Считаются контейнеры из spec.containers (initContainers — отдельно).",
            en: "A multi-container pod groups containers that share a lifecycle: they are created and destroyed together. Counted are spec.containers (initContainers apart)."),
        section: "Решение: много-контейнерные PODs")
    let params = [ParamSpec("count", .int, required: true)]
    let examples = [
        RuleExample(examplePodHeader + "spec:\n  containers:\n  - name: a\n    image: nginx\n  - name: b\n    image: redis\n", params: "{count: 2}", passes: true),
        RuleExample(examplePodHeader + "spec:\n  containers:\n  - name: a\n    image: nginx\n", params: "{count: 2}", passes: false),
    ]

    func check(_ context: CheckContext, _ params: Params) throws(RuleStop) -> Outcome {
        guard let pod = context.pod else { return .skip(.skippedNoWorkload) }
        let expected = params.int("count") ?? 0
        let found = pod.containers.count
        return found == expected ? .pass(.containerCountOK(count: found)) : .fail([context.podFinding(.containerCountWrong(expected: expected, found: found))])
    }
}

/// workload.replicas: a Deployment with the asked replicas whose selector matches its template.
struct ReplicasRule: Rule {
    let id = "workload.replicas"
    let doc = RuleDoc(
        title: LocalizedText(ru: "Реплики Deployment", en: "Deployment replicas"),
        explanation: LocalizedText(
            ru: "Deployment масштабирует POD целиком: каждая реплика получает все его контейнеры, поэтому агент всегда рядом со своим веб-сервером. spec.selector должен совпадать с метками шаблона, иначе Deployment не найдёт свои PODs.",
            en: "A Deployment scales the whole pod: every replica gets all its containers, so each agent stays beside its web server. spec.selector must match the template's labels, or the Deployment cannot find its pods."),
        section: "Преимущества много-контейнерных PODs")
    let params = [ParamSpec("replicas", .int, required: true)]
    let examples = [
        RuleExample("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: demo\nspec:\n  replicas: 3\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n      - name: web\n        image: nginx\n",
                    params: "{replicas: 3}", passes: true),
        RuleExample("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: demo\nspec:\n  replicas: 3\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: api}\n    spec:\n      containers:\n      - name: web\n        image: nginx\n",
                    params: "{replicas: 3}", passes: false),
    ]

    func check(_ context: CheckContext, _ params: Params) throws(RuleStop) -> Outcome {
        guard let workload = context.workload else { return .skip(.skippedNoWorkload) }
        let expected = params.int("replicas") ?? 1
        guard ["Deployment", "ReplicaSet", "StatefulSet", "ReplicationController"].contains(workload.kind) else {
            return .fail([context.finding(.notAWorkload(kind: workload.kind), mark: workload.mark, path: workload.path.isEmpty ? nil : workload.path)])
        }
        var findings: [Finding] = []
        let found = workload.replicas.map { Int($0.value) }
        if (found ?? 1) != expected {
            if let replicas = workload.replicas {
                findings.append(context.finding(.replicasWrong(expected: expected, found: found), replicas))
            } else {
                findings.append(context.finding(.replicasWrong(expected: expected, found: nil), mark: workload.mark, path: "spec"))
            }
        }
        if !Self.selectorMatches(workload) {
            findings.append(context.finding(.selectorMismatch, mark: workload.selector?.mark ?? workload.templateMetadataMark ?? workload.mark,
                                            path: workload.selector?.path ?? "spec.selector"))
        }
        return findings.isEmpty ? .pass(.replicasOK(replicas: expected)) : .fail(findings)
    }

    /// matchLabels and matchExpressions against the template's labels.
    static func selectorMatches(_ workload: Workload) -> Bool {
        guard let selector = workload.selector else { return false }
        let labels = Dictionary((workload.templateLabels ?? []).map { ($0.key, $0.value.value) }, uniquingKeysWith: { a, _ in a })
        if selector.matchLabels.isEmpty && selector.matchExpressions.isEmpty { return false }
        for label in selector.matchLabels where labels[label.key] != label.value.value { return false }
        for requirement in selector.matchExpressions {
            let value = labels[requirement.key]
            switch requirement.op {
            case "In": if !(value.map { requirement.values.contains($0) } ?? false) { return false }
            case "NotIn": if let value, requirement.values.contains(value) { return false }
            case "Exists": if value == nil { return false }
            case "DoesNotExist": if value != nil { return false }
            default: return false
            }
        }
        return true
    }
}

import PodGradeYAML
import PodGradeKubernetes

/// `pod.found`: an object of the expected kind and name is in the submission.
struct PodFoundRule: Rule {
    let id = "pod.found"
    let doc = RuleDoc(
        title: LocalizedText(ru: "Объект задания найден", en: "The exercise's object is there"),
        explanation: LocalizedText(
            ru: "Решение — это объект Kubernetes нужного вида (kind) с именем из задания (metadata.name). По имени его находят kubectl и проверки; если имя другое, остальные проверки всё же выполняются для единственного найденного объекта.",
            en: "A submission is a Kubernetes object of the asked kind with the asked name (metadata.name). kubectl and the checks find it by that name; with another name, the other checks still run on the only object found."),
        section: "Пример Pod с несколькими контейнерами")
    let needsWorkload = false
    /// While a file that does not parse may hold the object, finding it is not checked (the grader says why).
    let needsIdentity = true
    let examples = [
        RuleExample.passes(RuleExample.podHeader + "spec:\n  containers:\n  - name: web\n    image: nginx\n"),
        RuleExample.fails("apiVersion: v1\nkind: Pod\nmetadata:\n  name: ↓other\nspec:\n  containers:\n  - name: web\n    image: nginx\n", key: "podWrongName"),
    ]

    func check(_ context: CheckContext, _ params: NoParameters) throws(RuleStop) -> Outcome {
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
                    return .fail([Finding(Message.podWrongKind(expected: exercise.objectKinds, found: kind, name: exercise.objectName),
                                          location: Location(file: file.path, mark: kindNode?.string == nil ? kindNode?.mark ?? object.node.mark : object.node.mark),
                                          path: object.path.isEmpty ? nil : object.path)])
                }
            }
            return .fail([Finding(Message.podNotFound(kinds: exercise.objectKinds, name: exercise.objectName),
                                  location: context.files.first.map { Location(file: $0.path, line: 1, column: 1) })])
        }
        let workload = target.workload
        if !target.exact {
            let found = workload.name?.value ?? ""
            let finding = workload.name.map { context.finding(Message.podWrongName(kind: workload.kind, expected: exercise.objectName, found: found), $0) }
                ?? context.finding(Message.podWrongName(kind: workload.kind, expected: exercise.objectName, found: found), mark: workload.metadataMark, path: "metadata")
            return .fail([finding])
        }
        return .pass(Message.podFound(kind: workload.kind, name: workload.displayName))
    }
}

extension PodFoundRule {
    /// One value of every message: `explain`, SARIF and the catalogue test render them.
    var messageSamples: [Message] {
        [
            .podFound(kind: "Pod", name: "yellow"),
            .podNotFound(kinds: ["Pod"], name: "yellow"),
            .podWrongName(kind: "Pod", expected: "yellow", found: "green"),
            .podWrongKind(expected: ["Deployment"], found: "Pod", name: "web-app"),
        ]
    }

    /// What `pod.found` says, in every language.
    enum Message: RuleMessage {
        case podFound(kind: String, name: String)
        case podNotFound(kinds: [String], name: String)
        case podWrongName(kind: String, expected: String, found: String)
        case podWrongKind(expected: [String], found: String, name: String)

        var russian: String {
            let q = Russian.quote
            switch self {
            case .podFound(let kind, let name):
                return "Найден \(kind) \(q(name))."
            case .podNotFound(let kinds, let name):
                return "Не найден объект \(kinds.joined(separator: " или ")) с именем \(q(name))."
            case .podWrongName(let kind, let expected, let found):
                return "\(kind) называется \(q(found)), а задание требует имя \(q(expected)); остальные проверки выполнены для него."
            case .podWrongKind(let expected, let found, let name):
                return "\(q(name)) — это \(found), а задание требует \(expected.joined(separator: " или "))."
            }
        }

        var english: String {
            let q = English.quote
            switch self {
            case .podFound(let kind, let name):
                return "Found \(kind) \(q(name))."
            case .podNotFound(let kinds, let name):
                return "No \(kinds.joined(separator: " or ")) named \(q(name)) was found."
            case .podWrongName(let kind, let expected, let found):
                return "The \(kind) is named \(q(found)) but the exercise asks for \(q(expected)); the other checks ran on it."
            case .podWrongKind(let expected, let found, let name):
                return "\(q(name)) is a \(found) but the exercise asks for a \(expected.joined(separator: " or "))."
            }
        }
    }
}

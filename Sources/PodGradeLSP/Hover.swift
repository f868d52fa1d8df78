import PodGradeCore
import PodGradeYAML

/// `textDocument/hover`: on a field a check looks at, the rules of the
/// file's exercise about it, with their explanation and lecture section.
enum Hover {
    /// Which rules look at a field, by the field's key.
    static let rulesByField: [String: [String]] = [
        "apiVersion": ["k8s.schema"], "kind": ["pod.found"],
        "metadata": ["pod.found", "pod.metadata"], "labels": ["pod.metadata"], "annotations": ["pod.metadata"],
        "containers": ["containers.count", "container.spec"], "image": ["container.spec"],
        "command": ["container.long-running", "network.localhost", "data.flow", "role.sidecar", "role.adapter", "role.ambassador"],
        "args": ["container.long-running", "network.localhost", "data.flow", "role.sidecar", "role.adapter", "role.ambassador"],
        "ports": ["ports.declared", "ports.unique"], "containerPort": ["ports.declared", "ports.unique", "k8s.schema"],
        "protocol": ["ports.declared", "ports.unique"],
        "volumeMounts": ["volume.shared", "volume.readonly", "data.flow"], "mountPath": ["volume.shared", "data.flow"],
        "readOnly": ["volume.readonly"],
        "volumes": ["volume.shared", "volume.hostpath"], "emptyDir": ["volume.shared"], "hostPath": ["volume.hostpath"],
        "resources": ["resources.bounds"], "limits": ["resources.bounds"], "requests": ["resources.bounds"],
        "cpu": ["resources.bounds"], "memory": ["resources.bounds"],
        "replicas": ["workload.replicas"],
        "initContainers": ["sidecar.native"], "restartPolicy": ["sidecar.native"],
    ]

    /// The hover's markdown, or nil when no rule of the exercises looks there.
    static func markdown(yaml: YAMLFile, line: Int, column: Int, exercises: [Exercise], results: [ExerciseResult],
                         file: String, lang: Lang) -> String? {
        // Only on a key or a scalar value of the hovered line (a line of a
        // document that did not parse reaches no node of its own).
        let chain = Navigation.chain(yaml, line: line, column: column)
        guard let field = chain.last, let key = field.key, field.node.scalar != nil, field.node.mark.line == line else { return nil }
        // Rules that found something on this line, then those known to read the field.
        var ruleIDs: [String] = []
        for result in results {
            for check in result.checks where check.findings.contains(where: { $0.location?.file == file && $0.location?.line == line }) {
                ruleIDs.append(check.rule)
            }
        }
        ruleIDs += rulesByField[key] ?? []
        let used = Set(exercises.flatMap { $0.checks.map(\.rule.id) })
        var seen = Set<String>()
        var sections: [String] = []
        for id in ruleIDs where used.contains(id) && seen.insert(id).inserted {
            guard let rule = RuleCatalog.rule(id) else { continue }
            var text = "**\(rule.doc.title.text(lang))** (`\(id)`)\n\n\(rule.doc.explanation.text(lang))"
            if let section = rule.doc.section {
                text += "\n\n" + (LocalizedText(ru: "Лекция: раздел «\(section)».", en: "Lecture: section «\(section)».").text(lang))
            }
            for result in results {
                for check in result.checks where check.rule == id {
                    text += "\n\n" + checkLine(check, exercise: result.id, lang: lang)
                }
            }
            sections.append(text)
        }
        guard !sections.isEmpty else { return nil }
        return "`\(field.path)`\n\n" + sections.joined(separator: "\n\n---\n\n")
    }

    /// "03-sidecar-logging/logs-readonly: 0 of 2 points (fail)".
    static func checkLine(_ check: CheckResult, exercise: String, lang: Lang) -> String {
        switch lang {
        case .en:
            return "\(exercise)/\(check.id): \(check.points) of \(EnglishPlural.points(check.maxPoints)) (\(check.status.rawValue))"
        case .ru:
            let status: String
            switch check.status {
            case .pass: status = "выполнено"
            case .fail: status = "не выполнено"
            case .skip: status = "пропущено"
            case .error: status = "ошибка"
            case .info: status = "совет"
            }
            return "\(exercise)/\(check.id): \(check.points) из \(RussianPlural.points(check.maxPoints)) (\(status))"
        }
    }
}

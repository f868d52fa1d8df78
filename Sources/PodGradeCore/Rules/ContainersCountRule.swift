import PodGradeYAML
import PodGradeKubernetes

/// `containers.count`: the number of app containers.
struct ContainersCountRule: Rule {
    let id = "containers.count"
    let doc = RuleDoc(
        title: LocalizedText(ru: "Число контейнеров", en: "Number of containers"),
        explanation: LocalizedText(
            ru: "Много-контейнерный POD объединяет несколько контейнеров с общим жизненным циклом: они создаются и уничтожаются вместе. Считаются контейнеры из spec.containers (initContainers — отдельно).",
            en: "A multi-container pod groups containers that share a lifecycle: they are created and destroyed together. Counted are spec.containers (initContainers apart)."),
        section: "Решение: много-контейнерные PODs")
    /// The check's parameters in spec.yaml (`params:`); an optional one may be left out.
    struct Parameters: RuleParameters {
        let count: Int
    }

    let examples = [
        RuleExample.passes(RuleExample.podHeader + "spec:\n  containers:\n  - name: a\n    image: nginx\n  - name: b\n    image: redis\n", params: "{count: 2}"),
        RuleExample.fails(RuleExample.podHeader + "spec:\n  ↓containers:\n  - name: a\n    image: nginx\n", params: "{count: 2}", key: "containerCountWrong"),
    ]

    func check(_ context: CheckContext, _ params: Parameters) throws(RuleStop) -> Outcome {
        guard let pod = context.pod else { return .notRun }
        let expected = params.count
        let found = pod.containers.count
        return found == expected ? .pass(Message.containerCountOK(count: found)) : .fail([context.podFinding(Message.containerCountWrong(expected: expected, found: found))])
    }
}

extension ContainersCountRule {
    /// One value of every message: `explain`, SARIF and the catalogue test render them.
    var messageSamples: [Message] {
        [
            .containerCountWrong(expected: 2, found: 1),
            .containerCountOK(count: 2),
        ]
    }

    /// What `containers.count` says, in every language.
    enum Message: RuleMessage {
        case containerCountWrong(expected: Int, found: Int)
        case containerCountOK(count: Int)

        var russian: String {
            switch self {
            case .containerCountWrong(let expected, let found):
                return "В POD " + RussianPlural.form(found, one: "\(found) контейнер", few: "\(found) контейнера", many: "\(found) контейнеров")
                    + ", а нужно " + RussianPlural.form(expected, one: "\(expected)", few: "\(expected)", many: "\(expected)") + "."
            case .containerCountOK(let count):
                return "В POD " + RussianPlural.form(count, one: "\(count) контейнер", few: "\(count) контейнера", many: "\(count) контейнеров") + ", как и нужно."
            }
        }

        var english: String {
            let plural = English.plural
            switch self {
            case .containerCountWrong(let expected, let found):
                return "The pod has \(plural(found, "container")) but needs \(expected)."
            case .containerCountOK(let count):
                return "The pod has \(plural(count, "container")), as asked."
            }
        }
    }
}

import PodGradeYAML
import PodGradeKubernetes

/// `k8s.schema`: known fields and right types, as kubectl's strict decoding wants.
struct K8sSchemaRule: Rule {
    let id = "k8s.schema"
    let doc = RuleDoc(
        title: LocalizedText(ru: "Поля и типы как в API Kubernetes", en: "Fields and types as in the Kubernetes API"),
        explanation: LocalizedText(
            ru: "Kubernetes знает каждое поле объекта и его тип. Опечатка в имени поля (volumeMount вместо volumeMounts) молча теряет настройку или отклоняется kubectl; число в кавычках (containerPort: \"80\") — это строка, а не число.",
            en: "Kubernetes knows every field of an object and its type. A misspelt field (volumeMount for volumeMounts) is lost or rejected by kubectl; a quoted number (containerPort: \"80\") is a string, not a number."),
        section: "Создание много-контейнерного POD")
    let examples = [
        RuleExample.passes("apiVersion: v1\nkind: Pod\nmetadata:\n  name: demo\nspec:\n  containers:\n  - name: web\n    image: nginx\n    ports:\n    - containerPort: 80\n"),
        RuleExample.fails("apiVersion: v1\nkind: Pod\nmetadata:\n  name: demo\nspec:\n  containers:\n  - name: web\n    image: nginx\n    ports:\n    - containerPort: ↓\"80\"\n", key: "k8s"),
        RuleExample.fails("apiVersion: v1\nkind: Pod\nmetadata:\n  name: demo\nspec:\n  containers:\n  - name: web\n    image: nginx\n    ↓volumeMount: []\n", key: "k8s"),
    ]

    /// Runs on a candidate whose kind or metadata is broken: it is what says how.
    var needsIdentity: Bool { false }

    func check(_ context: CheckContext, _ params: NoParameters) throws(RuleStop) -> Outcome {
        var findings: [Finding] = []
        for file in context.files {
            for issues in file.schemaIssues {
                findings += issues.map {
                    Finding(SharedMessage.k8s($0), location: Location(file: file.path, mark: $0.mark), path: $0.path)
                }
            }
        }
        return findings.isEmpty ? .pass(Message.schemaOK) : .fail(findings)
    }
}

extension K8sSchemaRule {
    /// One value of every message: `explain`, SARIF and the catalogue test render them.
    var messageSamples: [Message] {
        [
            .schemaOK,
        ]
    }

    /// What `k8s.schema` says, in every language.
    enum Message: RuleMessage {
        case schemaOK

        var russian: String {
            switch self {
            case .schemaOK:
                return "Все поля известны Kubernetes и имеют правильные типы."
            }
        }

        var english: String {
            switch self {
            case .schemaOK:
                return "Every field is known to Kubernetes and has the right type."
            }
        }
    }
}

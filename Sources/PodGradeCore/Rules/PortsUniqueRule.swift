import PodGradeYAML
import PodGradeKubernetes

/// `ports.unique`: no two containers of one pod declare the same containerPort and protocol.
struct PortsUniqueRule: Rule {
    let id = "ports.unique"
    let doc = RuleDoc(
        title: LocalizedText(ru: "Порты контейнеров не пересекаются", en: "Container ports do not clash"),
        explanation: LocalizedText(
            ru: "Все контейнеры POD делят одно сетевое пространство: для них localhost общий. Два контейнера не могут слушать один и тот же порт — второй не запустится с ошибкой «address already in use». Считаются контейнеры приложения и нативные sidecar (initContainers с restartPolicy: Always).",
            en: "All containers of a pod share one network namespace: localhost is common to them. Two containers cannot listen on the same port: the second fails with \"address already in use\". App containers and native sidecars (initContainers with restartPolicy: Always) count."),
        section: "Общая сеть в много-контейнерных PODs")
    let examples = [
        RuleExample.passes(RuleExample.podHeader + "spec:\n  containers:\n  - name: web\n    image: nginx\n    ports: [{containerPort: 80}]\n  - name: agent\n    image: cadvisor\n    ports: [{containerPort: 8080}]\n"),
        RuleExample.fails(RuleExample.podHeader + "spec:\n  containers:\n  - name: web\n    image: nginx\n    ports: [{containerPort: 80}]\n  - name: agent\n    image: httpd\n    ports: [{containerPort: ↓80}]\n", key: "portClash"),
        RuleExample.passes(RuleExample.podHeader + "spec:\n  containers:\n  - name: dns\n    image: coredns\n    ports: [{containerPort: 53, protocol: UDP}, {containerPort: 53, protocol: TCP}]\n"),
    ]

    func check(_ context: CheckContext, _ params: NoParameters) throws(RuleStop) -> Outcome {
        guard let pod = context.pod else { return .notRun }
        var owners: [String: Container] = [:]
        var findings: [Finding] = []
        var count = 0
        for container in pod.longLivedContainers {
            var own = Set<String>()
            for port in container.ports {
                guard let number = port.containerPort else { continue }
                let key = "\(number.value)/\(port.effectiveProtocol)"
                guard own.insert(key).inserted else { continue }
                count += 1
                if let other = owners[key] {
                    findings.append(context.finding(Message.portClash(port: Int(number.value), protocol: port.effectiveProtocol,
                                                               container: container.displayName, other: other.displayName), number))
                } else {
                    owners[key] = container
                }
            }
        }
        return findings.isEmpty ? .pass(Message.portsUniqueOK(count: count)) : .fail(findings)
    }
}

extension PortsUniqueRule {
    /// One value of every message: `explain`, SARIF and the catalogue test render them.
    var messageSamples: [Message] {
        [
            .portClash(port: 80, protocol: "TCP", container: "b", other: "a"),
            .portsUniqueOK(count: 5),
        ]
    }

    /// What `ports.unique` says, in every language.
    enum Message: RuleMessage {
        case portClash(port: Int, protocol: String, container: String, other: String)
        case portsUniqueOK(count: Int)

        var russian: String {
            let q = Russian.quote
            switch self {
            case .portClash(let port, let proto, let container, let other):
                return "Порт \(port)/\(proto) объявлен и в \(q(other)), и в \(q(container)): контейнеры POD делят одно сетевое пространство (localhost), и второй не сможет занять этот порт."
            case .portsUniqueOK(let count):
                return "Все " + RussianPlural.form(count, one: "\(count) порт", few: "\(count) порта", many: "\(count) портов") + " POD уникальны."
            }
        }

        var english: String {
            let q = English.quote, plural = English.plural
            switch self {
            case .portClash(let port, let proto, let container, let other):
                return "Port \(port)/\(proto) is declared by both \(q(other)) and \(q(container)): the containers of a pod share one network namespace (localhost), so the second cannot bind it."
            case .portsUniqueOK(let count):
                return "All \(plural(count, "port")) of the pod are unique."
            }
        }
    }
}

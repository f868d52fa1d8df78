import PodGradeYAML
import PodGradeKubernetes

/// `network.localhost`: a container reaches another through localhost:PORT, declared by that other container.
struct NetworkLocalhostRule: Rule {
    let id = "network.localhost"
    let doc = RuleDoc(
        title: LocalizedText(ru: "Обращение к соседу через localhost", en: "Reaching a neighbour on localhost"),
        explanation: LocalizedText(
            ru: "Контейнеры одного POD находятся в одном сетевом пространстве и обращаются друг к другу по localhost:ПОРТ — без Service и без IP-адресов. Порт должен быть объявлен (containerPort) тем контейнером, к которому обращаются. Адрес ищется в command, args и env (localhost:6379, http://localhost/, DB_HOST=localhost с DB_PORT=6379).",
            en: "The containers of one pod share a network namespace and reach each other at localhost:PORT, with no Service and no IP address. The port must be declared (containerPort) by the container being reached. The address is looked for in command, args and env (localhost:6379, http://localhost/, DB_HOST=localhost with DB_PORT=6379)."),
        section: "Общая сеть в много-контейнерных PODs")
    /// The check's parameters in spec.yaml (`params:`); an optional one may be left out.
    struct Parameters: RuleParameters {
        let from: String
        let to: String?
        let port: Int?
    }

    let examples = [
        RuleExample.passes(RuleExample.podHeader + "spec:\n  containers:\n  - name: web\n    image: nginx\n    ports: [{containerPort: 80}]\n  - name: probe\n    image: busybox\n    command: [sh, -c, 'while true; do wget -qO- http://localhost/; sleep 5; done']\n",
                    params: "{from: probe, to: web}"),
        RuleExample.passes(RuleExample.podHeader + "spec:\n  containers:\n  - name: app\n    image: busybox\n    env:\n    - {name: DB_HOST, value: localhost}\n    - {name: DB_PORT, value: \"6379\"}\n  - name: proxy\n    image: envoyproxy/envoy\n    ports: [{containerPort: 6379}]\n",
                    params: "{from: app, to: proxy, port: 6379}"),
        RuleExample.fails(RuleExample.podHeader + "spec:\n  containers:\n  - name: web\n    image: nginx\n    ports: [{containerPort: 80}]\n  - name: probe\n    image: busybox\n    command: [sh, -c, ↓'wget -qO- http://localhost:8080/']\n",
                    params: "{from: probe}", key: "localhostPortUndeclared"),
    ]

    func check(_ context: CheckContext, _ params: Parameters) throws(RuleStop) -> Outcome {
        guard let pod = context.pod else { return .notRun }
        let from = try context.container(params.from)
        var target: Container?
        if let to = params.to {
            target = try context.container(to)
        }
        let wantedPort = params.port
        let references = LocalhostReferences.of(from).filter { wantedPort == nil || $0.port == wantedPort }
        guard !references.isEmpty else {
            let at = from.command?.first ?? from.args?.first
            return .fail([at.map { context.finding(Message.noLocalhostReference(container: from.displayName), $0) }
                          ?? context.finding(Message.noLocalhostReference(container: from.displayName), mark: from.nameMark, path: from.path)])
        }
        // The first reference that reaches a neighbour as asked wins.
        var failures: [Finding] = []
        for reference in references {
            let owners = PodQueries.declarers(of: reference.port, in: pod).filter { $0.displayName != from.displayName }
            if let target {
                if owners.contains(where: { $0.displayName == target.displayName }) {
                    return .pass(Message.localhostOK(from: from.displayName, port: reference.port, to: target.displayName))
                }
                if owners.isEmpty {
                    failures.append(context.finding(PodQueries.declares(from, reference.port)
                        ? Message.localhostOwnPort(container: from.displayName, port: reference.port)
                        : Message.localhostPortUndeclared(container: from.displayName, port: reference.port), reference.source))
                } else {
                    failures.append(context.finding(Message.localhostWrongTarget(container: from.displayName, port: reference.port,
                                                                          expected: target.displayName, owners: owners.map(\.displayName)), reference.source))
                }
            } else if let owner = owners.first {
                return .pass(Message.localhostOK(from: from.displayName, port: reference.port, to: owner.displayName))
            } else {
                failures.append(context.finding(PodQueries.declares(from, reference.port)
                    ? Message.localhostOwnPort(container: from.displayName, port: reference.port)
                    : Message.localhostPortUndeclared(container: from.displayName, port: reference.port), reference.source))
            }
        }
        return .fail(Array(failures.prefix(3)))
    }
}

extension NetworkLocalhostRule {
    /// One value of every message: `explain`, SARIF and the catalogue test render them.
    var messageSamples: [Message] {
        [
            .noLocalhostReference(container: "app"),
            .localhostPortUndeclared(container: "app", port: 6379),
            .localhostOwnPort(container: "app", port: 6379),
            .localhostWrongTarget(container: "app", port: 80, expected: "proxy", owners: ["web"]),
            .localhostOK(from: "app", port: 80, to: "web"),
        ]
    }

    /// What `network.localhost` says, in every language.
    enum Message: RuleMessage {
        case noLocalhostReference(container: String)
        case localhostPortUndeclared(container: String, port: Int)
        case localhostOwnPort(container: String, port: Int)
        case localhostWrongTarget(container: String, port: Int, expected: String, owners: [String])
        case localhostOK(from: String, port: Int, to: String)

        var russian: String {
            let q = Russian.quote, list = Russian.list
            switch self {
            case .noLocalhostReference(let container):
                return "Контейнер \(q(container)) нигде не обращается к localhost:ПОРТ (ни в command, ни в args, ни в env)."
            case .localhostPortUndeclared(let container, let port):
                return "Контейнер \(q(container)) обращается к localhost:\(port), но ни один контейнер POD не объявляет порт \(port)."
            case .localhostOwnPort(let container, let port):
                return "Контейнер \(q(container)) обращается к localhost:\(port), но этот порт объявлен им самим, а не соседним контейнером."
            case .localhostWrongTarget(let container, let port, let expected, let owners):
                return "Контейнер \(q(container)) обращается к localhost:\(port), но этот порт у \(list(owners)), а не у \(q(expected))."
            case .localhostOK(let from, let port, let to):
                return "\(q(from)) обращается к \(q(to)) через localhost:\(port)."
            }
        }

        var english: String {
            let q = English.quote, list = English.list
            switch self {
            case .noLocalhostReference(let container):
                return "Container \(q(container)) never reaches localhost:PORT (not in command, args or env)."
            case .localhostPortUndeclared(let container, let port):
                return "Container \(q(container)) reaches localhost:\(port), but no container of the pod declares port \(port)."
            case .localhostOwnPort(let container, let port):
                return "Container \(q(container)) reaches localhost:\(port), but that port is its own, not a neighbour's."
            case .localhostWrongTarget(let container, let port, let expected, let owners):
                return "Container \(q(container)) reaches localhost:\(port), which belongs to \(list(owners)), not to \(q(expected))."
            case .localhostOK(let from, let port, let to):
                return "\(q(from)) reaches \(q(to)) through localhost:\(port)."
            }
        }
    }
}

// A result file's `key` and `args`: see MessageArguments.
extension NetworkLocalhostRule.Message {
    init(from decoder: any Decoder) throws {
        let args = try MessageArguments(decoder)
        switch args.key {
        case "noLocalhostReference": self = .noLocalhostReference(container: try args.value("container"))
        case "localhostPortUndeclared": self = .localhostPortUndeclared(container: try args.value("container"), port: try args.value("port"))
        case "localhostOwnPort": self = .localhostOwnPort(container: try args.value("container"), port: try args.value("port"))
        case "localhostWrongTarget": self = .localhostWrongTarget(container: try args.value("container"), port: try args.value("port"), expected: try args.value("expected"), owners: try args.value("owners"))
        case "localhostOK": self = .localhostOK(from: try args.value("from"), port: try args.value("port"), to: try args.value("to"))
        default: throw MessageCoding.Unexpected()
        }
    }

    func encode(to encoder: any Encoder) throws {
        switch self {
        case .noLocalhostReference(let container):
            var args = MessageArguments.Writer(encoder, "noLocalhostReference")
            try args.write(container, "container")
        case .localhostPortUndeclared(let container, let port):
            var args = MessageArguments.Writer(encoder, "localhostPortUndeclared")
            try args.write(container, "container")
            try args.write(port, "port")
        case .localhostOwnPort(let container, let port):
            var args = MessageArguments.Writer(encoder, "localhostOwnPort")
            try args.write(container, "container")
            try args.write(port, "port")
        case .localhostWrongTarget(let container, let port, let expected, let owners):
            var args = MessageArguments.Writer(encoder, "localhostWrongTarget")
            try args.write(container, "container")
            try args.write(port, "port")
            try args.write(expected, "expected")
            try args.write(owners, "owners")
        case .localhostOK(let from, let port, let to):
            var args = MessageArguments.Writer(encoder, "localhostOK")
            try args.write(from, "from")
            try args.write(port, "port")
            try args.write(to, "to")
        }
    }
}

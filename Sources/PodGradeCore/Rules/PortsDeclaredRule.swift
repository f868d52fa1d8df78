import PodGradeYAML
import PodGradeKubernetes

/// `ports.declared`: a container declares the asked containerPort (number, name, protocol).
struct PortsDeclaredRule: Rule {
    let id = "ports.declared"
    let doc = RuleDoc(
        title: LocalizedText(ru: "Порт объявлен", en: "The port is declared"),
        explanation: LocalizedText(
            ru: "containerPort сообщает, какой порт слушает контейнер; имя порта (name) позволяет ссылаться на него из Service и проб. Объявление не открывает порт, но документирует его и участвует в проверке уникальности портов POD.",
            en: "containerPort says which port a container listens on; a port name lets Services and probes refer to it. Declaring does not open the port, but documents it and takes part in the pod's port uniqueness."),
        section: "Общая сеть в много-контейнерных PODs")
    /// The check's parameters in spec.yaml (`params:`); an optional one may be left out.
    struct Parameters: RuleParameters {
        let container: String
        let port: Int
        let name: String?
        let `protocol`: String?
    }

    let examples = [
        RuleExample.passes(RuleExample.podHeader + "spec:\n  containers:\n  - name: web\n    image: nginx\n    ports:\n    - name: http\n      containerPort: 80\n", params: "{container: web, port: 80, name: http}"),
        RuleExample.fails(RuleExample.podHeader + "spec:\n  containers:\n  - name: web\n    image: nginx\n    ports:\n    - ↓containerPort: 8080\n", params: "{container: web, port: 80}", key: "portMissing"),
        RuleExample.fails(RuleExample.podHeader + "spec:\n  containers:\n  - name: web\n    image: nginx\n    ports:\n    - ↓containerPort: 80\n", params: "{container: web, port: 80, name: http}", key: "portNameWrong"),
    ]

    func check(_ context: CheckContext, _ params: Parameters) throws(RuleStop) -> Outcome {
        let container = try context.container(params.container)
        let portNumber = params.port
        let name = container.displayName
        guard let port = container.ports.first(where: { $0.containerPort?.value == Int64(portNumber) }) else {
            let mark = container.ports.first?.mark ?? container.nameMark
            return .fail([context.finding(Message.portMissing(container: name, port: portNumber), mark: mark,
                                          path: container.ports.isEmpty ? container.path : container.path + ".ports")])
        }
        var findings: [Finding] = []
        if let expected = params.name, port.name?.value != expected {
            findings.append(context.finding(Message.portNameWrong(container: name, port: portNumber, expected: expected, found: port.name?.value),
                                            mark: port.name?.mark ?? port.mark, path: port.name?.path ?? port.path))
        }
        if let expected = params.`protocol`, port.effectiveProtocol != expected {
            findings.append(context.finding(Message.portProtocolWrong(container: name, port: portNumber, expected: expected, found: port.effectiveProtocol),
                                            mark: port.protocol?.mark ?? port.mark, path: port.protocol?.path ?? port.path))
        }
        return findings.isEmpty ? .pass(Message.portDeclaredOK(container: name, port: portNumber)) : .fail(findings)
    }
}

extension PortsDeclaredRule {
    /// One value of every message: `explain`, SARIF and the catalogue test render them.
    var messageSamples: [Message] {
        [
            .portMissing(container: "web", port: 80),
            .portNameWrong(container: "web", port: 80, expected: "http", found: "web"),
            .portNameWrong(container: "web", port: 80, expected: "http", found: nil),
            .portProtocolWrong(container: "web", port: 53, expected: "UDP", found: "TCP"),
            .portDeclaredOK(container: "web", port: 80),
        ]
    }

    /// What `ports.declared` says, in every language.
    enum Message: RuleMessage {
        case portMissing(container: String, port: Int)
        case portNameWrong(container: String, port: Int, expected: String, found: String?)
        case portProtocolWrong(container: String, port: Int, expected: String, found: String)
        case portDeclaredOK(container: String, port: Int)

        var russian: String {
            let q = Russian.quote
            switch self {
            case .portMissing(let container, let port):
                return "Контейнер \(q(container)) не объявляет containerPort \(port)."
            case .portNameWrong(let container, let port, let expected, let found):
                return found.map { "Порт \(port) контейнера \(q(container)) называется \(q($0)), а нужно \(q(expected))." }
                    ?? "Порт \(port) контейнера \(q(container)) без имени: нужно name: \(expected)."
            case .portProtocolWrong(let container, let port, let expected, let found):
                return "Порт \(port) контейнера \(q(container)) использует протокол \(found), а нужен \(expected)."
            case .portDeclaredOK(let container, let port):
                return "Контейнер \(q(container)) объявляет порт \(port)."
            }
        }

        var english: String {
            let q = English.quote
            switch self {
            case .portMissing(let container, let port):
                return "Container \(q(container)) does not declare containerPort \(port)."
            case .portNameWrong(let container, let port, let expected, let found):
                return found.map { "Port \(port) of \(q(container)) is named \(q($0)) but must be named \(q(expected))." }
                    ?? "Port \(port) of \(q(container)) has no name: it needs name: \(expected)."
            case .portProtocolWrong(let container, let port, let expected, let found):
                return "Port \(port) of \(q(container)) uses \(found) but must use \(expected)."
            case .portDeclaredOK(let container, let port):
                return "Container \(q(container)) declares port \(port)."
            }
        }
    }
}

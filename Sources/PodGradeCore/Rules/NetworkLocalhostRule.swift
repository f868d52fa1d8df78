import PodGradeYAML
import PodGradeKubernetes

/// `network.localhost`: a container reaches another on a localhost port that the other listens on.
struct NetworkLocalhostRule: Rule {
    let id = "network.localhost"
    let readsWholeModel = true
    let doc = RuleDoc(
        title: LocalizedText(ru: "Обращение к соседу через localhost", en: "Reaching a neighbour on localhost"),
        explanation: LocalizedText(
            ru: "Контейнеры одного POD находятся в одном сетевом пространстве и обращаются друг к другу по localhost и номеру порта — без Service и без IP-адресов; этот порт должен слушать соседний контейнер. Адрес ищется в command, args и env (localhost:6379, http://localhost/, nc localhost 6379, redis-cli -h 127.0.0.1 -p 6379, DB_HOST=localhost с DB_PORT=6379), с подстановкой $(VAR) и $VAR. Типичные ошибки: имя контейнера как имя хоста (containerNameAsHost) — внутри POD это не имя хоста; localhost на порту, который никто не слушает (localhostNobodyListens); прямое обращение к сервису мимо соседа (bypassesAmbassador).",
            en: "The containers of one pod share a network namespace and reach each other on localhost and a port number, with no Service and no IP address; a neighbour container must listen on that port. The address is looked for in command, args and env (localhost:6379, http://localhost/, nc localhost 6379, redis-cli -h 127.0.0.1 -p 6379, DB_HOST=localhost with DB_PORT=6379), with $(VAR) and $VAR expanded. Common mistakes: a container name used as a host (containerNameAsHost), which is no host name inside a pod; localhost on a port nothing listens on (localhostNobodyListens); going to the service directly past the neighbour (bypassesAmbassador)."),
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
                    params: "{from: probe}", key: "localhostNobodyListens"),
    ]

    func check(_ context: CheckContext, _ params: Parameters) throws(RuleStop) -> Outcome {
        guard let model = context.model else { return .notRun }
        let from = try context.container(params.from)
        var target: Container?
        if let to = params.to { target = try context.container(to) }
        let verdict = LocalhostVerdict(model, from: from.displayName, to: target?.displayName, port: params.port)
        switch verdict {
        case .reaches(let port, let owner):
            return .pass(Message.localhostOK(from: from.displayName, port: port, to: owner))
        case .problems(let problems):
            return .fail(problems.prefix(3).map { problem in
                let message = Message(problem, container: from.displayName, expected: target?.displayName)
                if let at = problem.connection { return context.finding(message, at.source) }
                let node = from.command?.first ?? from.args?.first
                return node.map { context.finding(message, $0) } ?? context.finding(message, mark: from.nameMark, path: from.path)
            })
        }
    }
}

/// What a container's connections say about reaching a neighbour on localhost, read from the
/// Pod model: shared by `network.localhost` and `role.ambassador`.
enum LocalhostVerdict {
    enum Problem {
        /// No connection at all.
        case none
        /// `http://web-server:80/`: a container name used as a host.
        case containerName(Connection)
        /// localhost on a port nothing in the Pod listens on.
        case nobodyListens(Connection, listened: [Int])
        /// localhost on a port only the connecting container itself listens on.
        case ownPort(Connection)
        /// localhost on a port another container than the expected one listens on.
        case wrongTarget(Connection, owners: [String])
        /// A direct connection past the neighbour (a Service or outside address).
        case bypasses(Connection)

        var connection: Connection? {
            switch self {
            case .none: return nil
            case .containerName(let c), .nobodyListens(let c, _), .ownPort(let c), .wrongTarget(let c, _), .bypasses(let c): return c
            }
        }
    }

    case reaches(port: Int, owner: String)
    case problems([Problem])

    init(_ model: PodModel, from: String, to: String?, port wanted: Int?) {
        let all = model.connections(from: from)
        // What the process itself connects to outweighs an env pair that names an address.
        let direct = all.filter { $0.via != "env" }
        let bypassing = direct.filter { c in
            switch c.hostKind {
            case .service, .other: return wanted == nil || c.port == wanted || c.port == nil
            default: return false
            }
        }
        var problems: [Problem] = bypassing.map { .bypasses($0) }
        let candidates = all.filter { wanted == nil || $0.port == wanted || $0.port == nil || !$0.isLoopback }
        for c in candidates {
            switch c.hostKind {
            case .loopback:
                guard let port = c.port else { continue }
                if wanted != nil && port != wanted {
                    problems.append(.nobodyListens(c, listened: model.listenedPorts.filter { p in model.listeners(port: p).contains { $0.container != from } }))
                    continue
                }
                let owners = c.listeners.map(\.container).filter { $0 != from }
                var seen = Set<String>()
                let unique = owners.filter { seen.insert($0).inserted }
                if let to {
                    if unique.contains(to) {
                        if problems.isEmpty { self = .reaches(port: port, owner: to); return }
                        continue
                    }
                    if !unique.isEmpty { problems.append(.wrongTarget(c, owners: unique)); continue }
                } else if let owner = unique.first {
                    if problems.isEmpty { self = .reaches(port: port, owner: owner); return }
                    continue
                }
                if c.listeners.contains(where: { $0.container == from }) {
                    problems.append(.ownPort(c))
                } else {
                    problems.append(.nobodyListens(c, listened: model.listenedPorts.filter { p in model.listeners(port: p).contains { $0.container != from } }))
                }
            case .podContainer:
                problems.append(.containerName(c))
            default:
                continue
            }
        }
        // Loopback connections on other ports than the one asked only count when nothing else is wrong.
        if problems.isEmpty, wanted != nil,
           let other = all.first(where: { $0.isLoopback && $0.port != nil && $0.port != wanted }) {
            problems.append(.nobodyListens(other, listened: model.listenedPorts.filter { p in model.listeners(port: p).contains { $0.container != from } }))
        }
        self = .problems(problems.isEmpty ? [.none] : Self.ordered(problems))
    }

    /// The misconception first: a container name, then a bypass, then ports.
    static func ordered(_ problems: [Problem]) -> [Problem] {
        func rank(_ p: Problem) -> Int {
            switch p {
            case .containerName: return 0
            case .bypasses: return 1
            case .nobodyListens: return 2
            case .wrongTarget: return 3
            case .ownPort: return 4
            case .none: return 5
            }
        }
        return problems.enumerated().sorted { (rank($0.element), $0.offset) < (rank($1.element), $1.offset) }.map(\.element)
    }
}

extension NetworkLocalhostRule {
    /// One value of every message: `explain`, SARIF and the catalogue test render them.
    var messageSamples: [Message] {
        [
            .noLocalhostReference(container: "app"),
            .containerNameAsHost(container: "app", address: "ambassador:6379", host: "ambassador"),
            .localhostNobodyListens(container: "app", address: "localhost:6380", port: 6380, listened: [6379]),
            .bypassesAmbassador(container: "app", address: "redis.database.svc.cluster.local:6379"),
            .localhostOwnPort(container: "app", port: 6379),
            .localhostWrongTarget(container: "app", port: 80, expected: "proxy", owners: ["web"]),
            .localhostOK(from: "app", port: 80, to: "web"),
        ]
    }

    /// What `network.localhost` says, in every language.
    enum Message: RuleMessage {
        case noLocalhostReference(container: String)
        case containerNameAsHost(container: String, address: String, host: String)
        case localhostNobodyListens(container: String, address: String, port: Int, listened: [Int])
        case bypassesAmbassador(container: String, address: String)
        case localhostOwnPort(container: String, port: Int)
        case localhostWrongTarget(container: String, port: Int, expected: String, owners: [String])
        case localhostOK(from: String, port: Int, to: String)

        var russian: String {
            let q = Russian.quote, list = Russian.list
            switch self {
            case .noLocalhostReference(let container):
                return "Контейнер \(q(container)) нигде не обращается к соседу через localhost (ни в command, ни в args, ни в env)."
            case .containerNameAsHost(let container, let address, let host):
                return "Контейнер \(q(container)) обращается к \(q(address)): \(q(host)) — имя контейнера, а не имя хоста. Внутри POD у контейнеров общая сеть, сосед доступен по localhost."
            case .localhostNobodyListens(let container, let address, let port, let listened):
                let ports = listened.isEmpty ? "ни один контейнер POD не слушает ни одного порта" : "в POD слушают только \(listened.map(String.init).joined(separator: ", "))"
                return "Контейнер \(q(container)) обращается к \(q(address)), но порт \(port) никто в POD не слушает: \(ports)."
            case .bypassesAmbassador(let container, let address):
                return "Контейнер \(q(container)) обращается напрямую к \(q(address)), минуя соседний контейнер: обращайтесь к нему через localhost."
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
                return "Container \(q(container)) never reaches a neighbour on localhost (not in command, args or env)."
            case .containerNameAsHost(let container, let address, let host):
                return "Container \(q(container)) connects to \(q(address)): \(q(host)) is a container name, not a host name. The containers of a pod share one network; the neighbour is on localhost."
            case .localhostNobodyListens(let container, let address, let port, let listened):
                let ports = listened.isEmpty ? "no container of the pod listens on any port" : "the pod listens only on \(listened.map(String.init).joined(separator: ", "))"
                return "Container \(q(container)) connects to \(q(address)), but nothing in the pod listens on port \(port): \(ports)."
            case .bypassesAmbassador(let container, let address):
                return "Container \(q(container)) connects straight to \(q(address)), bypassing its neighbour: reach the neighbour on localhost instead."
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

extension NetworkLocalhostRule.Message {
    init(_ problem: LocalhostVerdict.Problem, container: String, expected: String?) {
        switch problem {
        case .none: self = .noLocalhostReference(container: container)
        case .containerName(let c):
            if case .podContainer(let name) = c.hostKind { self = .containerNameAsHost(container: container, address: c.text, host: name) }
            else { self = .containerNameAsHost(container: container, address: c.text, host: c.host) }
        case .nobodyListens(let c, let listened):
            self = .localhostNobodyListens(container: container, address: c.text, port: c.port ?? 0, listened: listened)
        case .ownPort(let c): self = .localhostOwnPort(container: container, port: c.port ?? 0)
        case .wrongTarget(let c, let owners):
            self = .localhostWrongTarget(container: container, port: c.port ?? 0, expected: expected ?? "", owners: owners)
        case .bypasses(let c): self = .bypassesAmbassador(container: container, address: c.text)
        }
    }
}

import PodGradeYAML
import PodGradeKubernetes

/// `role.ambassador`: main talks to a localhost port served by the ambassador, not by main.
struct RoleAmbassadorRule: Rule {
    let id = "role.ambassador"
    let readsWholeModel = true
    let doc = RuleDoc(
        title: LocalizedText(ru: "Паттерн Ambassador", en: "The Ambassador pattern"),
        explanation: LocalizedText(
            ru: "Ambassador — посредник между основным контейнером и внешним миром: основной контейнер обращается к localhost на порт, который слушает ambassador (а не сам основной контейнер), и проксирует запросы наружу. Так основному контейнеру не нужно знать, где на самом деле находится сервис. Типичные ошибки: имя контейнера вместо localhost (containerNameAsHost), порт, который никто не слушает (localhostNobodyListens), прямое обращение к сервису в обход ambassador (bypassesAmbassador).",
            en: "An ambassador stands between the main container and the outside world: main calls a port on localhost that the ambassador (not main) listens on, and proxies the calls outward, so main need not know where the service really is. Common mistakes: a container name instead of localhost (containerNameAsHost), a port nothing listens on (localhostNobodyListens), going to the service directly past the ambassador (bypassesAmbassador)."),
        section: "Паттерны проектирования много-контейнерных PODs")
    /// The check's parameters in spec.yaml (`params:`); an optional one may be left out.
    struct Parameters: RuleParameters {
        let main: String
        let ambassador: String
    }

    let examples = [
        RuleExample.passes(RuleExample.podHeader + "spec:\n  containers:\n  - name: app\n    image: busybox\n    command: [sh, -c, 'sleep 3600']\n    env:\n    - {name: DB_HOST, value: localhost}\n    - {name: DB_PORT, value: \"6379\"}\n  - name: proxy\n    image: envoyproxy/envoy\n    ports: [{containerPort: 6379}]\n",
                    params: "{main: app, ambassador: proxy}"),
        RuleExample.fails(RuleExample.podHeader + "spec:\n  containers:\n  - name: ↓app\n    image: busybox\n    command: [sh, -c, 'sleep 3600']\n    env:\n    - {name: DB_HOST, value: db.example.com}\n  - name: proxy\n    image: envoyproxy/envoy\n    ports: [{containerPort: 6379}]\n",
                    params: "{main: app, ambassador: proxy}", key: "ambassadorNotReached"),
    ]

    func check(_ context: CheckContext, _ params: Parameters) throws(RuleStop) -> Outcome {
        let (main, ambassador) = try Roles.pair(context, params.main, params.ambassador)
        guard let model = context.model else { return .notRun }
        let verdict = LocalhostVerdict(model, from: main.displayName, to: ambassador.displayName, port: nil)
        switch verdict {
        case .reaches(let port, _):
            if let declared = main.ports.first(where: { $0.containerPort?.value == Int64(port) }), let number = declared.containerPort {
                return .fail([context.finding(Message.ambassadorPortOnMain(main: main.displayName, port: port), number)])
            }
            return .pass(Message.ambassadorOK(main: main.displayName, ambassador: ambassador.displayName, port: port))
        case .problems(let problems):
            // The main container declaring the port itself is this rule's own finding.
            for problem in problems {
                if case .ownPort(let c) = problem, let port = c.port,
                   model.listeners(port: port).contains(where: { $0.container == ambassador.displayName }),
                   let declared = main.ports.first(where: { $0.containerPort?.value == Int64(port) }), let number = declared.containerPort {
                    return .fail([context.finding(Message.ambassadorPortOnMain(main: main.displayName, port: port), number)])
                }
            }
            return .fail(problems.prefix(3).map { problem in
                let message: Message
                switch problem {
                case .none, .ownPort, .wrongTarget: message = .ambassadorNotReached(main: main.displayName, ambassador: ambassador.displayName)
                case .containerName(let c): message = .ambassadorContainerNameAsHost(main: main.displayName, address: c.text, host: c.host)
                case .nobodyListens(let c, let listened):
                    message = .ambassadorNobodyListens(main: main.displayName, address: c.text, port: c.port ?? 0, listened: listened)
                case .bypasses(let c): message = .ambassadorBypassed(main: main.displayName, address: c.text, ambassador: ambassador.displayName)
                }
                if let c = problem.connection { return context.finding(message, c.source) }
                return Roles.anchor(context, message, main)
            })
        }
    }
}

extension RoleAmbassadorRule {
    /// One value of every message: `explain`, SARIF and the catalogue test render them.
    var messageSamples: [Message] {
        [
            .ambassadorNotReached(main: "app", ambassador: "proxy"),
            .ambassadorContainerNameAsHost(main: "app", address: "ambassador:6379", host: "ambassador"),
            .ambassadorNobodyListens(main: "app", address: "localhost:6380", port: 6380, listened: [6379]),
            .ambassadorBypassed(main: "app", address: "redis.database.svc.cluster.local:6379", ambassador: "proxy"),
            .ambassadorPortOnMain(main: "app", port: 6379),
            .ambassadorOK(main: "app", ambassador: "proxy", port: 6379),
        ]
    }

    /// What `role.ambassador` says, in every language.
    enum Message: RuleMessage {
        case ambassadorNotReached(main: String, ambassador: String)
        case ambassadorContainerNameAsHost(main: String, address: String, host: String)
        case ambassadorNobodyListens(main: String, address: String, port: Int, listened: [Int])
        case ambassadorBypassed(main: String, address: String, ambassador: String)
        case ambassadorPortOnMain(main: String, port: Int)
        case ambassadorOK(main: String, ambassador: String, port: Int)

        var russian: String {
            let q = Russian.quote
            switch self {
            case .ambassadorNotReached(let main, let ambassador):
                return "\(q(main)) не обращается через localhost ни к одному порту, который слушает ambassador \(q(ambassador))."
            case .ambassadorContainerNameAsHost(let main, let address, let host):
                return "\(q(main)) обращается к \(q(address)): \(q(host)) — имя контейнера, а не хоста. Ambassador доступен по localhost: у контейнеров POD общая сеть."
            case .ambassadorNobodyListens(let main, let address, let port, let listened):
                let ports = listened.isEmpty ? "в POD никто не слушает ни одного порта" : "в POD слушают только \(listened.map(String.init).joined(separator: ", "))"
                return "\(q(main)) обращается к \(q(address)), но порт \(port) никто не слушает: \(ports)."
            case .ambassadorBypassed(let main, let address, let ambassador):
                return "\(q(main)) обращается напрямую к \(q(address)), минуя ambassador \(q(ambassador)): весь путь к сервису должен идти через localhost."
            case .ambassadorPortOnMain(let main, let port):
                return "Порт \(port) объявлен самим \(q(main)): ambassador должен слушать его вместо основного контейнера."
            case .ambassadorOK(let main, let ambassador, let port):
                return "\(q(main)) выходит наружу через ambassador \(q(ambassador)) на localhost:\(port)."
            }
        }

        var english: String {
            let q = English.quote
            switch self {
            case .ambassadorNotReached(let main, let ambassador):
                return "\(q(main)) does not reach, on localhost, any port ambassador \(q(ambassador)) listens on."
            case .ambassadorContainerNameAsHost(let main, let address, let host):
                return "\(q(main)) connects to \(q(address)): \(q(host)) is a container name, not a host. The ambassador is on localhost: the containers of a pod share one network."
            case .ambassadorNobodyListens(let main, let address, let port, let listened):
                let ports = listened.isEmpty ? "nothing in the pod listens on any port" : "the pod listens only on \(listened.map(String.init).joined(separator: ", "))"
                return "\(q(main)) connects to \(q(address)), but nothing listens on port \(port): \(ports)."
            case .ambassadorBypassed(let main, let address, let ambassador):
                return "\(q(main)) connects straight to \(q(address)), bypassing ambassador \(q(ambassador)): the whole way to the service goes through localhost."
            case .ambassadorPortOnMain(let main, let port):
                return "Port \(port) is declared by \(q(main)) itself: the ambassador should listen on it instead."
            case .ambassadorOK(let main, let ambassador, let port):
                return "\(q(main)) goes out through ambassador \(q(ambassador)) at localhost:\(port)."
            }
        }
    }
}

import PodGradeYAML
import PodGradeKubernetes

/// `role.ambassador`: main talks to localhost:PORT declared by the ambassador, not by main.
struct RoleAmbassadorRule: Rule {
    let id = "role.ambassador"
    let doc = RuleDoc(
        title: LocalizedText(ru: "Паттерн Ambassador", en: "The Ambassador pattern"),
        explanation: LocalizedText(
            ru: "Ambassador — посредник между основным контейнером и внешним миром: основной контейнер обращается к localhost:ПОРТ, этот порт слушает ambassador (а не сам основной контейнер) и проксирует запросы наружу. Так основному контейнеру не нужно знать, где на самом деле находится сервис.",
            en: "An ambassador stands between the main container and the outside world: main calls localhost:PORT, the ambassador (not main) listens on that port and proxies the calls outward, so main need not know where the service really is."),
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
        let references = LocalhostReferences.of(main).filter { PodQueries.declares(ambassador, $0.port) }
        guard let reference = references.first else {
            return .fail([Roles.anchor(context, Message.ambassadorNotReached(main: main.displayName, ambassador: ambassador.displayName), main)])
        }
        if let port = main.ports.first(where: { $0.containerPort?.value == Int64(reference.port) }), let number = port.containerPort {
            return .fail([context.finding(Message.ambassadorPortOnMain(main: main.displayName, port: reference.port), number)])
        }
        return .pass(Message.ambassadorOK(main: main.displayName, ambassador: ambassador.displayName, port: reference.port))
    }
}

extension RoleAmbassadorRule {
    /// One value of every message: `explain`, SARIF and the catalogue test render them.
    var messageSamples: [Message] {
        [
            .ambassadorNotReached(main: "app", ambassador: "proxy"),
            .ambassadorPortOnMain(main: "app", port: 6379),
            .ambassadorOK(main: "app", ambassador: "proxy", port: 6379),
        ]
    }

    /// What `role.ambassador` says, in every language.
    enum Message: RuleMessage {
        case ambassadorNotReached(main: String, ambassador: String)
        case ambassadorPortOnMain(main: String, port: Int)
        case ambassadorOK(main: String, ambassador: String, port: Int)

        var russian: String {
            let q = Russian.quote
            switch self {
            case .ambassadorNotReached(let main, let ambassador):
                return "\(q(main)) не обращается к localhost:ПОРТ, который объявляет ambassador \(q(ambassador))."
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
                return "\(q(main)) does not reach localhost:PORT on a port that ambassador \(q(ambassador)) declares."
            case .ambassadorPortOnMain(let main, let port):
                return "Port \(port) is declared by \(q(main)) itself: the ambassador should listen on it instead."
            case .ambassadorOK(let main, let ambassador, let port):
                return "\(q(main)) goes out through ambassador \(q(ambassador)) at localhost:\(port)."
            }
        }
    }
}

// A result file's `key` and `args`: see MessageArguments.
extension RoleAmbassadorRule.Message {
    init(from decoder: any Decoder) throws {
        let args = try MessageArguments(decoder)
        switch args.key {
        case "ambassadorNotReached": self = .ambassadorNotReached(main: try args.value("main"), ambassador: try args.value("ambassador"))
        case "ambassadorPortOnMain": self = .ambassadorPortOnMain(main: try args.value("main"), port: try args.value("port"))
        case "ambassadorOK": self = .ambassadorOK(main: try args.value("main"), ambassador: try args.value("ambassador"), port: try args.value("port"))
        default: throw MessageCoding.Unexpected()
        }
    }

    func encode(to encoder: any Encoder) throws {
        switch self {
        case .ambassadorNotReached(let main, let ambassador):
            var args = MessageArguments.Writer(encoder, "ambassadorNotReached")
            try args.write(main, "main")
            try args.write(ambassador, "ambassador")
        case .ambassadorPortOnMain(let main, let port):
            var args = MessageArguments.Writer(encoder, "ambassadorPortOnMain")
            try args.write(main, "main")
            try args.write(port, "port")
        case .ambassadorOK(let main, let ambassador, let port):
            var args = MessageArguments.Writer(encoder, "ambassadorOK")
            try args.write(main, "main")
            try args.write(ambassador, "ambassador")
            try args.write(port, "port")
        }
    }
}

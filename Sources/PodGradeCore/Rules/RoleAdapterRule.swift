import PodGradeYAML
import PodGradeKubernetes

/// `role.adapter`: the adapter consumes main's output and exposes it on a port of its own.
struct RoleAdapterRule: Rule {
    let id = "role.adapter"
    let readsWholeModel = true
    let doc = RuleDoc(
        title: LocalizedText(ru: "Паттерн Adapter", en: "The Adapter pattern"),
        explanation: LocalizedText(
            ru: "Adapter приводит вывод основного контейнера к единому формату: он получает данные основного контейнера (через общий volume или localhost и порт основного) и отдаёт их в нормализованном виде на собственном порту, отличном от портов основного контейнера. Типичная ошибка: основной контейнер выводит данные только в stdout, а adapter читает файл, который никто не пишет (outputOnlyToStdout).",
            en: "An adapter turns the main container's output into a standard format: it takes main's data (through a shared volume or a port main serves on localhost) and serves it normalized on a port of its own, distinct from main's ports. A common mistake: main printing its data only to stdout while the adapter reads a file nobody writes (outputOnlyToStdout)."),
        section: "Паттерны проектирования много-контейнерных PODs")
    /// The check's parameters in spec.yaml (`params:`); an optional one may be left out.
    struct Parameters: RuleParameters {
        let main: String
        let adapter: String
        let portName: String?
    }

    let examples = [
        RuleExample.passes(RuleExample.podHeader + "spec:\n  containers:\n  - name: app\n    image: busybox\n    command: [sh, -c, 'while true; do date > /data/status.txt; sleep 5; done']\n    volumeMounts: [{name: data, mountPath: /data}]\n  - name: adapter\n    image: busybox\n    command: [sh, -c, 'httpd -f -p 9113 -h /in']\n    ports: [{name: metrics, containerPort: 9113}]\n    volumeMounts: [{name: data, mountPath: /in, readOnly: true}]\n  volumes:\n  - name: data\n    emptyDir: {}\n",
                    params: "{main: app, adapter: adapter, portName: metrics}"),
        RuleExample.fails(RuleExample.podHeader + "spec:\n  containers:\n  - name: app\n    image: busybox\n    command: [sh, -c, 'while true; do date > /data/status.txt; sleep 5; done']\n    volumeMounts: [{name: data, mountPath: /data}]\n  - name: ↓adapter\n    image: busybox\n    command: [sh, -c, 'sleep 3600']\n    volumeMounts: [{name: data, mountPath: /in}]\n  volumes:\n  - name: data\n    emptyDir: {}\n",
                    params: "{main: app, adapter: adapter}", key: "adapterNoOwnPort"),
    ]

    func check(_ context: CheckContext, _ params: Parameters) throws(RuleStop) -> Outcome {
        let (main, adapter) = try Roles.pair(context, params.main, params.adapter)
        guard let model = context.model else { return .notRun }
        var findings: [Finding] = []
        if let problem = Self.input(model, main: main.displayName, adapter: adapter.displayName) {
            findings.append(problem.fact.map { context.finding(problem.message, $0.source) } ?? Roles.anchor(context, problem.message, adapter))
        }
        let ownPorts = adapter.ports.filter { port in
            guard let number = port.containerPort else { return false }
            return !PodQueries.declares(main, Int(number.value))
        }
        var exposed: ContainerPort?
        if let name = params.portName {
            exposed = ownPorts.first { $0.name?.value == name }
            if exposed == nil {
                if ownPorts.isEmpty {
                    findings.append(Roles.anchor(context, Message.adapterNoOwnPort(adapter: adapter.displayName), adapter))
                } else {
                    findings.append(context.finding(Message.adapterPortNameWrong(adapter: adapter.displayName, expected: name), mark: ownPorts[0].mark, path: ownPorts[0].path))
                }
            }
        } else {
            exposed = ownPorts.first
            if exposed == nil { findings.append(Roles.anchor(context, Message.adapterNoOwnPort(adapter: adapter.displayName), adapter)) }
        }
        if findings.isEmpty, let port = exposed?.containerPort {
            return .pass(Message.adapterOK(main: main.displayName, adapter: adapter.displayName, port: Int(port.value)))
        }
        return .fail(findings)
    }
}

extension RoleAdapterRule {
    /// What is wrong with the adapter's input, read from the Pod model: nil when it takes main's
    /// data (a file main writes and it reads, or a port main listens on that it reaches on localhost).
    static func input(_ model: PodModel, main: String, adapter: String) -> (message: Message, fact: FileFact?)? {
        if !model.flows(from: main, to: adapter).isEmpty { return nil }
        if model.connections(from: adapter).contains(where: { $0.isLoopback && $0.listeners.contains { $0.container == main } }) { return nil }
        let shared = Set(model.sharedVolumes(main, adapter))
        let reads = model.reads(of: adapter).filter { !$0.isImplicit && $0.place.map { shared.contains($0.volume) } ?? false }
        let mainWrites = model.writes(of: main).filter { $0.kind == .write && $0.place.map { shared.contains($0.volume) } ?? false }
        if let read = reads.first, !read.isSymbolic, mainWrites.isEmpty {
            if model.writesOnlyToStdout(main) {
                return (.outputOnlyToStdout(main: main, adapter: adapter, file: read.path), read)
            }
            return (.adapterNoInput(main: main, adapter: adapter), read)
        }
        // What the processes do is not known well enough: a shared volume main can write will do.
        let writable = shared.contains { volume in
            model.volumes.first { $0.name == volume }?.mounts.contains { $0.container == main && !$0.mount.isReadOnly } ?? false
        }
        return writable ? nil : (.adapterNoInput(main: main, adapter: adapter), nil)
    }

    /// One value of every message: `explain`, SARIF and the catalogue test render them.
    var messageSamples: [Message] {
        [
            .adapterNoInput(main: "app", adapter: "adapter"),
            .outputOnlyToStdout(main: "app", adapter: "adapter", file: "/var/log/app/status.txt"),
            .adapterNoOwnPort(adapter: "adapter"),
            .adapterPortNameWrong(adapter: "adapter", expected: "metrics"),
            .adapterOK(main: "app", adapter: "adapter", port: 9113),
        ]
    }

    /// What `role.adapter` says, in every language.
    enum Message: RuleMessage {
        case adapterNoInput(main: String, adapter: String)
        case outputOnlyToStdout(main: String, adapter: String, file: String)
        case adapterNoOwnPort(adapter: String)
        case adapterPortNameWrong(adapter: String, expected: String)
        case adapterOK(main: String, adapter: String, port: Int)

        var russian: String {
            let q = Russian.quote
            switch self {
            case .adapterNoInput(let main, let adapter):
                return "Adapter \(q(adapter)) не получает данные \(q(main)): нет ни общего volume, куда \(q(main)) пишет, ни обращения к его порту через localhost."
            case .outputOnlyToStdout(let main, let adapter, let file):
                return "\(q(main)) выводит данные только в stdout (это его лог, он не попадает в общий volume), а adapter \(q(adapter)) читает файл \(q(file)), который никто не пишет. Пишите данные в файл на общем volume."
            case .adapterNoOwnPort(let adapter):
                return "Adapter \(q(adapter)) не объявляет собственный порт, отличный от портов основного контейнера."
            case .adapterPortNameWrong(let adapter, let expected):
                return "У adapter \(q(adapter)) нет порта с именем \(q(expected))."
            case .adapterOK(let main, let adapter, let port):
                return "Adapter \(q(adapter)) берёт данные \(q(main)) и отдаёт их на своём порту \(port)."
            }
        }

        var english: String {
            let q = English.quote
            switch self {
            case .adapterNoInput(let main, let adapter):
                return "Adapter \(q(adapter)) gets nothing from \(q(main)): no shared volume \(q(main)) writes to, and no localhost call to its port."
            case .outputOnlyToStdout(let main, let adapter, let file):
                return "\(q(main)) prints its data only to stdout (its log, which reaches no shared volume), while adapter \(q(adapter)) reads \(q(file)), which nobody writes. Write the data to a file on the shared volume."
            case .adapterNoOwnPort(let adapter):
                return "Adapter \(q(adapter)) declares no port of its own, distinct from the main container's."
            case .adapterPortNameWrong(let adapter, let expected):
                return "Adapter \(q(adapter)) has no port named \(q(expected))."
            case .adapterOK(let main, let adapter, let port):
                return "Adapter \(q(adapter)) takes \(q(main))'s output and serves it on its own port \(port)."
            }
        }
    }
}

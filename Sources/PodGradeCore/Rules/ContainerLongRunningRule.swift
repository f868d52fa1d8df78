import PodGradeYAML
import PodGradeKubernetes

/// `container.long-running`: shell-image containers have a command that keeps them running.
struct ContainerLongRunningRule: Rule {
    let id = "container.long-running"
    let doc = RuleDoc(
        title: LocalizedText(ru: "Контейнер не завершается сразу", en: "The container keeps running"),
        explanation: LocalizedText(
            ru: "Контейнеры POD живут вместе, пока живёт POD. Образ оболочки (busybox, alpine, ubuntu) без команды сразу завершается, и kubelet перезапускает его бесконечно (CrashLoopBackOff). Нужна команда, которая продолжает работать: sleep 1000, цикл while true, tail -f.",
            en: "The containers of a pod live as long as the pod does. A shell image (busybox, alpine, ubuntu) without a command exits at once and the kubelet restarts it forever (CrashLoopBackOff). Give it a command that keeps running: sleep 1000, a while true loop, tail -f."),
        section: "Требования к совместной работе")
    /// The check's parameters in spec.yaml (`params:`); an optional one may be left out.
    struct Parameters: RuleParameters {
        let container: String?
    }

    let examples = [
        RuleExample.passes(RuleExample.podHeader + "spec:\n  containers:\n  - name: lemon\n    image: busybox\n    command: ['sleep', '1000']\n", params: "{container: lemon}"),
        RuleExample.passes(RuleExample.podHeader + "spec:\n  containers:\n  - name: lemon\n    image: busybox\n    command: [sh, -c, 'while true; do date; sleep 5; done']\n"),
        RuleExample.fails(RuleExample.podHeader + "spec:\n  containers:\n  - name: ↓lemon\n    image: busybox\n", params: "{container: lemon}", key: "shellWithoutCommand"),
        RuleExample.fails(RuleExample.podHeader + "spec:\n  containers:\n  - name: lemon\n    image: busybox\n    command: [↓sh, -c, 'echo hello']\n", key: "shellCommandEnds"),
    ]

    func check(_ context: CheckContext, _ params: Parameters) throws(RuleStop) -> Outcome {
        guard let pod = context.pod else { return .notRun }
        var containers: [Container]
        if let name = params.container {
            containers = [try context.container(name)]
        } else {
            containers = pod.longLivedContainers.filter { ImageKnowledge.isShellImage($0.image?.value) }
            if containers.isEmpty { return .pass(Message.noShellContainers) }
        }
        var findings: [Finding] = []
        for container in containers {
            let command = (container.command ?? []).map(\.value)
            let args = (container.args ?? []).map(\.value)
            if command.isEmpty && args.isEmpty {
                guard ImageKnowledge.isShellImage(container.image?.value) else { continue }
                findings.append(context.finding(Message.shellWithoutCommand(container: container.displayName, image: container.image?.value ?? ""),
                                                mark: container.nameMark, path: container.name?.path ?? container.path))
            } else if !LongRunning.keepsRunning(Shell.commands(command: command, args: args)) {
                let at = container.command?.first ?? container.args?.first
                findings.append(at.map { context.finding(Message.shellCommandEnds(container: container.displayName), $0) }
                                ?? context.finding(Message.shellCommandEnds(container: container.displayName), mark: container.nameMark, path: container.path))
            }
        }
        return findings.isEmpty ? .pass(Message.longRunningOK(containers: containers.map(\.displayName))) : .fail(findings)
    }
}

extension ContainerLongRunningRule {
    /// One value of every message: `explain`, SARIF and the catalogue test render them.
    var messageSamples: [Message] {
        [
            .shellWithoutCommand(container: "lemon", image: "busybox"),
            .shellCommandEnds(container: "lemon"),
            .longRunningOK(containers: ["lemon"]),
            .noShellContainers,
        ]
    }

    /// What `container.long-running` says, in every language.
    enum Message: RuleMessage {
        case shellWithoutCommand(container: String, image: String)
        case shellCommandEnds(container: String)
        case longRunningOK(containers: [String])
        case noShellContainers

        var russian: String {
            let q = Russian.quote, list = Russian.list
            switch self {
            case .shellWithoutCommand(let container, let image):
                return "Контейнер \(q(container)) (\(image)) без команды сразу завершится, и POD будет перезапускать его бесконечно (CrashLoopBackOff)."
            case .shellCommandEnds(let container):
                return "Команда контейнера \(q(container)) быстро завершается: контейнер будет перезапускаться снова и снова."
            case .longRunningOK(let containers):
                return "Контейнеры \(list(containers)) продолжают работать, а не завершаются сразу."
            case .noShellContainers:
                return "Нет контейнеров с образами оболочки: им нечего завершаться."
            }
        }

        var english: String {
            let q = English.quote, list = English.list
            switch self {
            case .shellWithoutCommand(let container, let image):
                return "Container \(q(container)) (\(image)) has no command: it exits at once and the pod restarts it forever (CrashLoopBackOff)."
            case .shellCommandEnds(let container):
                return "Container \(q(container))'s command ends quickly: the container will be restarted again and again."
            case .longRunningOK(let containers):
                return "Containers \(list(containers)) keep running instead of exiting."
            case .noShellContainers:
                return "No container runs a shell image, so none exits at once."
            }
        }
    }
}

/// Whether a container's commands keep it alive.
enum LongRunning {
    /// Programs that run until stopped.
    static let servers: Set<String> = ["nginx", "httpd", "redis-server", "node", "java", "envoy", "crond", "fluentd",
                                       "filebeat", "python", "python3", "nc", "socat", "yes", "watch", "top",
                                       "node_exporter", "cadvisor", "postgres", "mysqld", "tini", "dumb-init", "inotifywait"]
    /// `sleep` for at least this many seconds counts as long-running.
    static let minimumSleep = 300.0

    static func keepsRunning(_ commands: [ShellCommand]) -> Bool {
        for command in commands {
            guard let program = command.program else { continue }
            let words = command.words
            if command.keyword == "while", ["true", ":", "[", "sleep"].contains(program) { return true }
            if command.keyword == "until", program == "false" { return true }
            switch program {
            case "sleep":
                if let arg = words.dropFirst().first, arg == "infinity" || (seconds(arg) ?? 0) >= minimumSleep { return true }
            case "tail":
                if words.contains(where: { $0 == "-f" || $0 == "-F" || $0 == "--follow" || ($0.hasPrefix("-") && ($0.contains("f") || $0.contains("F")) && !$0.hasPrefix("--")) }) { return true }
            case "httpd":
                if words.contains("-f") { return true }
            case "python", "python3":
                if words.contains("http.server") || words.contains("-m") { return true }
            case "nc":
                if words.contains(where: { $0.hasPrefix("-") && $0.contains("l") }) { return true }
            case "busybox":
                if let applet = words.dropFirst().first, keepsRunning([ShellCommand(words: Array(words.dropFirst()), keyword: nil, redirections: [])]) || applet == "httpd" { return true }
            default:
                if servers.contains(program) && program != "nc" && program != "python" && program != "python3" { return true }
            }
        }
        return false
    }

    /// `1000`, `10m`, `2h`, `1d` in seconds.
    static func seconds(_ text: String) -> Double? {
        guard let last = text.last else { return nil }
        let multipliers: [Character: Double] = ["s": 1, "m": 60, "h": 3600, "d": 86400]
        if let multiplier = multipliers[last], let value = Double(text.dropLast()) { return value * multiplier }
        return Double(text)
    }
}

// A result file's `key` and `args`: see MessageArguments.
extension ContainerLongRunningRule.Message {
    init(from decoder: any Decoder) throws {
        let args = try MessageArguments(decoder)
        switch args.key {
        case "shellWithoutCommand": self = .shellWithoutCommand(container: try args.value("container"), image: try args.value("image"))
        case "shellCommandEnds": self = .shellCommandEnds(container: try args.value("container"))
        case "longRunningOK": self = .longRunningOK(containers: try args.value("containers"))
        case "noShellContainers": self = .noShellContainers
        default: throw MessageCoding.Unexpected()
        }
    }

    func encode(to encoder: any Encoder) throws {
        switch self {
        case .shellWithoutCommand(let container, let image):
            var args = MessageArguments.Writer(encoder, "shellWithoutCommand")
            try args.write(container, "container")
            try args.write(image, "image")
        case .shellCommandEnds(let container):
            var args = MessageArguments.Writer(encoder, "shellCommandEnds")
            try args.write(container, "container")
        case .longRunningOK(let containers):
            var args = MessageArguments.Writer(encoder, "longRunningOK")
            try args.write(containers, "containers")
        case .noShellContainers:
            _ = MessageArguments.Writer(encoder, "noShellContainers")
        }
    }
}

import PodGradeYAML
import PodGradeKubernetes

/// `container.long-running`: every app container (and native sidecar) keeps running; every plain init container finishes.
struct ContainerLongRunningRule: Rule {
    let id = "container.long-running"
    let doc = RuleDoc(
        title: LocalizedText(ru: "Контейнер не завершается сразу", en: "The container keeps running"),
        explanation: LocalizedText(
            ru: "Контейнеры POD живут вместе, пока живёт POD. Образ оболочки (busybox, alpine, ubuntu) без команды или команда, которая заканчивается (echo, короткий sleep), завершаются, и kubelet перезапускает контейнер бесконечно (CrashLoopBackOff, commandEnds). Нужна команда, которая продолжает работать: sleep 1000, цикл while true, tail -f, сервер. Обычный init-контейнер, наоборот, должен завершиться: иначе POD так и не запустится (initContainerNeverEnds). Нативный sidecar — init-контейнер с restartPolicy: Always.",
            en: "The containers of a pod live as long as the pod does. A shell image (busybox, alpine, ubuntu) without a command, or a command that ends (echo, a short sleep), exits and the kubelet restarts it forever (CrashLoopBackOff, commandEnds). Give it a command that keeps running: sleep 1000, a while true loop, tail -f, a server. A plain init container, on the contrary, must finish, or the pod never starts (initContainerNeverEnds). A native sidecar is an init container with restartPolicy: Always."),
        section: "Требования к совместной работе")
    /// The check's parameters in spec.yaml (`params:`); an optional one may be left out.
    struct Parameters: RuleParameters {
        let container: String?
    }

    let examples = [
        RuleExample.passes(RuleExample.podHeader + "spec:\n  containers:\n  - name: lemon\n    image: busybox\n    command: ['sleep', '1000']\n", params: "{container: lemon}"),
        RuleExample.passes(RuleExample.podHeader + "spec:\n  containers:\n  - name: lemon\n    image: busybox\n    command: [sh, -c, 'while true; do date; sleep 5; done']\n"),
        RuleExample.fails(RuleExample.podHeader + "spec:\n  containers:\n  - name: ↓lemon\n    image: busybox\n", params: "{container: lemon}", key: "commandEnds"),
        RuleExample.fails(RuleExample.podHeader + "spec:\n  containers:\n  - name: lemon\n    image: busybox\n    command: [↓sh, -c, 'echo hello']\n", key: "commandEnds"),
        RuleExample.fails(RuleExample.podHeader + "spec:\n  initContainers:\n  - name: warm-up\n    image: busybox\n    command: [↓sh, -c, 'while true; do sleep 5; done']\n  containers:\n  - name: web\n    image: nginx\n", key: "initContainerNeverEnds"),
    ]

    func check(_ context: CheckContext, _ params: Parameters) throws(RuleStop) -> Outcome {
        guard let model = context.processModel else { return .notRun }
        var judged: [ModelContainer]
        if let name = params.container {
            let spec = try context.container(name)
            judged = model.container(spec.displayName).map { [$0] } ?? []
        } else {
            // A container another check of the exercise judges as a native sidecar is that check's.
            let sidecars = Set(context.exercise.checks.filter { $0.rule.id == "sidecar.native" }
                .compactMap { $0.writtenParams?["sidecar"]?.string })
            judged = model.containers.filter { !sidecars.contains($0.name) }
        }
        var findings: [Finding] = []
        for container in judged {
            let spec = container.spec
            switch (container.kind, container.lifecycle) {
            case (.initContainer, .keepsRunning):
                findings.append(finding(context, Message.initContainerNeverEnds(container: container.name), container))
            case (.app, .ends(let reason)), (.nativeSidecar, .ends(let reason)):
                let argv = ((spec.command ?? []) + (spec.args ?? [])).map(\.value)
                let command = argv.joined(separator: " ")
                if case .shellWithoutCommand = reason {
                    findings.append(finding(context, Message.commandEnds(container: container.name, image: container.image ?? "", command: ""), container))
                } else {
                    findings.append(finding(context, Message.commandEnds(container: container.name, image: container.image ?? "",
                                                                         command: command.count > 80 ? String(command.prefix(77)) + "..." : command), container))
                }
            default:
                continue
            }
        }
        if !findings.isEmpty { return .fail(findings) }
        let running = judged.filter { $0.kind != .initContainer }.map(\.name)
        return running.isEmpty ? .pass(Message.noShellContainers) : .pass(Message.longRunningOK(containers: running))
    }

    private func finding(_ context: CheckContext, _ message: Message, _ container: ModelContainer) -> Finding {
        context.commandFinding(message, container.spec)
    }
}

extension ContainerLongRunningRule {
    /// One value of every message: `explain`, SARIF and the catalogue test render them.
    var messageSamples: [Message] {
        [
            .commandEnds(container: "lemon", image: "busybox", command: ""),
            .commandEnds(container: "lemon", image: "busybox", command: "sh -c echo hello"),
            .initContainerNeverEnds(container: "warm-up"),
            .longRunningOK(containers: ["lemon"]),
            .noShellContainers,
        ]
    }

    /// What `container.long-running` says, in every language.
    enum Message: RuleMessage {
        /// The container's process ends (`command` empty: the image's shell exits at once).
        case commandEnds(container: String, image: String, command: String)
        case initContainerNeverEnds(container: String)
        case longRunningOK(containers: [String])
        case noShellContainers

        var russian: String {
            let q = Russian.quote, list = Russian.list
            switch self {
            case .commandEnds(let container, let image, let command):
                if command.isEmpty {
                    return "Контейнер \(q(container)) (\(image)) без команды сразу завершится, и POD будет перезапускать его бесконечно (CrashLoopBackOff)."
                }
                return "Команда контейнера \(q(container)) (\(q(command))) завершается: контейнер будет перезапускаться снова и снова (CrashLoopBackOff)."
            case .initContainerNeverEnds(let container):
                return "Init-контейнер \(q(container)) никогда не завершается: POD так и не запустит основные контейнеры. Дайте ему команду, которая заканчивается, или сделайте его нативным sidecar (restartPolicy: Always)."
            case .longRunningOK(let containers):
                return "Контейнеры \(list(containers)) продолжают работать, а не завершаются сразу."
            case .noShellContainers:
                return "Нет контейнеров с образами оболочки: им нечего завершаться."
            }
        }

        var english: String {
            let q = English.quote, list = English.list
            switch self {
            case .commandEnds(let container, let image, let command):
                if command.isEmpty {
                    return "Container \(q(container)) (\(image)) has no command: it exits at once and the pod restarts it forever (CrashLoopBackOff)."
                }
                return "Container \(q(container))'s command (\(q(command))) ends: the container will be restarted again and again (CrashLoopBackOff)."
            case .initContainerNeverEnds(let container):
                return "Init container \(q(container)) never ends: the pod never starts its app containers. Give it a command that finishes, or make it a native sidecar (restartPolicy: Always)."
            case .longRunningOK(let containers):
                return "Containers \(list(containers)) keep running instead of exiting."
            case .noShellContainers:
                return "No container runs a shell image, so none exits at once."
            }
        }
    }
}

import PodGradeYAML
import PodGradeKubernetes

/// container.spec: a container with the expected name and image (and command where asked).
struct ContainerSpecRule: Rule {
    let id = "container.spec"
    let doc = RuleDoc(
        title: LocalizedText(ru: "Контейнер с нужным именем и образом", en: "A container with the asked name and image"),
        explanation: LocalizedText(
            ru: "Каждый контейнер POD — отдельное приложение со своим образом. Образ сравнивается по репозиторию: nginx, nginx:1.25 и docker.io/library/nginx — один и тот же образ; тег проверяется, только если задание его называет.",
            en: "Each container of a pod is a separate application with its own image. Images compare by repository: nginx, nginx:1.25 and docker.io/library/nginx are the same image; the tag counts only when the task names one."),
        section: "Пример Pod с несколькими контейнерами")
    let params = [ParamSpec("container", .string, required: true), ParamSpec("image", .string), ParamSpec("tag", .string),
                  ParamSpec("command", .stringList), ParamSpec("runs", .string)]
    let examples = [
        RuleExample(examplePodHeader + "spec:\n  containers:\n  - name: web\n    image: docker.io/library/nginx:1.25\n", params: "{container: web, image: nginx}", passes: true),
        RuleExample(examplePodHeader + "spec:\n  containers:\n  - name: web\n    image: httpd\n", params: "{container: web, image: nginx}", passes: false),
        RuleExample(examplePodHeader + "spec:\n  containers:\n  - name: lemon\n    image: busybox\n    command: [sh, -c, 'sleep 1000']\n", params: "{container: lemon, image: busybox, runs: sleep}", passes: true),
        RuleExample(examplePodHeader + "spec:\n  containers:\n  - name: lemon\n    image: busybox\n", params: "{container: lemon, image: busybox, runs: sleep}", passes: false),
    ]

    func check(_ context: CheckContext, _ params: Params) throws(RuleStop) -> Outcome {
        let container = try context.container(params.string("container"))
        let name = container.displayName
        guard let image = container.image else {
            return .fail([context.finding(.imageMissing(container: name), mark: container.nameMark, path: container.name?.path ?? container.path)])
        }
        var findings: [Finding] = []
        if let expected = params.string("image") {
            guard let reference = ImageReference(image.value) else {
                return .fail([context.finding(.imageInvalid(container: name, image: image.value), image)])
            }
            if let wanted = ImageReference(expected), wanted.name != reference.name {
                findings.append(context.finding(.imageWrong(container: name, expected: expected, found: image.value), image))
            } else if let tag = params.string("tag"), reference.tag != tag {
                findings.append(context.finding(.tagWrong(container: name, expected: tag, found: reference.tag), image))
            }
        }
        let argv = (container.command ?? []).map(\.value) + (container.args ?? []).map(\.value)
        if let command = params.strings("command"), (container.command ?? []).map(\.value) != command {
            let at = container.command?.first
            findings.append(at.map { context.finding(.commandWrong(container: name, expected: command, found: argv), $0) }
                            ?? context.finding(.commandWrong(container: name, expected: command, found: argv), mark: container.nameMark, path: container.path))
        }
        if let program = params.string("runs") {
            let programs = Shell.commands(command: (container.command ?? []).map(\.value), args: (container.args ?? []).map(\.value)).compactMap(\.program)
            if !programs.contains(program) {
                let at = container.command?.first ?? container.args?.first
                findings.append(at.map { context.finding(.runsWrong(container: name, program: program), $0) }
                                ?? context.finding(.runsWrong(container: name, program: program), mark: container.nameMark, path: container.path))
            }
        }
        return findings.isEmpty ? .pass(.containerSpecOK(container: name, image: image.value)) : .fail(findings)
    }
}

/// container.long-running: shell-image containers have a command that keeps them running.
struct LongRunningRule: Rule {
    let id = "container.long-running"
    let doc = RuleDoc(
        title: LocalizedText(ru: "Контейнер не завершается сразу", en: "The container keeps running"),
        explanation: LocalizedText(
            ru: "Контейнеры POD живут вместе, пока живёт POD. Образ оболочки (busybox, alpine, ubuntu) без команды сразу завершается, и kubelet перезапускает его бесконечно (CrashLoopBackOff). Нужна команда, которая продолжает работать: sleep 1000, цикл while true, tail -f.",
            en: "The containers of a pod live as long as the pod does. A shell image (busybox, alpine, ubuntu) without a command exits at once and the kubelet restarts it forever (CrashLoopBackOff). Give it a command that keeps running: sleep 1000, a while true loop, tail -f."),
        section: "Требования к совместной работе")
    let params = [ParamSpec("container", .string)]
    let examples = [
        RuleExample(examplePodHeader + "spec:\n  containers:\n  - name: lemon\n    image: busybox\n    command: ['sleep', '1000']\n", params: "{container: lemon}", passes: true),
        RuleExample(examplePodHeader + "spec:\n  containers:\n  - name: lemon\n    image: busybox\n    command: [sh, -c, 'while true; do date; sleep 5; done']\n", passes: true),
        RuleExample(examplePodHeader + "spec:\n  containers:\n  - name: lemon\n    image: busybox\n", params: "{container: lemon}", passes: false),
        RuleExample(examplePodHeader + "spec:\n  containers:\n  - name: lemon\n    image: busybox\n    command: [sh, -c, 'echo hello']\n", passes: false),
    ]

    func check(_ context: CheckContext, _ params: Params) throws(RuleStop) -> Outcome {
        guard let pod = context.pod else { return .skip(.skippedNoWorkload) }
        var containers: [Container]
        if let name = params.string("container") {
            containers = [try context.container(name)]
        } else {
            containers = pod.longLivedContainers.filter { ImageKnowledge.isShellImage($0.image?.value) }
            if containers.isEmpty { return .pass(.noShellContainers) }
        }
        var findings: [Finding] = []
        for container in containers {
            let command = (container.command ?? []).map(\.value)
            let args = (container.args ?? []).map(\.value)
            if command.isEmpty && args.isEmpty {
                guard ImageKnowledge.isShellImage(container.image?.value) else { continue }
                findings.append(context.finding(.shellWithoutCommand(container: container.displayName, image: container.image?.value ?? ""),
                                                mark: container.nameMark, path: container.name?.path ?? container.path))
            } else if !LongRunning.keepsRunning(Shell.commands(command: command, args: args)) {
                let at = container.command?.first ?? container.args?.first
                findings.append(at.map { context.finding(.shellCommandEnds(container: container.displayName), $0) }
                                ?? context.finding(.shellCommandEnds(container: container.displayName), mark: container.nameMark, path: container.path))
            }
        }
        return findings.isEmpty ? .pass(.longRunningOK(containers: containers.map(\.displayName))) : .fail(findings)
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

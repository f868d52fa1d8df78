import PodGradeYAML
import PodGradeKubernetes

/// ports.declared: a container declares the asked containerPort (number, name, protocol).
struct PortsDeclaredRule: Rule {
    let id = "ports.declared"
    let doc = RuleDoc(
        title: LocalizedText(ru: "Порт объявлен", en: "The port is declared"),
        explanation: LocalizedText(
            ru: "containerPort сообщает, какой порт слушает контейнер; имя порта (name) позволяет ссылаться на него из Service и проб. Объявление не открывает порт, но документирует его и участвует в проверке уникальности портов POD.",
            en: "containerPort says which port a container listens on; a port name lets Services and probes refer to it. Declaring does not open the port, but documents it and takes part in the pod's port uniqueness."),
        section: "Общая сеть в много-контейнерных PODs")
    let params = [ParamSpec("container", .string, required: true), ParamSpec("port", .int, required: true),
                  ParamSpec("name", .string), ParamSpec("protocol", .string)]
    let examples = [
        RuleExample(examplePodHeader + "spec:\n  containers:\n  - name: web\n    image: nginx\n    ports:\n    - name: http\n      containerPort: 80\n", params: "{container: web, port: 80, name: http}", passes: true),
        RuleExample(examplePodHeader + "spec:\n  containers:\n  - name: web\n    image: nginx\n    ports:\n    - containerPort: 8080\n", params: "{container: web, port: 80}", passes: false),
        RuleExample(examplePodHeader + "spec:\n  containers:\n  - name: web\n    image: nginx\n    ports:\n    - containerPort: 80\n", params: "{container: web, port: 80, name: http}", passes: false),
    ]

    func check(_ context: CheckContext, _ params: Params) throws(RuleStop) -> Outcome {
        let container = try context.container(params.string("container"))
        let portNumber = params.int("port") ?? 0
        let name = container.displayName
        guard let port = container.ports.first(where: { $0.containerPort?.value == Int64(portNumber) }) else {
            let mark = container.ports.first?.mark ?? container.nameMark
            return .fail([context.finding(.portMissing(container: name, port: portNumber), mark: mark,
                                          path: container.ports.isEmpty ? container.path : container.path + ".ports")])
        }
        var findings: [Finding] = []
        if let expected = params.string("name"), port.name?.value != expected {
            findings.append(context.finding(.portNameWrong(container: name, port: portNumber, expected: expected, found: port.name?.value),
                                            mark: port.name?.mark ?? port.mark, path: port.name?.path ?? port.path))
        }
        if let expected = params.string("protocol"), port.effectiveProtocol != expected {
            findings.append(context.finding(.portProtocolWrong(container: name, port: portNumber, expected: expected, found: port.effectiveProtocol),
                                            mark: port.protocol?.mark ?? port.mark, path: port.protocol?.path ?? port.path))
        }
        return findings.isEmpty ? .pass(.portDeclaredOK(container: name, port: portNumber)) : .fail(findings)
    }
}

/// ports.unique: no two containers of one pod declare the same containerPort and protocol.
struct PortsUniqueRule: Rule {
    let id = "ports.unique"
    let doc = RuleDoc(
        title: LocalizedText(ru: "Порты контейнеров не пересекаются", en: "Container ports do not clash"),
        explanation: LocalizedText(
            ru: "Все контейнеры POD делят одно сетевое пространство: для них localhost общий. Два контейнера не могут слушать один и тот же порт — второй не запустится с ошибкой «address already in use». Считаются контейнеры приложения и нативные sidecar (initContainers с restartPolicy: Always).",
            en: "All containers of a pod share one network namespace: localhost is common to them. Two containers cannot listen on the same port: the second fails with \"address already in use\". App containers and native sidecars (initContainers with restartPolicy: Always) count."),
        section: "Общая сеть в много-контейнерных PODs")
    let params: [ParamSpec] = []
    let examples = [
        RuleExample(examplePodHeader + "spec:\n  containers:\n  - name: web\n    image: nginx\n    ports: [{containerPort: 80}]\n  - name: agent\n    image: cadvisor\n    ports: [{containerPort: 8080}]\n", passes: true),
        RuleExample(examplePodHeader + "spec:\n  containers:\n  - name: web\n    image: nginx\n    ports: [{containerPort: 80}]\n  - name: agent\n    image: httpd\n    ports: [{containerPort: 80}]\n", passes: false),
        RuleExample(examplePodHeader + "spec:\n  containers:\n  - name: dns\n    image: coredns\n    ports: [{containerPort: 53, protocol: UDP}, {containerPort: 53, protocol: TCP}]\n", passes: true),
    ]

    func check(_ context: CheckContext, _ params: Params) throws(RuleStop) -> Outcome {
        guard let pod = context.pod else { return .skip(.skippedNoWorkload) }
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
                    findings.append(context.finding(.portClash(port: Int(number.value), protocol: port.effectiveProtocol,
                                                               container: container.displayName, other: other.displayName), number))
                } else {
                    owners[key] = container
                }
            }
        }
        return findings.isEmpty ? .pass(.portsUniqueOK(count: count)) : .fail(findings)
    }
}

import PodGradeYAML
import PodGradeKubernetes

/// Helpers the pattern rules share: they are built from the volume, flow and
/// network analyses rather than beside them.
enum Roles {
    static func pair(_ context: CheckContext, _ params: Params, _ a: String, _ b: String) throws(RuleStop) -> (Container, Container) {
        (try context.container(params.string(a)), try context.container(params.string(b)))
    }

    /// Shared volumes where `main` can write (a writable mount).
    static func writableShared(_ main: Container, _ helper: Container) -> [String] {
        PodQueries.sharedVolumes(main, helper).filter { volume in
            PodQueries.mounts(of: volume, in: main).contains { !$0.isReadOnly }
        }
    }

    /// Whether `reader` reads, on a shared volume, something `writer` writes there (or,
    /// when either side's files are unknown, simply mounts a volume `writer` can write).
    static func consumes(_ reader: Container, from writer: Container) -> (ok: Bool, volume: String?, readsElsewhere: [String]) {
        let shared = writableShared(writer, reader)
        guard !shared.isEmpty else { return (false, nil, []) }
        let reads = FileAccesses.of(reader).filter { $0.kind == .read }
        let readPlaces = FileAccesses.places(reads, in: reader).filter { shared.contains($0.1.volume) }
        if reads.isEmpty { return (true, shared[0], []) }
        guard !readPlaces.isEmpty else { return (false, shared[0], reads.map(\.path)) }
        let writePlaces = FileAccesses.places(.write, of: writer)
        if writePlaces.isEmpty { return (true, readPlaces[0].1.volume, []) }
        for (_, written) in writePlaces {
            for (_, read) in readPlaces where read.volume == written.volume && Paths.read(read.relative, covers: written.relative) {
                return (true, written.volume, [])
            }
        }
        // Both sides known but not the same file: still the same volume counts for a sidecar.
        return (true, readPlaces[0].1.volume, [])
    }

    static func anchor(_ context: CheckContext, _ message: Message, _ container: Container) -> Finding {
        context.finding(message, mark: container.nameMark, path: container.name?.path ?? container.path)
    }
}

/// role.sidecar: the helper shares a volume with main and consumes what main writes there.
struct SidecarRoleRule: Rule {
    let id = "role.sidecar"
    let doc = RuleDoc(
        title: LocalizedText(ru: "Паттерн Sidecar", en: "The Sidecar pattern"),
        explanation: LocalizedText(
            ru: "Sidecar расширяет основной контейнер, не меняя его: например, собирает логи, которые тот пишет в общий volume. Sidecar монтирует тот же volume, что и основной контейнер (который может туда писать), читает его данные и не занимает порт основного контейнера.",
            en: "A sidecar extends the main container without changing it: for example it ships the logs main writes to a shared volume. The sidecar mounts the volume main can write to, reads its data, and does not take main's port."),
        section: "Паттерны проектирования много-контейнерных PODs")
    let params = [ParamSpec("main", .string, required: true), ParamSpec("sidecar", .string, required: true)]
    let examples = [
        RuleExample(examplePodHeader + "spec:\n  containers:\n  - name: web\n    image: nginx\n    ports: [{containerPort: 80}]\n    volumeMounts: [{name: logs, mountPath: /var/log/nginx}]\n  - name: shipper\n    image: fluentd\n    volumeMounts: [{name: logs, mountPath: /logs, readOnly: true}]\n  volumes:\n  - name: logs\n    emptyDir: {}\n",
                    params: "{main: web, sidecar: shipper}", passes: true),
        RuleExample(examplePodHeader + "spec:\n  containers:\n  - name: web\n    image: nginx\n    volumeMounts: [{name: logs, mountPath: /var/log/nginx}]\n  - name: shipper\n    image: fluentd\n  volumes:\n  - name: logs\n    emptyDir: {}\n",
                    params: "{main: web, sidecar: shipper}", passes: false),
    ]

    func check(_ context: CheckContext, _ params: Params) throws(RuleStop) -> Outcome {
        let (main, sidecar) = try Roles.pair(context, params, "main", "sidecar")
        var findings: [Finding] = []
        let shared = PodQueries.sharedVolumes(main, sidecar)
        var consumedVolume: String?
        if shared.isEmpty {
            findings.append(Roles.anchor(context, .sidecarNoSharedVolume(main: main.displayName, sidecar: sidecar.displayName), sidecar))
        } else if Roles.writableShared(main, sidecar).isEmpty {
            let mount = PodQueries.mounts(of: shared[0], in: main).first
            findings.append(mount.map { context.finding(.mainCannotWrite(main: main.displayName, volume: shared[0]), mark: $0.readOnly?.mark ?? $0.mark, path: $0.path) }
                            ?? Roles.anchor(context, .mainCannotWrite(main: main.displayName, volume: shared[0]), main))
        } else {
            let consumption = Roles.consumes(sidecar, from: main)
            consumedVolume = consumption.volume
            if !consumption.ok {
                findings.append(Roles.anchor(context, .sidecarReadsElsewhere(sidecar: sidecar.displayName, paths: consumption.readsElsewhere), sidecar))
            }
        }
        for port in sidecar.ports {
            guard let number = port.containerPort, PodQueries.declares(main, Int(number.value)) else { continue }
            findings.append(context.finding(.sidecarTakesPort(sidecar: sidecar.displayName, port: Int(number.value)), number))
        }
        if findings.isEmpty {
            return .pass(.sidecarOK(main: main.displayName, sidecar: sidecar.displayName, volume: consumedVolume ?? shared[0]))
        }
        return .fail(findings)
    }
}

/// role.adapter: the adapter consumes main's output and exposes it on a port of its own.
struct AdapterRoleRule: Rule {
    let id = "role.adapter"
    let doc = RuleDoc(
        title: LocalizedText(ru: "Паттерн Adapter", en: "The Adapter pattern"),
        explanation: LocalizedText(
            ru: "Adapter приводит вывод основного контейнера к единому формату: он получает данные основного контейнера (через общий volume или localhost:ПОРТ основного) и отдаёт их в нормализованном виде на собственном порту, отличном от портов основного контейнера.",
            en: "An adapter turns the main container's output into a standard format: it takes main's data (through a shared volume or main's localhost:PORT) and serves it normalized on a port of its own, distinct from main's ports."),
        section: "Паттерны проектирования много-контейнерных PODs")
    let params = [ParamSpec("main", .string, required: true), ParamSpec("adapter", .string, required: true), ParamSpec("portName", .string)]
    let examples = [
        RuleExample(examplePodHeader + "spec:\n  containers:\n  - name: app\n    image: busybox\n    command: [sh, -c, 'while true; do date > /data/status.txt; sleep 5; done']\n    volumeMounts: [{name: data, mountPath: /data}]\n  - name: adapter\n    image: busybox\n    command: [sh, -c, 'httpd -f -p 9113 -h /in']\n    ports: [{name: metrics, containerPort: 9113}]\n    volumeMounts: [{name: data, mountPath: /in, readOnly: true}]\n  volumes:\n  - name: data\n    emptyDir: {}\n",
                    params: "{main: app, adapter: adapter, portName: metrics}", passes: true),
        RuleExample(examplePodHeader + "spec:\n  containers:\n  - name: app\n    image: busybox\n    command: [sh, -c, 'while true; do date > /data/status.txt; sleep 5; done']\n    volumeMounts: [{name: data, mountPath: /data}]\n  - name: adapter\n    image: busybox\n    command: [sh, -c, 'sleep 3600']\n    volumeMounts: [{name: data, mountPath: /in}]\n  volumes:\n  - name: data\n    emptyDir: {}\n",
                    params: "{main: app, adapter: adapter}", passes: false),
    ]

    func check(_ context: CheckContext, _ params: Params) throws(RuleStop) -> Outcome {
        let (main, adapter) = try Roles.pair(context, params, "main", "adapter")
        var findings: [Finding] = []
        let throughVolume = Roles.consumes(adapter, from: main).ok
        let throughNetwork = LocalhostReferences.of(adapter).contains { PodQueries.declares(main, $0.port) }
        if !throughVolume && !throughNetwork {
            findings.append(Roles.anchor(context, .adapterNoInput(main: main.displayName, adapter: adapter.displayName), adapter))
        }
        let ownPorts = adapter.ports.filter { port in
            guard let number = port.containerPort else { return false }
            return !PodQueries.declares(main, Int(number.value))
        }
        var exposed: ContainerPort?
        if let name = params.string("portName") {
            exposed = ownPorts.first { $0.name?.value == name }
            if exposed == nil {
                if ownPorts.isEmpty {
                    findings.append(Roles.anchor(context, .adapterNoOwnPort(adapter: adapter.displayName), adapter))
                } else {
                    findings.append(context.finding(.adapterPortNameWrong(adapter: adapter.displayName, expected: name), mark: ownPorts[0].mark, path: ownPorts[0].path))
                }
            }
        } else {
            exposed = ownPorts.first
            if exposed == nil { findings.append(Roles.anchor(context, .adapterNoOwnPort(adapter: adapter.displayName), adapter)) }
        }
        if findings.isEmpty, let port = exposed?.containerPort {
            return .pass(.adapterOK(main: main.displayName, adapter: adapter.displayName, port: Int(port.value)))
        }
        return .fail(findings)
    }
}

/// role.ambassador: main talks to localhost:PORT declared by the ambassador, not by main.
struct AmbassadorRoleRule: Rule {
    let id = "role.ambassador"
    let doc = RuleDoc(
        title: LocalizedText(ru: "Паттерн Ambassador", en: "The Ambassador pattern"),
        explanation: LocalizedText(
            ru: "Ambassador — посредник между основным контейнером и внешним миром: основной контейнер обращается к localhost:ПОРТ, этот порт слушает ambassador (а не сам основной контейнер) и проксирует запросы наружу. Так основному контейнеру не нужно знать, где на самом деле находится сервис.",
            en: "An ambassador stands between the main container and the outside world: main calls localhost:PORT, the ambassador (not main) listens on that port and proxies the calls outward, so main need not know where the service really is."),
        section: "Паттерны проектирования много-контейнерных PODs")
    let params = [ParamSpec("main", .string, required: true), ParamSpec("ambassador", .string, required: true)]
    let examples = [
        RuleExample(examplePodHeader + "spec:\n  containers:\n  - name: app\n    image: busybox\n    command: [sh, -c, 'sleep 3600']\n    env:\n    - {name: DB_HOST, value: localhost}\n    - {name: DB_PORT, value: \"6379\"}\n  - name: proxy\n    image: envoyproxy/envoy\n    ports: [{containerPort: 6379}]\n",
                    params: "{main: app, ambassador: proxy}", passes: true),
        RuleExample(examplePodHeader + "spec:\n  containers:\n  - name: app\n    image: busybox\n    command: [sh, -c, 'sleep 3600']\n    env:\n    - {name: DB_HOST, value: db.example.com}\n  - name: proxy\n    image: envoyproxy/envoy\n    ports: [{containerPort: 6379}]\n",
                    params: "{main: app, ambassador: proxy}", passes: false),
    ]

    func check(_ context: CheckContext, _ params: Params) throws(RuleStop) -> Outcome {
        let (main, ambassador) = try Roles.pair(context, params, "main", "ambassador")
        let references = LocalhostReferences.of(main).filter { PodQueries.declares(ambassador, $0.port) }
        guard let reference = references.first else {
            return .fail([Roles.anchor(context, .ambassadorNotReached(main: main.displayName, ambassador: ambassador.displayName), main)])
        }
        if let port = main.ports.first(where: { $0.containerPort?.value == Int64(reference.port) }), let number = port.containerPort {
            return .fail([context.finding(.ambassadorPortOnMain(main: main.displayName, port: reference.port), number)])
        }
        return .pass(.ambassadorOK(main: main.displayName, ambassador: ambassador.displayName, port: reference.port))
    }
}

/// sidecar.native: an initContainer with restartPolicy: Always sharing a volume with main.
struct NativeSidecarRule: Rule {
    let id = "sidecar.native"
    let doc = RuleDoc(
        title: LocalizedText(ru: "Нативный sidecar", en: "A native sidecar"),
        explanation: LocalizedText(
            ru: "С Kubernetes 1.29 sidecar можно объявить в initContainers с restartPolicy: Always: он запускается до основных контейнеров, работает всё время жизни POD и останавливается после них. Он делит volume с основным контейнером, как и обычный sidecar.",
            en: "Since Kubernetes 1.29 a sidecar can be declared in initContainers with restartPolicy: Always: it starts before the app containers, runs for the pod's whole life and stops after them. Like any sidecar, it shares a volume with main."),
        section: "Паттерны проектирования много-контейнерных PODs")
    let params = [ParamSpec("main", .string, required: true), ParamSpec("sidecar", .string, required: true), ParamSpec("volume", .string)]
    let examples = [
        RuleExample(examplePodHeader + "spec:\n  initContainers:\n  - name: shipper\n    image: busybox\n    restartPolicy: Always\n    command: [sh, -c, 'tail -F /logs/app.log']\n    volumeMounts: [{name: logs, mountPath: /logs}]\n  containers:\n  - name: app\n    image: busybox\n    command: [sh, -c, 'while true; do date >> /logs/app.log; sleep 1; done']\n    volumeMounts: [{name: logs, mountPath: /logs}]\n  volumes:\n  - name: logs\n    emptyDir: {}\n",
                    params: "{main: app, sidecar: shipper, volume: logs}", passes: true),
        RuleExample(examplePodHeader + "spec:\n  initContainers:\n  - name: shipper\n    image: busybox\n    command: [sh, -c, 'tail -F /logs/app.log']\n    volumeMounts: [{name: logs, mountPath: /logs}]\n  containers:\n  - name: app\n    image: busybox\n    volumeMounts: [{name: logs, mountPath: /logs}]\n  volumes:\n  - name: logs\n    emptyDir: {}\n",
                    params: "{main: app, sidecar: shipper}", passes: false),
    ]

    func check(_ context: CheckContext, _ params: Params) throws(RuleStop) -> Outcome {
        let (main, sidecar) = try Roles.pair(context, params, "main", "sidecar")
        var findings: [Finding] = []
        if sidecar.role == .app {
            findings.append(Roles.anchor(context, .nativeSidecarIsAppContainer(sidecar: sidecar.displayName), sidecar))
        } else if !sidecar.isNativeSidecar {
            findings.append(sidecar.restartPolicy.map { context.finding(.nativeSidecarRestartPolicy(sidecar: sidecar.displayName, found: $0.value), $0) }
                            ?? Roles.anchor(context, .nativeSidecarRestartPolicy(sidecar: sidecar.displayName, found: nil), sidecar))
        }
        let shared = PodQueries.sharedVolumes(main, sidecar)
        if shared.isEmpty || (params.string("volume").map { !shared.contains($0) } ?? false) {
            findings.append(Roles.anchor(context, .nativeSidecarNoVolume(main: main.displayName, sidecar: sidecar.displayName), sidecar))
        }
        return findings.isEmpty ? .pass(.nativeSidecarOK(sidecar: sidecar.displayName)) : .fail(findings)
    }
}

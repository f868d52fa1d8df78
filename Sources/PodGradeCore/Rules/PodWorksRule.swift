import PodGradeYAML
import PodGradeKubernetes

/// `pod.works`: in every exercise, nothing in the Pod breaks it as the model sees it.
///
/// Two grades of what the model finds: what breaks the Pod fails the check (the exercise does
/// not pass); what only may break it, or what the model cannot know, is a warning worth no
/// points. A fact another check of the exercise already judges (ports.unique,
/// network.localhost, data.flow, volume.shared, container.long-running, the role checks) is
/// left to it, so a learner reads one finding, not two.
struct PodWorksRule: Rule {
    let id = "pod.works"
    let readsWholeModel = true
    let doc = RuleDoc(
        title: LocalizedText(ru: "POD действительно работает", en: "The Pod really works"),
        explanation: LocalizedText(
            ru: "Что бы ни просило упражнение, POD, который упадёт, откажет в соединении или потеряет данные, не засчитывается. Проверка читает модель POD: какие процессы запускают контейнеры, какие порты они на самом деле слушают, куда подключаются и какие файлы пишут и читают. Ошибка — два процесса на одном порту (у контейнеров одно сетевое пространство, portTakenTwice), подключение к порту localhost, который никто не слушает (connectionRefused), containerPort, на котором процесс не слушает (declaredPortNotServed), запись через volume, смонтированный только для чтения (writeOnReadOnlyMount), чтение файла emptyDir, который никто не пишет (unwrittenFileRead), чтение файла соседа без общего volume (readerLacksVolume), программа, которой нет в образе (programMissing), команда, которая завершается, и init-контейнер, который не завершается. То, что лишь может сломать POD (порт образа, который конфигурация способна изменить), и то, чего модель знать не может (неизвестный образ), — предупреждения: баллы за них не снимаются.",
            en: "Whatever an exercise asks, a Pod that would crash, refuse a connection or lose its data does not pass. This check reads the Pod model: which processes the containers run, which ports they really listen on, where they connect, which files they write and read. It fails on two processes on one port (the containers share one network namespace, portTakenTwice), a connection to a localhost port nobody listens on (connectionRefused), a containerPort the process does not listen on (declaredPortNotServed), a write through a read-only mount (writeOnReadOnlyMount), a read of an emptyDir file nobody writes (unwrittenFileRead), a read of a neighbour's file without a shared volume (readerLacksVolume), a program the image does not have (programMissing), a command that ends and an init container that never ends. What only may break it (an image's default port that its configuration could move) and what the model cannot know (an image it does not know) are warnings: neither costs points."),
        section: "Требования к совместной работе")

    let examples = [
        RuleExample.passes(RuleExample.podHeader + "spec:\n  containers:\n  - name: web\n    image: nginx\n    ports:\n    - containerPort: 80\n  - name: probe\n    image: busybox\n    command: [sh, -c, 'while true; do wget -qO- http://localhost:80/; sleep 5; done']\n"),
        RuleExample.fails(RuleExample.podHeader + "spec:\n  containers:\n  - name: a\n    image: busybox\n    command: [sh, -c, 'httpd -f -p 8080']\n  - name: b\n    image: busybox\n    command: [sh, -c, ↓'nc -lk -p 8080']\n", key: "portTakenTwice"),
        RuleExample.fails(RuleExample.podHeader + "spec:\n  containers:\n  - name: web\n    image: nginx\n  - name: probe\n    image: busybox\n    command: [sh, -c, ↓'while true; do wget -qO- http://localhost:8080/; sleep 5; done']\n", key: "connectionRefused"),
        RuleExample.fails(RuleExample.podHeader + "spec:\n  containers:\n  - name: web\n    image: nginx\n    ports:\n    - containerPort: ↓8080\n", key: "declaredPortNotServed"),
        RuleExample.fails(RuleExample.podHeader + "spec:\n  containers:\n  - name: writer\n    image: busybox\n    command: [sh, -c, ↓'while true; do date >> /data/log.txt; sleep 5; done']\n    volumeMounts:\n    - {name: data, mountPath: /data, readOnly: true}\n  - name: reader\n    image: busybox\n    command: [sh, -c, 'tail -F /data/log.txt']\n    volumeMounts:\n    - {name: data, mountPath: /data}\n  volumes:\n  - {name: data, emptyDir: {}}\n", key: "writeOnReadOnlyMount"),
        RuleExample.fails(RuleExample.podHeader + "spec:\n  containers:\n  - name: writer\n    image: busybox\n    command: [sh, -c, 'while true; do date >> /data/a.txt; sleep 5; done']\n    volumeMounts:\n    - {name: data, mountPath: /data}\n  - name: reader\n    image: busybox\n    command: [sh, -c, ↓'tail -F /data/b.txt']\n    volumeMounts:\n    - {name: data, mountPath: /data}\n  volumes:\n  - {name: data, emptyDir: {}}\n", key: "unwrittenFileRead"),
        RuleExample.fails(RuleExample.podHeader + "spec:\n  containers:\n  - name: app\n    image: busybox\n    command: [↓bash, -c, 'while true; do date; sleep 5; done']\n", key: "programMissing"),
    ]

    func check(_ context: CheckContext, _ params: NoParameters) throws(RuleStop) -> Outcome {
        guard let model = context.model else { return .notRun }
        let judged = context.exercise.judgedElsewhere
        var breaks: [Finding] = []
        var notes: [Finding] = []

        // Processes: a program the image lacks, a command that ends, an init container that never ends.
        for missing in model.missingPrograms {
            breaks.append(context.finding(Message.programMissing(container: missing.container.name, program: missing.program,
                                                                 image: missing.container.image ?? ""), missing.source))
        }
        for container in model.containers {
            switch (container.kind, container.lifecycle) {
            case (.initContainer, .keepsRunning) where !judged.judgesLifecycle(of: container.name):
                breaks.append(context.commandFinding(Message.initNeverEnds(container: container.name), container.spec))
            case (.app, .ends) where !judged.judgesLifecycle(of: container.name), (.nativeSidecar, .ends) where !judged.judgesLifecycle(of: container.name):
                breaks.append(context.commandFinding(Message.containerEnds(container: container.name), container.spec))
            default:
                break
            }
        }

        // Ports: each port taken once by the processes that really listen; a declared port is served.
        for clash in model.portClashes {
            let (a, b) = (clash.first.container, clash.second.container)
            // Both declared it: ports.unique already says so.
            if judged.portsUnique, model.declares(a, clash.port), model.declares(b, clash.port) { continue }
            if clash.certain {
                breaks.append(context.finding(Message.portTakenTwice(port: clash.port, first: a, second: b), clash.second.source))
            } else {
                notes.append(context.finding(Message.portMaybeTakenTwice(port: clash.port, first: a, second: b), clash.second.source))
            }
        }
        for unserved in model.unservedPorts {
            let (name, port) = (unserved.container.name, unserved.declared.port)
            if unserved.certain {
                breaks.append(context.finding(Message.declaredPortNotServed(container: name, declared: port, listens: unserved.listens,
                                                                            program: unserved.program), unserved.declared.source))
            } else {
                notes.append(context.finding(Message.declaredPortMaybeNotServed(container: name, declared: port, listens: unserved.listens,
                                                                                program: unserved.program), unserved.declared.source))
            }
        }

        // Connections to localhost that nobody answers.
        for refused in model.refusedConnections where !judged.connections.contains(refused.connection.container) {
            let c = refused.connection, port = c.port ?? 0
            if !refused.unknownNeighbours.isEmpty {
                notes.append(context.finding(Message.listenerUnknown(container: c.container, target: c.text, port: port,
                                                                     unknown: refused.unknownNeighbours), c.source))
            } else if c.via == "env" {
                // A setting the model saw, not a connection it saw made.
                notes.append(context.finding(Message.addressNobodyServes(container: c.container, target: c.text, port: port), c.source))
            } else {
                breaks.append(context.finding(Message.connectionRefused(container: c.container, target: c.text, port: port,
                                                                        listening: model.listenedPorts), c.source))
            }
        }

        // Files: writes through read-only mounts, reads nobody feeds, reads of a neighbour's file without its volume.
        for write in model.writesOnReadOnlyMounts where !write.isSymbolic && !judged.writers.contains(write.container) {
            let message = Message.writeOnReadOnlyMount(container: write.container, path: write.path,
                                                       volume: write.place?.volume ?? write.mount?.name?.value ?? "")
            // Content that cannot be written is lost (an image's own log too: nginx will not start);
            // a `touch` or `mkdir` that fails leaves the script going.
            if write.kind == .create { notes.append(context.finding(message, write.source)) } else { breaks.append(context.finding(message, write.source)) }
        }
        for unfed in model.unfedReads where !judged.readers.contains(unfed.read.container) && unfed.endingNeighbours.isEmpty {
            let read = unfed.read
            if !unfed.unknownNeighbours.isEmpty {
                notes.append(context.finding(Message.writerUnknown(container: read.container, path: read.path, unknown: unfed.unknownNeighbours),
                                             read.source))
            } else {
                breaks.append(context.finding(Message.unwrittenFileRead(container: read.container, path: read.path, volume: read.place?.volume ?? ""),
                                              read.source))
            }
        }
        for lacking in model.readsWithoutVolume where !judged.mounts(lacking.volume, by: lacking.read.container) {
            breaks.append(context.finding(Message.readerLacksVolume(reader: lacking.read.container, path: lacking.read.path,
                                                                    writer: lacking.write.container, volume: lacking.volume), lacking.read.source))
        }

        if !breaks.isEmpty { return .fail(breaks + notes) }
        let message = Message.podWorks(containers: model.containers.filter(\.isLongLived).map(\.name))
        return notes.isEmpty ? .pass(message) : .passWithNotes(message, notes)
    }

    // MARK: - Reading the model

    /// Facts other checks of the exercise judge: those stay theirs. They depend on the
    /// exercise alone, so each exercise finds them once (`Exercise.judgedElsewhere`).
    struct JudgedElsewhere: Sendable {
        let checks: [CheckSpec]
        /// Containers container.long-running names, and sidecar.native's sidecars (it judges an
        /// init container without restartPolicy: Always).
        let lifecycles: Set<String>
        let portsUnique: Bool
        /// network.localhost judges its client's connections.
        let connections: Set<String>
        /// data.flow judges its reader's reads; role.adapter and role.sidecar what their helper
        /// consumes (sidecar.native judges the sidecar's place in the Pod, not what it reads).
        let readers: Set<String>
        /// role.sidecar judges that its main container can write where the sidecar reads.
        let writers: Set<String>
        let sharedVolumes: Set<String>

        init(_ checks: [CheckSpec]) {
            self.checks = checks
            func params(_ rule: String, _ key: String) -> [String] {
                checks.filter { $0.rule.id == rule }.compactMap { $0.writtenParams?[key]?.string }
            }
            let longRunning = checks.filter { $0.rule.id == "container.long-running" }
            let sidecars = Set(params("sidecar.native", "sidecar"))
            lifecycles = sidecars.union(params("container.long-running", "container"))
            portsUnique = checks.contains { $0.rule.id == "ports.unique" }
            connections = Set(params("network.localhost", "from"))
            readers = Set(params("data.flow", "reader") + params("role.adapter", "adapter") + params("role.sidecar", "sidecar"))
            writers = Set(params("role.sidecar", "main"))
            sharedVolumes = Set(params("volume.shared", "volume"))
            judgesEveryOther = longRunning.contains { $0.writtenParams?["container"]?.string == nil }
        }

        /// container.long-running without `container` judges all but the native sidecars.
        private let judgesEveryOther: Bool

        func judgesLifecycle(of container: String) -> Bool { judgesEveryOther || lifecycles.contains(container) }

        /// volume.shared names the volume and asks this container to mount it.
        func mounts(_ volume: String, by container: String) -> Bool {
            checks.contains { check in
                guard check.rule.id == "volume.shared", check.writtenParams?["volume"]?.string == volume,
                      let mounts = check.writtenParams?["mounts"]?.sequence else { return false }
                return mounts.contains { $0["container"]?.string == container }
            }
        }
    }
}

extension PodWorksRule {
    var messageSamples: [Message] {
        [
            .portTakenTwice(port: 8080, first: "a", second: "b"),
            .portMaybeTakenTwice(port: 8080, first: "web", second: "cadvisor"),
            .connectionRefused(container: "probe", target: "http://localhost:8080/", port: 8080, listening: [80]),
            .connectionRefused(container: "probe", target: "http://localhost:8080/", port: 8080, listening: []),
            .addressNobodyServes(container: "app", target: "localhost:5432", port: 5432),
            .listenerUnknown(container: "app", target: "localhost:5432", port: 5432, unknown: ["db"]),
            .declaredPortNotServed(container: "web", declared: 8080, listens: [80], program: "nginx"),
            .declaredPortMaybeNotServed(container: "web", declared: 8080, listens: [80], program: "nginx"),
            .writeOnReadOnlyMount(container: "writer", path: "/data/log.txt", volume: "data"),
            .unwrittenFileRead(container: "reader", path: "/data/b.txt", volume: "data"),
            .readerLacksVolume(reader: "reader", path: "/shared/data.txt", writer: "writer", volume: "shared-data"),
            .writerUnknown(container: "reader", path: "/data/app.log", unknown: ["app"]),
            .programMissing(container: "app", program: "bash", image: "busybox"),
            .containerEnds(container: "lemon"),
            .initNeverEnds(container: "warm-up"),
            .podWorks(containers: ["web", "probe"]),
        ]
    }

    /// What `pod.works` says, in every language.
    enum Message: RuleMessage {
        case portTakenTwice(port: Int, first: String, second: String)
        /// The same, where an image's default port could be moved by its configuration.
        case portMaybeTakenTwice(port: Int, first: String, second: String)
        case connectionRefused(container: String, target: String, port: Int, listening: [Int])
        /// A localhost address in the environment (a setting, not a connection the model saw made).
        case addressNobodyServes(container: String, target: String, port: Int)
        case listenerUnknown(container: String, target: String, port: Int, unknown: [String])
        case declaredPortNotServed(container: String, declared: Int, listens: [Int], program: String)
        case declaredPortMaybeNotServed(container: String, declared: Int, listens: [Int], program: String)
        case writeOnReadOnlyMount(container: String, path: String, volume: String)
        case unwrittenFileRead(container: String, path: String, volume: String)
        case readerLacksVolume(reader: String, path: String, writer: String, volume: String)
        case writerUnknown(container: String, path: String, unknown: [String])
        case programMissing(container: String, program: String, image: String)
        case containerEnds(container: String)
        case initNeverEnds(container: String)
        case podWorks(containers: [String])

        private static func ports(_ ports: [Int]) -> String { ports.map(String.init).joined(separator: ", ") }

        var russian: String {
            let q = Russian.quote, list = Russian.list
            switch self {
            case .portTakenTwice(let port, let first, let second):
                return "Порт \(port) слушают и \(q(first)), и \(q(second)): у контейнеров POD одно сетевое пространство, порт может занять только один процесс, второй не запустится (address already in use)."
            case .portMaybeTakenTwice(let port, let first, let second):
                return "По умолчанию и \(q(first)), и \(q(second)) слушают порт \(port); если конфигурация одного из них это не меняет, второй не запустится: сетевое пространство у POD одно."
            case .connectionRefused(let container, let target, let port, let listening):
                let tail = listening.isEmpty ? "в POD никто ничего не слушает" : "в POD слушают только \(Self.ports(listening))"
                return "\(q(container)) подключается к \(q(target)), но порт \(port) в POD никто не слушает (\(tail)): соединение будет отклонено (connection refused). localhost ведёт к соседям по POD только на тех портах, где их процессы действительно слушают."
            case .addressNobodyServes(let container, let target, let port):
                return "В окружении \(q(container)) указан адрес \(q(target)), но порт \(port) в POD никто не слушает."
            case .listenerUnknown(let container, let target, let port, let unknown):
                return "\(q(container)) подключается к \(q(target)); podgrade не знает, что запускают \(list(unknown)), и не может сказать, слушает ли кто-то порт \(port)."
            case .declaredPortNotServed(let container, let declared, let listens, let program):
                return "\(q(container)) объявляет containerPort \(declared), но его процесс (\(program)) слушает \(Self.ports(listens)): containerPort лишь описывает порт, он не меняет, где слушает программа. Соседи и Service, пришедшие на \(declared), получат отказ."
            case .declaredPortMaybeNotServed(let container, let declared, let listens, let program):
                return "\(q(container)) объявляет containerPort \(declared), а \(program) по умолчанию слушает \(Self.ports(listens)); если конфигурация это не меняет, на \(declared) никто не ответит."
            case .writeOnReadOnlyMount(let container, let path, let volume):
                return "\(q(container)) пишет в \(path), но монтирует volume \(q(volume)) с readOnly: true: запись не удастся (Read-only file system). Только для чтения монтируют тому, кто читает."
            case .unwrittenFileRead(let container, let path, let volume):
                return "\(q(container)) читает \(path) из emptyDir \(q(volume)), но туда никто не пишет: emptyDir создаётся пустым, и читатель не получит данных."
            case .readerLacksVolume(let reader, let path, let writer, let volume):
                return "\(q(reader)) читает \(path), который \(q(writer)) пишет в volume \(q(volume)), но \(q(reader)) этот volume не монтирует: у каждого контейнера своя файловая система, общие файлы видны только через общий volume."
            case .writerUnknown(let container, let path, let unknown):
                return "\(q(container)) читает \(path); podgrade не знает, что делают \(list(unknown)), и не может сказать, пишет ли туда кто-нибудь."
            case .programMissing(let container, let program, let image):
                return "\(q(container)) запускает \(program), а в образе \(image) этой программы нет: команда не запустится (not found)."
            case .containerEnds(let container):
                return "Команда \(q(container)) завершается: контейнер будет перезапускаться снова и снова (CrashLoopBackOff)."
            case .initNeverEnds(let container):
                return "Init-контейнер \(q(container)) никогда не завершается: основные контейнеры POD так и не запустятся."
            case .podWorks(let containers):
                return "Ничто в POD не мешает ему работать: \(list(containers)) запускаются, их порты, соединения и файлы сходятся."
            }
        }

        var english: String {
            let q = English.quote, list = English.list
            switch self {
            case .portTakenTwice(let port, let first, let second):
                return "Both \(q(first)) and \(q(second)) listen on port \(port): the containers of a pod share one network namespace, so only one process can take a port and the second fails to start (address already in use)."
            case .portMaybeTakenTwice(let port, let first, let second):
                return "By default both \(q(first)) and \(q(second)) listen on port \(port); unless the configuration of one of them changes that, the second fails to start: a pod has one network namespace."
            case .connectionRefused(let container, let target, let port, let listening):
                let tail = listening.isEmpty ? "nothing in the pod listens at all" : "the pod listens only on \(Self.ports(listening))"
                return "\(q(container)) connects to \(q(target)), but nothing in the pod listens on port \(port) (\(tail)): the connection is refused. localhost reaches the pod's neighbours only on the ports their processes really listen on."
            case .addressNobodyServes(let container, let target, let port):
                return "\(q(container))'s environment names \(q(target)), but nothing in the pod listens on port \(port)."
            case .listenerUnknown(let container, let target, let port, let unknown):
                return "\(q(container)) connects to \(q(target)); podgrade does not know what \(list(unknown)) run, so it cannot tell whether anything listens on port \(port)."
            case .declaredPortNotServed(let container, let declared, let listens, let program):
                return "\(q(container)) declares containerPort \(declared), but its process (\(program)) listens on \(Self.ports(listens)): containerPort only documents a port, it does not change where the program listens. Neighbours and Services that come to \(declared) are refused."
            case .declaredPortMaybeNotServed(let container, let declared, let listens, let program):
                return "\(q(container)) declares containerPort \(declared), while \(program) listens on \(Self.ports(listens)) by default; unless its configuration changes that, nothing answers on \(declared)."
            case .writeOnReadOnlyMount(let container, let path, let volume):
                return "\(q(container)) writes \(path), but mounts volume \(q(volume)) with readOnly: true: the write fails (Read-only file system). Read-only is for the container that reads."
            case .unwrittenFileRead(let container, let path, let volume):
                return "\(q(container)) reads \(path) from emptyDir \(q(volume)), but nobody writes there: an emptyDir starts empty, so the reader gets no data."
            case .readerLacksVolume(let reader, let path, let writer, let volume):
                return "\(q(reader)) reads \(path), which \(q(writer)) writes on volume \(q(volume)), but \(q(reader)) does not mount that volume: each container has its own filesystem, and only a shared volume shows the same files."
            case .writerUnknown(let container, let path, let unknown):
                return "\(q(container)) reads \(path); podgrade does not know what \(list(unknown)) do, so it cannot tell whether anything writes there."
            case .programMissing(let container, let program, let image):
                return "\(q(container)) runs \(program), which the image \(image) does not have: the command cannot start (not found)."
            case .containerEnds(let container):
                return "\(q(container))'s command ends: the container is restarted again and again (CrashLoopBackOff)."
            case .initNeverEnds(let container):
                return "Init container \(q(container)) never ends: the pod's app containers never start."
            case .podWorks(let containers):
                return "Nothing in the pod stops it from working: \(list(containers)) start, and their ports, connections and files fit together."
            }
        }
    }
}

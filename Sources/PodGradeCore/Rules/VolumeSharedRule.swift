import PodGradeYAML
import PodGradeKubernetes

/// `volume.shared`: the named volume, of the asked type, is mounted by every listed container.
struct VolumeSharedRule: Rule {
    let id = "volume.shared"
    let doc = RuleDoc(
        title: LocalizedText(ru: "Общий volume", en: "A shared volume"),
        explanation: LocalizedText(
            ru: "Контейнеры POD обмениваются файлами через общий volume: он объявляется один раз в spec.volumes и монтируется (volumeMounts) в каждый контейнер, которому нужны эти данные, — возможно, по разным путям. emptyDir живёт столько же, сколько POD. Типичная ошибка: volume, который монтирует только один контейнер, ничего не разделяет (volumeMountedByOne). Если общий volume назван иначе, чем в задании, или смонтирован по другому пути, а данные всё равно доходят, это заметка, а не потеря баллов.",
            en: "The containers of a pod exchange files through a shared volume: declared once under spec.volumes and mounted (volumeMounts) into every container that needs the data, possibly at different paths. An emptyDir lives as long as the pod. A common mistake: a volume only one container mounts shares nothing (volumeMountedByOne). A shared volume named otherwise than in the task, or mounted at another path while the data still flows, is a note, not lost points."),
        section: "Общие Volumes в много-контейнерных PODs")
    /// The check's parameters in spec.yaml (`params:`); an optional one may be left out.
    struct Parameters: RuleParameters {
        let volume: String?
        let type: String?
        let mounts: MountList
    }

    let examples = [
        RuleExample.passes(RuleExample.podHeader + "spec:\n  containers:\n  - name: a\n    image: nginx\n    volumeMounts: [{name: data, mountPath: /a}]\n  - name: b\n    image: busybox\n    volumeMounts: [{name: data, mountPath: /b/}]\n  volumes:\n  - name: data\n    emptyDir: {}\n",
                    params: "{volume: data, type: emptyDir, mounts: [{container: a, path: /a}, {container: b, path: /b}]}"),
        RuleExample.fails(RuleExample.podHeader + "spec:\n  containers:\n  - name: a\n    image: nginx\n    volumeMounts: [{name: data, mountPath: /a}]\n  - name: ↓b\n    image: busybox\n  volumes:\n  - name: data\n    emptyDir: {}\n",
                    params: "{volume: data, mounts: [{container: a}, {container: b}]}", key: "volumeMountedByOne"),
    ]

    func check(_ context: CheckContext, _ params: Parameters) throws(RuleStop) -> Outcome {
        guard let pod = context.pod else { return .notRun }
        let wanted = params.mounts.mounts
        var containers: [Container] = []
        for mount in wanted {
            containers.append(try context.container(mount.container))
        }
        let type = params.type
        let names = containers.map(\.displayName)
        // The volume to examine: the named one, else the one most listed containers share.
        var volumeName: String
        var asked: [Finding] = []
        if let named = params.volume {
            volumeName = named
            // Identified by role: the task's volume is absent, but the containers share exactly one.
            if pod.volume(named: named) == nil, names.count >= 2, let model = context.processModel,
               let only = Self.onlyShared(model, names), pod.volume(named: only) != nil {
                volumeName = only
                asked.append(context.podFinding(Message.volumeNamedOtherwise(volume: only, asked: named)))
            }
        } else {
            let candidates = pod.volumes.compactMap { volume -> (String, Int)? in
                guard let name = volume.name?.value, type == nil || volume.type == type else { return nil }
                return (name, containers.filter { !PodQueries.mounts(of: name, in: $0).isEmpty }.count)
            }
            guard let best = candidates.max(by: { $0.1 < $1.1 }), best.1 > 0 else {
                return .fail([context.podFinding(Message.noSharedVolume(containers: names))])
            }
            volumeName = best.0
        }
        guard let volume = pod.volume(named: volumeName) else {
            return .fail([context.podFinding(Message.volumeMissing(name: volumeName))])
        }
        var findings: [Finding] = []
        var notes: [Finding] = []
        // Data really flows through the volume: then the mount path is the learner's choice.
        // Asked only when a mount path differs from the task's (the whole model costs more).
        func flows() -> Bool {
            context.model.map { m in m.flows.contains { $0.volume == volumeName && names.contains($0.writer.container) && names.contains($0.reader.container) } } ?? false
        }
        if let type, volume.type != type {
            findings.append(context.finding(Message.volumeTypeWrong(name: volumeName, expected: type, found: volume.type ?? volume.sources.first?.value),
                                            mark: volume.sources.first?.mark ?? volume.mark, path: volume.sources.first?.path ?? volume.path))
        }
        for (container, mount) in zip(containers, wanted) {
            let mounts = PodQueries.mounts(of: volumeName, in: container)
            guard !mounts.isEmpty else {
                let mountedBy = context.processModel?.volumes.first { $0.name == volumeName }?.containers ?? []
                let message = mountedBy.count == 1
                    ? Message.volumeMountedByOne(volume: volumeName, mountedBy: mountedBy[0], container: container.displayName)
                    : Message.volumeNotMounted(volume: volumeName, container: container.displayName)
                findings.append(context.finding(message,
                                                mark: container.volumeMounts.first?.mark ?? container.nameMark,
                                                path: container.volumeMounts.isEmpty ? container.path : container.path + ".volumeMounts"))
                continue
            }
            if let expected = mount.path {
                let normalized = Paths.normalize(expected)
                if !mounts.contains(where: { $0.mountPath.map { Paths.normalize($0.value) } == normalized }) {
                    let at = mounts[0].mountPath
                    if flows() {
                        notes.append(context.finding(Message.mountPathOther(volume: volumeName, container: container.displayName, expected: expected,
                                                                            found: at?.value ?? "—"), mark: at?.mark ?? mounts[0].mark, path: at?.path ?? mounts[0].path))
                    } else {
                        findings.append(context.finding(Message.mountPathWrong(volume: volumeName, container: container.displayName, expected: expected,
                                                                        found: at?.value ?? "—"), mark: at?.mark ?? mounts[0].mark, path: at?.path ?? mounts[0].path))
                    }
                }
            }
        }
        if !findings.isEmpty { return .fail(findings) }
        notes = asked + notes
        return notes.isEmpty ? .pass(Message.volumeSharedOK(volume: volumeName, containers: names))
                             : .passWithNotes(Message.volumeSharedOK(volume: volumeName, containers: names), notes)
    }
}

extension VolumeSharedRule {
    /// The one volume every listed container mounts, when exactly one is.
    static func onlyShared(_ model: PodModel, _ names: [String]) -> String? {
        let shared = model.volumes.filter { v in names.allSatisfy { v.containers.contains($0) } }
        return shared.count == 1 ? shared.first?.name : nil
    }

    /// One value of every message: `explain`, SARIF and the catalogue test render them.
    var messageSamples: [Message] {
        [
            .volumeMissing(name: "logs"),
            .volumeTypeWrong(name: "logs", expected: "emptyDir", found: "hostPath"),
            .volumeNotMounted(volume: "logs", container: "web"),
            .mountPathWrong(volume: "logs", container: "web", expected: "/a", found: "/b"),
            .volumeMountedByOne(volume: "shared-storage", mountedBy: "web-server", container: "cadvisor"),
            .mountPathOther(volume: "data", container: "reader", expected: "/shared", found: "/input"),
            .volumeNamedOtherwise(volume: "app-logs", asked: "logs"),
            .noSharedVolume(containers: ["a", "b"]),
            .volumeSharedOK(volume: "logs", containers: ["a", "b"]),
        ]
    }

    /// What `volume.shared` says, in every language.
    enum Message: RuleMessage {
        case volumeMissing(name: String)
        case volumeTypeWrong(name: String, expected: String, found: String?)
        case volumeNotMounted(volume: String, container: String)
        case mountPathWrong(volume: String, container: String, expected: String, found: String)
        /// Only one container mounts the volume: nothing is shared.
        case volumeMountedByOne(volume: String, mountedBy: String, container: String)
        /// A note: another mount path than the task's example, while the data flows.
        case mountPathOther(volume: String, container: String, expected: String, found: String)
        /// A note: the shared volume has another name than the task's (it is judged all the same).
        case volumeNamedOtherwise(volume: String, asked: String)
        case noSharedVolume(containers: [String])
        case volumeSharedOK(volume: String, containers: [String])

        var russian: String {
            let q = Russian.quote, list = Russian.list
            switch self {
            case .volumeMissing(let name):
                return "В POD нет volume \(q(name))."
            case .volumeTypeWrong(let name, let expected, let found):
                return "Volume \(q(name)) имеет тип \(q(found ?? "—")), а нужен \(q(expected))."
            case .volumeNotMounted(let volume, let container):
                return "Контейнер \(q(container)) не монтирует volume \(q(volume)): без этого у контейнеров нет общих данных."
            case .volumeMountedByOne(let volume, let mountedBy, let container):
                return "Volume \(q(volume)) монтирует только \(q(mountedBy)), а \(q(container)) — нет: volume, который монтирует один контейнер, ничего не разделяет."
            case .volumeNamedOtherwise(let volume, let asked):
                return "Заметка: общий volume называется \(q(volume)), а в задании — \(q(asked)). Он проверен как общий volume задания; имя стоит привести к заданному."
            case .mountPathOther(let volume, let container, let expected, let found):
                return "Заметка: \(q(container)) монтирует \(q(volume)) в \(found), а в задании пример — \(expected). Данные всё равно доходят, так что это ваш выбор."
            case .mountPathWrong(let volume, let container, let expected, let found):
                return "Контейнер \(q(container)) монтирует \(q(volume)) в \(found), а нужно в \(expected)."
            case .noSharedVolume(let containers):
                return "У контейнеров \(list(containers)) нет общего volume."
            case .volumeSharedOK(let volume, let containers):
                return "Volume \(q(volume)) общий для \(list(containers))."
            }
        }

        var english: String {
            let q = English.quote, list = English.list
            switch self {
            case .volumeMissing(let name):
                return "The pod has no volume \(q(name))."
            case .volumeTypeWrong(let name, let expected, let found):
                return "Volume \(q(name)) is of type \(q(found ?? "none")) but must be \(q(expected))."
            case .volumeNotMounted(let volume, let container):
                return "Container \(q(container)) does not mount volume \(q(volume)): without it the containers share no data."
            case .volumeMountedByOne(let volume, let mountedBy, let container):
                return "Only \(q(mountedBy)) mounts volume \(q(volume)); \(q(container)) does not: a volume one container mounts shares nothing."
            case .volumeNamedOtherwise(let volume, let asked):
                return "Note: the shared volume is called \(q(volume)); the task asks for \(q(asked)). It was judged as the task's volume; better use the asked name."
            case .mountPathOther(let volume, let container, let expected, let found):
                return "Note: \(q(container)) mounts \(q(volume)) at \(found), while the task's example is \(expected). The data still gets through, so this is your choice."
            case .mountPathWrong(let volume, let container, let expected, let found):
                return "Container \(q(container)) mounts \(q(volume)) at \(found) but should at \(expected)."
            case .noSharedVolume(let containers):
                return "Containers \(list(containers)) share no volume."
            case .volumeSharedOK(let volume, let containers):
                return "Volume \(q(volume)) is shared by \(list(containers))."
            }
        }
    }
}

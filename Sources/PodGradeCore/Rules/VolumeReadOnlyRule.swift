import PodGradeYAML
import PodGradeKubernetes

/// `volume.readonly`: the mounts that must be read-only are.
struct VolumeReadOnlyRule: Rule {
    let id = "volume.readonly"
    let doc = RuleDoc(
        title: LocalizedText(ru: "Монтирование только для чтения", en: "Read-only mounts"),
        explanation: LocalizedText(
            ru: "Контейнер, которому данные общего volume нужны только для чтения (сборщик логов, агент мониторинга), монтирует его с readOnly: true: так он не испортит данные соседа, а hostPath — файлы узла. Типичные ошибки: readOnly на стороне писателя вместо читателя (readOnlyOnWriter); папка узла (hostPath), смонтированная на запись (writableHostPath).",
            en: "A container that only reads a shared volume (a log collector, a monitoring agent) mounts it with readOnly: true, so it cannot damage its neighbour's data, nor, with hostPath, the node's files. Common mistakes: readOnly on the writer's side instead of the reader's (readOnlyOnWriter); a node folder (hostPath) mounted writable (writableHostPath)."),
        section: "Общие Volumes в много-контейнерных PODs")
    /// The check's parameters in spec.yaml (`params:`); an optional one may be left out.
    struct Parameters: RuleParameters {
        let container: String
        let volume: String?
        let type: String?
    }

    let examples = [
        RuleExample.passes(RuleExample.podHeader + "spec:\n  containers:\n  - name: agent\n    image: fluentd\n    volumeMounts: [{name: logs, mountPath: /logs, readOnly: true}]\n  volumes:\n  - name: logs\n    emptyDir: {}\n",
                    params: "{container: agent, volume: logs}"),
        RuleExample.fails(RuleExample.podHeader + "spec:\n  containers:\n  - name: agent\n    image: fluentd\n    volumeMounts: [↓{name: logs, mountPath: /logs}]\n  volumes:\n  - name: logs\n    emptyDir: {}\n",
                    params: "{container: agent, volume: logs}", key: "mountNotReadOnly"),
    ]

    func check(_ context: CheckContext, _ params: Parameters) throws(RuleStop) -> Outcome {
        guard let pod = context.pod else { return .notRun }
        let container = try context.container(params.container)
        // A task's volume name the Pod lacks: judged on the container's mounts of any volume (volume.shared names the difference).
        let volumeName = params.volume.flatMap { pod.volume(named: $0) == nil ? nil : $0 }
        let type = params.type
        let mounts = container.volumeMounts.filter { mount in
            guard let name = mount.name?.value else { return false }
            if let volumeName, name != volumeName { return false }
            if let type, pod.volume(named: name)?.type != type { return false }
            return true
        }
        guard !mounts.isEmpty else {
            return .fail([context.finding(Message.noMatchingMounts(container: container.displayName), mark: container.nameMark, path: container.path)])
        }
        let findings = mounts.filter { !$0.isReadOnly }.map { mount in
            let volume = mount.name?.value ?? ""
            let mountPath = mount.mountPath?.value ?? ""
            let message: Message
            if let writer = context.model?.writesOnReadOnlyMounts.first(where: { $0.place?.volume == volume && $0.container != container.displayName }) {
                // readOnly went to the wrong side: the writer's mount.
                message = .readOnlyOnWriter(writer: writer.container, volume: volume, reader: container.displayName)
            } else if pod.volume(named: volume)?.type == "hostPath" {
                message = .writableHostPath(container: container.displayName, volume: volume, mountPath: mountPath)
            } else {
                message = .mountNotReadOnly(container: container.displayName, volume: volume, mountPath: mountPath)
            }
            return context.finding(message, mark: mount.readOnly?.mark ?? mount.mark, path: mount.readOnly?.path ?? mount.path)
        }
        return findings.isEmpty ? .pass(Message.readOnlyOK(container: container.displayName, mounts: mounts.count)) : .fail(findings)
    }
}

extension VolumeReadOnlyRule {
    /// One value of every message: `explain`, SARIF and the catalogue test render them.
    var messageSamples: [Message] {
        [
            .mountNotReadOnly(container: "agent", volume: "logs", mountPath: "/logs"),
            .readOnlyOnWriter(writer: "web-server", volume: "logs", reader: "log-collector"),
            .writableHostPath(container: "cadvisor", volume: "sys", mountPath: "/sys"),
            .noMatchingMounts(container: "agent"),
            .readOnlyOK(container: "agent", mounts: 4),
        ]
    }

    /// What `volume.readonly` says, in every language.
    enum Message: RuleMessage {
        case mountNotReadOnly(container: String, volume: String, mountPath: String)
        /// readOnly set on the writer's mount instead of the reader's.
        case readOnlyOnWriter(writer: String, volume: String, reader: String)
        /// A node's folder mounted writable: the container could change the node.
        case writableHostPath(container: String, volume: String, mountPath: String)
        case noMatchingMounts(container: String)
        case readOnlyOK(container: String, mounts: Int)

        var russian: String {
            let q = Russian.quote
            switch self {
            case .mountNotReadOnly(let container, let volume, let mountPath):
                return "Контейнер \(q(container)) монтирует \(q(volume)) в \(mountPath) на запись: добавьте readOnly: true."
            case .readOnlyOnWriter(let writer, let volume, let reader):
                return "readOnly стоит не на той стороне: \(q(writer)) пишет в \(q(volume)), но его монтирование только для чтения, а читатель \(q(reader)) монтирует его на запись. Уберите readOnly у писателя и поставьте readOnly: true у читателя."
            case .writableHostPath(let container, let volume, let mountPath):
                return "Контейнер \(q(container)) монтирует hostPath \(q(volume)) (папку узла) в \(mountPath) на запись: так он может изменить сам узел. Добавьте readOnly: true."
            case .noMatchingMounts(let container):
                return "У контейнера \(q(container)) нет нужных монтирований."
            case .readOnlyOK(let container, let mounts):
                return "Контейнер \(q(container)): " + RussianPlural.form(mounts, one: "\(mounts) монтирование", few: "\(mounts) монтирования", many: "\(mounts) монтирований") + " только для чтения."
            }
        }

        var english: String {
            let q = English.quote, plural = English.plural
            switch self {
            case .mountNotReadOnly(let container, let volume, let mountPath):
                return "Container \(q(container)) mounts \(q(volume)) at \(mountPath) writable: add readOnly: true."
            case .readOnlyOnWriter(let writer, let volume, let reader):
                return "readOnly is on the wrong side: \(q(writer)) writes to \(q(volume)) but mounts it read-only, while the reader \(q(reader)) mounts it writable. Drop readOnly from the writer and set readOnly: true on the reader."
            case .writableHostPath(let container, let volume, let mountPath):
                return "Container \(q(container)) mounts the hostPath \(q(volume)) (a folder of the node) at \(mountPath) writable: it could change the node itself. Add readOnly: true."
            case .noMatchingMounts(let container):
                return "Container \(q(container)) has none of the expected mounts."
            case .readOnlyOK(let container, let mounts):
                return "Container \(q(container)): \(plural(mounts, "mount")) read-only."
            }
        }
    }
}

import PodGradeYAML
import PodGradeKubernetes

/// `volume.hostpath`: hostPath volumes with the asked host paths.
struct VolumeHostPathRule: Rule {
    let id = "volume.hostpath"
    let doc = RuleDoc(
        title: LocalizedText(ru: "Volumes типа hostPath", en: "hostPath volumes"),
        explanation: LocalizedText(
            ru: "hostPath монтирует в контейнер каталог самого узла. Так агент мониторинга (cAdvisor) видит файловую систему узла, /var/run, /sys и /var/lib/docker; такие монтирования делают только для чтения.",
            en: "hostPath mounts a directory of the node itself into a container. That is how a monitoring agent (cAdvisor) sees the node's filesystem, /var/run, /sys and /var/lib/docker; such mounts are read-only."),
        section: "Типы Volumes для совместного использования")
    /// The check's parameters in spec.yaml (`params:`); an optional one may be left out.
    struct Parameters: RuleParameters {
        let container: String?
        let paths: [String]
    }

    let examples = [
        RuleExample.passes(RuleExample.podHeader + "spec:\n  containers:\n  - name: agent\n    image: cadvisor\n    volumeMounts: [{name: sys, mountPath: /sys, readOnly: true}]\n  volumes:\n  - name: sys\n    hostPath: {path: /sys}\n",
                    params: "{container: agent, paths: [/sys]}"),
        RuleExample.fails(RuleExample.podHeader + "spec:\n  ↓containers:\n  - name: agent\n    image: cadvisor\n  volumes:\n  - name: sys\n    emptyDir: {}\n",
                    params: "{paths: [/sys]}", key: "hostPathMissing"),
    ]

    func check(_ context: CheckContext, _ params: Parameters) throws(RuleStop) -> Outcome {
        guard let pod = context.pod else { return .notRun }
        var container: Container?
        if let name = params.container {
            container = try context.container(name)
        }
        var findings: [Finding] = []
        let paths = params.paths
        for path in paths {
            let normalized = Paths.normalize(path)
            guard let volume = pod.volumes.first(where: { $0.hostPath.map { Paths.normalize($0.value) } == normalized }) else {
                findings.append(context.podFinding(Message.hostPathMissing(path: path)))
                continue
            }
            if let container, let name = volume.name?.value, PodQueries.mounts(of: name, in: container).isEmpty {
                findings.append(context.finding(Message.hostPathNotMounted(path: path, container: container.displayName),
                                                mark: volume.hostPath?.mark ?? volume.mark, path: volume.hostPath?.path ?? volume.path))
            }
        }
        return findings.isEmpty ? .pass(Message.hostPathOK(count: paths.count)) : .fail(findings)
    }
}

extension VolumeHostPathRule {
    /// One value of every message: `explain`, SARIF and the catalogue test render them.
    var messageSamples: [Message] {
        [
            .hostPathMissing(path: "/sys"),
            .hostPathNotMounted(path: "/sys", container: "agent"),
            .hostPathOK(count: 4),
        ]
    }

    /// What `volume.hostpath` says, in every language.
    enum Message: RuleMessage {
        case hostPathMissing(path: String)
        case hostPathNotMounted(path: String, container: String)
        case hostPathOK(count: Int)

        var russian: String {
            let q = Russian.quote
            switch self {
            case .hostPathMissing(let path):
                return "Нет volume типа hostPath с путём \(path)."
            case .hostPathNotMounted(let path, let container):
                return "hostPath \(path) не смонтирован в контейнер \(q(container))."
            case .hostPathOK(let count):
                return RussianPlural.form(count, one: "\(count) hostPath volume задан", few: "\(count) hostPath volume заданы", many: "\(count) hostPath volume заданы") + " верно."
            }
        }

        var english: String {
            let q = English.quote, plural = English.plural
            switch self {
            case .hostPathMissing(let path):
                return "No hostPath volume with path \(path)."
            case .hostPathNotMounted(let path, let container):
                return "hostPath \(path) is not mounted into container \(q(container))."
            case .hostPathOK(let count):
                return "\(plural(count, "hostPath volume")) as asked."
            }
        }
    }
}

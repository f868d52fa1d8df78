import PodGradeYAML
import PodGradeKubernetes

/// volume.shared: the named volume, of the asked type, is mounted by every listed container.
struct VolumeSharedRule: Rule {
    let id = "volume.shared"
    let doc = RuleDoc(
        title: LocalizedText(ru: "Общий volume", en: "A shared volume"),
        explanation: LocalizedText(
            ru: "Контейнеры POD обмениваются файлами через общий volume: он объявляется один раз в spec.volumes и монтируется (volumeMounts) в каждый контейнер, которому нужны эти данные, — возможно, по разным путям. emptyDir живёт столько же, сколько POD.",
            en: "The containers of a pod exchange files through a shared volume: declared once under spec.volumes and mounted (volumeMounts) into every container that needs the data, possibly at different paths. An emptyDir lives as long as the pod."),
        section: "Общие Volumes в много-контейнерных PODs")
    let params = [ParamSpec("volume", .string), ParamSpec("type", .string), ParamSpec("mounts", .mountList, required: true)]
    let examples = [
        RuleExample(examplePodHeader + "spec:\n  containers:\n  - name: a\n    image: nginx\n    volumeMounts: [{name: data, mountPath: /a}]\n  - name: b\n    image: busybox\n    volumeMounts: [{name: data, mountPath: /b/}]\n  volumes:\n  - name: data\n    emptyDir: {}\n",
                    params: "{volume: data, type: emptyDir, mounts: [{container: a, path: /a}, {container: b, path: /b}]}", passes: true),
        RuleExample(examplePodHeader + "spec:\n  containers:\n  - name: a\n    image: nginx\n    volumeMounts: [{name: data, mountPath: /a}]\n  - name: b\n    image: busybox\n  volumes:\n  - name: data\n    emptyDir: {}\n",
                    params: "{volume: data, mounts: [{container: a}, {container: b}]}", passes: false),
    ]

    func check(_ context: CheckContext, _ params: Params) throws(RuleStop) -> Outcome {
        guard let pod = context.pod else { return .skip(.skippedNoWorkload) }
        let wanted = params.mounts("mounts") ?? []
        var containers: [Container] = []
        for mount in wanted {
            containers.append(try context.container(mount.container))
        }
        let type = params.string("type")
        let names = containers.map(\.displayName)
        // The volume to examine: the named one, else the one most listed containers share.
        let volumeName: String
        if let named = params.string("volume") {
            volumeName = named
        } else {
            let candidates = pod.volumes.compactMap { volume -> (String, Int)? in
                guard let name = volume.name?.value, type == nil || volume.type == type else { return nil }
                return (name, containers.filter { !PodQueries.mounts(of: name, in: $0).isEmpty }.count)
            }
            guard let best = candidates.max(by: { $0.1 < $1.1 }), best.1 > 0 else {
                return .fail([context.podFinding(.noSharedVolume(containers: names))])
            }
            volumeName = best.0
        }
        guard let volume = pod.volume(named: volumeName) else {
            return .fail([context.podFinding(.volumeMissing(name: volumeName))])
        }
        var findings: [Finding] = []
        if let type, volume.type != type {
            findings.append(context.finding(.volumeTypeWrong(name: volumeName, expected: type, found: volume.type ?? volume.sources.first?.value),
                                            mark: volume.sources.first?.mark ?? volume.mark, path: volume.sources.first?.path ?? volume.path))
        }
        for (container, mount) in zip(containers, wanted) {
            let mounts = PodQueries.mounts(of: volumeName, in: container)
            guard !mounts.isEmpty else {
                findings.append(context.finding(.volumeNotMounted(volume: volumeName, container: container.displayName),
                                                mark: container.volumeMounts.first?.mark ?? container.nameMark,
                                                path: container.volumeMounts.isEmpty ? container.path : container.path + ".volumeMounts"))
                continue
            }
            if let expected = mount.path {
                let normalized = Paths.normalize(expected)
                if !mounts.contains(where: { $0.mountPath.map { Paths.normalize($0.value) } == normalized }) {
                    let at = mounts[0].mountPath
                    findings.append(context.finding(.mountPathWrong(volume: volumeName, container: container.displayName, expected: expected,
                                                                    found: at?.value ?? "—"), mark: at?.mark ?? mounts[0].mark, path: at?.path ?? mounts[0].path))
                }
            }
        }
        return findings.isEmpty ? .pass(.volumeSharedOK(volume: volumeName, containers: names)) : .fail(findings)
    }
}

/// volume.readonly: the mounts that must be read-only are.
struct VolumeReadOnlyRule: Rule {
    let id = "volume.readonly"
    let doc = RuleDoc(
        title: LocalizedText(ru: "Монтирование только для чтения", en: "Read-only mounts"),
        explanation: LocalizedText(
            ru: "Контейнер, которому данные общего volume нужны только для чтения (сборщик логов, агент мониторинга), монтирует его с readOnly: true: так он не испортит данные соседа, а hostPath — файлы узла.",
            en: "A container that only reads a shared volume (a log collector, a monitoring agent) mounts it with readOnly: true, so it cannot damage its neighbour's data, nor, with hostPath, the node's files."),
        section: "Общие Volumes в много-контейнерных PODs")
    let params = [ParamSpec("container", .string, required: true), ParamSpec("volume", .string), ParamSpec("type", .string)]
    let examples = [
        RuleExample(examplePodHeader + "spec:\n  containers:\n  - name: agent\n    image: fluentd\n    volumeMounts: [{name: logs, mountPath: /logs, readOnly: true}]\n  volumes:\n  - name: logs\n    emptyDir: {}\n",
                    params: "{container: agent, volume: logs}", passes: true),
        RuleExample(examplePodHeader + "spec:\n  containers:\n  - name: agent\n    image: fluentd\n    volumeMounts: [{name: logs, mountPath: /logs}]\n  volumes:\n  - name: logs\n    emptyDir: {}\n",
                    params: "{container: agent, volume: logs}", passes: false),
    ]

    func check(_ context: CheckContext, _ params: Params) throws(RuleStop) -> Outcome {
        guard let pod = context.pod else { return .skip(.skippedNoWorkload) }
        let container = try context.container(params.string("container"))
        let volumeName = params.string("volume")
        let type = params.string("type")
        let mounts = container.volumeMounts.filter { mount in
            guard let name = mount.name?.value else { return false }
            if let volumeName, name != volumeName { return false }
            if let type, pod.volume(named: name)?.type != type { return false }
            return true
        }
        guard !mounts.isEmpty else {
            return .fail([context.finding(.noMatchingMounts(container: container.displayName), mark: container.nameMark, path: container.path)])
        }
        let findings = mounts.filter { !$0.isReadOnly }.map { mount in
            context.finding(.mountNotReadOnly(container: container.displayName, volume: mount.name?.value ?? "",
                                              mountPath: mount.mountPath?.value ?? ""),
                            mark: mount.readOnly?.mark ?? mount.mark, path: mount.readOnly?.path ?? mount.path)
        }
        return findings.isEmpty ? .pass(.readOnlyOK(container: container.displayName, mounts: mounts.count)) : .fail(findings)
    }
}

/// volume.hostpath: hostPath volumes with the asked host paths.
struct VolumeHostPathRule: Rule {
    let id = "volume.hostpath"
    let doc = RuleDoc(
        title: LocalizedText(ru: "Volumes типа hostPath", en: "hostPath volumes"),
        explanation: LocalizedText(
            ru: "hostPath монтирует в контейнер каталог самого узла. Так агент мониторинга (cAdvisor) видит файловую систему узла, /var/run, /sys и /var/lib/docker; такие монтирования делают только для чтения.",
            en: "hostPath mounts a directory of the node itself into a container. That is how a monitoring agent (cAdvisor) sees the node's filesystem, /var/run, /sys and /var/lib/docker; such mounts are read-only."),
        section: "Типы Volumes для совместного использования")
    let params = [ParamSpec("container", .string), ParamSpec("paths", .stringList, required: true)]
    let examples = [
        RuleExample(examplePodHeader + "spec:\n  containers:\n  - name: agent\n    image: cadvisor\n    volumeMounts: [{name: sys, mountPath: /sys, readOnly: true}]\n  volumes:\n  - name: sys\n    hostPath: {path: /sys}\n",
                    params: "{container: agent, paths: [/sys]}", passes: true),
        RuleExample(examplePodHeader + "spec:\n  containers:\n  - name: agent\n    image: cadvisor\n  volumes:\n  - name: sys\n    emptyDir: {}\n",
                    params: "{paths: [/sys]}", passes: false),
    ]

    func check(_ context: CheckContext, _ params: Params) throws(RuleStop) -> Outcome {
        guard let pod = context.pod else { return .skip(.skippedNoWorkload) }
        var container: Container?
        if let name = params.string("container") {
            container = try context.container(name)
        }
        var findings: [Finding] = []
        let paths = params.strings("paths") ?? []
        for path in paths {
            let normalized = Paths.normalize(path)
            guard let volume = pod.volumes.first(where: { $0.hostPath.map { Paths.normalize($0.value) } == normalized }) else {
                findings.append(context.podFinding(.hostPathMissing(path: path)))
                continue
            }
            if let container, let name = volume.name?.value, PodQueries.mounts(of: name, in: container).isEmpty {
                findings.append(context.finding(.hostPathNotMounted(path: path, container: container.displayName),
                                                mark: volume.hostPath?.mark ?? volume.mark, path: volume.hostPath?.path ?? volume.path))
            }
        }
        return findings.isEmpty ? .pass(.hostPathOK(count: paths.count)) : .fail(findings)
    }
}

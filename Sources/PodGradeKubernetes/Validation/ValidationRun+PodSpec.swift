import PodGradeYAML

/// The pod spec: restart policy, enums, volumes (ValidatePodSpec, ValidateVolumes).
extension ValidationRun {

    /// The pod spec's path and the mapping that should hold it, when only the
    /// spec itself is missing (a missing template is the schema's to report).
    func podSpecLocation() -> (path: String, mark: Mark)? {
        let keys = WorkloadDecoder.podSpecPaths[workload.kind] ?? []
        var node: Node? = workload.node
        var path = workload.path
        for key in keys.dropLast() {
            node = node?[key]
            path = Self.join(path, key)
        }
        guard let parent = node, parent.mapping != nil, let last = keys.last else { return nil }
        if let spec = parent[last], !spec.isNull { return nil } // there, but not an object: a schema error
        return (Self.join(path, last), parent.mark)
    }

    func podSpecNode() -> Node? {
        var node: Node? = workload.node
        for key in WorkloadDecoder.podSpecPaths[workload.kind] ?? [] { node = node?[key] }
        return node
    }

    mutating func validatePod() {
        guard let pod = workload.pod else {
            if let location = podSpecLocation() {
                error(.required, Self.join(location.path, "containers"), location.mark)
                validateRestartPolicy(nil, specPath: location.path, specMark: location.mark)
            }
            return
        }
        let raw = podSpecNode()
        let volumeNames = validateVolumes(pod, raw: raw)

        if pod.containers.isEmpty {
            let node = raw?["containers"]
            let present = node != nil && node?.isNull == false
            // An empty list is the API's "Required value"; another type is the schema's to report.
            if !present || node?.sequence != nil {
                error(.required, Self.join(pod.path, "containers"), node?.sequence != nil ? (node?.mark ?? pod.mark) : pod.mark)
            }
        }
        var names: Set<String> = []
        for container in pod.containers {
            validateContainer(container, volumeNames: volumeNames, hostNetwork: pod.hostNetwork)
            if let name = container.name, !name.value.isEmpty {
                if names.contains(name.value) { error(.duplicate(name.value), name.path, name.mark) }
                names.insert(name.value)
            }
            if let policy = container.restartPolicy {
                error(.forbidden(.restartPolicyOnAppContainer), policy.path, policy.mark)
            }
        }
        for container in pod.initContainers {
            validateContainer(container, volumeNames: volumeNames, hostNetwork: pod.hostNetwork)
            if let name = container.name, !name.value.isEmpty {
                if names.contains(name.value) { error(.duplicate(name.value), name.path, name.mark) }
                names.insert(name.value)
            }
            if let policy = container.restartPolicy, policy.value != "Always" {
                error(.notSupported(policy.value, supported: ["Always"]), policy.path, policy.mark)
            }
        }
        checkHostPorts(pod.containers)
        for container in pod.initContainers { checkHostPorts([container]) }
        validateRestartPolicy(pod.restartPolicy, specPath: pod.path, specMark: pod.mark)
        checkEnum(raw?["dnsPolicy"], Self.join(pod.path, "dnsPolicy"), ["ClusterFirst", "ClusterFirstWithHostNet", "Default", "None"])
        warnDuplicatePorts(pod)
    }

    /// A string field with a fixed set of values (validatePullPolicy, validateDNSPolicy, ...).
    mutating func checkEnum(_ node: Node?, _ path: String, _ supported: [String]) {
        guard let node, let value = node.string, !value.isEmpty, !supported.contains(value) else { return }
        error(.notSupported(value, supported: supported), path, node.mark)
    }

    mutating func validateRestartPolicy(_ policy: Located<String>?, specPath: String, specMark: Mark) {
        let supported: [String]
        switch workload.kind {
        case "Pod", "PodTemplate": supported = ["Always", "OnFailure", "Never"]
        case "Job", "CronJob": supported = ["OnFailure", "Never"]
        default: supported = ["Always"]
        }
        // Absent, the API defaults it to Always.
        let value = policy?.value ?? "Always"
        if !supported.contains(value) {
            error(.notSupported(value, supported: supported), policy?.path ?? Self.join(specPath, "restartPolicy"),
                  policy?.mark ?? specMark)
        }
    }

    // MARK: Volumes

    mutating func validateVolumes(_ pod: PodSpec, raw: Node?) -> Set<String> {
        var names: Set<String> = []
        // A StatefulSet's claim templates become volumes of its pods (ValidatePodTemplateSpecForStatefulSet).
        if workload.kind == "StatefulSet" {
            for claim in workload.node["spec"]?["volumeClaimTemplates"]?.sequence ?? [] {
                if let name = claim["metadata"]?["name"]?.string { names.insert(name) }
            }
        }
        let claimNames = names
        let rawVolumes = raw?["volumes"]?.sequence ?? []
        for volume in pod.volumes {
            if let name = volume.name {
                if name.value.isEmpty {
                    error(.required, name.path, name.mark)
                } else if !NameRules.isDNS1123Label(name.value) {
                    error(.invalid(name.value, .dns1123Label), name.path, name.mark)
                }
                if names.contains(name.value) && !claimNames.contains(name.value) {
                    error(.duplicate(name.value), name.path, name.mark)
                }
                names.insert(name.value)
            } else if volume.index < rawVolumes.count, rawVolumes[volume.index]["name"]?.isNull ?? true {
                error(.required, Self.join(volume.path, "name"), volume.mark)
            }
            let sources = volume.sources.filter { SchemaTable.volumeSources.contains($0.value) }
            if sources.isEmpty {
                error(.forbidden(.noVolumeType), volume.path, volume.mark)
            }
            for extra in sources.dropFirst() {
                error(.forbidden(.moreThanOneVolumeType), extra.path, extra.mark)
            }
            let rawVolume = volume.index < rawVolumes.count ? rawVolumes[volume.index] : nil
            switch sources.first?.value {
            case "hostPath": validateHostPath(volume, raw: rawVolume)
            case "configMap": requireName(rawVolume?["configMap"], "name", Self.join(volume.path, "configMap"))
            case "secret": requireName(rawVolume?["secret"], "secretName", Self.join(volume.path, "secret"))
            default: break
            }
        }
        return names
    }

    /// ValidateConfigMapVolumeSource / ValidateSecretVolumeSource: the object's name is required.
    mutating func requireName(_ source: Node?, _ key: String, _ path: String) {
        guard let source, source.mapping != nil else { return }
        let name = source[key]
        if name?.string?.isEmpty ?? (name == nil || name?.isNull == true) {
            error(.required, Self.join(path, key), name?.string != nil ? (name?.mark ?? source.mark) : source.mark)
        }
    }

    private static let hostPathTypes = ["", "BlockDevice", "CharDevice", "Directory", "DirectoryOrCreate",
                                        "File", "FileOrCreate", "Socket"]

    mutating func validateHostPath(_ volume: Volume, raw: Node?) {
        guard let source = raw?["hostPath"], source.mapping != nil else { return }
        let path = Self.join(volume.path, "hostPath")
        if let hostPath = volume.hostPath {
            if hostPath.value.isEmpty {
                error(.required, hostPath.path, hostPath.mark)
            } else if Self.hasBacktrack(hostPath.value) {
                error(.invalid(hostPath.value, .subPathBacktrack), hostPath.path, hostPath.mark)
            }
        } else if source["path"]?.isNull ?? true {
            error(.required, Self.join(path, "path"), source.mark)
        }
        if let type = source["type"], let value = type.string, !Self.hostPathTypes.contains(value) {
            error(.notSupported(value, supported: Array(Self.hostPathTypes.dropFirst())), Self.join(path, "type"), type.mark)
        }
    }

    static func hasBacktrack(_ path: String) -> Bool {
        path.split(separator: "/", omittingEmptySubsequences: false).contains { $0 == ".." }
            || path.split(separator: "\\", omittingEmptySubsequences: false).contains { $0 == ".." }
    }
}

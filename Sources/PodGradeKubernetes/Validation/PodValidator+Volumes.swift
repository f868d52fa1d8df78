import PodGradeYAML

/// The pod spec's volumes (ValidatePodSpec's volume part).
extension ValidationRun {
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
                validateName(name, .dns1123Label, NameRules.isDNS1123Label)
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
        // Over bytes (`/`, `\` and `.` are ASCII), each separator on its own as Kubernetes splits.
        path.utf8.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false).contains { $0.elementsEqual("..".utf8) }
            || path.utf8.split(separator: UInt8(ascii: "\\"), omittingEmptySubsequences: false).contains { $0.elementsEqual("..".utf8) }
    }
}

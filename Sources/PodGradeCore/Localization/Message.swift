public import PodGradeYAML
public import PodGradeKubernetes

/// Every message a check can give, as a key with parameters. Rendering into
/// Russian and English lives in `Message+ru.swift` and `Message+en.swift`,
/// each an exhaustive switch: a message without a translation does not compile.
public enum Message: Sendable {
    // shared
    case skippedNoWorkload
    case containerMissing(name: String, present: [String])

    // yaml.syntax
    case yaml(YAMLError)
    case yamlOK(files: Int)
    case noManifests
    case fileSkipped(path: String, reason: SkipReason)

    // k8s.schema, k8s.valid
    case k8s(K8sIssue)
    case schemaOK
    case validOK
    case validWarnings(count: Int)
    /// `validate`'s closing line: what was checked.
    case validationSummary(files: Int, objects: Int, errors: Int, warnings: Int)

    // pod.found
    case podFound(kind: String, name: String)
    case podNotFound(kinds: [String], name: String)
    case podWrongName(kind: String, expected: String, found: String)
    case podWrongKind(expected: [String], found: String, name: String)

    // pod.metadata
    case namespaceWrong(expected: String, found: String?)
    case labelMissing(key: String, value: String)
    case labelWrong(key: String, expected: String, found: String)
    case metadataOK

    // containers.count
    case containerCountWrong(expected: Int, found: Int)
    case containerCountOK(count: Int)

    // container.spec
    case imageMissing(container: String)
    case imageInvalid(container: String, image: String)
    case imageWrong(container: String, expected: String, found: String)
    case tagWrong(container: String, expected: String, found: String?)
    case commandWrong(container: String, expected: [String], found: [String])
    case runsWrong(container: String, program: String)
    case containerSpecOK(container: String, image: String)

    // container.long-running
    case shellWithoutCommand(container: String, image: String)
    case shellCommandEnds(container: String)
    case longRunningOK(containers: [String])
    case noShellContainers

    // ports.declared
    case portMissing(container: String, port: Int)
    case portNameWrong(container: String, port: Int, expected: String, found: String?)
    case portProtocolWrong(container: String, port: Int, expected: String, found: String)
    case portDeclaredOK(container: String, port: Int)

    // ports.unique
    case portClash(port: Int, protocol: String, container: String, other: String)
    case portsUniqueOK(count: Int)

    // volume.shared
    case volumeMissing(name: String)
    case volumeTypeWrong(name: String, expected: String, found: String?)
    case volumeNotMounted(volume: String, container: String)
    case mountPathWrong(volume: String, container: String, expected: String, found: String)
    case noSharedVolume(containers: [String])
    case volumeSharedOK(volume: String, containers: [String])

    // volume.readonly
    case mountNotReadOnly(container: String, volume: String, mountPath: String)
    case noMatchingMounts(container: String)
    case readOnlyOK(container: String, mounts: Int)

    // volume.hostpath
    case hostPathMissing(path: String)
    case hostPathNotMounted(path: String, container: String)
    case hostPathOK(count: Int)

    // resources.bounds
    case resourceMissing(container: String, section: String, resource: String)
    case resourceWrong(container: String, section: String, resource: String, expected: String, found: String)
    case resourceInvalid(container: String, resource: String, text: String)
    /// resourceWrong when only the unit differs: `64` (bytes) or `128M` for `128Mi`.
    case resourceUnitConfusion(container: String, section: String, resource: String, confusion: UnitConfusion)
    case limitBelowRequest(container: String, resource: String, request: String, limit: String)
    case resourcesOK(container: String)

    // network.localhost
    case noLocalhostReference(container: String)
    case localhostPortUndeclared(container: String, port: Int)
    case localhostOwnPort(container: String, port: Int)
    case localhostWrongTarget(container: String, port: Int, expected: String, owners: [String])
    case localhostOK(from: String, port: Int, to: String)

    // data.flow
    case noWrites(container: String)
    case noReads(container: String)
    case writesOffVolume(container: String, paths: [String])
    case flowMismatch(writer: String, reader: String, writes: [String], reads: [String])
    case flowFileWrong(writer: String, expected: String, writes: [String])
    case dataFlowOK(writer: String, reader: String, volume: String, file: String)

    // role.sidecar
    case sidecarNoSharedVolume(main: String, sidecar: String)
    case mainCannotWrite(main: String, volume: String)
    case sidecarReadsElsewhere(sidecar: String, paths: [String])
    case sidecarTakesPort(sidecar: String, port: Int)
    case sidecarOK(main: String, sidecar: String, volume: String)

    // role.adapter
    case adapterNoInput(main: String, adapter: String)
    case adapterNoOwnPort(adapter: String)
    case adapterPortNameWrong(adapter: String, expected: String)
    case adapterOK(main: String, adapter: String, port: Int)

    // role.ambassador
    case ambassadorNotReached(main: String, ambassador: String)
    case ambassadorPortOnMain(main: String, port: Int)
    case ambassadorOK(main: String, ambassador: String, port: Int)

    // sidecar.native
    case nativeSidecarIsAppContainer(sidecar: String)
    case nativeSidecarRestartPolicy(sidecar: String, found: String?)
    case nativeSidecarNoVolume(main: String, sidecar: String)
    case nativeSidecarOK(sidecar: String)

    // workload.replicas
    case notAWorkload(kind: String)
    case replicasWrong(expected: Int, found: Int?)
    case selectorMismatch
    case replicasOK(replicas: Int)

    // engine
    case unknownRule(String)
    case checkCrashed(String)

    /// The message's key, stable across languages: what tests and scripts match.
    public var key: String {
        if let name = caseName { return name }
        let label = Mirror(reflecting: self).children.first?.label
        return label ?? String(describing: self)
    }

    public func text(_ lang: Lang) -> String {
        switch lang {
        case .ru: return russian
        case .en: return english
        }
    }
}

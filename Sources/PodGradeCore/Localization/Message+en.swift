import PodGradeYAML
import PodGradeKubernetes

extension Message {
    var english: String {
        func q(_ s: String) -> String { "\"\(s)\"" }
        func list(_ items: [String]) -> String { items.isEmpty ? "none" : items.map(q).joined(separator: ", ") }
        func plural(_ n: Int, _ word: String) -> String { n == 1 ? "1 \(word)" : "\(n) \(word)s" }
        switch self {
        case .skippedNoWorkload:
            return "Not checked: the exercise's object must be found first."
        case .containerMissing(let name, let present):
            return "The pod has no container \(q(name)); it has: \(list(present))."
        case .yaml(let error):
            return YAMLErrorText.english(error)
        case .yamlOK(let files):
            return "The YAML reads without errors (\(plural(files, "file")))."
        case .noManifests:
            return "No manifest found (.yaml, .yml, .json)."
        case .fileSkipped(let path, let reason):
            switch reason {
            case .symlink(let target): return "\(path) is a symbolic link (to \(target)); podgrade does not follow links: commit the file itself."
            case .tooLarge(let bytes, let limit): return "\(path) is too large (\(bytes) bytes, limit \(limit)) and was not read."
            case .notRegularFile: return "\(path) is not a regular file (a directory, FIFO or device) and was not read."
            case .directoryNamedLikeManifest: return "\(path) is a directory, not a file: the manifests inside it were read as a folder's."
            case .unreadable(let why): return "\(path) could not be read: \(why)."
            case .submodule: return "\(path) is a git submodule; podgrade does not fetch submodules."
            }
        case .k8s(let issue):
            return K8sIssueText.english(issue)
        case .schemaOK:
            return "Every field is known to Kubernetes and has the right type."
        case .validOK:
            return "Kubernetes accepts this object: API validation passes."
        case .validWarnings(let count):
            return "Kubernetes accepts the object with \(plural(count, "warning"))."
        case .validationSummary(let files, let objects, let errors, let warnings):
            return "\(plural(files, "file")), \(plural(objects, "object")), \(plural(errors, "error"))"
                + (warnings > 0 ? ", \(plural(warnings, "warning"))" : "")
        case .podFound(let kind, let name):
            return "Found \(kind) \(q(name))."
        case .podNotFound(let kinds, let name):
            return "No \(kinds.joined(separator: " or ")) named \(q(name)) was found."
        case .podWrongName(let kind, let expected, let found):
            return "The \(kind) is named \(q(found)) but the exercise asks for \(q(expected)); the other checks ran on it."
        case .podWrongKind(let expected, let found, let name):
            return "\(q(name)) is a \(found) but the exercise asks for a \(expected.joined(separator: " or "))."
        case .namespaceWrong(let expected, let found):
            return found.map { "The namespace is \(q($0)) but must be \(q(expected))." } ?? "No namespace given: it must be \(q(expected))."
        case .labelMissing(let key, let value):
            return "The label \(key): \(value) is missing."
        case .labelWrong(let key, let expected, let found):
            return "The label \(key) is \(q(found)) but must be \(q(expected))."
        case .metadataOK:
            return "Namespace and labels are as asked."
        case .containerCountWrong(let expected, let found):
            return "The pod has \(plural(found, "container")) but needs \(expected)."
        case .containerCountOK(let count):
            return "The pod has \(plural(count, "container")), as asked."
        case .imageMissing(let container):
            return "Container \(q(container)) has no image."
        case .imageInvalid(let container, let image):
            return "Container \(q(container)) has an invalid image reference \(q(image))."
        case .imageWrong(let container, let expected, let found):
            return "Container \(q(container)) runs image \(q(found)) but should run \(q(expected))."
        case .tagWrong(let container, let expected, let found):
            return "Container \(q(container))'s image has tag \(q(found ?? "latest")) but needs \(q(expected))."
        case .commandWrong(let container, let expected, let found):
            return "Container \(q(container))'s command is \(found.joined(separator: " ")) but should be \(expected.joined(separator: " "))."
        case .runsWrong(let container, let program):
            return "Container \(q(container)) should run \(q(program)), but its command does not."
        case .containerSpecOK(let container, let image):
            return "Container \(q(container)) with image \(q(image)) is in place."
        case .shellWithoutCommand(let container, let image):
            return "Container \(q(container)) (\(image)) has no command: it exits at once and the pod restarts it forever (CrashLoopBackOff)."
        case .shellCommandEnds(let container):
            return "Container \(q(container))'s command ends quickly: the container will be restarted again and again."
        case .longRunningOK(let containers):
            return "Containers \(list(containers)) keep running instead of exiting."
        case .noShellContainers:
            return "No container runs a shell image, so none exits at once."
        case .portMissing(let container, let port):
            return "Container \(q(container)) does not declare containerPort \(port)."
        case .portNameWrong(let container, let port, let expected, let found):
            return found.map { "Port \(port) of \(q(container)) is named \(q($0)) but must be named \(q(expected))." }
                ?? "Port \(port) of \(q(container)) has no name: it needs name: \(expected)."
        case .portProtocolWrong(let container, let port, let expected, let found):
            return "Port \(port) of \(q(container)) uses \(found) but must use \(expected)."
        case .portDeclaredOK(let container, let port):
            return "Container \(q(container)) declares port \(port)."
        case .portClash(let port, let proto, let container, let other):
            return "Port \(port)/\(proto) is declared by both \(q(other)) and \(q(container)): the containers of a pod share one network namespace (localhost), so the second cannot bind it."
        case .portsUniqueOK(let count):
            return "All \(plural(count, "port")) of the pod are unique."
        case .volumeMissing(let name):
            return "The pod has no volume \(q(name))."
        case .volumeTypeWrong(let name, let expected, let found):
            return "Volume \(q(name)) is of type \(q(found ?? "none")) but must be \(q(expected))."
        case .volumeNotMounted(let volume, let container):
            return "Container \(q(container)) does not mount volume \(q(volume)): without it the containers share no data."
        case .mountPathWrong(let volume, let container, let expected, let found):
            return "Container \(q(container)) mounts \(q(volume)) at \(found) but should at \(expected)."
        case .noSharedVolume(let containers):
            return "Containers \(list(containers)) share no volume."
        case .volumeSharedOK(let volume, let containers):
            return "Volume \(q(volume)) is shared by \(list(containers))."
        case .mountNotReadOnly(let container, let volume, let mountPath):
            return "Container \(q(container)) mounts \(q(volume)) at \(mountPath) writable: add readOnly: true."
        case .noMatchingMounts(let container):
            return "Container \(q(container)) has none of the expected mounts."
        case .readOnlyOK(let container, let mounts):
            return "Container \(q(container)): \(plural(mounts, "mount")) read-only."
        case .hostPathMissing(let path):
            return "No hostPath volume with path \(path)."
        case .hostPathNotMounted(let path, let container):
            return "hostPath \(path) is not mounted into container \(q(container))."
        case .hostPathOK(let count):
            return "\(plural(count, "hostPath volume")) as asked."
        case .resourceMissing(let container, let section, let resource):
            return "Container \(q(container)) sets no resources.\(section).\(resource)."
        case .resourceWrong(let container, let section, let resource, let expected, let found):
            return "Container \(q(container)) has resources.\(section).\(resource) = \(found) but needs \(expected)."
        case .resourceUnitConfusion(let container, let section, let resource, let confusion):
            let unit = resource == "cpu" ? "cores" : "bytes"
            switch confusion {
            case .noUnit(let found, let expected, let expectedValue):
                return "Container \(q(container)) has resources.\(section).\(resource) = \(found): a number without a unit counts \(unit), "
                    + "so that is \(found) \(unit), not \(expected) (\(expectedValue) \(unit)) as asked."
            case .decimalBinary(let found, let foundValue, let expected, let expectedValue):
                return "Container \(q(container)) has resources.\(section).\(resource) = \(found), which is \(foundValue) \(unit), "
                    + "but \(expected) (\(expectedValue) \(unit)) is asked: k, M, G count powers of 10, Ki, Mi, Gi powers of 2."
            }
        case .resourceInvalid(let container, let resource, let text):
            return "Container \(q(container))'s \(resource) value \(q(text)) is not a Kubernetes quantity (such as 64Mi, 100m)."
        case .limitBelowRequest(let container, let resource, let request, let limit):
            return "Container \(q(container))'s \(resource) limit (\(limit)) is below its request (\(request))."
        case .resourcesOK(let container):
            return "Container \(q(container))'s resources are as asked."
        case .noLocalhostReference(let container):
            return "Container \(q(container)) never reaches localhost:PORT (not in command, args or env)."
        case .localhostPortUndeclared(let container, let port):
            return "Container \(q(container)) reaches localhost:\(port), but no container of the pod declares port \(port)."
        case .localhostOwnPort(let container, let port):
            return "Container \(q(container)) reaches localhost:\(port), but that port is its own, not a neighbour's."
        case .localhostWrongTarget(let container, let port, let expected, let owners):
            return "Container \(q(container)) reaches localhost:\(port), which belongs to \(list(owners)), not to \(q(expected))."
        case .localhostOK(let from, let port, let to):
            return "\(q(from)) reaches \(q(to)) through localhost:\(port)."
        case .noWrites(let container):
            return "Container \(q(container)) writes no file that can be seen (>, >>, tee, touch, cp)."
        case .noReads(let container):
            return "Container \(q(container)) reads no file that can be seen (cat, tail, head, grep)."
        case .writesOffVolume(let container, let paths):
            return "Container \(q(container)) writes to \(paths.joined(separator: ", ")), which is not on a shared volume: its neighbour cannot see it."
        case .flowMismatch(let writer, let reader, let writes, let reads):
            return "\(q(writer)) writes \(writes.joined(separator: ", ")) while \(q(reader)) reads \(reads.joined(separator: ", ")): different files."
        case .flowFileWrong(let writer, let expected, let writes):
            return "\(q(writer)) should write \(expected) but writes \(writes.joined(separator: ", "))."
        case .dataFlowOK(let writer, let reader, let volume, let file):
            return "\(q(reader)) reads what \(q(writer)) writes to \(q(volume)) (\(file))."
        case .sidecarNoSharedVolume(let main, let sidecar):
            return "Sidecar \(q(sidecar)) shares no volume with \(q(main)): it has nothing to work on."
        case .mainCannotWrite(let main, let volume):
            return "\(q(main)) mounts \(q(volume)) read-only and cannot write there."
        case .sidecarReadsElsewhere(let sidecar, let paths):
            return "Sidecar \(q(sidecar)) reads \(paths.joined(separator: ", ")), not from the shared volume."
        case .sidecarTakesPort(let sidecar, let port):
            return "Sidecar \(q(sidecar)) takes the main container's port \(port)."
        case .sidecarOK(let main, let sidecar, let volume):
            return "Sidecar \(q(sidecar)) works on \(q(main))'s data through shared volume \(q(volume))."
        case .adapterNoInput(let main, let adapter):
            return "Adapter \(q(adapter)) gets nothing from \(q(main)): no shared volume \(q(main)) writes to, and no localhost call to its port."
        case .adapterNoOwnPort(let adapter):
            return "Adapter \(q(adapter)) declares no port of its own, distinct from the main container's."
        case .adapterPortNameWrong(let adapter, let expected):
            return "Adapter \(q(adapter)) has no port named \(q(expected))."
        case .adapterOK(let main, let adapter, let port):
            return "Adapter \(q(adapter)) takes \(q(main))'s output and serves it on its own port \(port)."
        case .ambassadorNotReached(let main, let ambassador):
            return "\(q(main)) does not reach localhost:PORT on a port that ambassador \(q(ambassador)) declares."
        case .ambassadorPortOnMain(let main, let port):
            return "Port \(port) is declared by \(q(main)) itself: the ambassador should listen on it instead."
        case .ambassadorOK(let main, let ambassador, let port):
            return "\(q(main)) goes out through ambassador \(q(ambassador)) at localhost:\(port)."
        case .nativeSidecarIsAppContainer(let sidecar):
            return "\(q(sidecar)) is listed in containers; a native sidecar is an initContainer with restartPolicy: Always."
        case .nativeSidecarRestartPolicy(let sidecar, let found):
            return found.map { "initContainer \(q(sidecar)) has restartPolicy: \($0) but needs Always." }
                ?? "initContainer \(q(sidecar)) lacks restartPolicy: Always — without it, it is a plain init container and the pod waits for it to exit."
        case .nativeSidecarNoVolume(let main, let sidecar):
            return "Native sidecar \(q(sidecar)) shares no volume with \(q(main))."
        case .nativeSidecarOK(let sidecar):
            return "\(q(sidecar)) is a native sidecar (an initContainer with restartPolicy: Always)."
        case .notAWorkload(let kind):
            return "A \(kind) does not manage replicas: a Deployment is needed."
        case .replicasWrong(let expected, let found):
            return "replicas is \(found.map(String.init) ?? "not set (1)") but must be \(expected)."
        case .selectorMismatch:
            return "spec.selector does not match the template's labels: the Deployment would not find its pods."
        case .replicasOK(let replicas):
            return "\(plural(replicas, "replica")), and the selector matches the template's labels."
        case .unknownRule(let rule):
            return "Unknown rule \(q(rule))."
        case .checkCrashed(let detail):
            return "The check could not run: \(detail)."
        }
    }
}

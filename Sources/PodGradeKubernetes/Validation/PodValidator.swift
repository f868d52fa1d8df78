import PodGradeYAML

/// Rule k8s.valid: Kubernetes API validation over the typed model, after
/// k8s.io/kubernetes pkg/apis/core/validation (ValidatePodSpec and friends),
/// pkg/apis/apps/validation and pkg/apis/batch/validation, plus the pod
/// warnings of pkg/api/pod/warnings.go (severity .warning).
public enum PodValidator {
    public static func validate(_ workload: Workload) -> [K8sIssue] {
        var v = ValidationRun(workload: workload)
        v.run()
        return v.issues
    }
}

private struct ValidationRun {
    let workload: Workload
    var issues: [K8sIssue] = []

    init(workload: Workload) {
        self.workload = workload
    }

    mutating func error(_ problem: K8sIssue.Problem, _ path: String, _ mark: Mark) {
        issues.append(K8sIssue(.valid, problem, path: path, mark: mark))
    }

    mutating func warning(_ problem: K8sIssue.Problem, _ path: String, _ mark: Mark) {
        issues.append(K8sIssue(.valid, problem, path: path, mark: mark, severity: .warning))
    }

    static func join(_ base: String, _ key: String) -> String { base.isEmpty ? key : base + "." + key }

    mutating func run() {
        validateMetadata()
        validateOwner()
        validatePod()
    }

    // MARK: - Metadata

    mutating func validateMetadata() {
        let metaPath = Self.join(workload.path, "metadata")
        let metadata = workload.node["metadata"]
        if let name = workload.name {
            if name.value.isEmpty {
                if metadata?["generateName"]?.string?.isEmpty ?? true {
                    error(.required, name.path, name.mark)
                }
            } else if !NameRules.isDNS1123Subdomain(name.value) {
                error(.invalid(name.value, .dns1123Subdomain), name.path, name.mark)
            }
        } else if metadata?["generateName"]?.string?.isEmpty ?? true {
            error(.required, Self.join(metaPath, "name"), workload.metadataMark)
        }
        if let namespace = workload.namespace, !namespace.value.isEmpty, !NameRules.isDNS1123Label(namespace.value) {
            error(.invalid(namespace.value, .dns1123Label), namespace.path, namespace.mark)
        }
        validateLabels(metadata?["labels"], Self.join(metaPath, "labels"))
    }

    /// Label keys must be qualified names, values valid label values (ValidateLabels).
    mutating func validateLabels(_ node: Node?, _ path: String) {
        for pair in node?.mapping ?? [] {
            let entryPath = Self.join(path, pair.key)
            if !NameRules.isQualifiedName(pair.key) {
                error(.invalid(pair.key, .labelKey), entryPath, pair.keyNode.mark)
            }
            if let value = pair.value.string, !NameRules.isLabelValue(value) {
                error(.invalid(value, .labelValue), entryPath, pair.value.mark)
            }
        }
    }

    // MARK: - Owners

    private static let appsKinds: Set<String> = ["Deployment", "ReplicaSet", "StatefulSet", "DaemonSet"]

    mutating func validateOwner() {
        let kind = workload.kind
        guard kind != "Pod", kind != "PodTemplate" else { return }
        let specPath = Self.join(workload.path, "spec")
        let spec = workload.node["spec"]
        let specMark = spec?.mark ?? workload.mark
        if let replicas = workload.replicas, replicas.value < 0 {
            error(.invalid(String(replicas.value), .nonNegative), replicas.path, replicas.mark)
        }
        let template = spec?["template"]
        let templateLabelsNode = template?["metadata"]?["labels"]
        let labelsPath = Self.join(specPath, "template.metadata.labels")
        let labelsMark = templateLabelsNode?.mark ?? workload.templateMetadataMark ?? template?.mark ?? specMark
        var templateLabels: [String: String] = [:]
        for label in workload.templateLabels ?? [] { templateLabels[label.key] = label.value.value }
        if spec != nil, template != nil {
            validateLabels(templateLabelsNode, labelsPath)
        }

        if Self.appsKinds.contains(kind) {
            guard spec?.mapping != nil else { return }
            guard let selector = workload.selector else {
                if spec?["selector"] == nil || spec?["selector"]?.isNull == true {
                    error(.required, Self.join(specPath, "selector"), specMark)
                }
                return
            }
            validateSelector(selector)
            if selector.matchLabels.isEmpty && selector.matchExpressions.isEmpty {
                error(.forbidden(.emptySelector(kind: kind)), selector.path, selector.mark)
            } else if template != nil, !selector.matches(templateLabels) {
                error(.invalid(Self.render(templateLabels), .selectorMismatch), labelsPath, labelsMark)
            }
        } else if kind == "ReplicationController" {
            // A plain map; when empty, the API defaults it to the template's labels.
            let selector = workload.selector?.matchLabels ?? []
            validateLabels(spec?["selector"], Self.join(specPath, "selector"))
            if selector.isEmpty && templateLabels.isEmpty && spec?.mapping != nil {
                error(.required, Self.join(specPath, "selector"), specMark)
            } else if !selector.isEmpty, template != nil,
                      !selector.allSatisfy({ templateLabels[$0.key] == $0.value.value }) {
                error(.invalid(Self.render(templateLabels), .selectorMismatch), labelsPath, labelsMark)
            }
        }
    }

    mutating func validateSelector(_ selector: LabelSelector) {
        for label in selector.matchLabels {
            if !NameRules.isQualifiedName(label.key) {
                error(.invalid(label.key, .labelKey), label.value.path, label.value.mark)
            }
            if !NameRules.isLabelValue(label.value.value) {
                error(.invalid(label.value.value, .labelValue), label.value.path, label.value.mark)
            }
        }
        for requirement in selector.matchExpressions {
            switch requirement.op {
            case "In", "NotIn":
                if requirement.values.isEmpty {
                    error(.required, Self.join(requirement.path, "values"), requirement.mark)
                }
            case "Exists", "DoesNotExist":
                if !requirement.values.isEmpty {
                    error(.forbidden(.valuesWithExistsOperator),
                          Self.join(requirement.path, "values"), requirement.mark)
                }
            default:
                error(.notSupported(requirement.op, supported: ["DoesNotExist", "Exists", "In", "NotIn"]),
                      Self.join(requirement.path, "operator"), requirement.mark)
            }
        }
    }

    /// Labels as the API prints a map value: JSON with sorted keys.
    static func render(_ labels: [String: String]) -> String {
        let body = labels.keys.sorted().map { key in "\(quote(key)):\(quote(labels[key] ?? ""))" }
        return "{" + body.joined(separator: ",") + "}"
    }

    static func quote(_ s: String) -> String {
        var out = "\""
        for c in s.unicodeScalars {
            switch c {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            default: out.unicodeScalars.append(c)
            }
        }
        return out + "\""
    }

    // MARK: - Pod spec

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

    // MARK: Containers

    mutating func validateContainer(_ container: Container, volumeNames: Set<String>, hostNetwork: Bool) {
        if let name = container.name {
            if name.value.isEmpty {
                error(.required, name.path, name.mark)
            } else if !NameRules.isDNS1123Label(name.value) {
                error(.invalid(name.value, .dns1123Label), name.path, name.mark)
            }
        } else {
            error(.required, Self.join(container.path, "name"), container.mark)
        }
        if let image = container.image, !image.value.isEmpty {
            // Only a Pod's images: templates keep " " as a placeholder some tools fill in.
            if workload.isPod, image.value != image.value.trimmingWhitespace() {
                error(.invalid(image.value, .imageWhitespace), image.path, image.mark)
            }
        } else {
            error(.required, container.image?.path ?? Self.join(container.path, "image"), container.image?.mark ?? container.mark)
        }
        validateProbesAndLifecycle(container)
        if let raw = rawContainer(container) {
            checkEnum(raw["imagePullPolicy"], Self.join(container.path, "imagePullPolicy"), ["Always", "IfNotPresent", "Never"])
            checkEnum(raw["terminationMessagePolicy"], Self.join(container.path, "terminationMessagePolicy"), ["File", "FallbackToLogsOnError"])
        }
        validatePorts(container, hostNetwork: hostNetwork)
        validateEnv(container)
        validateMounts(container, volumeNames: volumeNames)
        if let resources = container.resources { validateResources(resources) }
    }

    /// The container's own node, for the fields the model does not carry.
    func rawContainer(_ container: Container) -> Node? {
        let list = podSpecNode()?[container.role == .app ? "containers" : "initContainers"]?.sequence ?? []
        return container.index < list.count ? list[container.index] : nil
    }

    private static let probeHandlers = ["exec", "httpGet", "tcpSocket", "grpc"]
    private static let lifecycleHandlers = ["exec", "httpGet", "tcpSocket", "sleep"]

    /// validateInitContainers: probes and lifecycle only on sidecars; validateProbe /
    /// validateHandler: exactly one handler a probe or hook.
    mutating func validateProbesAndLifecycle(_ container: Container) {
        guard let raw = rawContainer(container), raw.mapping != nil else { return }
        for field in ["lifecycle", "livenessProbe", "readinessProbe", "startupProbe"] {
            guard let pair = raw.pair(field), !pair.value.isNull else { continue }
            let path = Self.join(container.path, field)
            if container.role == .initContainer, !container.isNativeSidecar {
                error(.forbidden(.probeOnInitContainer), path, pair.keyNode.mark)
                continue
            }
            if field == "lifecycle" {
                for hook in ["postStart", "preStop"] {
                    if let handler = pair.value[hook], handler.mapping != nil {
                        validateHandler(handler, Self.join(path, hook), Self.lifecycleHandlers)
                    }
                }
            } else if pair.value.mapping != nil {
                validateHandler(pair.value, path, Self.probeHandlers)
                if field != "readinessProbe", let threshold = pair.value["successThreshold"], let value = threshold.int, value != 1 {
                    error(.forbidden(.successThresholdNotOne), Self.join(path, "successThreshold"), threshold.mark)
                }
            }
        }
    }

    mutating func validateHandler(_ node: Node, _ path: String, _ kinds: [String]) {
        var count = 0
        for pair in node.mapping ?? [] where kinds.contains(pair.key) && !pair.value.isNull {
            count += 1
            if count > 1 {
                error(.forbidden(.moreThanOneHandler), Self.join(path, pair.key), pair.keyNode.mark)
            }
        }
        if count == 0 {
            error(.required, path, node.mark)
        }
    }

    mutating func validatePorts(_ container: Container, hostNetwork: Bool) {
        var names: Set<String> = []
        for port in container.ports {
            if let name = port.name, !name.value.isEmpty {
                if !NameRules.isIANAServiceName(name.value) {
                    error(.invalid(name.value, .ianaServiceName), name.path, name.mark)
                } else if names.contains(name.value) {
                    error(.duplicate(name.value), name.path, name.mark)
                } else {
                    names.insert(name.value)
                }
            }
            if let containerPort = port.containerPort, containerPort.value != 0 {
                if !(1...65535).contains(containerPort.value) {
                    error(.invalid(String(containerPort.value), .portRange), containerPort.path, containerPort.mark)
                }
            } else {
                error(.required, port.containerPort?.path ?? Self.join(port.path, "containerPort"), port.containerPort?.mark ?? port.mark)
            }
            if let hostPort = port.hostPort, hostPort.value != 0 {
                if !(1...65535).contains(hostPort.value) {
                    error(.invalid(String(hostPort.value), .portRange), hostPort.path, hostPort.mark)
                } else if hostNetwork, let containerPort = port.containerPort, containerPort.value != hostPort.value {
                    error(.forbidden(.hostPortNotContainerPort), hostPort.path, hostPort.mark)
                }
            }
            if let proto = port.protocol {
                if proto.value.isEmpty {
                    error(.required, proto.path, proto.mark)
                } else if !["TCP", "UDP", "SCTP"].contains(proto.value) {
                    error(.notSupported(proto.value, supported: ["SCTP", "TCP", "UDP"]), proto.path, proto.mark)
                }
            }
        }
    }

    /// AccumulateUniqueHostPorts: one hostIP/protocol/hostPort a pod (app containers
    /// together, each init container on its own, as they run one at a time).
    mutating func checkHostPorts(_ containers: [Container]) {
        var seen: Set<String> = []
        for container in containers {
            for port in container.ports {
                guard let hostPort = port.hostPort, hostPort.value != 0 else { continue }
                let key = "\(port.hostIP?.value ?? "")/\(port.effectiveProtocol)/\(hostPort.value)"
                if seen.contains(key) {
                    error(.duplicate(key), hostPort.path, hostPort.mark)
                } else {
                    seen.insert(key)
                }
            }
        }
    }

    mutating func validateEnv(_ container: Container) {
        for env in container.env {
            if let name = env.name {
                if name.value.isEmpty {
                    error(.required, name.path, name.mark)
                } else if !NameRules.isEnvVarName(name.value) {
                    error(.invalid(name.value, .envVarName), name.path, name.mark)
                }
            } else {
                error(.required, Self.join(env.path, "name"), env.mark)
            }
            if let value = env.value, !value.value.isEmpty, env.hasValueFrom {
                error(.forbidden(.valueFromWithValue),
                      Self.join(env.path, "valueFrom"), env.valueFromMark ?? env.mark)
            }
        }
    }

    mutating func validateMounts(_ container: Container, volumeNames: Set<String>) {
        var mountPaths: Set<String> = []
        for mount in container.volumeMounts {
            if let name = mount.name, !name.value.isEmpty {
                if !volumeNames.contains(name.value) {
                    error(.notFound(name.value), name.path, name.mark)
                }
            } else {
                error(.required, mount.name?.path ?? Self.join(mount.path, "name"), mount.name?.mark ?? mount.mark)
            }
            if let mountPath = mount.mountPath, !mountPath.value.isEmpty {
                if mountPaths.contains(mountPath.value) {
                    error(.duplicate(mountPath.value), mountPath.path, mountPath.mark)
                }
                mountPaths.insert(mountPath.value)
            } else {
                error(.required, mount.mountPath?.path ?? Self.join(mount.path, "mountPath"), mount.mountPath?.mark ?? mount.mark)
            }
            if let subPath = mount.subPath, !subPath.value.isEmpty {
                validateDescendingPath(subPath)
            }
            if let expr = mount.subPathExpr, !expr.value.isEmpty {
                if let subPath = mount.subPath, !subPath.value.isEmpty {
                    error(.forbidden(.subPathAndExpr), expr.path, expr.mark)
                }
                validateDescendingPath(expr)
            }
        }
    }

    /// validateLocalDescendingPath: relative, and never climbing out with `..`.
    mutating func validateDescendingPath(_ path: Located<String>) {
        if path.value.hasPrefix("/") {
            error(.invalid(path.value, .subPathAbsolute), path.path, path.mark)
        }
        if Self.hasBacktrack(path.value) {
            error(.invalid(path.value, .subPathBacktrack), path.path, path.mark)
        }
    }

    private static let containerResources = ["cpu", "ephemeral-storage", "memory"]

    /// ValidateResourceRequirements: standard names, quantities that parse and
    /// are not negative, and a request at most its limit.
    mutating func validateResources(_ resources: Resources) {
        for entry in resources.limits + resources.requests {
            // validateContainerResourceName: a name without a domain must be a standard one.
            if !entry.name.contains("/"), !Self.containerResources.contains(entry.name), !entry.name.hasPrefix("hugepages-") {
                error(.notSupported(entry.name, supported: Self.containerResources), entry.text.path, entry.text.mark)
                continue
            }
            if let quantity = entry.quantity {
                if quantity.isNegative {
                    error(.invalid(entry.text.value, .negative), entry.text.path, entry.text.mark)
                }
            } else {
                let reason = Quantity.unitSuggestion(for: entry.text.value).map(K8sIssue.Reason.quantityUnit) ?? .quantity
                error(.invalid(entry.text.value, reason), entry.text.path, entry.text.mark)
            }
        }
        for request in resources.requests {
            guard let requested = request.quantity, let limit = resources.limit(request.name),
                  let limited = limit.quantity, requested > limited else { continue }
            error(.invalid(request.text.value, .requestAboveLimit(resource: request.name, limit: limit.text.value)),
                  request.text.path, request.text.mark)
        }
    }

    // MARK: Warnings

    /// warningsForPod: two ports with one containerPort and protocol in the
    /// pod (init containers first, as the API visits them).
    static let maxComparedPorts = 64

    mutating func warnDuplicatePorts(_ pod: PodSpec) {
        var seen: [String: [ContainerPort]] = [:]
        for container in pod.initContainers + pod.containers {
            for port in container.ports {
                guard let containerPort = port.containerPort else { continue }
                let key = "\(containerPort.value)/\(port.effectiveProtocol)"
                // One warning per port, naming the first it clashes with: the API warns
                // once per pair, which 10,000 copies of one port make 50 million warnings.
                for other in seen[key] ?? [] {
                    let hostIP = port.hostIP?.value ?? "", otherIP = other.hostIP?.value ?? ""
                    let hostPort = port.hostPort?.value ?? 0, otherPort = other.hostPort?.value ?? 0
                    let clash = (hostIP == otherIP && hostPort == otherPort)
                        || hostPort == 0 || otherPort == 0
                        || (hostPort == otherPort && (hostIP.isEmpty != otherIP.isEmpty))
                    if clash {
                        warning(.duplicatePort(port: Int(containerPort.value), protocol: port.effectiveProtocol, otherPath: other.path),
                                containerPort.path, containerPort.mark)
                        break
                    }
                }
                // Ports compared against are bounded too (hostPort variants of one port are few).
                if (seen[key]?.count ?? 0) < Self.maxComparedPorts { seen[key, default: []].append(port) }
            }
        }
    }
}

extension String {
    func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        return String(scalars[first...last])
    }
}

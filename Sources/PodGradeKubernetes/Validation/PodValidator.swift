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

struct ValidationRun {
    let workload: Workload
    /// The pod spec's own node and its container lists, found once.
    let specNode: Node?
    let containerNodes: [Node]
    let initContainerNodes: [Node]
    var issues: [K8sIssue] = []

    init(workload: Workload) {
        self.workload = workload
        var node: Node? = workload.node
        for key in WorkloadDecoder.podSpecPaths[workload.kind] ?? [] { node = node?[key] }
        specNode = node
        containerNodes = node?["containers"]?.sequence ?? []
        initContainerNodes = node?["initContainers"]?.sequence ?? []
    }

    mutating func error(_ problem: K8sIssue.Problem, _ path: String, _ mark: Mark) {
        issues.append(K8sIssue(.valid, problem, path: path, mark: mark))
    }

    mutating func warning(_ problem: K8sIssue.Problem, _ path: String, _ mark: Mark) {
        issues.append(K8sIssue(.valid, problem, path: path, mark: mark, severity: .warning))
    }

    static func join(_ base: String, _ key: String) -> String { WorkloadDecoder.join(base, key) }

    /// A name that is there: required when empty, otherwise in the format `reason` names (`isValid`).
    mutating func validateName(_ name: Located<String>, _ reason: K8sIssue.Reason, _ isValid: (String) -> Bool) {
        if name.value.isEmpty {
            error(.required, name.path, name.mark)
        } else if !isValid(name.value) {
            error(.invalid(name.value, reason), name.path, name.mark)
        }
    }

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

    mutating func validatePod() {
        guard let pod = workload.pod else {
            if let location = podSpecLocation() {
                error(.required, Self.join(location.path, "containers"), location.mark)
                validateRestartPolicy(nil, specPath: location.path, specMark: location.mark)
            }
            return
        }
        let raw = specNode
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
        checkEnum(raw, "dnsPolicy", in: pod.path, Self.dnsPolicies)
        warnDuplicatePorts(pod)
    }

    /// A string field with a fixed set of values (validatePullPolicy, validateDNSPolicy, ...).
    private static let dnsPolicies = ["ClusterFirst", "ClusterFirstWithHostNet", "Default", "None"]

    /// `parent.key`, when present, is one of `supported` (the path is written only for an error).
    mutating func checkEnum(_ parent: Node?, _ key: String, in parentPath: String, _ supported: [String]) {
        guard let node = parent?[key], let value = node.string, !value.isEmpty, !supported.contains(value) else { return }
        error(.notSupported(value, supported: supported), Self.join(parentPath, key), node.mark)
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
}

extension String {
    /// Whether it starts or ends with white space.
    var hasEdgeWhitespace: Bool {
        guard let first = unicodeScalars.first, let last = unicodeScalars.last else { return false }
        return first.properties.isWhitespace || last.properties.isWhitespace
    }
}

import PodGradeYAML

/// Each container (ports, env, mounts, probes, resources) and the pod warnings.
extension ValidationRun {
    mutating func validateContainer(_ container: Container, volumeNames: Set<String>, hostNetwork: Bool) {
        if let name = container.name {
            validateName(name, .dns1123Label, NameRules.isDNS1123Label)
        } else {
            error(.required, Self.join(container.path, "name"), container.mark)
        }
        if let image = container.image, !image.value.isEmpty {
            // Only a Pod's images: templates keep " " as a placeholder some tools fill in.
            if workload.isPod, image.value.hasEdgeWhitespace {
                error(.invalid(image.value, .imageWhitespace), image.path, image.mark)
            }
        } else {
            error(.required, container.image?.path ?? Self.join(container.path, "image"), container.image?.mark ?? container.mark)
        }
        validateProbesAndLifecycle(container)
        if let raw = rawContainer(container) {
            checkEnum(raw, "imagePullPolicy", in: container.path, Self.pullPolicies)
            checkEnum(raw, "terminationMessagePolicy", in: container.path, Self.terminationMessagePolicies)
        }
        validatePorts(container, hostNetwork: hostNetwork)
        validateEnv(container)
        validateMounts(container, volumeNames: volumeNames)
        if let resources = container.resources { validateResources(resources) }
    }

    /// The container's own node, for the fields the model does not carry.
    func rawContainer(_ container: Container) -> Node? {
        let list = container.role == .app ? containerNodes : initContainerNodes
        return container.index < list.count ? list[container.index] : nil
    }

    private static let pullPolicies = ["Always", "IfNotPresent", "Never"]
    private static let terminationMessagePolicies = ["File", "FallbackToLogsOnError"]
    private static let probeFields = ["lifecycle", "livenessProbe", "readinessProbe", "startupProbe"]
    private static let hooks = ["postStart", "preStop"]
    private static let probeHandlers = ["exec", "httpGet", "tcpSocket", "grpc"]
    private static let lifecycleHandlers = ["exec", "httpGet", "tcpSocket", "sleep"]

    /// validateInitContainers: probes and lifecycle only on sidecars; validateProbe /
    /// validateHandler: exactly one handler a probe or hook.
    mutating func validateProbesAndLifecycle(_ container: Container) {
        guard let raw = rawContainer(container), raw.mapping != nil else { return }
        for field in Self.probeFields {
            guard let pair = raw.pair(field), !pair.value.isNull else { continue }
            let path = Self.join(container.path, field)
            if container.role == .initContainer, !container.isNativeSidecar {
                error(.forbidden(.probeOnInitContainer), path, pair.keyNode.mark)
                continue
            }
            if field == "lifecycle" {
                for hook in Self.hooks {
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
                validateName(name, .envVarName, NameRules.isEnvVarName)
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

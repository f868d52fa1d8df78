public import PodGradeYAML

/// The copy of a learner's Pod that a local runtime can play: the same containers, commands,
/// mounts and volumes, with what only a cluster gives taken out.
/// - `ports` are dropped: the Pod runs with no network but its own localhost, and podman
///   refuses port mappings without one; the declared ports are the model's to compare.
/// - each volume gets a name of this run (podman names an emptyDir's volume after it, so two
///   Pods with a volume `logs` would otherwise share one);
/// - a Deployment's (or other workload's) template becomes the Pod;
/// - `$(NAME)` in `command` and `args` is expanded from the container's literal `env`, as the
///   kubelet does and podman 4.3 does not;
/// - `restartPolicy` is the one asked for (the oracle uses Never, so that an ended container
///   stays ended and its exit code is seen).
public struct PlayableManifest: Sendable {
    public let json: String
    /// The manifest's volume name → the name the runtime gives it.
    public let volumes: [String: String]

    public init?(_ root: Node, name: String, restartPolicy: String?) {
        guard let kind = root["kind"]?.scalar?.text else { return nil }
        let podSpec: Node?
        var labels: Node?
        if kind == "Pod" {
            podSpec = root["spec"]
            labels = root["metadata"]?["labels"]
        } else {
            podSpec = root["spec"]?["template"]?["spec"]
            labels = root["spec"]?["template"]?["metadata"]?["labels"]
        }
        guard let podSpec, let pairs = podSpec.mapping else { return nil }
        var volumes: [String: String] = [:]
        for volume in podSpec["volumes"]?.sequence ?? [] {
            if let v = volume["name"]?.scalar?.text { volumes[v] = name + "-" + v }
        }
        var spec: [(String, JSON)] = []
        for pair in pairs {
            switch pair.key {
            case "containers", "initContainers":
                spec.append((pair.key, .array((pair.value.sequence ?? []).map { Self.container($0, volumes: volumes) })))
            case "volumes":
                spec.append((pair.key, .array((pair.value.sequence ?? []).map { v in
                    Self.renamed(v, key: "name") { volumes[$0] ?? $0 }
                })))
            case "restartPolicy" where restartPolicy != nil:
                continue
            // Cluster-only settings a local runtime cannot honour.
            case "hostNetwork", "nodeName", "nodeSelector", "affinity", "tolerations", "serviceAccountName", "priorityClassName":
                continue
            default:
                spec.append((pair.key, JSON(pair.value)))
            }
        }
        if let restartPolicy { spec.append(("restartPolicy", .string(restartPolicy))) }
        var metadata: [(String, JSON)] = [("name", .string(name))]
        if let labels { metadata.append(("labels", JSON(labels))) }
        let pod: JSON = .object([("apiVersion", .string("v1")), ("kind", .string("Pod")), ("metadata", .object(metadata)), ("spec", .object(spec))])
        self.json = pod.text
        self.volumes = volumes
    }

    /// What in the manifest reaches the host: hostPath volumes, host namespaces, privileged
    /// containers, added capabilities. `check --run` runs such a Pod only with `--allow-host`.
    public static func hostAccess(_ root: Node) -> [String] {
        let spec = root["kind"]?.scalar?.text == "Pod" ? root["spec"] : root["spec"]?["template"]?["spec"]
        guard let spec else { return [] }
        var found: [String] = []
        for volume in spec["volumes"]?.sequence ?? [] where volume["hostPath"] != nil {
            found.append("hostPath " + (volume["hostPath"]?["path"]?.scalar?.text ?? volume["name"]?.scalar?.text ?? ""))
        }
        for key in ["hostNetwork", "hostPID", "hostIPC"] where spec[key]?.scalar?.value == .bool(true) { found.append(key) }
        for list in ["initContainers", "containers"] {
            for c in spec[list]?.sequence ?? [] {
                let name = c["name"]?.scalar?.text ?? ""
                let security = c["securityContext"]
                if security?["privileged"]?.scalar?.value == .bool(true) { found.append("privileged " + name) }
                if let added = security?["capabilities"]?["add"]?.sequence, !added.isEmpty {
                    found.append("capabilities " + name + ": " + added.compactMap { $0.scalar?.text }.joined(separator: ","))
                }
            }
        }
        return found
    }

    static func container(_ node: Node, volumes: [String: String]) -> JSON {
        guard let pairs = node.mapping else { return JSON(node) }
        // The kubelet expands `$(NAME)` in command and args from the container's env; podman 4.3 does not.
        var env: [String: String] = [:]
        for variable in node["env"]?.sequence ?? [] {
            guard let name = variable["name"]?.scalar?.text, let value = variable["value"]?.scalar?.text else { continue }
            env[name] = expand(value, env)
        }
        var out: [(String, JSON)] = []
        for pair in pairs {
            switch pair.key {
            case "ports", "livenessProbe", "readinessProbe", "startupProbe":
                continue
            case "command", "args":
                out.append((pair.key, .array((pair.value.sequence ?? []).map { word in
                    word.scalar.map { .string(expand($0.text, env)) } ?? JSON(word)
                })))
            case "volumeMounts":
                out.append((pair.key, .array((pair.value.sequence ?? []).map { m in renamed(m, key: "name") { volumes[$0] ?? $0 } })))
            default:
                out.append((pair.key, JSON(pair.value)))
            }
        }
        return .object(out)
    }

    /// `$(NAME)` replaced by NAME's value where the env defines it, `$$` by `$`, as the kubelet does.
    static func expand(_ text: String, _ env: [String: String]) -> String {
        guard text.contains("$") else { return text }
        let chars = Array(text)
        var out = ""
        var k = 0
        while k < chars.count {
            if chars[k] == "$", k + 1 < chars.count {
                if chars[k + 1] == "$" { out.append("$"); k += 2; continue }
                if chars[k + 1] == "(", let close = chars[(k + 2)...].firstIndex(of: ")") {
                    let name = String(chars[(k + 2)..<close])
                    if let value = env[name] { out += value; k = close + 1; continue }
                }
            }
            out.append(chars[k])
            k += 1
        }
        return out
    }

    static func renamed(_ node: Node, key: String, _ rename: (String) -> String) -> JSON {
        guard let pairs = node.mapping else { return JSON(node) }
        return .object(pairs.map { pair in
            if pair.key == key, let text = pair.value.scalar?.text { return (pair.key, .string(rename(text))) }
            return (pair.key, JSON(pair.value))
        })
    }
}

/// A JSON value written from a YAML node (JSON is YAML, so runtimes read it as a manifest).
indirect enum JSON: Sendable {
    case null, bool(Bool), int(Int64), float(Double), string(String)
    case array([JSON])
    case object([(String, JSON)])

    init(_ node: Node) {
        switch node.content {
        case .scalar(let s):
            switch s.value {
            case .null: self = .null
            case .bool(let b): self = .bool(b)
            case .int(let i): self = .int(i)
            case .float(let d): self = d.isFinite ? .float(d) : .string(s.text)
            case .string(let t): self = .string(t)
            }
        case .sequence(let items): self = .array(items.map(JSON.init))
        case .mapping(let pairs): self = .object(pairs.map { ($0.key, JSON($0.value)) })
        }
    }

    var text: String {
        var out = ""
        write(&out)
        return out
    }

    func write(_ out: inout String) {
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .int(let i): out += String(i)
        case .float(let d): out += String(d)
        case .string(let s): JSON.quote(s, &out)
        case .array(let items):
            out += "["
            for (k, item) in items.enumerated() {
                if k > 0 { out += "," }
                item.write(&out)
            }
            out += "]"
        case .object(let pairs):
            out += "{"
            for (k, pair) in pairs.enumerated() {
                if k > 0 { out += "," }
                JSON.quote(pair.0, &out)
                out += ":"
                pair.1.write(&out)
            }
            out += "}"
        }
    }

    static func quote(_ s: String, _ out: inout String) {
        out += "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }
}

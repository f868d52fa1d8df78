public import PodGradeYAML

/// Builds the typed model from YAML nodes. It is tolerant: a field of the
/// wrong type is simply absent from the model (the schema check reports it),
/// so every later analysis sees only well-typed values.
public enum WorkloadDecoder {
    /// Kinds that carry a pod spec, and where it lives.
    public static let podSpecPaths: [String: [String]] = [
        "Pod": ["spec"],
        "PodTemplate": ["template", "spec"],
        "Deployment": ["spec", "template", "spec"],
        "ReplicaSet": ["spec", "template", "spec"],
        "StatefulSet": ["spec", "template", "spec"],
        "DaemonSet": ["spec", "template", "spec"],
        "Job": ["spec", "template", "spec"],
        "ReplicationController": ["spec", "template", "spec"],
        "CronJob": ["spec", "jobTemplate", "spec", "template", "spec"],
    ]

    /// Every object of a document: the root, or the items of a `List`.
    public static func objects(in document: Document) -> [(node: Node, path: String)] {
        objects(in: document.root, path: "")
    }

    private static func objects(in node: Node, path: String) -> [(node: Node, path: String)] {
        guard node.mapping != nil else { return [] }
        if let kind = node["kind"]?.string, kind == "List" || (kind.hasSuffix("List") && node["items"]?.sequence != nil) {
            var result: [(Node, String)] = []
            for (i, item) in (node["items"]?.sequence ?? []).enumerated() {
                result += objects(in: item, path: join(path, "items[\(i)]"))
            }
            return result
        }
        return [(node, path)]
    }

    /// The workload an object is, if its kind carries a pod template.
    public static func workload(_ node: Node, path: String) -> Workload? {
        guard let kind = node["kind"]?.string, let specPath = podSpecPaths[kind] else { return nil }
        let metadata = node["metadata"]
        let metaPath = join(path, "metadata")
        var specNode: Node? = node
        var specPathText = path
        var templateMeta: Node?
        var templateMetaPath = ""
        for (i, key) in specPath.enumerated() {
            if key == "template", i + 1 < specPath.count {
                templateMeta = specNode?["template"]?["metadata"]
                templateMetaPath = join(specPathText, "template.metadata")
            }
            specNode = specNode?[key]
            specPathText = join(specPathText, key)
        }
        let isOwner = kind != "Pod"
        let spec = node["spec"]
        return Workload(
            kind: kind,
            apiVersion: node["apiVersion"]?.string,
            name: string(metadata, "name", metaPath),
            namespace: string(metadata, "namespace", metaPath),
            labels: labels(metadata?["labels"], join(metaPath, "labels")),
            path: path,
            mark: node.mark,
            metadataMark: metadata?.mark ?? node.mark,
            replicas: isOwner ? int(spec, "replicas", join(path, "spec")) : nil,
            selector: isOwner ? (kind == "ReplicationController"
                                 ? mapSelector(spec?["selector"], join(path, "spec.selector"))
                                 : selector(spec?["selector"], join(path, "spec.selector"))) : nil,
            templateLabels: isOwner ? labels(templateMeta?["labels"], join(templateMetaPath, "labels")) : nil,
            templateMetadataMark: templateMeta?.mark,
            pod: specNode.flatMap { $0.mapping != nil ? podSpec($0, path: specPathText) : nil },
            node: node)
    }

    /// Every workload of a document.
    public static func workloads(in document: Document) -> [Workload] {
        objects(in: document).compactMap { workload($0.node, path: $0.path) }
    }

    static func podSpec(_ node: Node, path: String) -> PodSpec {
        PodSpec(
            path: path,
            mark: node.mark,
            containers: containers(node["containers"], join(path, "containers"), role: .app),
            initContainers: containers(node["initContainers"], join(path, "initContainers"), role: .initContainer),
            volumes: items(node["volumes"], join(path, "volumes")).map(volume),
            restartPolicy: string(node, "restartPolicy", path),
            hostNetwork: node["hostNetwork"]?.bool ?? false)
    }

    private static func containers(_ node: Node?, _ path: String, role: Container.Role) -> [Container] {
        items(node, path).map { item, itemPath, index in
            Container(
                role: role, index: index, path: itemPath, mark: item.mark,
                name: string(item, "name", itemPath),
                image: string(item, "image", itemPath),
                command: strings(item["command"], join(itemPath, "command")),
                args: strings(item["args"], join(itemPath, "args")),
                ports: items(item["ports"], join(itemPath, "ports")).map { p, pPath, pIndex in
                    ContainerPort(index: pIndex, path: pPath, mark: p.mark,
                                  containerPort: int(p, "containerPort", pPath),
                                  name: string(p, "name", pPath),
                                  protocol: string(p, "protocol", pPath),
                                  hostPort: int(p, "hostPort", pPath),
                                  hostIP: string(p, "hostIP", pPath))
                },
                env: items(item["env"], join(itemPath, "env")).map { e, ePath, _ in
                    EnvVar(path: ePath, mark: e.mark, name: string(e, "name", ePath), value: scalarText(e, "value", ePath),
                           hasValueFrom: e["valueFrom"]?.mapping != nil,
                           valueFromMark: e["valueFrom"].flatMap { $0.mapping != nil ? $0.mark : nil })
                },
                volumeMounts: items(item["volumeMounts"], join(itemPath, "volumeMounts")).map { m, mPath, mIndex in
                    VolumeMount(index: mIndex, path: mPath, mark: m.mark,
                                name: string(m, "name", mPath),
                                mountPath: string(m, "mountPath", mPath),
                                subPath: string(m, "subPath", mPath),
                                subPathExpr: string(m, "subPathExpr", mPath),
                                readOnly: bool(m, "readOnly", mPath))
                },
                resources: item["resources"].flatMap { resources($0, join(itemPath, "resources")) },
                restartPolicy: string(item, "restartPolicy", itemPath),
                workingDir: string(item, "workingDir", itemPath))
        }
    }

    /// Fields of a Volume that are not its source.
    private static let volumeNonSourceFields: Set<String> = ["name"]

    private static func volume(_ node: Node, _ path: String, _ index: Int) -> Volume {
        var sources: [Located<String>] = []
        for pair in node.mapping ?? [] where !volumeNonSourceFields.contains(pair.key) && !pair.value.isNull {
            sources.append(Located(pair.key, path: join(path, pair.key), mark: pair.keyNode.mark))
        }
        return Volume(index: index, path: path, mark: node.mark,
                      name: string(node, "name", path),
                      sources: sources,
                      hostPath: string(node["hostPath"], "path", join(path, "hostPath")))
    }

    private static func resources(_ node: Node, _ path: String) -> Resources? {
        guard node.mapping != nil else { return nil }
        func entries(_ key: String) -> [ResourceEntry] {
            let basePath = join(path, key)
            return (node[key]?.mapping ?? []).compactMap { pair in
                guard let scalar = pair.value.scalar else { return nil }
                let text: String
                switch scalar.value {
                case .string(let s): text = s
                case .int(let i): text = String(i)
                case .float: text = scalar.text
                default: return nil
                }
                let located = Located(text, path: join(basePath, pair.key), mark: pair.value.mark)
                return ResourceEntry(name: pair.key, text: located, quantity: Quantity(text))
            }
        }
        return Resources(path: path, mark: node.mark, requests: entries("requests"), limits: entries("limits"),
                         requestsMark: node["requests"]?.mark, limitsMark: node["limits"]?.mark)
    }

    private static func selector(_ node: Node?, _ path: String) -> LabelSelector? {
        guard let node, node.mapping != nil else { return nil }
        let expressions = items(node["matchExpressions"], join(path, "matchExpressions")).map { e, ePath, _ in
            SelectorRequirement(key: e["key"]?.string ?? "", op: e["operator"]?.string ?? "",
                                values: (e["values"]?.sequence ?? []).compactMap { $0.scalar?.text },
                                path: ePath, mark: e.mark)
        }
        return LabelSelector(matchLabels: labels(node["matchLabels"], join(path, "matchLabels")),
                             matchExpressions: expressions, path: path, mark: node.mark)
    }

    /// A ReplicationController's selector: a plain map, read as matchLabels.
    private static func mapSelector(_ node: Node?, _ path: String) -> LabelSelector? {
        guard let node, node.mapping != nil else { return nil }
        return LabelSelector(matchLabels: labels(node, path), matchExpressions: [], path: path, mark: node.mark)
    }

    // MARK: - Field helpers

    /// `base.key`: one allocation, written in place (paths are built for every field read,
    /// and `+` or `append` cost several times the copy itself).
    static func join(_ base: String, _ key: String) -> String {
        if base.isEmpty { return key }
        return concatenate(base, UInt8(ascii: "."), key, nil)
    }

    /// `base[index]`, the same way.
    static func indexed(_ base: String, _ index: Int) -> String {
        concatenate(base, UInt8(ascii: "["), String(index), UInt8(ascii: "]"))
    }

    /// `a`, one separator byte, `b`, and an optional closing byte, in one allocation.
    private static func concatenate(_ a: String, _ separator: UInt8, _ b: String, _ closing: UInt8?) -> String {
        var a = a, b = b
        let count = a.utf8.count + 1 + b.utf8.count + (closing == nil ? 0 : 1)
        return a.withUTF8 { first in
            b.withUTF8 { second in
                String(unsafeUninitializedCapacity: count) { buffer in
                    var k = 0
                    for byte in first { buffer[k] = byte; k += 1 }
                    buffer[k] = separator; k += 1
                    for byte in second { buffer[k] = byte; k += 1 }
                    if let closing { buffer[k] = closing; k += 1 }
                    return k
                }
            }
        }
    }

    /// The elements of a sequence field with their paths and indices.
    private static func items(_ node: Node?, _ path: String) -> [(Node, String, Int)] {
        guard let sequence = node?.sequence else { return [] }
        var result: [(Node, String, Int)] = []
        result.reserveCapacity(sequence.count)
        for (i, item) in sequence.enumerated() where item.mapping != nil {
            result.append((item, indexed(path, i), i))
        }
        return result
    }

    private static func string(_ node: Node?, _ key: String, _ path: String) -> Located<String>? {
        guard let value = node?[key], let s = value.string else { return nil }
        return Located(s, path: join(path, key), mark: value.mark)
    }

    /// A scalar's text whatever its type (env values are often written as numbers).
    private static func scalarText(_ node: Node?, _ key: String, _ path: String) -> Located<String>? {
        guard let value = node?[key], let s = value.scalar, !value.isNull else { return nil }
        return Located(s.text, path: join(path, key), mark: value.mark)
    }

    private static func int(_ node: Node?, _ key: String, _ path: String) -> Located<Int64>? {
        guard let value = node?[key], let i = value.int else { return nil }
        return Located(i, path: join(path, key), mark: value.mark)
    }

    private static func bool(_ node: Node?, _ key: String, _ path: String) -> Located<Bool>? {
        guard let value = node?[key], let b = value.bool else { return nil }
        return Located(b, path: join(path, key), mark: value.mark)
    }

    private static func strings(_ node: Node?, _ path: String) -> [Located<String>]? {
        guard let sequence = node?.sequence else { return nil }
        return sequence.enumerated().compactMap { i, item in
            guard let s = item.scalar, !item.isNull else { return nil }
            return Located(s.text, path: indexed(path, i), mark: item.mark)
        }
    }

    private static func labels(_ node: Node?, _ path: String) -> [Label] {
        (node?.mapping ?? []).compactMap { pair in
            guard let s = pair.value.scalar, !pair.value.isNull else { return nil }
            return Label(key: pair.key, value: Located(s.text, path: join(path, pair.key), mark: pair.value.mark))
        }
    }
}

public import PodGradeYAML

/// Rule k8s.schema: what kubectl's strict decoding rejects in an object of any
/// built-in kind (unknown fields, values of the wrong type, missing required
/// fields), with the object types of Kubernetes' published schemas
/// (`SchemaTable`). An object without apiVersion and kind is not an object; a
/// kind unknown in a built-in API group, or a built-in kind under an apiVersion
/// that does not serve it, is an error. A kind of another group (a custom
/// resource) has no schema here: `unchecked(_:)` names it, `check` passes it.
public enum SchemaChecker {
    /// The kinds this checker knows.
    public static var kinds: Set<String> { Set(SchemaTable.shared.kinds.keys) }

    /// The Kubernetes version whose schemas the table holds.
    public static var kubernetesVersion: String { GeneratedSchemas.kubernetesVersion }

    public static func check(_ object: Node, path: String) -> [K8sIssue] {
        let table = SchemaTable.shared
        var issues: [K8sIssue] = []
        func issue(_ problem: K8sIssue.Problem, _ field: String?, _ mark: Mark) {
            let full = field.map { path.isEmpty ? $0 : path + "." + $0 } ?? path
            issues.append(K8sIssue(.schema, problem, path: full, mark: mark))
        }
        let kindNode = object["kind"], versionNode = object["apiVersion"]
        if let kindNode, !kindNode.isNull, kindNode.string == nil {
            // `kind: {Pod: 1}` or `kind: 17`: no schema applies, but the object is not what it meant to be.
            issue(.wrongType(expected: .string, found: kindNode.typeName), "kind", kindNode.mark)
            return issues
        }
        if let versionNode, !versionNode.isNull, versionNode.string == nil {
            issue(.wrongType(expected: .string, found: versionNode.typeName), "apiVersion", versionNode.mark)
        }
        let kind = kindNode?.string.flatMap { $0.isEmpty ? nil : $0 }
        let apiVersion = versionNode?.string.flatMap { $0.isEmpty ? nil : $0 }
        if kindNode == nil && versionNode == nil {
            // `key: value`, or a mapping that lost both lines: not a Kubernetes object at all.
            issue(.notAnObject, nil, object.mark)
            return issues
        }
        let versionMistyped = versionNode.map { !$0.isNull && $0.string == nil } ?? false
        if apiVersion == nil && !versionMistyped {
            issue(.required, "apiVersion", versionNode?.mark ?? object.mark)
        }
        guard let kind else {
            issue(.required, "kind", kindNode?.mark ?? object.mark)
            return issues
        }
        guard let versions = table.kinds[kind], let preferred = versions.first else {
            if let apiVersion, table.groups.contains(SchemaTable.group(of: apiVersion)) {
                issue(.unknownKind(kind, apiVersion: apiVersion, suggestion: table.suggestion(forKind: kind)),
                      "kind", kindNode?.mark ?? object.mark)
            }
            return issues
        }
        var typeIndex = preferred.type
        if let apiVersion {
            if let match = versions.first(where: { $0.apiVersion == apiVersion }) {
                typeIndex = match.type
            } else {
                issue(.unknownAPIVersion(apiVersion, kind: kind, served: versions.map(\.apiVersion)),
                      "apiVersion", versionNode?.mark ?? object.mark)
            }
        }
        guard let schema = table.type(typeIndex) else { return issues }
        var walker = SchemaWalker(base: path, table: table)
        walker.visitTop(object, schema)
        return issues + walker.issues
    }

    /// The kind and apiVersion of an object no schema here describes (a custom
    /// resource): not checked, which `validate` says as a warning.
    public static func unchecked(_ object: Node) -> (kind: String, apiVersion: String)? {
        guard let kind = object["kind"]?.string, !kind.isEmpty,
              let apiVersion = object["apiVersion"]?.string, !apiVersion.isEmpty else { return nil }
        let table = SchemaTable.shared
        if table.kinds[kind] != nil || table.groups.contains(SchemaTable.group(of: apiVersion)) { return nil }
        return (kind, apiVersion)
    }
}

/// A depth-first walk (input depth is capped by the reader) that keeps the
/// current field path as a stack of segments and renders it only for an issue.
private struct SchemaWalker {
    enum Segment {
        case key(String)
        case index(Int)
    }

    let base: String
    let table: SchemaTable
    var segments: [Segment] = []
    var issues: [K8sIssue] = []

    init(base: String, table: SchemaTable) {
        self.base = base
        self.table = table
        segments.reserveCapacity(16)
    }

    func currentPath(appending extra: String? = nil) -> String {
        var path = base
        for segment in segments {
            switch segment {
            case .key(let key): path += path.isEmpty ? key : "." + key
            case .index(let i): path += "[\(i)]"
            }
        }
        if let extra { path += path.isEmpty ? extra : "." + extra }
        return path
    }

    mutating func report(_ problem: K8sIssue.Problem, mark: Mark, extra: String? = nil) {
        issues.append(K8sIssue(.schema, problem, path: currentPath(appending: extra), mark: mark))
    }

    mutating func wrongType(_ expected: K8sIssue.ValueType, _ node: Node) {
        report(.wrongType(expected: expected, found: node.typeName), mark: node.mark)
    }

    mutating func visit(_ node: Node, _ type: FieldType) {
        // JSON null is "absent" to Kubernetes, whatever the field.
        if node.isNull { return }
        switch type {
        case .any:
            return
        case .string:
            if node.string == nil { wrongType(.string, node) }
        case .integer:
            if node.int == nil { wrongType(.integer, node) }
        case .boolean:
            if node.bool == nil { wrongType(.boolean, node) }
        case .number:
            guard let scalar = node.scalar else { return wrongType(.number, node) }
            switch scalar.value {
            case .int, .float: return
            default: wrongType(.number, node)
            }
        case .quantity:
            guard let scalar = node.scalar else { return wrongType(.quantity, node) }
            switch scalar.value {
            case .int, .float, .string: return
            default: wrongType(.quantity, node)
            }
        case .intOrString:
            if node.int == nil && node.string == nil { wrongType(.intOrString, node) }
        case .stringMap:
            guard let pairs = node.mapping else { return wrongType(.stringMap, node) }
            for pair in pairs where !pair.value.isNull && pair.value.string == nil {
                segments.append(.key(pair.key))
                wrongType(.string, pair.value)
                segments.removeLast()
            }
        case .openObject:
            if node.mapping == nil { wrongType(.object, node) }
        case .array(let element):
            guard let items = node.sequence else { return wrongType(.array, node) }
            for (i, item) in items.enumerated() {
                segments.append(.index(i))
                visit(item, element)
                segments.removeLast()
            }
        case .map(let valueType):
            guard let pairs = node.mapping else { return wrongType(.object, node) }
            for pair in pairs {
                segments.append(.key(pair.key))
                visit(pair.value, valueType)
                segments.removeLast()
            }
        case .object(let index):
            guard let schema = table.type(index) else { return }
            visitObject(node, schema)
        }
    }

    /// A top-level object: apiVersion and kind were checked by the caller; its
    /// metadata needs a name or a generateName (missing metadata: its name is what is missing).
    mutating func visitTop(_ node: Node, _ schema: ObjectSchema) {
        guard let pairs = node.mapping else { return wrongType(.object, node) }
        for pair in pairs where pair.key != "apiVersion" && pair.key != "kind" {
            segments.append(.key(pair.key))
            if let fieldType = schema.fields[pair.key] {
                visit(pair.value, fieldType)
                if pair.key == "metadata", pair.value.mapping != nil,
                   isAbsent(pair.value["name"]), isAbsent(pair.value["generateName"]) {
                    report(.required, mark: pair.value.mark, extra: "name")
                }
            } else {
                report(.unknownField(pair.key, suggestion: schema.suggestion(for: pair.key)), mark: pair.keyNode.mark)
            }
            segments.removeLast()
        }
        if isAbsent(node["metadata"]) {
            report(.required, mark: node.mark, extra: "metadata.name")
        }
        for name in schema.required where name != "metadata" && isAbsent(node[name]) {
            report(.required, mark: node.mark, extra: name)
        }
    }

    private mutating func visitObject(_ node: Node, _ schema: ObjectSchema) {
        guard let pairs = node.mapping else { return wrongType(.object, node) }
        for pair in pairs {
            segments.append(.key(pair.key))
            if let fieldType = schema.fields[pair.key] {
                visit(pair.value, fieldType)
            } else {
                report(.unknownField(pair.key, suggestion: schema.suggestion(for: pair.key)), mark: pair.keyNode.mark)
            }
            segments.removeLast()
        }
        for name in schema.required where isAbsent(node[name]) {
            report(.required, mark: node.mark, extra: name)
        }
    }

    private func isAbsent(_ node: Node?) -> Bool {
        guard let node else { return true }
        return node.isNull
    }
}

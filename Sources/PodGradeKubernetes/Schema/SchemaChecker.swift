public import PodGradeYAML

/// Rule k8s.schema: what kubectl's strict decoding rejects in a Pod or an
/// object owning a pod template (unknown fields, values of the wrong type,
/// missing required fields). Other kinds get no issues.
public enum SchemaChecker {
    /// The kinds this checker knows.
    public static var kinds: Set<String> { Set(WorkloadSchemas.byKind.keys) }

    public static func check(_ object: Node, path: String) -> [K8sIssue] {
        if let kindNode = object["kind"], !kindNode.isNull, kindNode.string == nil {
            // `kind: {Pod: 1}` or `kind: 17`: no schema applies, but the object is not what it meant to be.
            let kindPath = path.isEmpty ? "kind" : path + ".kind"
            return [K8sIssue(.schema, .wrongType(expected: .string, found: kindNode.typeName), path: kindPath, mark: kindNode.mark)]
        }
        guard let kind = object["kind"]?.string, let schema = WorkloadSchemas.byKind[kind] else { return [] }
        var walker = SchemaWalker(base: path)
        walker.visit(object, .object(schema))
        return walker.issues
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
    var segments: [Segment] = []
    var issues: [K8sIssue] = []

    init(base: String) {
        self.base = base
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
        case .object(let schema):
            visitObject(node, schema)
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
            if case .object(let child)? = schema.fields[name], child.requiresNameOrGenerateName {
                // Missing metadata altogether: what is missing is its name.
                report(.required, mark: node.mark, extra: name + ".name")
            } else {
                report(.required, mark: node.mark, extra: name)
            }
        }
        if schema.requiresNameOrGenerateName, isAbsent(node["name"]), isAbsent(node["generateName"]) {
            report(.required, mark: node.mark, extra: "name")
        }
    }

    private func isAbsent(_ node: Node?) -> Bool {
        guard let node else { return true }
        return node.isNull
    }
}

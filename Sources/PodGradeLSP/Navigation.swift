import PodGradeYAML

/// Finding the YAML node under a position, by descending the parsed tree
/// (never the text): at each mapping the last key that starts at or before
/// the position, at each sequence the last item. The descent visits one
/// branch per level, so an alias bomb costs no more than its depth.
struct NodeAt {
    /// kubectl-style path of the field: `spec.containers[1].volumeMounts[0].readOnly`.
    let path: String
    /// The field's key (the last mapping key on the way), if any.
    let key: String?
    let keyNode: Node?
    let node: Node
    let isKey: Bool
}

enum Navigation {
    /// The chain of nodes from the document's root down to the position (1-based line, scalar column).
    static func chain(_ yaml: YAMLFile, line: Int, column: Int) -> [NodeAt] {
        let target = Mark(line: line, column: column)
        guard let document = yaml.documents.last(where: { $0.root.mark <= target }) ?? yaml.documents.first else { return [] }
        var chain: [NodeAt] = [NodeAt(path: "", key: nil, keyNode: nil, node: document.root, isKey: false)]
        var node = document.root
        var path = ""
        var depth = 0
        while depth < 256 {
            depth += 1
            switch node.content {
            case .mapping(let pairs):
                guard let pair = pairs.last(where: { $0.keyNode.mark <= target }) else { return chain }
                path = path.isEmpty ? pair.key : path + "." + pair.key
                if pair.keyNode.mark.line == target.line && pair.value.mark > target {
                    chain.append(NodeAt(path: path, key: pair.key, keyNode: pair.keyNode, node: pair.keyNode, isKey: true))
                    return chain
                }
                chain.append(NodeAt(path: path, key: pair.key, keyNode: pair.keyNode, node: pair.value, isKey: false))
                node = pair.value
            case .sequence(let items):
                guard let index = items.lastIndex(where: { $0.mark <= target }) else { return chain }
                path += "[\(index)]"
                let key = chain.last?.key
                chain.append(NodeAt(path: path, key: key, keyNode: chain.last?.keyNode, node: items[index], isKey: false))
                node = items[index]
            case .scalar:
                return chain
            }
        }
        return chain
    }
}
